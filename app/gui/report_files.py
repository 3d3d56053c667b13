"""Feedback for a report written to a file, so opening or saving one is never silent.

A report opens in the default browser; when nothing can open it (no browser, or the desktop refuses), a
small dialog shows where the file is, with "Copy path" and "Open folder". `QDesktopServices.openUrl` only
says whether an opener started, not whether a browser window appeared, so even a "success" says where the
file is, in the status bar. A saved PDF is confirmed with the same dialog.

Every page that writes a report calls `open_report` or `confirm_saved`; the opener is passed in so tests
can stand in for the desktop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QMainWindow, QPushButton, QVBoxLayout, QWidget

from app.gui.theme import SPACING, label

OpenUrl = Callable[[QUrl], object]

NO_BROWSER = (
    "No browser could open the report. It is saved here: open its folder, or copy the path into a browser."
)


class ReportFileDialog(QDialog):
    """Where a report file is, with Open (the browser), Copy path, Open folder and Close. Non-modal."""

    def __init__(
        self,
        path: Path,
        message: str,
        open_url: OpenUrl = QDesktopServices.openUrl,
        parent: QWidget | None = None,
        title: str = "Your report",
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.open_url = open_url
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = label(message)
        self.message.setAccessibleName("What happened")
        self.path_field = QLineEdit(str(path))
        self.path_field.setReadOnly(True)
        self.path_field.setAccessibleName("Where the report is saved")
        text_width = self.path_field.fontMetrics().horizontalAdvance(str(path))
        self.path_field.setMinimumWidth(min(640, text_width + 24))
        self.note = label("", "muted")
        self.note.setAccessibleName("Result")
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the report in your browser")
        self.open_button.clicked.connect(self._open)
        self.copy_button = QPushButton("Copy path")
        self.copy_button.setToolTip("Copy where the report is saved, to paste it into a browser")
        self.copy_button.clicked.connect(self._copy)
        self.folder_button = QPushButton("Open folder")
        self.folder_button.setToolTip("Show the folder that holds the report")
        self.folder_button.clicked.connect(self._open_folder)
        self.close_button = QPushButton("Close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.copy_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.message)
        layout.addWidget(self.path_field)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    def _open(self) -> None:
        if self.open_url(QUrl.fromLocalFile(str(self.path))):
            self.close()
        else:
            self.note.setText("No browser could open it: copy the path or open its folder instead.")

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(str(self.path))
        self.note.setText("The path was copied: paste it into a browser's address bar.")

    def _open_folder(self) -> None:
        if self.open_url(QUrl.fromLocalFile(str(self.path.parent))):
            self.note.setText(f"The folder {self.path.parent} was opened.")
        else:
            self.note.setText(
                "No file manager could open the folder either: copy the path and open it yourself."
            )


def open_report(
    parent: QWidget | None, path: Path, open_url: OpenUrl = QDesktopServices.openUrl
) -> ReportFileDialog | None:
    """Open `path` in the browser and say so with the path; when nothing opens it, show the path dialog."""
    if open_url(QUrl.fromLocalFile(str(path))):
        show_status(parent, f"The report is opening in your browser. It is saved as {path}")
        return None
    dialog = ReportFileDialog(path, NO_BROWSER, open_url, parent)
    dialog.show()
    dialog.activateWindow()
    return dialog


def confirm_saved(
    parent: QWidget | None, path: Path, what: str = "The report", open_url: OpenUrl = QDesktopServices.openUrl
) -> ReportFileDialog:
    """Say that `what` ("The PDF report") was saved, where, and offer to open it or its folder."""
    dialog = ReportFileDialog(path, f"{what} was saved.", open_url, parent, title="Report saved")
    dialog.show()
    dialog.activateWindow()
    return dialog


def show_status(widget: QWidget | None, message: str, timeout_ms: int = 20_000) -> bool:
    """A message in the status bar of `widget`'s main window; False when it has none."""
    window = widget.window() if widget is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, timeout_ms)
        return True
    return False
