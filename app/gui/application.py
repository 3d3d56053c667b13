"""Start the desktop app: logging, QApplication, the crash hook, settings and the main window."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.gui.crash import ExceptionHook
from app.gui.main_window import MainWindow
from app.gui.settings import Settings
from app.logs import setup_logging

log = logging.getLogger(__name__)


def create_pages(settings: Settings) -> list[tuple[str, QWidget]]:
    from app.gui.pages.placeholder import InfoPage

    return [
        ("Practice", InfoPage("Practice", "Choose a question set and start a mock interview.")),
        ("Review", InfoPage("Review", "Replay your recorded answers with their transcript and feedback.")),
        ("History", InfoPage("History", "See how your scores change across sessions.")),
        ("Settings", InfoPage("Settings", "Camera, microphone, voice, transcription model and your data.")),
    ]


def create_main_window(settings: Settings) -> MainWindow:
    return MainWindow(settings, create_pages(settings))


def _quit_on_sigterm(app: QApplication) -> QTimer:
    """Let Python see SIGTERM/SIGINT while Qt's loop runs, and close the windows cleanly."""

    def close_all(*_args: object) -> None:
        app.closeAllWindows()
        app.quit()

    signal.signal(signal.SIGTERM, close_all)
    signal.signal(signal.SIGINT, close_all)
    timer = QTimer()
    timer.start(250)
    timer.timeout.connect(lambda: None)  # wake the interpreter so signal handlers run
    return timer


def run_gui(argv: Sequence[str]) -> int:
    log_path = setup_logging()
    app = QApplication(list(argv))
    app.setApplicationName("Mock Interview Coach")
    app.setApplicationDisplayName("Mock Interview Coach")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MockInterviewCoach")
    app.setDesktopFileName("mock-interview-coach")
    hook = ExceptionHook()
    hook.install()
    log.info("starting GUI %s on %s (log %s)", __version__, app.platformName(), log_path)
    settings = Settings()
    window = create_main_window(settings)
    window.show()
    _keepalive = _quit_on_sigterm(app)
    try:
        return app.exec()
    finally:
        hook.uninstall()
        log.info("GUI closed")


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
