"""The Review page's commands: re-run analysis, export, report, delete and import, each in the background.

A mixin of ReviewPage (kept apart so each file reads in one sitting); it uses the page's context, busy
strip, player, list and the replaceable dialogs (`confirm`, `choose_export_path`, `choose_pdf_path`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.core.errors import UserFacingError
from app.core.session import Answer
from app.gui.crash import show_user_error
from app.gui.pages import review_actions as actions
from app.gui.report_files import ReportFileDialog, confirm_saved, open_report
from app.gui.settings import Key


class ReviewCommands:
    """Mixed into ReviewPage (a QWidget); the attributes below are the page's."""

    context: Any
    busy: actions.BusyStrip
    player: Any
    sessions: Any
    answer: Answer | None
    session_id: str
    open_url: Any  # QDesktopServices.openUrl, replaced in tests
    report_dialog: ReportFileDialog | None = None  # where a report is, when it was shown

    # ---- background actions -------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        self.busy.finish()
        if isinstance(error, UserFacingError):
            show_user_error(self, error)

    def rerun_analysis(self) -> None:
        database = self.context.database
        if self.answer is None or database is None or self.busy.isVisible():
            return
        answer_id = self.answer.id
        self.player.pause()
        handle = self.context.runner.run(
            actions.rerun_analysis,
            database,
            self.context.services,
            answer_id,
            on_done=self._rerun_done,
            on_error=self._failed,
            on_progress=self.busy.progress,
            on_cancelled=self.busy.finish,
            name="re-run analysis",
        )
        self.busy.start("Analysing the answer again…", handle)

    def _rerun_done(self, answer: Answer) -> None:
        self.busy.finish()
        self.context.notify_sessions_changed()
        if self.answer is not None and self.answer.id == answer.id:
            self.sessions.refresh_answer_label(answer)

    def export_session(self) -> None:
        database = self.context.database
        if not self.session_id or database is None:
            return
        destination = self.choose_export_path(self.session_id)
        if destination is None:
            return
        from app.storage.exchange import export_session

        handle = self.context.runner.run(
            export_session,
            database,
            self.session_id,
            destination,
            on_done=self._exported,
            on_error=self._failed,
            name="export session",
        )
        self.busy.start("Exporting the session…", handle, determinate=False)

    def _exported(self, path: Path) -> None:
        self.busy.finish()
        self.last_export = path
        self.notes_status.setText("")
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Session exported to {path}", 10000)

    def open_report(self) -> None:
        self._report(None, pdf=False)

    def save_pdf(self) -> None:
        if not self.session_id:
            return
        destination = self.choose_pdf_path(self.session_id)
        if destination is not None:
            self._report(destination, pdf=True)

    def _report(self, destination: Path | None, pdf: bool) -> None:
        database = self.context.database
        if not self.session_id or database is None:
            return
        handle = self.context.runner.run(
            actions.write_report,
            database,
            self.session_id,
            self.context.settings.get(Key.WEEKLY_GOAL),
            destination,
            pdf,
            on_done=self._pdf_saved if pdf else self._report_written,
            on_error=self._failed,
            name="report",
        )
        self.busy.start(
            "Writing the PDF report…" if pdf else "Writing the report…", handle, determinate=False
        )

    def _report_written(self, path: Path) -> None:
        """The browser opens it and the status bar says where it is; with no browser, the path dialog."""
        self.busy.finish()
        self.last_report = path
        self.report_dialog = open_report(self, path, self.open_url)

    def _pdf_saved(self, path: Path) -> None:
        """A saved PDF is confirmed with its path, and the offer to open it or its folder."""
        self.busy.finish()
        self.last_report = path
        self.report_dialog = confirm_saved(self, path, "The PDF report", self.open_url)

    def delete_answer(self) -> None:
        database = self.context.database
        if self.answer is None or database is None:
            return
        if not self.confirm("Delete answer", "Delete this answer and its recording? This cannot be undone."):
            return
        self.player.unload()
        self.context.runner.run(
            actions.delete_answer,
            database,
            self.answer.id,
            on_error=self._failed,
            on_done=lambda _id: self.context.notify_sessions_changed(),
            name="delete answer",
        )

    def delete_session(self) -> None:
        database = self.context.database
        if not self.session_id or database is None:
            return
        if not self.confirm(
            "Delete session",
            "Delete this whole session, its answers and their recordings? This cannot be undone.",
        ):
            return
        self.player.unload()
        self.context.runner.run(
            actions.delete_session,
            database,
            self.session_id,
            on_error=self._failed,
            on_done=lambda _id: self.context.notify_sessions_changed(),
            name="delete session",
        )

    def import_recording(self) -> None:
        from app.gui.pages.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, self)
        dialog.imported.connect(self._imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()

    def _imported(self, session_id: str) -> None:
        self.context.notify_sessions_changed()
        self.show_session(session_id)

    def _ask_export_path(self, session_id: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Export session",
            str(Path.home() / f"session-{session_id[:8]}.zip"),
            "Session archive (*.zip)",
        )
        return Path(name) if name else None

    def _ask_pdf_path(self, session_id: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save report as PDF", str(Path.home() / f"report-{session_id[:8]}.pdf"), "PDF (*.pdf)"
        )
        return Path(name) if name else None
