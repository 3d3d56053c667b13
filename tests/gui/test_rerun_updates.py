"""After "Re-run analysis" in Review, every place that shows the answer's scores shows the new ones
(issue 14.6 / 17): the stored answer, the session summary, History's charts and Review itself.

The stored analysis is deliberately stale (another recording's: the eSpeak interview clip), the recording
is JFK's real speech; the re-run analyses the recording with the app's own pipeline.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from review_data import Clip, interview_clip, jfk_clip, store_session

from app.gui.context import AppContext
from app.gui.history.history_page import HistoryPage, session_score
from app.gui.practice.results_summary import SessionSummary, mean_score
from app.gui.review.review import ReviewPage
from app.gui.settings.keys import Settings
from app.gui.tasks import TaskRunner
from app.storage.database import Database

pytestmark = [
    pytest.mark.gui,
    pytest.mark.media,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("PulseAudioService", "No RHI backend"),
]


@pytest.fixture
def context():  # type: ignore[no-untyped-def]
    from review_data import _services

    database = Database.open()
    runner = TaskRunner(max_threads=2)
    ctx = AppContext(settings=Settings(), runner=runner, services=_services(), database=database)
    yield ctx
    runner.shutdown()
    database.close()


def test_rerun_updates_the_summary_history_and_review(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, shared_video: Path, shared_audio: Path
) -> None:
    interview, jfk = interview_clip(shared_video), jfk_clip(shared_audio)
    stale = Clip(jfk.path, jfk.question, copy.deepcopy(interview.result))
    db = context.database
    assert db is not None
    session = store_session(db, [stale], "2026-03-05T09:00:00+00:00", "Re-run me")
    answer = session.answers[0]
    before = db.load_session(session.id)

    summary = SessionSummary(context)  # as the Practice page shows it at the end of the session
    qtbot.addWidget(summary)
    summary.show_session(before)
    history = HistoryPage(context)
    qtbot.addWidget(history)
    history.resize(1280, 800)
    history.show()
    qtbot.waitUntil(lambda: bool(getattr(history, "data", None) and history.data.sessions), timeout=10000)
    review = ReviewPage(context)
    qtbot.addWidget(review)
    review.resize(1280, 800)
    review.show()
    qtbot.waitUntil(lambda: review.answer is not None and review.answer.id == answer.id, timeout=10000)
    old_delivery = session_score(before, "delivery")
    assert history.score_chart.series_points()["Delivery"][0][1] == pytest.approx(old_delivery)
    assert "payment service" in review.transcript.toPlainText()

    review.rerun_button.click()
    qtbot.waitUntil(lambda: not review.busy.isVisible(), timeout=120000)
    after = db.load_session(session.id)
    new = after.answers[0].analysis
    assert new is not None and "ask not what your country" in new.transcript.text.lower().replace(",", "")
    new_delivery = session_score(after, "delivery")
    new_overall = mean_score(after, "overall")
    assert (new_delivery, new_overall) != (old_delivery, mean_score(before, "overall"))  # it did change

    qtbot.waitUntil(lambda: summary.badges["delivery"].score == mean_score(after, "delivery"), timeout=10000)
    assert summary.badges["overall"].score == new_overall
    assert summary.badges["content"].score == mean_score(after, "content")
    assert f"overall {new.scores.overall:.1f}/5" in summary.answers.text()
    qtbot.waitUntil(
        lambda: history.score_chart.series_points()["Delivery"][0][1] == pytest.approx(new_delivery),
        timeout=10000,
    )
    heard = lambda: review.transcript.toPlainText().lower().replace(",", "")  # noqa: E731
    qtbot.waitUntil(lambda: "ask not what your country" in heard(), timeout=10000)
    assert review.report.isVisible()
    review.shutdown()
