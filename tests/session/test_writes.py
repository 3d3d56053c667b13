"""The session's database writes run on their own thread, in order, with what each saved at the time."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus
from app.session.store import Database
from app.session.writes import WriteBehind

QUESTION = Question(
    id="q1", text="Tell me about a conflict.", category=Category.BEHAVIORAL, competency="conflict"
)


@pytest.fixture
def database() -> Iterator[Database]:
    with Database.open() as opened:
        yield opened


class HeldDatabase:
    """Another thread holds a write transaction, as a slow disk or a long write would, until `release`."""

    def __init__(self, database: Database) -> None:
        self._release = threading.Event()
        self._held = threading.Event()
        self._thread = threading.Thread(target=self._hold, args=(database,))
        self._thread.start()
        self._held.wait(10)

    def _hold(self, database: Database) -> None:
        with database.transaction():
            self._held.set()
            self._release.wait(30)  # never forever: a writer that blocks its caller fails the test, not CI

    def release(self) -> None:
        self._release.set()
        self._thread.join()


def test_the_caller_goes_on_while_the_database_is_busy(database: Database) -> None:
    writes = WriteBehind(database)
    session = Session(id="s1", title="Practice", created_at="2026-11-29T18:00:00+00:00")
    held = HeldDatabase(database)
    writes.save_session(session)  # would wait 30 s for the lock if it wrote on this thread
    returned_while_held = not held._release.is_set()  # noqa: SLF001
    queued = not writes.idle
    held.release()
    writes.flush(timeout=10)
    writes.close()
    assert returned_while_held and queued
    assert database.load_session("s1").title == "Practice"


def test_each_write_saves_the_answer_as_it_was_when_saved(database: Database) -> None:
    writes = WriteBehind(database)
    session = Session(id="s1", title="Practice", created_at="2026-11-29T18:00:00+00:00")
    answer = Answer(id="a1", session_id="s1", position=0, question=QUESTION, status=AnswerStatus.RECORDING)
    held = HeldDatabase(database)
    writes.save_session(session)
    writes.save_answer(answer)
    answer.status = AnswerStatus.RECORDED  # changed after saving, not saved again
    answer.duration_s = 42.0
    held.release()
    writes.flush(timeout=10)
    [stored] = database.load_session("s1").answers
    assert stored.status == AnswerStatus.RECORDING and stored.duration_s == 0.0

    writes.save_answer(answer)
    writes.set_self_rating("a1", SelfRating(delivery=4))
    session.status = SessionStatus.COMPLETED
    writes.save_session(session)
    writes.close()
    loaded = database.load_session("s1")
    assert loaded.status == SessionStatus.COMPLETED
    assert loaded.answers[0].status == AnswerStatus.RECORDED and loaded.answers[0].duration_s == 42.0
    assert loaded.answers[0].self_rating == SelfRating(delivery=4)


def test_a_failed_write_is_kept_and_the_later_ones_still_run(database: Database) -> None:
    writes = WriteBehind(database)
    orphan = Answer(id="a0", session_id="no-such-session", position=0, question=QUESTION)
    writes.save_answer(orphan)  # its session row does not exist: the foreign key refuses it
    writes.save_session(Session(id="s1", title="Practice", created_at="2026-11-29T18:00:00+00:00"))
    writes.save_answer(Answer(id="a1", session_id="s1", position=0, question=QUESTION))
    writes.close()
    assert writes.error is not None
    assert [a.id for a in database.load_session("s1").answers] == ["a1"]
    assert database.load_answer("a0") is None
