"""The main window: a navigation list on the left, one page at a time on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from app import __version__
from app.gui.settings.keys import Key, Settings

log = logging.getLogger(__name__)

WINDOW_TITLE = "Mock Interview Coach"
SHORTCUT_HELP = (
    "Ctrl+1 … Ctrl+4: Practice, Review, History, Settings\n"
    "Space or Ctrl+Return: start / stop the answer\n"
    "Ctrl+N or Right: next question\n"
    "Ctrl+K: skip the question\n"
    "Ctrl+R: redo the answer\n"
    "Ctrl+P: pause / resume the thinking time\n"
    "Ctrl+E: end the session\n"
    "Ctrl+L: show / hide face and body points on the camera picture\n"
    "Ctrl+Return on the rating form: save your rating\n"
    "F1: this list"
)


class MainWindow(QMainWindow):
    """Owns the pages and the workers they start; closing the window stops every worker first."""

    def __init__(
        self, settings: Settings, pages: list[tuple[str, QWidget]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(WINDOW_TITLE)
        self.setMinimumSize(QSize(900, 600))
        self._close_hooks: list[Callable[[], None]] = []

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setFixedWidth(170)
        self.navigation.setIconSize(QSize(20, 20))
        self.pages = QStackedWidget()
        for title, page in pages:
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Ctrl+{self.navigation.count() + 1})")
            item.setSizeHint(QSize(150, 40))
            self.navigation.addItem(item)
            self.pages.addWidget(page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._create_shortcuts(pages)
        self.statusBar().showMessage(f"Version {__version__} — everything stays on this computer.")

        geometry = settings.get(Key.WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        start_page = settings.get(Key.LAST_PAGE)
        self.navigation.setCurrentRow(start_page if 0 <= start_page < len(pages) else 0)

    def _create_shortcuts(self, pages: list[tuple[str, QWidget]]) -> None:
        for number, (title, _page) in enumerate(pages):
            action = QAction(f"Go to {title}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, row=number: self.navigation.setCurrentRow(row))
            self.addAction(action)
        help_action = QAction("Keyboard shortcuts", self)
        help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_action.triggered.connect(self.show_shortcuts)
        self.addAction(help_action)
        quit_action = QAction("Quit", self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def show_shortcuts(self) -> None:
        """F1: every keyboard shortcut in one list (they are also in each button's tooltip)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Keyboard shortcuts",
            SHORTCUT_HELP,
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setAccessibleName("Keyboard shortcuts")
        box.open()

    def show_page(self, title: str) -> None:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).text() == title:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(title)

    def add_close_hook(self, hook: Callable[[], None]) -> None:
        """Called when the window closes, e.g. to stop a worker and wait for it."""
        self._close_hooks.append(hook)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for hook in self._close_hooks:
            try:
                hook()
            except Exception:  # noqa: BLE001 - closing must always finish
                log.exception("close hook failed")
        self.settings.set(Key.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(Key.LAST_PAGE, self.navigation.currentRow())
        self.settings.sync()
        super().closeEvent(event)
