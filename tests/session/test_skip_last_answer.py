"""Skip while answering the last question ends the session (it raised an AssertionError: a crash dialog)."""

from __future__ import annotations

from test_engine import FakeClock, FakeFactory, InlineExecutor, analyse, questions

from app.core.session import AnswerStatus, SessionStatus
from app.session.engine import Phase, SessionEngine
from app.session.plan import SessionPlan
from app.storage.database import Database


def test_skip_while_answering_the_last_question_ends_the_session() -> None:
    factory = FakeFactory()
    with Database.open() as database:
        plan = SessionPlan(questions(1), thinking_seconds=10, speak_questions=False)
        engine = SessionEngine(plan, database, factory, analyse, clock=FakeClock(), executor=InlineExecutor())
        engine.start()
        engine.start_answer()
        engine.skip()
        assert engine.phase == Phase.FINISHED
        stored = database.load_session(engine.session.id)
    assert stored.status == SessionStatus.COMPLETED
    assert [a.status for a in stored.answers] == [AnswerStatus.SKIPPED]
    assert factory.log == ["start", "cancel"]  # the recording was discarded, not stopped and kept
