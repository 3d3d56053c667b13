"""`mock-interview report SESSION_ID --html OUT --pdf OUT`: write a stored session's report.

The session comes from the database (a unique prefix of its id is enough); the user's other sessions feed
the progress section. The work itself is `write_report`, which takes plain Sessions so it is testable
without a database and callable from elsewhere.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core.errors import StorageError, UserFacingError
from app.core.session import Session

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session_id", help="the session's id, or a unique start of it (see `sessions list`)")
    parser.add_argument(
        "--html", type=Path, metavar="OUT", help="write the report as a self-contained HTML file"
    )
    parser.add_argument("--pdf", type=Path, metavar="OUT", help="write the report as a PDF file")
    parser.add_argument("--answer", metavar="ANSWER_ID", help="report only this answer of the session")
    parser.add_argument(
        "--weekly-goal",
        type=int,
        default=3,
        metavar="N",
        help="practice sessions per week you aim for (default 3), shown in the progress section",
    )


def write_report(
    session: Session,
    history: Sequence[Session] = (),
    html_path: Path | None = None,
    pdf_path: Path | None = None,
    answer_id: str | None = None,
    weekly_goal: int = 3,
) -> list[Path]:
    """Render the report once and write the requested files; returns the paths written."""
    from app.report.html import render_answer_html, render_session_html
    from app.report.pdf import html_to_pdf

    if answer_id:
        html = render_answer_html(session, answer_id, history)
    else:
        html = render_session_html(session, history, weekly_goal)
    written: list[Path] = []
    try:
        if html_path is not None:
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(html, encoding="utf-8")
            written.append(html_path)
        if pdf_path is not None:
            pdf = html_to_pdf(html)
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            pdf_path.write_bytes(pdf)
            written.append(pdf_path)
    except OSError as error:
        raise StorageError(
            f"Could not write the report: {error}", "Choose another folder or free some space."
        ) from error
    return written


def _load(session_id: str) -> tuple[Session, list[Session]]:
    from app.storage.database import Database

    with Database.open() as db:
        matches = db.find_session_ids(session_id)
        if len(matches) != 1:
            problem = "No session has" if not matches else f"{len(matches)} sessions have"
            raise UserFacingError(
                f"{problem} an id starting with '{session_id}'.",
                "Run `mock-interview sessions list` to see the ids.",
            )
        session = db.load_session(matches[0])
        history = [s for s in db.list_sessions() if s.id != session.id]
    return session, history


def run(args: argparse.Namespace) -> int:
    if args.html is None and args.pdf is None:
        print("Nothing to write: give --html OUT and/or --pdf OUT.", file=sys.stderr)
        return 2
    try:
        session, history = _load(args.session_id)
        written = write_report(session, history, args.html, args.pdf, args.answer, args.weekly_goal)
    except KeyError as error:
        print(f"The session has no answer {error}.", file=sys.stderr)
        return 1
    except UserFacingError as error:
        print(f"{error.message}\n{error.advice}".strip(), file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path}")
    return 0
