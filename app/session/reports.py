"""Report files: the one place that turns a stored session (or one of its answers) into HTML or PDF on disk.

The CLI (`mock-interview report`, `mock-interview analyze --html/--pdf`) and the GUI (the review page's report
and PDF buttons, the practice page's "full report" of one answer) all write through these functions, so a
report looks the same, lands in the same folder and fails with the same words wherever it was asked for.

- `report_html`: the HTML document for a session or one of its answers (the PDF is laid out from it).
- `write_report`: render once, write the requested HTML and/or PDF paths (plain Sessions, no database).
- `write_session_report` / `write_answer_report`: load from the database, write into the reports folder
  (or a chosen destination), return the path. Meant to run off the GUI thread.
- `find_session`: a stored session by a unique start of its id, with the user's other sessions as history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import Protocol

from app.core.errors import StorageError, UserFacingError
from app.core.session import Session
from app.platform.paths import AppPaths, ensure_dir

ADVICE = "Choose another folder, or check that the disk is not full, then try again."


class SessionStore(Protocol):
    """What report writing needs from the practice database (app.session.store.Database has it)."""

    paths: AppPaths

    def load_session(self, session_id: str) -> Session: ...

    def list_sessions(self) -> list[Session]: ...

    def find_session_ids(self, prefix: str) -> list[str]: ...


def report_html(
    session: Session,
    history: Sequence[Session] = (),
    *,
    answer_id: str | None = None,
    weekly_goal: int = 3,
    tz: tzinfo | None = None,
) -> str:
    """The report of `session`, or of its answer `answer_id` (KeyError when the session has none such)."""
    from app.report.html import render_answer_html, render_session_html

    if answer_id:
        return render_answer_html(session, answer_id, history, tz)
    return render_session_html(session, history, weekly_goal, tz)


def html_to_pdf(html: str) -> bytes:
    """The report document laid out as a PDF (PdfUnavailable, a UserFacingError, without WeasyPrint/Pango)."""
    from app.report.pdf import html_to_pdf as layout

    return layout(html)


def save_file(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` (its folder created); a failure becomes a StorageError that says where."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as error:  # a folder that cannot be written, a full disk: the person can fix it
        raise StorageError(
            f"The report could not be saved to {path} ({error.strerror or 'write failed'}).", ADVICE
        ) from error
    return path


def write_report(
    session: Session,
    history: Sequence[Session] = (),
    html_path: Path | None = None,
    pdf_path: Path | None = None,
    answer_id: str | None = None,
    weekly_goal: int = 3,
) -> list[Path]:
    """Render the report once and write the requested files; returns the paths written, HTML first."""
    html = report_html(session, history, answer_id=answer_id, weekly_goal=weekly_goal)
    written: list[Path] = []
    if html_path is not None:
        written.append(save_file(html_path, html))
    if pdf_path is not None:
        written.append(save_file(pdf_path, html_to_pdf(html)))
    return written


def report_path(folder: Path, session_id: str, answer_id: str | None = None, pdf: bool = False) -> Path:
    """Where a report goes in the reports folder: session-<id>.html, or answer-<id>.html for one answer."""
    stem = f"answer-{answer_id[:12]}" if answer_id else f"session-{session_id[:12]}"
    return folder / f"{stem}.{'pdf' if pdf else 'html'}"


def history_for(database: SessionStore, session_id: str) -> list[Session]:
    """The user's other sessions, for the progress section."""
    return [s for s in database.list_sessions() if s.id != session_id]


def write_session_report(
    database: SessionStore,
    session_id: str,
    weekly_goal: int = 3,
    destination: Path | None = None,
    pdf: bool = False,
) -> Path:
    """Write the session's report (HTML by default, into the reports folder) and return its path."""
    session = database.load_session(session_id)
    history = history_for(database, session_id)
    if destination is None:
        destination = report_path(ensure_dir(database.paths.reports), session_id, pdf=pdf)
    html = report_html(session, history, weekly_goal=weekly_goal)
    return save_file(destination, html_to_pdf(html) if pdf else html)


def write_answer_report(
    database: SessionStore,
    session_id: str,
    answer_id: str,
    destination: Path | None = None,
    pdf: bool = False,
) -> Path:
    """Write the report of one answer (HTML by default, into the reports folder) and return its path."""
    session = database.load_session(session_id)
    if destination is None:
        destination = report_path(ensure_dir(database.paths.reports), session_id, answer_id, pdf)
    html = report_html(session, answer_id=answer_id)
    return save_file(destination, html_to_pdf(html) if pdf else html)


def find_session(database: SessionStore, id_start: str) -> tuple[Session, list[Session]]:
    """The one stored session whose id starts with `id_start`, and the user's other sessions."""
    matches = database.find_session_ids(id_start)
    if len(matches) != 1:
        problem = "No session has" if not matches else f"{len(matches)} sessions have"
        raise UserFacingError(
            f"{problem} an id starting with '{id_start}'.",
            "Run `mock-interview sessions list` to see the ids.",
        )
    session = database.load_session(matches[0])
    return session, history_for(database, session.id)
