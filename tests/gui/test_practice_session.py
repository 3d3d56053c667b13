"""The Practice page driven like a person would: real buttons and keys, a real video and real speech standing
in for the camera and microphone, real models, and the session checked in the database afterwards."""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from app.core.session import AnswerStatus, SelfRating, SessionStatus
from app.gui.application import create_context, create_main_window
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.session.engine import Phase
from app.storage.database import Database

pytestmark = [
    pytest.mark.gui,
    pytest.mark.media,
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True),
]

JFK = "ask not what your country can do for you"
ANALYSIS_TIMEOUT_MS = 180_000


def _words(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower())


@pytest.fixture
def practice(qtbot, shared_audio: Path, shared_video: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The main window on the Practice page, set up to replay JFK's speech and a talking-head video."""
    count = getattr(request, "param", 2)
    settings = Settings()
    settings.set(Key.USE_FILES, True)
    settings.set(Key.DEMO_VIDEO, str(shared_video / "smile_glasses_480.mp4"))
    settings.set(Key.DEMO_AUDIO, str(shared_audio / "jfk.wav"))
    settings.set(Key.QUESTION_COUNT, count)
    settings.set(Key.THINKING_SECONDS, 60)
    settings.set(Key.ANSWER_SECONDS, 60)
    settings.set(Key.LAST_PAGE, 0)
    settings.set(Key.FOLLOW_UPS, "none")  # follow-ups have their own test (tests/gui/test_follow_up_practice.py)
    context = create_context(settings)
    window = create_main_window(settings, context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.pages.widget(0)
    assert isinstance(page, PracticePage)
    yield window, page, context


def _through_setup_and_check(qtbot, page: PracticePage) -> None:  # type: ignore[no-untyped-def]
    setup = page.setup
    qtbot.waitUntil(setup.continue_button.isEnabled, timeout=30_000)
    assert setup.use_files.isChecked()
    assert "No camera was found" in setup.device_status.text()  # this machine has neither device
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)

    check = page.precheck
    assert page.stack.currentWidget() is check
    qtbot.waitUntil(lambda: check.start_button.isEnabled() and check.camera.frames_shown > 0, timeout=30_000)
    qtbot.waitUntil(lambda: check.level.peak_dbfs > -40, timeout=30_000)  # JFK's voice moves the meter
    qtbot.waitUntil(lambda: check.framing is not None, timeout=60_000)
    assert not any("No face" in hint for hint in check.framing.hints), check.framing.hints
    qtbot.mouseClick(check.start_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.preparing
    qtbot.waitUntil(lambda: page.driver is not None, timeout=120_000)


def _wait_until_thinking(qtbot, page: PracticePage) -> None:  # type: ignore[no-untyped-def]
    driver = page.driver
    assert driver is not None
    # The question is spoken (eSpeak NG -> WAV -> QMediaPlayer, which reaches its end even without a sound
    # card), then the thinking countdown runs.
    qtbot.waitUntil(lambda: driver.phase == Phase.THINKING, timeout=60_000)
    assert page.stack.currentWidget() is page.session_view
    assert page.session_view.question.text() == driver.engine.question.text


def _answer_until_the_recording_ends(qtbot, page: PracticePage) -> str:  # type: ignore[no-untyped-def]
    """Returns the recording timer as it reads just before the answer is stopped ("● Recording 0:11")."""
    driver = page.driver
    assert driver is not None and driver.phase == Phase.ANSWERING
    view = page.session_view
    capture = driver.factory.current
    qtbot.waitUntil(lambda: capture.audio_source.ended, timeout=60_000)
    assert view.camera.frames_shown > 0, "the camera preview never showed a frame"
    assert view.start_button.text() == "Stop answer"
    view.refresh_clock()
    assert view.recording.text().startswith("● Recording")
    return view.recording.text()


def _seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def _length_agrees_with_the_timer(length: str, timer: str) -> None:
    """Issue 17.4: the timer read 0:48 while the results said "Your answer ran 0:06". The results now say
    how long was spoken and, beside it, the recording the timer counted (the same to within its tick)."""
    match = re.fullmatch(r"Spoke (\d+:\d\d)(?: of a (\d+:\d\d) recording)?", length)
    assert match, length
    recording = match.group(2) or match.group(1)
    assert abs(_seconds(recording) - _seconds(timer.split()[-1])) <= 1, (length, timer)


def _rate(qtbot, page: PracticePage, values: dict[str, int], feeling: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.rating, timeout=10_000)
    form = page.rating
    for key, value in values.items():
        qtbot.mouseClick(form.groups[key].button(value), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.feeling, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.feeling, feeling)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def _results(qtbot, page: PracticePage) -> str:  # type: ignore[no-untyped-def]
    results = page.results
    qtbot.waitUntil(
        lambda: page.stack.currentWidget() is results and results.answer is not None,
        timeout=ANALYSIS_TIMEOUT_MS,
    )
    assert results.details.isVisible()
    assert results.badges["overall"].score is not None
    assert results.badges["delivery"].score is not None
    assert results.badges["body_language"].score is not None  # the video shows a face
    assert "Pace" in results.basis.text() and "wpm" in results.basis.text()
    return results.transcript.text()


def test_two_question_session_through_the_practice_page(qtbot, practice) -> None:  # type: ignore[no-untyped-def]
    window, page, context = practice
    _through_setup_and_check(qtbot, page)
    driver = page.driver
    assert driver is not None and len(driver.engine.plan.questions) == 2

    # Question 1: the mouse.
    _wait_until_thinking(qtbot, page)
    qtbot.mouseClick(page.session_view.start_button, Qt.MouseButton.LeftButton)
    assert driver.phase == Phase.ANSWERING
    timer = _answer_until_the_recording_ends(qtbot, page)
    qtbot.mouseClick(page.session_view.start_button, Qt.MouseButton.LeftButton)  # "Stop answer"
    _rate(qtbot, page, {"delivery": 4, "body_language": 3, "content": 2, "overall": 3}, "a bit rushed")
    transcript = _results(qtbot, page)
    assert JFK in _words(transcript)
    lengths = [page.results.length.text()]
    _length_agrees_with_the_timer(lengths[0], timer)
    assert "you 4, measured" in page.results.comparison.text()
    assert page.results.next_button.text() == "Next question"
    qtbot.mouseClick(page.results.next_button, Qt.MouseButton.LeftButton)

    # Question 2: the keyboard (Space starts and stops, Ctrl+N goes on).
    _wait_until_thinking(qtbot, page)
    page.session_view.start_button.setFocus()
    qtbot.keyClick(page.session_view.start_button, Qt.Key.Key_Space)
    assert driver.phase == Phase.ANSWERING
    timer = _answer_until_the_recording_ends(qtbot, page)
    qtbot.keyClick(page.session_view.start_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert driver.phase in (Phase.RATING, Phase.RESULTS)
    _rate(qtbot, page, {"delivery": 5, "body_language": 4, "content": 3, "overall": 4}, "better")
    assert JFK in _words(_results(qtbot, page))
    lengths.append(page.results.length.text())
    _length_agrees_with_the_timer(lengths[1], timer)
    assert page.results.next_button.text() == "Finish session"
    qtbot.keyClick(page.results.next_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.summary, timeout=30_000)
    assert "2 answers recorded" in page.summary.subtitle.text()
    spoken = sum(_seconds(re.match(r"Spoke (\d+:\d\d)", text).group(1)) for text in lengths)
    assert f"· {spoken // 60}:{spoken % 60:02d} of speaking." in page.summary.subtitle.text()
    assert [line.rsplit(" · ", 1)[-1] for line in page.summary.answers.text().splitlines()] == lengths
    assert page.summary.badges["overall"].score is not None
    session_id = driver.engine.session.id

    with Database.open() as database:
        stored = database.load_session(session_id)
    assert stored.status == SessionStatus.COMPLETED
    assert [a.status for a in stored.answers] == [AnswerStatus.ANALYSED, AnswerStatus.ANALYSED]
    assert stored.answers[0].self_rating == SelfRating(4, 3, 2, 3, "a bit rushed")
    assert stored.answers[1].self_rating == SelfRating(5, 4, 3, 4, "better")
    for answer in stored.answers:
        assert answer.has_video and answer.media_path
        assert answer.analysis is not None and answer.analysis.transcript is not None
        assert JFK in _words(answer.analysis.transcript.text)

    qtbot.mouseClick(page.summary.review_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == 1  # Review
    review = window.pages.currentWidget()
    qtbot.waitUntil(lambda: review.sessions.selected_ids()[0] == session_id, timeout=30_000)


class LoopLatencyProbe:
    """A 10 ms QTimer; how late each timeout arrives is how long the event loop was busy."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.interval_ms = interval_ms
        self.lateness_ms: list[float] = []
        self.spikes: list[tuple[float, str]] = []  # (lateness ms, phase) of the ticks over 40 ms late
        self.phase_of = None
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        elapsed = self._clock.nsecsElapsed() / 1e6
        self._clock.restart()
        self.lateness_ms.append(max(0.0, elapsed - self.interval_ms))
        if self.phase_of is not None and elapsed - self.interval_ms > 40:
            self.spikes.append((round(elapsed - self.interval_ms), self.phase_of()))

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.lateness_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


@pytest.mark.parametrize("practice", [1], indirect=True)
def test_window_stays_responsive_during_a_live_answer_and_its_analysis(  # type: ignore[no-untyped-def]
    qtbot, practice, capsys
) -> None:
    """Issue 8: event-loop latency under 100 ms while recording, live transcription and live vision run,
    and then while the answer is analysed. We assert the 95th percentile (the max on this shared 2-core
    machine also catches other engineers' load) and that nothing froze the window for a whole second."""
    _window, page, _context = practice
    _through_setup_and_check(qtbot, page)
    _wait_until_thinking(qtbot, page)
    probe = LoopLatencyProbe()
    probe.phase_of = lambda: f"{page.driver.phase}/{type(page.stack.currentWidget()).__name__}"
    qtbot.mouseClick(page.session_view.start_button, Qt.MouseButton.LeftButton)
    probe.start()
    started = time.monotonic()
    _answer_until_the_recording_ends(qtbot, page)
    qtbot.mouseClick(page.session_view.start_button, Qt.MouseButton.LeftButton)
    # Rate at once: the analysis runs in the background while the form is shown, then the results arrive.
    _rate(qtbot, page, {"overall": 3}, "")
    _results(qtbot, page)
    probe.stop()
    seconds = time.monotonic() - started
    p95, p50, worst = probe.percentile(0.95), statistics.median(probe.lateness_ms), max(probe.lateness_ms)
    with capsys.disabled():
        print(
            f"\nevent-loop lateness over {seconds:.1f} s ({len(probe.lateness_ms)} ticks): "
            f"median {p50:.1f} ms, p95 {p95:.1f} ms, max {worst:.1f} ms; over 40 ms: {probe.spikes}"
        )
    assert len(probe.lateness_ms) > seconds * 20, "the probe timer hardly ran: the loop was blocked"
    assert p95 < 100, f"95th percentile event-loop lateness {p95:.0f} ms"
    assert worst < 1000, f"the window froze for {worst:.0f} ms"


@pytest.mark.parametrize("practice", [1], indirect=True)
def test_no_voice_shows_text_and_closing_mid_answer_keeps_the_recording(  # type: ignore[no-untyped-def]
    qtbot, practice, monkeypatch
) -> None:
    """Without a voice the question is shown as text with a one-line notice and the session goes on; closing
    the window while recording stops the capture cleanly and keeps what was said."""
    import threading

    from app.core.errors import VoiceUnavailable
    from app.storage.media import absolute_media_path

    def no_voice(*_args: object) -> list[Path]:
        raise VoiceUnavailable("No text-to-speech voice is installed.", "Install eSpeak NG.")

    monkeypatch.setattr("app.session.voices.synthesize_all", no_voice)
    window, page, context = practice
    _through_setup_and_check(qtbot, page)
    _wait_until_thinking(qtbot, page)
    driver = page.driver
    assert driver.player.plays == 0
    assert (
        "No voice is available, so questions are shown as text only."
        in page.session_view.notices.label.text()
    )
    assert page.session_view.notices.isVisible()

    qtbot.mouseClick(page.session_view.start_button, Qt.MouseButton.LeftButton)
    capture = driver.factory.current
    qtbot.waitUntil(lambda: capture.recorded_seconds() > 3.0, timeout=30_000)
    session_id = driver.engine.session.id
    window.close()

    assert driver.engine._capture is None  # noqa: SLF001 - the recording was stopped, not left running
    assert context.runner.running == []
    leftovers = ("answer-analysis", "video-file", "audio-file")
    assert not [t for t in threading.enumerate() if t.name.startswith(leftovers)]
    with Database.open() as database:
        stored = database.load_session(session_id)
        assert stored.status == SessionStatus.INTERRUPTED
        [answer] = stored.answers
        assert answer.status in (AnswerStatus.ANALYSED, AnswerStatus.RECORDED)
        assert answer.duration_s > 2.5
        assert absolute_media_path(database.paths, answer.media_path).stat().st_size > 10_000
