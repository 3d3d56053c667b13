"""What the user sees when something goes wrong.

Errors the environment causes (`UserFacingError`: no camera, corrupt file, full disk) get a plain message
with what to do next. Anything else is a bug: it is logged with its traceback and shown in a crash dialog
that points at the log file, and the app keeps running where it safely can.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core.errors import UserFacingError
from app.platform.logs import log_file

log = logging.getLogger(__name__)


_open_boxes: set[QMessageBox] = set()  # parentless boxes must stay referenced while shown


def _keep_until_closed(box: QMessageBox) -> None:
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))


def show_user_error(parent: QWidget | None, error: UserFacingError, title: str = "Mock Interview Coach") -> QMessageBox:
    """A plain message: what happened and what to do next. Non-blocking."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, QMessageBox.StandardButton.Ok, parent)
    if error.advice:
        box.setInformativeText(error.advice)
    box.setAccessibleName("Problem message")
    _keep_until_closed(box)
    box.open()
    return box


class CrashDialog(QMessageBox):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, "Something went wrong", "", QMessageBox.StandardButton.Close, parent)
        self.setText(
            "Mock Interview Coach hit an unexpected problem. Your recordings are safe: completed answers are "
            "saved as soon as they end."
        )
        self.setInformativeText(f"The details were written to the log file:\n{log_file()}")
        self.setDetailedText(details)
        self.setAccessibleName("Crash report")


class ExceptionHook:
    """Installed as sys.excepthook while the GUI runs."""

    def __init__(self) -> None:
        self._previous = sys.excepthook
        self._showing = False
        self.dialogs_shown = 0

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        app = QApplication.instance()
        parent = app.activeWindow() if isinstance(app, QApplication) else None
        if isinstance(exc, UserFacingError):
            log.warning("user-facing error: %s", exc)
            show_user_error(parent, exc)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception\n%s", details)
        if self._showing or not isinstance(app, QApplication):
            return
        self._showing = True
        self.dialogs_shown += 1
        dialog = CrashDialog(details, parent)
        _keep_until_closed(dialog)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self) -> None:
        self._showing = False
