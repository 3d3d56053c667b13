"""One answer length on every screen (issue 17, item 4): results, the session summary, Review (its label,
player and timeline) and the report all read the spoken span of real analysed recordings the same way,
with the recording's length beside it.

The answer is eSpeak NG speech (about 9 s from the first word to the last) muxed with a real 19.5 s video,
analysed by the app's own pipeline (review_data.interview_clip); JFK's speech fills its own recording.
"""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

import av
import pytest
from PySide6.QtMultimedia import QMediaPlayer
from review_data import Clip, interview_clip, jfk_clip, store_session

from app.core.timefmt import clock
from app.gui.context import AppContext
from app.gui.practice.results_page import AnswerResults
from app.gui.practice.results_summary import SessionSummary
from app.gui.review.review import ReviewPage
from app.gui.settings.keys import Settings
from app.gui.tasks import TaskRunner
from app.report.html import render_session_html
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


def _expected(clip: Clip) -> tuple[str, float, float]:
    """The length text worked out here from the words and the file itself, not from the app's helper."""
    words = clip.result.analysis.transcript.words  # type: ignore[union-attr]
    spoken = words[-1].end - words[0].start
    with av.open(str(clip.path)) as container:
        recording = float(container.duration) / 1_000_000
    if clock(spoken) == clock(recording):
        return f"Spoke {clock(spoken)}", spoken, recording
    return f"Spoke {clock(spoken)} of a {clock(recording)} recording", spoken, recording


def test_the_same_length_on_results_summary_review_and_report(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, shared_video: Path, shared_audio: Path
) -> None:
    interview, jfk = interview_clip(shared_video), jfk_clip(shared_audio)
    text, spoken, recording = _expected(interview)
    assert recording - spoken > 5  # the case of the issue: the recording runs well past the last word
    assert re.fullmatch(r"Spoke 0:\d\d of a 0:\d\d recording", text), text
    jfk_text, jfk_spoken, _ = _expected(jfk)
    assert context.database is not None
    session = store_session(context.database, [interview, jfk], "2026-03-05T09:00:00+00:00", "Lengths")
    answer = session.answers[0]

    results = AnswerResults()
    qtbot.addWidget(results)
    results.show_answer(1, answer, last=False, notices=[])
    assert results.length.text() == text
    tips = results.tips.text()
    assert re.search(r"(?m)^At \d:\d\d you paused for \d s\.", tips), tips  # the 2.6 s silence, said once
    assert not re.search(r"At (\d+:\d\d): At \1", tips), tips  # the moment was printed twice
    assert "Specific result: level" in results.basis.text()  # the report's value text ("level 2 of 2")

    summary = SessionSummary()
    qtbot.addWidget(summary)
    summary.show_session(context.database.load_session(session.id))
    total = int(spoken + 0.5) + int(jfk_spoken + 0.5)  # the answers' lengths as shown, added
    assert f"2 answers recorded · {clock(total)} of speaking." in summary.subtitle.text()
    lines = summary.answers.text().splitlines()
    assert lines[0].endswith(f"· {text}") and lines[1].endswith(f"· {jfk_text}")

    page = ReviewPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() > 0, timeout=10000)
    page.sessions.select(session.id, answer.id)
    qtbot.waitUntil(lambda: page.answer is not None and page.answer.id == answer.id, timeout=5000)
    assert page.length_label.text() == text
    player = page.player.player
    qtbot.waitUntil(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, timeout=10000)
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=5000)
    assert page.player.time_label.text() == f"0:00 / {clock(recording)}"  # the player's own length
    assert clock(page.timeline.duration) == clock(recording)  # the timeline spans the same recording
    first, last = page.timeline.spoken or (0.0, 0.0)
    assert clock(last - first) == clock(spoken)  # and marks the spoken span inside it
    if shots := __import__("os").environ.get("GUI17_SHOTS"):
        page.grab().save(f"{shots}/review_length.png")
        results.resize(1024, 700)
        results.grab().save(f"{shots}/results_length.png")
    page.shutdown()

    html = render_session_html(context.database.load_session(session.id), tz=UTC)
    assert f"<dt>Length</dt><dd>{text} (target {clock(answer.question.target_seconds)})</dd>" in html
    assert f"{clock(total)} of speaking" in html
