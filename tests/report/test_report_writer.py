"""Report files as every screen and command writes them (app.session.reports), from a real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import StorageError, UserFacingError
from app.core.session import Session
from app.session.reports import find_session, write_answer_report, write_report, write_session_report
from app.session.store import Database


@pytest.fixture
def database(practice_session: Session, history: list[Session]):  # type: ignore[no-untyped-def]
    with Database.open() as db:
        for session in (practice_session, *history):
            db.save_session(session)
            for answer in session.answers:
                db.save_answer(answer)
        yield db


def test_session_report_lands_in_the_reports_folder_with_progress(database: Database) -> None:
    path = write_session_report(database, "s3-current", weekly_goal=3)
    assert path == database.paths.reports / "session-s3-current.html"
    html = path.read_text(encoding="utf-8")
    assert "You said &#39;um&#39; 9 times, 5 of them in the first 30 s." in html
    assert "Scores of this and your previous 2 sessions" in html


def test_answer_report_holds_only_that_answer(database: Database, practice_session: Session) -> None:
    first, second = practice_session.answers
    path = write_answer_report(database, "s3-current", second.id)
    assert path.name == f"answer-{second.id[:12]}.html"
    html = path.read_text(encoding="utf-8")
    assert second.question.text in html
    assert first.question.text not in html
    assert "Scores of this and your previous" not in html  # one answer: no progress section


def test_a_folder_that_cannot_be_written_says_where(database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(StorageError) as raised:
        write_session_report(database, "s3-current", destination=blocker / "report.html")
    assert raised.value.message.startswith(f"The report could not be saved to {blocker / 'report.html'}")
    assert "disk is not full" in raised.value.advice


def test_find_session_by_the_start_of_its_id(database: Database) -> None:
    session, history = find_session(database, "s3-cur")
    assert session.id == "s3-current"
    assert sorted(s.id for s in history) == ["s1-earlier", "s2-earlier"]
    with pytest.raises(UserFacingError, match="3 sessions have an id starting with 's'"):
        find_session(database, "s")


@pytest.mark.slow
def test_one_rendering_gives_html_and_pdf(practice_session: Session, tmp_path: Path) -> None:
    html_path, pdf_path = write_report(practice_session, (), tmp_path / "r.html", tmp_path / "deep" / "r.pdf")
    assert html_path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert pdf_path.read_bytes().startswith(b"%PDF-")
