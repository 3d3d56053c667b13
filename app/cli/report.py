"""`mock-interview report SESSION_ID --html OUT --pdf OUT`: write a stored session's report.

The session comes from the database (a unique prefix of its id is enough); the user's other sessions feed
the progress section. The writing itself is app.session.reports.write_report, shared with `analyze` and the
GUI.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.core.errors import UserFacingError
from app.core.session import Session
from app.session.reports import find_session, write_report

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


def _load(session_id: str) -> tuple[Session, list[Session]]:
    from app.session.store import Database

    with Database.open() as db:
        return find_session(db, session_id)


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
