"""`mock-interview report SESSION_ID --html OUT --pdf OUT` on a session stored in the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.core.session import Session
from app.report.pdf import pdf_available
from app.storage.database import Database


def _store(*sessions: Session) -> None:
    with Database.open() as db:
        for session in sessions:
            db.save_session(session)
            for answer in session.answers:
                db.save_answer(answer)


def test_report_command_writes_html_from_the_database(
    practice_session: Session, history: list[Session], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store(practice_session, *history)
    out = tmp_path / "out" / "report.html"
    assert main(["report", "s3-cur", "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "You said &#39;um&#39; 9 times, 5 of them in the first 30 s." in html
    assert "Scores of this and your previous 2 sessions" in html
    assert f"Wrote {out}" in capsys.readouterr().out


def test_report_command_explains_an_unknown_or_ambiguous_id(
    practice_session: Session, history: list[Session], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store(practice_session, *history)
    assert main(["report", "nope", "--html", str(tmp_path / "r.html")]) == 1
    assert "No session has an id starting with 'nope'" in capsys.readouterr().err
    assert main(["report", "s", "--html", str(tmp_path / "r.html")]) == 1
    assert "3 sessions have an id starting with 's'" in capsys.readouterr().err
    assert main(["report", "s3"]) == 2  # no output asked for


@pytest.mark.slow
def test_report_command_writes_pdf_of_one_answer(practice_session: Session, tmp_path: Path) -> None:
    _store(practice_session)
    out = tmp_path / "answer.pdf"
    assert main(["report", "s3-current", "--answer", practice_session.answers[1].id, "--pdf", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_pdf_check_for_doctor() -> None:
    check = pdf_available()
    assert check.ok, check.detail
    assert check.detail.startswith("WeasyPrint ")
