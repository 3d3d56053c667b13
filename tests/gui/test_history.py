"""History with real stored sessions: charts per score and metric, compare, calibration, streak and goal."""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from review_data import QUESTION, _services, interview_clip, jfk_clip, store_session

from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus
from app.gui.context import AppContext
from app.gui.history.history_page import HistoryPage
from app.gui.review.review_list import local_time
from app.gui.settings.keys import Key, Settings
from app.gui.tasks import TaskRunner
from app.session.typed import analyse_typed_text
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
    assert set(points) == {"Delivery", "Body language", "Content"}
    assert len(points["Delivery"]) == 3
    assert len(points["Body language"]) == 2  # the audio-only session has no body language: no made-up point
    # Overall: only Tuesday and Today have camera-and-microphone answers (Monday was audio only)
    assert len(page.overall_chart.series_points()["Overall"]) == 2
    wpm = page.metric_charts["wpm"].series_points()["Words per minute"]
    assert len(wpm) == 3 and all(90 < y < 200 for _x, y in wpm)
    facing = page.metric_charts["facing"].series_points()["Facing the camera"]
    assert [x for x, _y in facing] == [1.0, 2.0]
    assert len(page.calibration_chart.series_points()["Gap (yours - measured)"]) == 3

    assert page.compare_table.rowCount() == 8
    labels = [page.compare_table.item(row, 0).text() for row in range(8)]
    assert labels[:4] == [
        "Delivery",
        "Body language",
        "Content",
        "Overall (recorded with camera and microphone)",
    ]
    assert page.compare_a.currentText().endswith("Tuesday") and page.compare_b.currentText().endswith("Today")
    assert page.compare_table.item(7, 1).text() == "1" and page.compare_table.item(7, 2).text() == "2"
    page.compare_a.setCurrentIndex(2)  # Monday: audio only, compared with Today's audio-only answer
    assert page.compare_table.item(1, 1).text() == "not measured"
    assert page.compare_table.item(3, 0).text() == "Overall (recorded with the microphone only)"

    assert page.streak_label.text().startswith("Streak: 3 days")
    assert page.goal_bar.maximum() == 5
    week_start = now.astimezone().date() - timedelta(days=now.astimezone().weekday())
    this_week = sum(1 for d in days if d.astimezone().date() >= week_start)
    assert page.goal_bar.value() == this_week and f"{this_week} of 5 this week" in page.goal_bar.format()
    page.goal_spin.setValue(2)
    assert Settings().get(Key.WEEKLY_GOAL) == 2
    qtbot.waitUntil(lambda: page.goal_bar.maximum() == 2, timeout=10000)


def _inside_plot(chart) -> bool:  # type: ignore[no-untyped-def]
    area = chart.chart_.plotArea().adjusted(-0.5, -0.5, 0.5, 0.5)
    positions = [p for points in chart.point_positions().values() for p in points]
    return bool(positions) and all(area.contains(p) for p in positions)


