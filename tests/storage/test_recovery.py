"""Crash recovery brings back the answers that were really being recorded, and nothing else (issue 17)."""

from __future__ import annotations

import pytest

from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.storage import media
from app.storage.database import Database
from app.storage.recovery import recover_interrupted

JUNK = 517  # the walkthrough's count: one empty "recording" row per 100 ms tick of the error storm


@pytest.fixture
def db() -> Database:
    with Database.open() as database:
        yield database


def _question() -> Question:
    return Question(id="core-teamwork-1", text="Tell me about a time you worked in a team.",
                    category=Category.BEHAVIORAL, competency="teamwork")


def _session(db: Database, status: SessionStatus = SessionStatus.IN_PROGRESS) -> Session:
    session = Session(id="s-storm", title="Practice session", created_at="2026-11-30T10:00:00+00:00",
                      status=status)
    db.save_session(session)
    return session


def _answer(db: Database, session: Session, n: int, status: AnswerStatus, media_bytes: bytes | None,
            position: int = 0) -> Answer:
    """An answer row as the engine stores it before recording: its media path is set at once."""
    answer = Answer(id=f"a{n:04d}", session_id=session.id, position=position, question=_question(),
                    status=status, attempt=n + 1, has_video=True)
    relative, path = media.prepare_answer_file(db.paths, session.id, answer.id, has_video=True)
    answer.media_path = relative
    if media_bytes is not None:
        path.write_bytes(media_bytes)
    db.save_answer(answer)
    return answer


def test_rows_that_never_received_media_are_not_recovered_and_recovery_is_idempotent(db: Database) -> None:
    session = _session(db)
    real = _answer(db, session, 0, AnswerStatus.RECORDING, b"\x00\x00\x00\x1cftypisom" * 500, position=1)
    for n in range(1, JUNK + 1):  # the storm: the source failed before any file was written
        _answer(db, session, n, AnswerStatus.RECORDING, None)
    checked: list[str] = []

    def check(path: str) -> float:
        checked.append(path)
        return 12.5

    report = recover_interrupted(db, check_media=check)

    assert report.answers == [real.id] and report.playable_seconds == {real.id: 12.5}
    assert len(report.discarded) == JUNK and report.sessions == [session.id]
    assert len(checked) == 1  # only a file that exists is checked
    reloaded = db.load_session(session.id)
    assert reloaded.status == SessionStatus.INTERRUPTED
    shown = [(a.id, a.status, a.duration_s) for a in reloaded.answers]
    assert shown == [(real.id, AnswerStatus.INTERRUPTED, 12.5)]
    assert len(db.answers_in_status(AnswerStatus.FAILED)) == JUNK  # kept for the record, never listed
    assert [len(s.answers) for s in db.list_sessions()] == [1]

    again = recover_interrupted(db, check_media=check)
    assert not again.anything and again.discarded == [] and len(checked) == 1
    assert db.load_session(session.id).answers == reloaded.answers


def test_a_recording_with_nothing_playable_is_not_recovered_but_an_unchecked_one_is(db: Database) -> None:
    session = _session(db)
    header_only = _answer(db, session, 0, AnswerStatus.RECORDING, b"\x00\x00\x00\x1cftypisom", position=0)
    unreadable = _answer(db, session, 1, AnswerStatus.RECORDING, b"partly written", position=1)

    def check(path: str) -> float:
        if path.endswith(f"{unreadable.id}.mp4"):
            raise OSError("cannot read")  # unknown: keep it, the file may still hold something
        return 0.0

    report = recover_interrupted(db, check_media=check)
    assert report.discarded == [header_only.id] and report.answers == [unreadable.id]
    assert [a.id for a in db.load_session(session.id).answers] == [unreadable.id]
    assert media.absolute_media_path(db.paths, header_only.media_path).exists()  # recovery deletes nothing


def test_junk_an_earlier_recovery_kept_is_no_longer_shown(db: Database) -> None:
    """A database from before the fix: the storm's rows were already "recovered" as interrupted attempts."""
    session = _session(db, status=SessionStatus.INTERRUPTED)
    kept = _answer(db, session, 0, AnswerStatus.INTERRUPTED, b"fragmented mp4 " * 100, position=0)
    kept.duration_s = 9.0
    db.save_answer(kept)
    noted = _answer(db, session, 1, AnswerStatus.INTERRUPTED, None, position=1)
    noted.notes = "The camera froze here; I said the STAR story well."  # the person's own words stay
    db.save_answer(noted)
    for n in range(2, 40):
        _answer(db, session, n, AnswerStatus.INTERRUPTED, None, position=2)

    report = recover_interrupted(db, check_media=lambda path: pytest.fail("nothing is recording"))

    assert not report.anything and len(report.discarded) == 38
    shown = db.load_session(session.id).answers
    assert [a.id for a in shown] == [kept.id, noted.id]
    assert recover_interrupted(db, check_media=lambda path: pytest.fail("nothing is recording")).discarded == []
