"""Sessions and answers survive a round trip, deletion removes files, export/import restores them."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app.core.analysis_result import AnswerAnalysis
from app.core.errors import StorageError
from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, SelfRating, Session, SessionStatus
from app.core.transcript import Transcript, Word
from app.platform.paths import app_paths
from app.storage import media
from app.storage.database import Database
from app.storage.exchange import ImportFormatError, export_session, import_session
from app.storage.migrations import MIGRATIONS
from app.storage.recovery import recover_interrupted


def make_question(qid: str = "core-teamwork-1") -> Question:
    return Question(id=qid, text="Tell me about a time you worked in a team.", category=Category.BEHAVIORAL,
                    competency="teamwork", star_expected=True, talking_points=["the situation", "your action"],
                    key_terms=["team"])


def make_session(db: Database, answers: int = 2, with_media: bool = True) -> Session:
    session = Session(id=f"s{len(db.list_sessions())}", title="Monday practice", created_at="2026-11-23T10:00:00+00:00")
    db.save_session(session)
    for position in range(answers):
        answer = Answer(id=f"{session.id}-a{position}", session_id=session.id, position=position,
                        question=make_question(f"q{position}"), status=AnswerStatus.ANALYSED, duration_s=42.5)
        answer.analysis = AnswerAnalysis(transcript=Transcript(words=[Word("we", 0.5, 0.7), Word("shipped", 0.8, 1.2)]))
        answer.self_rating = SelfRating(delivery=3, content=4, feeling="nervous at first")
        if with_media:
            relative, path = media.prepare_answer_file(db.paths, session.id, answer.id, has_video=True)
            path.write_bytes(b"fake mp4 bytes " * 100)
            answer.media_path, answer.has_video = relative, True
        db.save_answer(answer)
        session.answers.append(answer)
    return session


@pytest.fixture
def db() -> Database:
    with Database.open() as database:
        yield database


def test_round_trip_keeps_everything(db: Database) -> None:
    session = make_session(db)
    loaded = db.load_session(session.id)
    assert loaded.title == "Monday practice"
    assert [a.question.id for a in loaded.answers] == ["q0", "q1"]
    first = loaded.answers[0]
    assert first.question.category == Category.BEHAVIORAL
    assert first.analysis is not None and first.analysis.transcript is not None
    assert first.analysis.transcript.words[1] == Word("shipped", 0.8, 1.2)
    assert first.self_rating == SelfRating(delivery=3, content=4, feeling="nervous at first")
    assert db.attempts("q0") == 1 and db.attempts("never") == 0


def test_database_is_wal_and_migrated(db: Database) -> None:
    assert db.schema_version == len(MIGRATIONS)
    connection = sqlite3.connect(app_paths().database)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_delete_session_removes_rows_and_files(db: Database) -> None:
    keep = make_session(db)
    gone = make_session(db)
    db.delete_session(gone.id)
    assert [s.id for s in db.list_sessions()] == [keep.id]
    assert not (app_paths().media / gone.id).exists()
    assert len(list((app_paths().media / keep.id).iterdir())) == 2


def test_export_import_round_trip(db: Database, tmp_path: Path) -> None:
    session = make_session(db)
    archive = export_session(db, session.id, tmp_path / "practice")
    assert archive.suffix == ".zip" and zipfile.is_zipfile(archive)
    imported = import_session(db, archive)
    assert imported.id != session.id
    again = db.load_session(imported.id)
    assert [a.question.text for a in again.answers] == [a.question.text for a in session.answers]
    for answer in again.answers:
        assert media.absolute_media_path(db.paths, answer.media_path).read_bytes().startswith(b"fake mp4")


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_import_rejects_garbage_without_changes(db: Database, tmp_path: Path, content: bytes) -> None:
    make_session(db)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(content)
    with pytest.raises(ImportFormatError, match="not a session exported"):
        import_session(db, bad)
    assert len(db.list_sessions()) == 1


def test_import_rejects_wrong_json(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "wrong.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("session.json", json.dumps({"format": "mock-interview-session", "version": 1,
                                                     "session": {"id": 5, "answers": "x"}}))
    with pytest.raises(ImportFormatError):
        import_session(db, bad)
    assert db.list_sessions() == []


def test_recovery_marks_interrupted_and_keeps_media(db: Database) -> None:
    session = make_session(db, answers=1)
    session.status = SessionStatus.IN_PROGRESS
    db.save_session(session)
    answer = session.answers[0]
    answer.status = AnswerStatus.RECORDING
    db.save_answer(answer)
    report = recover_interrupted(db, check_media=lambda path: 12.5)
    assert report.answers == [answer.id] and report.sessions == [session.id]
    reloaded = db.load_session(session.id)
    assert reloaded.status == SessionStatus.INTERRUPTED
    assert reloaded.answers[0].status == AnswerStatus.INTERRUPTED
    assert reloaded.answers[0].duration_s == 12.5
    assert media.absolute_media_path(db.paths, answer.media_path).exists()


def test_newer_schema_is_refused_plainly(db: Database) -> None:
    db.close()
    connection = sqlite3.connect(app_paths().database)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    connection.close()
    with pytest.raises(StorageError, match="newer version"):
        Database.open()


def test_media_paths_cannot_escape_the_media_folder() -> None:
    with pytest.raises(ValueError):
        media.absolute_media_path(app_paths(), "../../etc/passwd")


def test_imported_recordings_of_any_type_survive_export(db: Database, tmp_path: Path) -> None:
    session = make_session(db, answers=1, with_media=False)
    answer = session.answers[0]
    relative, path = media.prepare_answer_file(db.paths, session.id, answer.id, has_video=False, suffix=".WAV")
    path.write_bytes(b"RIFF wav bytes")
    answer.media_path = relative
    db.save_answer(answer)
    imported = import_session(db, export_session(db, session.id, tmp_path / "wav"))
    restored = media.absolute_media_path(db.paths, db.load_session(imported.id).answers[0].media_path)
    assert restored.suffix == ".wav" and restored.read_bytes() == b"RIFF wav bytes"


def test_unknown_media_suffix_is_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        media.prepare_answer_file(db.paths, "s", "a", has_video=False, suffix=".exe")
