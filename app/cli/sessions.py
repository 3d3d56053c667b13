"""`mock-interview sessions list | export ID OUT.zip | import FILE.zip | delete ID`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.core.errors import UserFacingError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="stored sessions, oldest first")
    export = actions.add_parser("export", help="write a session and its recordings to a .zip")
    export.add_argument("session_id")
    export.add_argument("output", type=Path)
    importing = actions.add_parser("import", help="add a session exported from this or another computer")
    importing.add_argument("archive", type=Path)
    delete = actions.add_parser("delete", help="delete a session and its recordings")
    delete.add_argument("session_id")


def resolve_session_id(database, prefix: str) -> str:  # type: ignore[no-untyped-def]
    """A full id or a unique prefix of one (as `sessions list` shows them)."""
    matches = database.find_session_ids(prefix)
    if len(matches) == 1:
        return str(matches[0])
    if not matches:
        raise UserFacingError(f"No session has the id {prefix!r}.", "Run `mock-interview sessions list`.")
    raise UserFacingError(f"{prefix!r} matches {len(matches)} sessions.", "Give more characters of the id.")


def run(args: argparse.Namespace) -> int:
    from app.session.archives import export_session, import_session
    from app.session.store import Database

    try:
        with Database.open() as database:
            if args.action == "list":
                sessions = database.list_sessions()
                if not sessions:
                    print("No sessions yet.")
                for session in sessions:
                    scores = [a.analysis.scores.overall for a in session.answers
                              if a.analysis and a.analysis.scores and a.analysis.scores.overall is not None]
                    overall = f"{sum(scores) / len(scores):.1f}/5" if scores else "-"
                    when = session.created_at[:16].replace("T", " ")
                    print(f"{session.id[:8]}  {when}  {session.status:<11}  "
                          f"{len(session.answers)} answer(s)  overall {overall}  {session.title}")
            elif args.action == "export":
                path = export_session(database, resolve_session_id(database, args.session_id), args.output)
                print(f"exported to {path}")
            elif args.action == "import":
                session = import_session(database, args.archive)
                print(f"imported as session {session.id[:8]} ({len(session.answers)} answers)")
            elif args.action == "delete":
                session_id = resolve_session_id(database, args.session_id)
                database.delete_session(session_id)
                print(f"deleted session {session_id[:8]} and its recordings")
    except UserFacingError as error:
        print(f"ERROR {error.message} {error.advice}".rstrip())
        return 1
    return 0
