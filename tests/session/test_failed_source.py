"""A source that cannot be used fails the answer once; the session then goes on or ends (issue 17).

The walkthrough that found it: a text file picked as the video stood in for the camera. Every 100 ms tick
after the thinking time restarted the answer, raised the same error again and stored another empty
"recording" row: about 490 messages in 50 s and 517 junk answers recovered on the next start.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from test_engine import FakeCapture, FakeClock, InlineExecutor, analyse, questions

from app.capture.audio_file import write_wav
from app.capture.sources import ReplayAudioSource
from app.core.errors import MediaFileError, MicrophoneUnavailable
from app.core.questions import Question
from app.core.session import AnswerStatus, SessionStatus
from app.session.analyse import AnalysisServices
from app.session.capture import CapturedAnswer
from app.session.engine import Phase, SessionEngine
from app.session.live import LiveCaptureFactory, file_capture_factory
from app.session.plan import SessionPlan
from app.session.recovery import recover_interrupted
from app.storage.database import Database

TICK_S = 0.1  # the GUI's timer (app/gui/practice/session_driver.py TICK_MS)


@pytest.fixture
def db() -> Database:
    with Database.open() as database:
        yield database


@pytest.fixture
def notes_and_voice(tmp_path: Path) -> tuple[Path, Path]:
    notes = tmp_path / "notes.txt"
    notes.write_text("Situation: the release slipped.\nAction: daily goals.\n", encoding="utf-8")
    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(16000) / 16000).astype(np.float32)
    return notes, write_wav(tmp_path / "voice.wav", tone, 16000)


def _files_standing_in(video: Path, audio: Path):  # type: ignore[no-untyped-def]
    """The GUI's factory for "Use recordings instead" (no models are loaded: the video fails first)."""
    return file_capture_factory(video, audio, AnalysisServices(), live_vision=False, live_transcription=False)


def _every_answer(db: Database) -> list:  # type: ignore[type-arg]
    return db.answers_in_status(*AnswerStatus)


def _tick_for(engine: SessionEngine, clock: FakeClock, seconds: float) -> list[BaseException]:
    """Tick like the GUI's timer for `seconds`; what a tick raises would reach the exception hook."""
    raised: list[BaseException] = []
    for _ in range(int(round(seconds / TICK_S))):
        try:
            engine.tick()
        except Exception as error:  # noqa: BLE001 - collected: the test counts them
            raised.append(error)
        clock.now += TICK_S
    return raised


def test_a_text_file_as_the_video_fails_the_answer_once_then_the_session_goes_on(
    db: Database, notes_and_voice: tuple[Path, Path]
) -> None:
    notes, voice = notes_and_voice
    factory = _files_standing_in(notes, voice)
    clock, executor = FakeClock(), InlineExecutor()
    plan = SessionPlan(questions(2), thinking_seconds=10, answer_seconds=60, speak_questions=False)
    engine = SessionEngine(plan, db, factory, analyse, clock=clock, executor=executor)
    engine.start()
    clock.now += 10  # the thinking time runs out: the answer starts by itself

    raised = _tick_for(engine, clock, 5.0)

    assert raised == []  # nothing escapes to the exception hook (it showed one message per tick)
    assert len(_every_answer(db)) == 1, "each tick started (and stored) another answer"
    assert engine.phase == Phase.FAILED
    failure = engine.failure
    assert isinstance(failure, MediaFileError)
    assert "notes.txt" in failure.message and "camera" in failure.message
    assert "video file" in failure.advice
    (stored,) = _every_answer(db)
    assert stored.status == AnswerStatus.FAILED and stored.media_path == ""
    assert db.load_session(engine.session.id).answers == []  # a failed start is not an attempt
    assert recover_interrupted(db).answers == []  # nor anything a crash recovery would bring back

    engine.next_question()  # move on: the question counts as skipped
    assert engine.phase == Phase.THINKING and engine.index == 1 and engine.failure is None
    engine.finish()
    assert engine.phase == Phase.FINISHED
    session = db.load_session(engine.session.id)
    assert session.status == SessionStatus.COMPLETED
    assert [(a.position, a.status) for a in session.answers] == [(0, AnswerStatus.SKIPPED)]


def test_end_session_after_a_failed_start(db: Database, notes_and_voice: tuple[Path, Path]) -> None:
    notes, voice = notes_and_voice
    factory = _files_standing_in(notes, voice)
    clock = FakeClock()
    plan = SessionPlan(questions(3), thinking_seconds=5, answer_seconds=60, speak_questions=False)
    engine = SessionEngine(plan, db, factory, analyse, clock=clock, executor=InlineExecutor())
    engine.start()
    engine.start_answer()  # Space pressed during the thinking time
    assert engine.phase == Phase.FAILED
    assert _tick_for(engine, clock, 3.0) == [] and len(_every_answer(db)) == 1
    engine.finish()
    assert engine.phase == Phase.FINISHED
    assert db.load_session(engine.session.id).status == SessionStatus.COMPLETED


class _FlakyFactory:
    """Fails the first answer as a missing microphone does, then works (the person plugged it in)."""

    has_video = True

    def __init__(self) -> None:
        self.log: list[str] = []
        self.calls = 0

    def __call__(self, question: Question) -> FakeCapture:
        self.calls += 1
        if self.calls == 1:
            raise MicrophoneUnavailable("No microphone was found.", "Connect one and try again.")
        return FakeCapture(self.log)


