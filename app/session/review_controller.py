"""The Review page's commands, without widgets: re-run an answer's analysis, export, write the report or a
PDF, delete an answer or a session.

The controller decides whether a command can run, starts its job on the runner (off the GUI thread) and
tells the page what came of it through small protocols (`ReviewView`, `WorkIndicator`, `Playback`), so
the same code is driven by the Review page and, in tests, by a synchronous runner and a recording view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from app.core.errors import UserFacingError
from app.core.session import Answer
from app.session import review
from app.session.analyse import AnalysisServices
from app.session.reports import write_session_report
from app.session.store import Database


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Runner(Protocol):
    """Runs `fn(*args)` in the background and calls back on the GUI thread (app.gui.tasks.TaskRunner)."""

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[str, float], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        name: str = "",
    ) -> Cancellable: ...


class WorkIndicator(Protocol):
    """The line that shows long work with its progress and Cancel (the page's BusyStrip)."""

    @property
    def busy(self) -> bool: ...

    def start(self, text: str, handle: Cancellable | None, determinate: bool = True) -> None: ...

    def progress(self, stage: str, fraction: float) -> None: ...

    def finish(self) -> None: ...


class Playback(Protocol):
    """The player: paused while its answer is analysed again, released before its file is deleted."""

    def pause(self) -> None: ...

    def unload(self) -> None: ...


class ReviewView(Protocol):
    """What the controller asks of the page, and what it tells it."""

    def confirm(self, title: str, text: str) -> bool: ...

    def choose_export_path(self, session_id: str) -> Path | None: ...

    def choose_pdf_path(self, session_id: str) -> Path | None: ...

    def show_error(self, error: UserFacingError) -> None: ...

    def answer_reanalysed(self, answer: Answer) -> None: ...

    def session_exported(self, path: Path) -> None: ...

    def report_written(self, path: Path, pdf: bool) -> None: ...

    def sessions_changed(self) -> None: ...


class ReviewController:
    """Runs Review's commands for the session and answer the page shows."""

    def __init__(
        self,
        view: ReviewView,
        work: WorkIndicator,
        playback: Playback,
        runner: Runner,
        database: Callable[[], Database | None],
        services: AnalysisServices,
        weekly_goal: Callable[[], int],
    ) -> None:
        self.view = view
        self.work = work
        self.playback = playback
        self.runner = runner
        self.database = database
        self.services = services
        self.weekly_goal = weekly_goal

    def failed(self, error: BaseException) -> None:
        """A job failed: the work line goes; what the person can fix is said (bugs reach the crash hook)."""
        self.work.finish()
        if isinstance(error, UserFacingError):
            self.view.show_error(error)

    def rerun_analysis(self, answer_id: str) -> bool:
        """Analyse the answer again with the current models; False when it cannot start now."""
        database = self.database()
        if not answer_id or database is None or self.work.busy:
            return False
        self.playback.pause()
        handle = self.runner.run(
            review.rerun_analysis,
            database,
            self.services,
            answer_id,
            on_done=self._reanalysed,
            on_error=self.failed,
            on_progress=self.work.progress,
            on_cancelled=self.work.finish,
            name="re-run analysis",
        )
        self.work.start("Analysing the answer again…", handle)
        return True

    def _reanalysed(self, answer: Answer) -> None:
        self.work.finish()
        self.view.sessions_changed()
        self.view.answer_reanalysed(answer)

    def export_session(self, session_id: str) -> bool:
        """Ask where, then write the session and its recordings as one .zip file."""
        database = self.database()
        if not session_id or database is None:
            return False
        destination = self.view.choose_export_path(session_id)
        if destination is None:
            return False
        handle = self.runner.run(
            review.export_session,
            database,
            session_id,
            destination,
            on_done=self._exported,
            on_error=self.failed,
            name="export session",
        )
        self.work.start("Exporting the session…", handle, determinate=False)
        return True

    def _exported(self, path: Path) -> None:
        self.work.finish()
        self.view.session_exported(path)

    def save_pdf(self, session_id: str) -> bool:
        """Ask where, then write the session's report as a PDF there."""
        if not session_id:
            return False
        destination = self.view.choose_pdf_path(session_id)
        return destination is not None and self.write_report(session_id, destination, pdf=True)

    def write_report(self, session_id: str, destination: Path | None = None, pdf: bool = False) -> bool:
        """Write the session's report (HTML into the reports folder unless `destination` says otherwise)."""
        database = self.database()
        if not session_id or database is None:
            return False
        handle = self.runner.run(
            write_session_report,
            database,
            session_id,
            self.weekly_goal(),
            destination,
            pdf,
            on_done=lambda path: self._report_written(path, pdf),
            on_error=self.failed,
            name="report",
        )
        text = "Writing the PDF report…" if pdf else "Writing the report…"
        self.work.start(text, handle, determinate=False)
        return True

    def _report_written(self, path: Path, pdf: bool) -> None:
        self.work.finish()
        self.view.report_written(path, pdf)

    def delete_answer(self, answer_id: str) -> bool:
        """After the person confirms, delete the answer and its recording."""
        database = self.database()
        if not answer_id or database is None:
            return False
        question = "Delete this answer and its recording? This cannot be undone."
        if not self.view.confirm("Delete answer", question):
            return False
        self.playback.unload()
        self.runner.run(
            review.delete_answer,
            database,
            answer_id,
            on_error=self.failed,
            on_done=lambda _id: self.view.sessions_changed(),
            name="delete answer",
        )
        return True

    def delete_session(self, session_id: str) -> bool:
        """After the person confirms, delete the whole session, its answers and their recordings."""
        database = self.database()
        if not session_id or database is None:
            return False
        if not self.view.confirm(
            "Delete session",
            "Delete this whole session, its answers and their recordings? This cannot be undone.",
        ):
            return False
        self.playback.unload()
        self.runner.run(
            review.delete_session,
            database,
            session_id,
            on_error=self.failed,
            on_done=lambda _id: self.view.sessions_changed(),
            name="delete session",
        )
        return True
