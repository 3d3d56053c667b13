"""The Review page's helpers: a progress strip with Cancel, the debounced notes saver, and the questions it
asks the person (confirm, where to save). The jobs themselves are in app.session.review and run through
app.session.review_controller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.tasks import TaskRunner
from app.session.review_controller import Cancellable
from app.session.store import Database

log = logging.getLogger(__name__)

NOTES_DELAY_MS = 700


class BusyStrip(QWidget):
    """One line under the toolbar while long work runs: what it is doing, how far, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAccessibleName("Background work")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Progress")
        self.bar.setMaximumWidth(320)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the background work")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.handle: Cancellable | None = None
        self.setVisible(False)

    def start(self, text: str, handle: Cancellable | None, determinate: bool = True) -> None:
        self.handle = handle
        self.label.setText(text)
        self.bar.setRange(0, 1000 if determinate else 0)
        self.bar.setValue(0)
        self.cancel_button.setVisible(handle is not None)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    def progress(self, stage: str, fraction: float) -> None:
        self.label.setText(stage[:1].upper() + stage[1:] + "…")
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def finish(self) -> None:
        self.handle = None
        self.setVisible(False)

    @property
    def busy(self) -> bool:
        return self.isVisibleTo(self.parentWidget()) if self.parentWidget() else self.handle is not None


class NotesSaver(QObject):
    """Saves an answer's notes shortly after typing stops, off the GUI thread.

    Signals:
        saved(str): the answer id whose notes are now in the database.
    """

    saved = Signal(str)

    def __init__(
        self, runner: TaskRunner, database: Callable[[], Database | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._database = database
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._pending: tuple[str, str] | None = None

    def edited(self, answer_id: str, text: str) -> None:
        if self._pending is not None and self._pending[0] != answer_id:
            self.flush()
        self._pending = (answer_id, text)
        self._timer.start()

    def flush(self) -> None:
        """Save what is pending now (switching answers, closing the window)."""
        self._timer.stop()
        if self._pending is None:
            return
        answer_id, text = self._pending
        self._pending = None
        database = self._database()
        if database is None:
            return
        self._runner.run(
            database.set_notes,
            answer_id,
            text,
            on_done=lambda _r: self.saved.emit(answer_id),
            name="save notes",
        )

    @property
    def pending(self) -> bool:
        return self._pending is not None


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_export_path(parent: QWidget, session_id: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        "Export session",
        str(Path.home() / f"session-{session_id[:8]}.zip"),
        "Session archive (*.zip)",
    )
    return Path(name) if name else None


def ask_pdf_path(parent: QWidget, session_id: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Save report as PDF", str(Path.home() / f"report-{session_id[:8]}.pdf"), "PDF (*.pdf)"
    )
    return Path(name) if name else None


def open_import_dialog(context: AppContext, parent: QWidget, imported: Callable[[str], None]) -> QWidget:
    """Review -> Import recording: the dialog, deleted when closed; `imported(session id)` once stored."""
    from app.gui.review.import_dialog import ImportDialog

    dialog = ImportDialog(context, parent)
    dialog.imported.connect(imported)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
