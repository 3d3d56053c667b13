"""A read-only or full data folder gives a plain message, and never loses what was saved."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.errors import StorageError
from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, Session
from app.storage.database import Database
from app.storage.health import check_data_folder


def _mount_tmpfs(target: Path, options: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"mount not permitted here: {result.stderr.decode().strip()}")


@pytest.fixture
def small_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    home.mkdir()
    _mount_tmpfs(home, "size=600k")
    monkeypatch.setenv("MOCK_INTERVIEW_HOME", str(home))
    yield home
    subprocess.run(["umount", "-l", str(home)], check=False)


def _answer(session_id: str, index: int, notes: str = "") -> Answer:
    question = Question(id=f"q{index}", text="Why this role?", category=Category.MOTIVATION, competency="motivation")
    return Answer(id=f"{session_id}-{index}", session_id=session_id, position=index, question=question,
                  status=AnswerStatus.RECORDED, notes=notes)


def test_read_only_data_folder_is_a_plain_message(small_home: Path) -> None:
    with Database.open() as database:  # create it while the folder is writable
        database.save_session(Session(id="kept", title="Before", created_at="2026-11-25T09:00:00+00:00"))
    subprocess.run(["mount", "-o", "remount,ro", str(small_home)], check=True)
    check = check_data_folder()
    assert not check.ok and "not writable" in check.detail and "MOCK_INTERVIEW_HOME" in check.advice
    with pytest.raises(StorageError) as raised, Database.open() as database:
        database.save_session(Session(id="new", title="After", created_at="2026-11-25T10:00:00+00:00"))
    assert "Traceback" not in str(raised.value)
    subprocess.run(["mount", "-o", "remount,rw", str(small_home)], check=True)
    with Database.open() as database:
        assert [s.title for s in database.list_sessions()] == ["Before"]


def test_full_disk_keeps_every_saved_answer(small_home: Path) -> None:
    with Database.open() as database:
        database.save_session(Session(id="s", title="Filling up", created_at="2026-11-25T09:00:00+00:00"))
        saved = 0
        with pytest.raises(StorageError, match="disk is full"):
            for index in range(10_000):
                database.save_answer(_answer("s", index, notes="x" * 20_000))
                saved += 1
        assert saved > 0
    (small_home / "data" / "padding").unlink(missing_ok=True)
    with Database.open() as database:
        assert database.integrity_check() == "ok"
        assert len(database.load_session("s").answers) == saved