def test_six_sessions_all_drawn_labelled_apart_and_counted_honestly(
    qtbot, context: AppContext, shared_video: Path, shared_audio: Path, tmp_path: Path
) -> None:
    interview, jfk = interview_clip(shared_video), jfk_clip(shared_audio)
    db = context.database
    assert db is not None
    now = datetime.now(UTC).replace(microsecond=0)
    same_day = (now - timedelta(days=1)).replace(hour=10, minute=0, second=5)
    store_session(db, [jfk], (now - timedelta(days=3)).isoformat(), "Practice", rating=SelfRating(4, 4, 4, 4))
    store_session(db, [interview], (now - timedelta(days=2)).isoformat(), "Practice")
    store_session(db, [interview, jfk], same_day.isoformat(), "Practice", rating=SelfRating(3, 3, 3, 3))
    store_session(db, [interview], (same_day + timedelta(seconds=30)).isoformat(), "Practice")  # same minute
    imported_at = (
        now - timedelta(minutes=1)
    ).isoformat()  # before "Today": the latest is camera and microphone
    store_session(db, [jfk], imported_at, "Imported", status=SessionStatus.IMPORTED)
    store_session(db, [interview], now.isoformat(), "Today", rating=SelfRating(1, 1, 1, 1))  # rated low
    store_session(db, [], now.isoformat(), "Nothing recorded")
    context.settings.set(Key.WEEKLY_GOAL, 3)
    page = HistoryPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.data is not None and len(page.data.sessions) == 6  # the empty one has nothing to chart

    charts = [
        (0, page.score_chart),
        *((1, chart) for chart in page.metric_charts.values()),
        (2, page.calibration_chart),
    ]
    for tab, chart in charts:
        page.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda chart=chart: chart.chart_.plotArea().width() > 0)
        sessions = 3 if chart is page.calibration_chart else 6  # three sessions were rated
        assert chart.x_axis.min() == -0.5 and chart.x_axis.max() == sessions - 0.5  # first to last, margins
        assert _inside_plot(chart), chart.chart_.title()
    delivery = page.score_chart.series_points()["Delivery"]
    assert [x for x, _y in delivery] == [0, 1, 2, 3, 4, 5]
    overall = page.overall_chart.series_points()["Overall"]  # the four with camera-and-microphone answers
    assert [x for x, _y in overall] == [0, 1, 2, 3]
    assert len(page.overall_chart.categories) == 4

    gaps = page.calibration_chart.series_points()["Gap (yours - measured)"]
    assert len(gaps) == 3 and gaps[-1][1] < 0  # rated 1 against a measured score above 1
    assert page.calibration_chart.y_axis.min() == -page.calibration_chart.y_axis.max()
    assert page.calibration_chart.y_axis.min() < gaps[-1][1]

    labels = [page.compare_a.itemText(i) for i in range(page.compare_a.count())]
    assert len(labels) == 6 and len(set(labels)) == 6
    minute = local_time(same_day.isoformat())
    assert [text for text in page.score_chart.categories if text.startswith(minute)] == [
        f"{minute} #3",
        f"{minute} #4",
    ]

    week_start = now.astimezone().date() - timedelta(days=now.astimezone().weekday())
    practised = [now - timedelta(days=3), now - timedelta(days=2), same_day, same_day, now]
    this_week = sum(1 for d in practised if d.astimezone().date() >= week_start)
    assert f"{this_week} of 3 this week" in page.goal_bar.format()  # not the import, not the empty session
    assert page.goal_rule.text().startswith("Practice sessions with at least one answer count")

    for tab in range(page.tabs.count()):  # to look at: every tab of a six-session history
        page.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda: page.score_chart.chart_.plotArea().width() > 0)  # laid out again
        assert page.grab().save(str(tmp_path / f"history-{tab}.png"))


def test_compare_subtracts_the_values_it_shows(qtbot, context: AppContext, shared_video: Path) -> None:
    interview = interview_clip(shared_video)
    db = context.database
    assert db is not None
    now = datetime.now(UTC)
    first = store_session(db, [interview], (now - timedelta(days=1)).isoformat(), "Before")
    second = store_session(db, [interview, interview], now.isoformat(), "After")
    page = HistoryPage(context)
    qtbot.addWidget(page)
    for session, overall in ((first, [4.24]), (second, [4.46, None])):
        for answer, value in zip(session.answers, overall, strict=True):
            assert answer.analysis is not None and answer.analysis.scores is not None
            # the second answer: no overall (a silent video), which is left out, not counted as 0
            answer.analysis.scores = replace(answer.analysis.scores, overall=value)
    rows = {row[0]: row for row in page.compare_rows(first, second)}
    overall = "Overall (recorded with camera and microphone)"
    assert rows[overall] == (overall, "4.2", "4.5", "+0.3")
    wpm = rows["Words per minute (wpm)"]
    assert wpm[3] == "+0"  # the same recording: shown without decimals, and so is the change