def test_try_again_after_a_failure_records_attempt_one(db: Database) -> None:
    clock, factory = FakeClock(), _FlakyFactory()
    plan = SessionPlan(questions(1), thinking_seconds=10, answer_seconds=60, speak_questions=False)
    engine = SessionEngine(plan, db, factory, analyse, clock=clock, executor=InlineExecutor())
    engine.start()
    engine.start_answer()
    assert engine.phase == Phase.FAILED and isinstance(engine.failure, MicrophoneUnavailable)
    engine.start_answer()  # "Try again"
    assert engine.phase == Phase.ANSWERING and engine.failure is None
    clock.now += 20
    engine.stop_answer()
    engine.next_question()
    (answer,) = db.load_session(engine.session.id).answers
    assert answer.status == AnswerStatus.ANALYSED and answer.attempt == 1
    assert [a.status for a in _every_answer(db)].count(AnswerStatus.FAILED) == 1


class _SilentCapture(FakeCapture):
    """A capture whose microphone fails to open on the source thread after `start` returned."""

    failure: MicrophoneUnavailable | None = None

    def start(self, media_path: Path) -> None:
        super().start(media_path)
        self.failure = MicrophoneUnavailable("The microphone could not be started.", "Check it; try again.")

    def finish(self) -> CapturedAnswer:
        raise AssertionError("a failed answer is discarded, not finished")


def test_a_source_failing_after_the_start_fails_the_answer_once(db: Database) -> None:
    clock = FakeClock()
    captures: list[_SilentCapture] = []

    class Factory:
        has_video = True

        def __call__(self, question: Question) -> _SilentCapture:
            captures.append(_SilentCapture([]))
            return captures[-1]

    plan = SessionPlan(questions(2), thinking_seconds=10, answer_seconds=60, speak_questions=False)
    engine = SessionEngine(plan, db, Factory(), analyse, clock=clock, executor=InlineExecutor())
    engine.start()
    clock.now += 10
    assert _tick_for(engine, clock, 5.0) == []
    assert len(captures) == 1 and captures[0].log == ["start", "cancel"]
    assert engine.phase == Phase.FAILED and isinstance(engine.failure, MicrophoneUnavailable)
    (stored,) = _every_answer(db)
    assert stored.status == AnswerStatus.FAILED and stored.media_path == ""
    assert not any(db.paths.media.rglob("*.mp4"))  # the empty recording is deleted
    engine.skip()
    assert engine.phase == Phase.THINKING and engine.index == 1


class _UnpluggedMicrophone(ReplayAudioSource):
    """A microphone that is listed but will not open (unplugged between the check and the answer)."""

    def __init__(self) -> None:
        super().__init__(lambda: iter(()), name="unplugged-microphone")

    def _open(self) -> None:
        raise MicrophoneUnavailable("The microphone “USB Mic” could not be opened.", "Plug it in again.")


def test_a_microphone_that_will_not_open_fails_the_live_answer(db: Database) -> None:
    """The device opens on a background thread after `start` returned: the next tick fails the answer."""
    factory = LiveCaptureFactory(_UnpluggedMicrophone, None, AnalysisServices(), live_vision=False,
                                 live_transcription=False)
    clock = FakeClock()
    plan = SessionPlan(questions(2), thinking_seconds=10, answer_seconds=60, speak_questions=False)
    engine = SessionEngine(plan, db, factory, analyse, clock=clock, executor=InlineExecutor())
    engine.start()
    engine.start_answer()
    assert engine.phase == Phase.ANSWERING
    capture = factory.current
    assert capture is not None
    capture._join_starter()  # the source-starting thread has tried the device
    assert _tick_for(engine, clock, 1.0) == []
    assert engine.phase == Phase.FAILED
    assert isinstance(engine.failure, MicrophoneUnavailable) and "USB Mic" in engine.failure.message
    (stored,) = _every_answer(db)
    assert stored.status == AnswerStatus.FAILED and stored.media_path == ""
    assert not [p for p in db.paths.media.rglob("*") if p.is_file()]  # the started recording is deleted
    engine.finish()
    assert db.load_session(engine.session.id).answers == []


def test_a_bug_while_starting_reaches_the_crash_dialog_once(db: Database) -> None:
    class BrokenFactory:
        has_video = False

        def __call__(self, question: Question) -> FakeCapture:
            raise RuntimeError("a bug in the capture set-up")

    clock = FakeClock()
    plan = SessionPlan(questions(1), thinking_seconds=10, answer_seconds=60, speak_questions=False)
    engine = SessionEngine(plan, db, BrokenFactory(), analyse, clock=clock, executor=InlineExecutor())
    engine.start()
    clock.now += 10
    raised = _tick_for(engine, clock, 5.0)
    assert [str(error) for error in raised] == ["a bug in the capture set-up"]  # one crash report, not fifty
    assert engine.phase == Phase.FAILED and engine.failure is not None
    assert "unexpected problem" in engine.failure.message
    assert [a.status for a in _every_answer(db)] == [AnswerStatus.FAILED]
    engine.finish()
    assert engine.phase == Phase.FINISHED
