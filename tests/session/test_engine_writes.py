"""The engine's saves, as the GUI drives it (tick from a timer, the person's actions), run off the calling
thread when it is given a WriteBehind (app.session.writes), and store exactly what direct saves store."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

from app.core.analysis_result import AnswerAnalysis
from app.core.questions import Category, Question
from app.core.session import Answer, SelfRating, Session
from app.core.transcript import Transcript, Word
from app.session.capture import CapturedAnswer
from app.session.engine import Phase, SessionEngine
from app.session.plan import SessionPlan
from app.session.store import Database
from app.session.writes import WriteBehind


class NotingDatabase(Database):
    """The real database, noting on which thread each write ran."""

    threads: list[str]

    def save_session(self, session: Session) -> None:
        self.threads.append(threading.current_thread().name)
        super().save_session(session)

    def save_answer(self, answer: Answer) -> None:
        self.threads.append(threading.current_thread().name)
        super().save_answer(answer)

    def set_self_rating(self, answer_id: str, rating: SelfRating) -> None:
        self.threads.append(threading.current_thread().name)
        super().set_self_rating(answer_id, rating)


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


class Inline:
    """The analysis executor, run at once so the test decides when things happen."""

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait: bool = True) -> None:
        pass


class Capture:
    def start(self, media_path: Path) -> None:
        self.path = media_path
        media_path.write_bytes(b"recorded")

    def request_stop(self) -> None:
        pass

    def finish(self) -> CapturedAnswer:
        return CapturedAnswer(self.path, 30.0, True, transcript=Transcript(words=[Word("hello", 0.2, 0.6)]))

    def cancel(self) -> None:
        pass


class Factory:
    has_video = True

    def __call__(self, question: Question) -> Capture:
        return Capture()


def analyse(captured: CapturedAnswer, question: Question) -> AnswerAnalysis:
    return AnswerAnalysis(transcript=captured.transcript)


def _practise(store: Database | WriteBehind) -> str:
    """Two questions the way the practice page drives them: answered and rated, then skipped."""
    clock = Clock()
    questions = [Question(id=f"q{i}", text=f"Question {i}?", category=Category.BEHAVIORAL,
                          competency="teamwork") for i in range(2)]
    plan = SessionPlan(questions, speak_questions=False, thinking_seconds=5, answer_seconds=60)
    engine = SessionEngine(plan, store, Factory(), analyse, clock=clock, executor=Inline())  # type: ignore[arg-type]
    engine.start()
    clock.now += 6
    engine.tick()  # the thinking time is up: the answer starts from the timer's tick
    assert engine.phase == Phase.ANSWERING
    clock.now += 30
    engine.stop_answer()
    engine.rate(SelfRating(delivery=4, content=3, overall=4))
    engine.tick()  # the analysis is delivered (and saved) from the tick
    engine.next_question()
    engine.skip()
    assert engine.phase == Phase.FINISHED
    return engine.session.id


def _stored(database: Database, session_id: str) -> list[tuple[object, ...]]:
    session = database.load_session(session_id)
    rows: list[tuple[object, ...]] = [(session.status, session.ended_at is not None)]
    for answer in session.answers:
        text = answer.analysis.transcript.text if answer.analysis and answer.analysis.transcript else None
        rows.append((answer.position, answer.status, answer.duration_s, answer.has_video,
                     bool(answer.media_path), answer.self_rating, text))
    return rows


def test_saves_run_off_the_ticking_thread_and_store_the_same(app_home: Path) -> None:
    with NotingDatabase.open() as database:
        database.threads = []
        direct = _practise(database)
        assert set(database.threads) == {threading.current_thread().name}  # the plain database: in line

        database.threads = []
        writes = WriteBehind(database)
        behind = _practise(writes)
        writes.close()

        assert len(database.threads) >= 6  # session, answer started/analysed, rating, skipped, session ended
        assert threading.current_thread().name not in database.threads
        assert all(name.startswith("database-writes") for name in database.threads)
        assert _stored(database, behind) == _stored(database, direct)
        assert _stored(database, behind)[1][1:3] == ("analysed", 30.0)