def _typed_session(db: Database, created_at: str, title: str) -> Session:
    """A session of one typed answer, analysed by the app's own typed-answer path (content only)."""
    session = Session(
        id=uuid.uuid4().hex,
        title=title,
        created_at=created_at,
        status=SessionStatus.COMPLETED,
        ended_at=created_at,
    )
    db.save_session(session)
    text = (
        "In my last role I led a team of five engineers. We rebuilt the payment service over three "
        "months, and the error rate dropped by half. I learned to agree on the goal before the plan."
    )
    answer = Answer(
        id=uuid.uuid4().hex,
        session_id=session.id,
        position=0,
        question=QUESTION,
        status=AnswerStatus.ANALYSED,
        started_at=created_at,
        analysis=analyse_typed_text(text, QUESTION),
    )
    db.save_answer(answer)
    session.answers.append(answer)
    return session


def test_overall_is_compared_only_between_sessions_recorded_the_same_way(
    qtbot, context: AppContext, shared_video: Path, shared_audio: Path
) -> None:
    """Camera-and-microphone, microphone-only and typed sessions: each dimension has its own trend over
    every session that measured it; overall is drawn only for the sessions recorded like the latest one,
    the chart says so, and Compare does not subtract overalls measured on different things."""
    interview, jfk = interview_clip(shared_video), jfk_clip(shared_audio)
    db = context.database
    assert db is not None
    now = datetime.now(UTC).replace(microsecond=0)
    kinds = ["camera", "microphone", "typed", "camera", "microphone", "camera"]
    for day, kind in enumerate(kinds):
        when = (now - timedelta(days=len(kinds) - day)).isoformat()
        if kind == "typed":
            _typed_session(db, when, "Typed")
        else:
            store_session(db, [interview if kind == "camera" else jfk], when, kind.title())
    page = HistoryPage(context)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10000)
    assert page.data is not None and len(page.data.sessions) == 6

    dims = page.score_chart.series_points()
    assert [x for x, _y in dims["Delivery"]] == [0, 1, 3, 4, 5]  # the typed answer was not spoken
    assert [x for x, _y in dims["Content"]] == [0, 1, 2, 3, 4, 5]
    assert [x for x, _y in dims["Body language"]] == [0, 3, 5]
    overall = page.overall_chart.series_points()["Overall"]
    assert len(overall) == 3  # the three camera-and-microphone sessions only
    camera_overall = interview.result.analysis.scores.overall
    assert camera_overall is not None and all(y == pytest.approx(camera_overall) for _x, y in overall)
    title = page.overall_chart.chart_.title().replace("<br>", " ")
    assert "compared only across 3 sessions recorded with camera and microphone" in title
    assert "2 sessions recorded another way left out" in page.overall_chart.toolTip()
    assert page.trend_label.text().startswith("Trends: Delivery: ")

    by_title = {page.compare_a.itemText(i).split(" — ")[-1]: i for i in range(page.compare_a.count())}
    page.compare_a.setCurrentIndex(by_title["Microphone"])  # the latest microphone-only session
    page.compare_b.setCurrentIndex(0)  # the latest, camera and microphone
    row = [page.compare_table.item(3, column).text() for column in range(4)]
    assert row[0] == "Overall" and row[3] == "recorded differently"
    assert float(row[1]) == pytest.approx(jfk.result.analysis.scores.overall, abs=0.05)
    page.compare_a.setCurrentIndex(by_title["Typed"])
    assert [page.compare_table.item(3, c).text() for c in (1, 3)] == ["not measured", ""]  # no overall typed

    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.overall_chart.chart_.plotArea().width() > 0)
    assert _inside_plot(page.overall_chart) and _inside_plot(page.score_chart)
    shot = Path(tempfile.gettempdir()) / "history-overall-like-with-like.png"
    assert page.grab().save(str(shot))  # looked at: nothing cut off at 1024x700
    page.compare_a.setCurrentIndex(by_title["Microphone"])
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: page.compare_table.isVisible())
    name_width = page.compare_table.fontMetrics().horizontalAdvance(page.compare_table.item(3, 0).text())
    assert page.compare_table.columnWidth(0) > name_width  # the row name is not cut short
    assert page.grab().save(str(shot.with_name("history-compare.png")))
