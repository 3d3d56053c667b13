"""The session state machine, driven the way the GUI drives it, with fake devices and a fake clock."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from app.core.analysis_result import AnswerAnalysis
from app.core.questions import Category, Question
from app.core.session import AnswerStatus, SelfRating, SessionStatus
from app.core.transcript import Transcript, Word
from app.session.capture import CapturedAnswer
from app.session.engine import Phase, SessionEngine
from app.session.phases import InvalidAction
from app.session.plan import SessionPlan
from app.storage.database import Database


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class InlineExecutor:
    """Runs submitted work at once (Picard's FakeThreadPool idea) but lets tests hold it back."""

    def __init__(self) -> None:
        self.held: list[tuple[Future, object, tuple]] = []
        self.hold = False

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        if self.hold:
            self.held.append((future, fn, args))
        else:
            future.set_result(fn(*args))
        return future

    def release(self) -> None:
        for future, fn, args in self.held:
            future.set_result(fn(*args))  # type: ignore[operator]
        self.held.clear()

    def shutdown(self, wait: bool = True) -> None:
        pass


class FakeCapture:
    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.path: Path | None = None

    def start(self, media_path: Path) -> None:
        self.path = media_path
        media_path.write_bytes(b"recorded")
        self.log.append("start")

    def request_stop(self) -> None:
        self.log.append("stop")

    def finish(self) -> CapturedAnswer:
        return CapturedAnswer(media_path=self.path, duration_s=30.0, has_video=True,
                              transcript=Transcript(words=[Word("hello", 0.2, 0.6)]))

    def cancel(self) -> None:
        self.log.append("cancel")


class FakeFactory:
    has_video = True

    def __init__(self) -> None:
        self.log: list[str] = []

    def __call__(self, question: Question) -> FakeCapture:
        return FakeCapture(self.log)


def analyse(captured: CapturedAnswer, question: Question) -> AnswerAnalysis:
    return AnswerAnalysis(transcript=captured.transcript)


def questions(n: int) -> list[Question]:
    return [Question(id=f"q{i}", text=f"Question {i}?", category=Category.BEHAVIORAL, competency="teamwork")
            for i in range(n)]


@pytest.fixture
def db() -> Database:
    with Database.open() as database:
        yield database


def make_engine(
    db: Database, n: int = 2, **plan_options
) -> tuple[SessionEngine, FakeClock, InlineExecutor, FakeFactory]:
    clock, executor, factory = FakeClock(), InlineExecutor(), FakeFactory()
    plan = SessionPlan(questions(n), thinking_seconds=10, answer_seconds=60, **plan_options)
    return SessionEngine(plan, db, factory, analyse, clock=clock, executor=executor), clock, executor, factory


def test_full_session_walks_every_phase_and_stores_answers(db: Database) -> None:
    engine, clock, _executor, factory = make_engine(db)
    phases: list[Phase] = []
    engine.subscribe(lambda e: phases.append(e.phase))
    engine.start()
    for _ in range(2):
        engine.question_spoken()
        clock.now += 10
        engine.tick()  # thinking time is over: recording starts by itself
        assert engine.phase == Phase.ANSWERING
        clock.now += 25
        engine.stop_answer()
        assert engine.phase == Phase.RATING
        engine.rate(SelfRating(delivery=4, body_language=3, content=3))
        assert engine.phase == Phase.RESULTS
        engine.next_question()
    assert engine.phase == Phase.FINISHED
    phases = [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p]
    assert phases[:6] == [
        Phase.SPEAKING, Phase.THINKING, Phase.ANSWERING, Phase.RATING, Phase.RESULTS, Phase.SPEAKING
    ]
    stored = db.load_session(engine.session.id)
    assert stored.status == SessionStatus.COMPLETED
    assert [a.status for a in stored.answers] == [AnswerStatus.ANALYSED, AnswerStatus.ANALYSED]
    assert stored.answers[0].self_rating == SelfRating(delivery=4, body_language=3, content=3)
    assert stored.answers[0].analysis.transcript.words[0].text == "hello"
    assert factory.log == ["start", "stop", "start", "stop"]


def test_answer_time_limit_stops_recording(db: Database) -> None:
    engine, clock, _executor, _factory = make_engine(db, speak_questions=False)
    engine.start()
    assert engine.phase == Phase.THINKING
    engine.start_answer()
    clock.now += 59
    engine.tick()
    assert engine.phase == Phase.ANSWERING and engine.remaining == pytest.approx(1)
    clock.now += 1
    engine.tick()
    assert engine.phase == Phase.RATING


def test_rating_before_analysis_finishes_waits_then_shows_results(db: Database) -> None:
    engine, _clock, executor, _factory = make_engine(db, speak_questions=False)
    executor.hold = True
    engine.start()
    engine.start_answer()
    engine.stop_answer()
    engine.rate(SelfRating(overall=4))
    assert engine.phase == Phase.ANALYSING and not engine.analysis_ready
    executor.release()
    engine.tick()
    assert engine.phase == Phase.RESULTS
    assert db.load_session(engine.session.id).answers[0].status == AnswerStatus.ANALYSED


def test_skip_rating_shows_the_results_and_stores_no_rating(db: Database) -> None:
    """Issue 17.7: "Skip rating" skipped the results too; the answer stays unrated, not rated empty."""
    engine, _clock, executor, _factory = make_engine(db, speak_questions=False)
    executor.hold = True
    engine.start()
    engine.start_answer()
    engine.stop_answer()
    engine.skip_rating()
    assert engine.phase == Phase.ANALYSING and engine.index == 0  # results on their way, same question
    executor.release()
    engine.tick()
    assert engine.phase == Phase.RESULTS and engine.index == 0
    stored = db.load_session(engine.session.id).answers[0]
    assert stored.status == AnswerStatus.ANALYSED and stored.self_rating is None
    with pytest.raises(InvalidAction):
        engine.skip_rating()  # only while rating
    engine.next_question()
    assert engine.index == 1


def test_pause_freezes_thinking_countdown(db: Database) -> None:
    engine, clock, _executor, _factory = make_engine(db, speak_questions=False)
    engine.start()
    clock.now += 4
    engine.pause()
    clock.now += 100
    engine.tick()
    assert engine.phase == Phase.THINKING and engine.remaining == pytest.approx(6)
    engine.resume()
    clock.now += 6
    engine.tick()
    assert engine.phase == Phase.ANSWERING


def test_skip_discards_recording_and_stores_a_skipped_answer(db: Database) -> None:
    engine, _clock, _executor, factory = make_engine(db, speak_questions=False)
    engine.start()
    engine.start_answer()
    path = db.paths.media / engine.current_answer.media_path
    assert path.exists()
    engine.skip()
    assert factory.log == ["start", "cancel"] and not path.exists()
    assert engine.index == 1 and engine.phase == Phase.THINKING
    stored = db.load_session(engine.session.id).answers
    assert [a.status for a in stored] == [AnswerStatus.SKIPPED]


def test_redo_keeps_both_attempts(db: Database) -> None:
    engine, _clock, _executor, _factory = make_engine(db, n=1, speak_questions=False)
    engine.start()
    engine.start_answer()
    engine.stop_answer()
    engine.redo()
    assert engine.phase == Phase.THINKING and engine.index == 0
    engine.start_answer()
    engine.stop_answer()
    engine.next_question()
    stored = db.load_session(engine.session.id).answers
    assert [(a.position, a.attempt) for a in stored] == [(0, 1), (0, 2)]


def test_end_early_keeps_the_running_answer(db: Database) -> None:
    engine, _clock, _executor, _factory = make_engine(db, n=3, speak_questions=False)
    engine.start()
    engine.start_answer()
    engine.finish()
    stored = db.load_session(engine.session.id)
    assert stored.status == SessionStatus.COMPLETED
    assert len(stored.answers) == 1 and stored.answers[0].status == AnswerStatus.ANALYSED


def test_actions_out_of_order_are_refused(db: Database) -> None:
    engine, _clock, _executor, _factory = make_engine(db)
    with pytest.raises(InvalidAction):
        engine.stop_answer()
    engine.start()
    with pytest.raises(InvalidAction):
        engine.rate(SelfRating())


def test_failed_analysis_keeps_the_recording(db: Database) -> None:
    clock, executor, factory = FakeClock(), InlineExecutor(), FakeFactory()

    def broken(captured: CapturedAnswer, question: Question) -> AnswerAnalysis:
        raise RuntimeError("model crashed")

    engine = SessionEngine(SessionPlan(questions(1), speak_questions=False), db, factory, broken,
                           clock=clock, executor=executor)
    engine.start()
    engine.start_answer()
    engine.stop_answer()
    engine.tick()
    answer = db.load_session(engine.session.id).answers[0]
    assert answer.status == AnswerStatus.RECORDED and answer.media_path
