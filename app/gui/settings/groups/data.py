"""Settings' "Your data": where it is, and "Delete all my data".

Deleting asks twice, closes the database, removes every file under the app's folders (the open log file is
emptied instead) and opens a fresh, empty database so the app keeps running (app.session.data).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from app.gui.context import AppContext
from app.gui.settings.keys import Key
from app.gui.theme import label
from app.platform.paths import app_paths
from app.session.data import delete_everything, open_log_files, reopen_database
from app.session.store import Database

log = logging.getLogger(__name__)


class DataGroup(QGroupBox):
    """Args:
    confirm(title, text): asks the person; True to go on (tests answer for them).
    open_url: opens the data folder on the desktop.
    """

    def __init__(
        self,
        context: AppContext,
        confirm: Callable[[str, str], bool],
        open_url: Callable[[QUrl], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Your data", parent)
        self.context = context
        self._confirm = confirm
        form = QFormLayout(self)
        self.data_label = label(str(app_paths().data))
        self.data_label.setAccessibleName("Data folder")
        open_button = QPushButton("Open folder")
        open_button.clicked.connect(lambda: open_url(QUrl.fromLocalFile(str(app_paths().data))))
        self.delete_button = QPushButton("Delete all my data…")
        self.delete_button.setAccessibleName("Delete all my data")
        self.delete_button.clicked.connect(self.delete_everything)
        self.data_note = label(
            "Recordings, transcripts, scores, notes and reports stay on this computer.", "muted"
        )
        row = QHBoxLayout()
        row.addWidget(self.data_label, 1)
        row.addWidget(open_button)
        form.addRow("Data folder:", row)
        form.addRow("", self.delete_button)
        form.addRow("", self.data_note)

    def delete_everything(self) -> None:
        if not self._confirm(
            "Delete all my data",
            "Delete every recording, transcript, score, note, report and downloaded model?",
        ):
            return
        if not self._confirm(
            "Delete all my data — are you sure?",
            "This cannot be undone. Everything in the data folder will be gone.",
        ):
            return
        old, self.context.database = self.context.database, None  # pages see "no database" meanwhile
        self.delete_button.setEnabled(False)
        self.data_note.setText("Deleting…")
        self.context.runner.run(
            delete_everything,
            old,
            app_paths(),
            open_log_files(),
            on_done=self._deleted,
            on_error=self._delete_failed,
            name="delete all data",
        )

    def _deleted(self, result: tuple[Database, list[Path]]) -> None:
        self.context.database, left_over = result
        settings = self.context.settings
        for setting in Key.all():
            settings.reset(setting)
        settings.sync()
        self.delete_button.setEnabled(True)
        if left_over:
            log.warning("files left after deleting all data: %s", left_over)
        self.data_note.setText(
            "Some files could not be deleted; see the data folder."
            if left_over
            else "All your data was deleted."
        )
        self.context.notify_sessions_changed()

    def _delete_failed(self, error: BaseException) -> None:
        self.delete_button.setEnabled(True)
        self.data_note.setText(f"Deleting failed: {error}. Close the app and delete the data folder by hand.")
        self.context.database = reopen_database()
