"""History with real stored sessions: charts per score and metric, compare, calibration, streak and goal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from review_data import _services, interview_clip, jfk_clip, store_session

from app.core.session import SelfRating
from app.gui.context import AppContext
from app.gui.pages.history import HistoryPage
from app.gui.settings import Key, Settings
from app.gui.tasks import TaskRunner
from app.storage.database import Database

pytestmark = [pytest.mark.gui, pytest.mark.media, pytest.mark.slow]


@pytest.fixture
def context():  # type: ignore[no-untyped-def]
    database = Database.open()
    runner = TaskRunner(max_threads=2)
    ctx = AppContext(settings=Settings(), runner=runner, services=_services(), database=database)
    yield ctx
    runner.shutdown()
    database.close()


def test_empty_history_says_so(qtbot, context: AppContext) -> None:
    page = HistoryPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.stack.currentWidget() is page.empty
    assert "No sessions yet" in page.empty.text()


def test_history_charts_compare_and_goal(
    qtbot, context: AppContext, shared_video: Path, shared_audio: Path
) -> None:
    interview, jfk = interview_clip(shared_video), jfk_clip(shared_audio)
    db = context.database
    assert db is not None
    now = datetime.now(UTC)
    days = [now - timedelta(days=2), now - timedelta(days=1), now]
    store_session(db, [jfk], days[0].isoformat(), "Monday", rating=SelfRating(4, None, 4, 4))
    store_session(db, [interview], days[1].isoformat(), "Tuesday", rating=SelfRating(3, 3, 3, 3))
    store_session(db, [interview, jfk], days[2].isoformat(), "Today", rating=SelfRating(4, 4, 3, 4))
    context.settings.set(Key.WEEKLY_GOAL, 5)
    page = HistoryPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.stack.currentWidget() is page.tabs

    points = page.score_chart.series_points()
    assert set(points) == {"Delivery", "Body language", "Content", "Overall"}
    assert len(points["Overall"]) == 3 and len(points["Delivery"]) == 3
    assert len(points["Body language"]) == 2  # the audio-only session has no body language: no made-up point
    wpm = page.metric_charts["wpm"].series_points()["Words per minute"]
    assert len(wpm) == 3 and all(90 < y < 200 for _x, y in wpm)
    facing = page.metric_charts["facing"].series_points()["Facing the camera"]
    assert [x for x, _y in facing] == [1.0, 2.0]
    assert len(page.calibration_chart.series_points()["Gap (yours - measured)"]) == 3

    assert page.compare_table.rowCount() == 8
    labels = [page.compare_table.item(row, 0).text() for row in range(8)]
    assert labels[:4] == ["Delivery", "Body language", "Content", "Overall"]
    assert page.compare_a.currentText().endswith("Tuesday") and page.compare_b.currentText().endswith("Today")
    assert page.compare_table.item(7, 1).text() == "1" and page.compare_table.item(7, 2).text() == "2"
    page.compare_a.setCurrentIndex(2)  # Monday: audio only
    assert page.compare_table.item(1, 1).text() == "not measured"

    assert page.streak_label.text().startswith("Streak: 3 days")
    assert page.goal_bar.maximum() == 5
    week_start = now.astimezone().date() - timedelta(days=now.astimezone().weekday())
    this_week = sum(1 for d in days if d.astimezone().date() >= week_start)
    assert page.goal_bar.value() == this_week and f"{this_week} of 5 this week" in page.goal_bar.format()
    page.goal_spin.setValue(2)
    assert Settings().get(Key.WEEKLY_GOAL) == 2
    qtbot.waitUntil(lambda: page.goal_bar.maximum() == 2, timeout=10000)
