"""`mock-interview sessions`: list, export, delete and import back, by short id."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.storage import media
from app.storage.database import Database


def _store_session() -> Session:
    with Database.open() as db:
        session = Session(id="abc123def456", title="Friday practice", created_at="2026-11-20T09:00:00+00:00",
                          status=SessionStatus.COMPLETED)
        db.save_session(session)
        answer = Answer(id="ans1", session_id=session.id, position=0, status=AnswerStatus.RECORDED,
                        question=Question(id="q", text="Why this role?", category=Category.MOTIVATION,
                                          competency="motivation"))
        relative, path = media.prepare_answer_file(db.paths, session.id, answer.id, has_video=False)
        path.write_bytes(b"audio bytes")
        answer.media_path = relative
        db.save_answer(answer)
    return session


def test_list_export_delete_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _store_session()
    assert main(["sessions", "list"]) == 0
    assert "abc123de" in capsys.readouterr().out
    archive = tmp_path / "friday.zip"
    assert main(["sessions", "export", "abc1", str(archive)]) == 0
    assert archive.exists()
    assert main(["sessions", "delete", "abc123"]) == 0
    assert "deleted session abc123de" in capsys.readouterr().out
    with Database.open() as db:
        assert db.list_sessions() == []
        assert not (db.paths.media / "abc123def456").exists()
    assert main(["sessions", "import", str(archive)]) == 0
    with Database.open() as db:
        (session,) = db.list_sessions()
        assert session.title == "Friday practice"
        assert media.absolute_media_path(db.paths, session.answers[0].media_path).read_bytes() == b"audio bytes"


def test_unknown_id_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "delete", "nope"]) == 1
    assert "No session has the id 'nope'" in capsys.readouterr().out
