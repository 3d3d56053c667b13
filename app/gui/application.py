"""Start the desktop app: logging, QApplication, the theme, the crash hook, settings and the main window.

Cold start stays short: only Qt and the small app modules load before the window shows. Background
jobs the pages ask for while they are built (devices, question banks) are held until the window has
painted; then they start, with crash recovery and the models (`AnalysisServices.preload`).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.core.errors import UserFacingError
from app.gui.context import AppContext
from app.gui.crash import ExceptionHook, show_user_error
from app.gui.main_window import MainWindow
from app.gui.settings.keys import Key, Setting, Settings
from app.gui.tasks import TaskRunner
from app.platform.logs import setup_logging
from app.platform.paths import assets_dir
from app.session.analyse import AnalysisServices
from app.session.store import Database

log = logging.getLogger(__name__)

FIRST_PAINT_TIMEOUT_MS = 3000


def create_pages(context: AppContext) -> list[tuple[str, QWidget]]:
    from app.gui.history.history_page import HistoryPage
    from app.gui.practice.practice_page import PracticePage
    from app.gui.review.review import ReviewPage
    from app.gui.settings.settings_page import SettingsPage

    return [
        ("Practice", PracticePage(context)),
        ("Review", ReviewPage(context)),
        ("History", HistoryPage(context)),
        ("Settings", SettingsPage(context)),
    ]


def create_context(settings: Settings) -> AppContext:
    runner = TaskRunner(max_threads=2)
    services = AnalysisServices(model=settings.get(Key.TRANSCRIPTION_MODEL))
    database: Database | None
    try:
        database = Database.open()  # small: one SQLite file, migrations are a few statements
    except UserFacingError as error:
        log.error("database unavailable: %s", error)
        show_user_error(None, error)
        database = None
    return AppContext(settings=settings, runner=runner, services=services, database=database)


def create_main_window(settings: Settings, context: AppContext | None = None) -> MainWindow:
    context = context or create_context(settings)
    pages = create_pages(context)
    window = MainWindow(settings, pages)
    context.show_page = window.show_page
    review = dict(pages).get("Review")
    if hasattr(review, "show_session"):

        def show_session(session_id: str) -> None:
            window.show_page("Review")
            review.show_session(session_id)  # type: ignore[union-attr]

        context.show_session = show_session
    for hook in context.close_hooks:
        window.add_close_hook(hook)
    window.add_close_hook(lambda: _shut_down(context))
    window.context = context  # type: ignore[attr-defined]
    return window


def _shut_down(context: AppContext) -> None:
    """After the pages' own hooks: stop background jobs, release the models, close the database."""
    if not context.runner.shutdown(timeout_ms=30000):
        log.warning("background tasks were still running at exit")
    context.services.close()
    if context.database is not None:
        context.database.close()
        context.database = None


def start_background_work(window: MainWindow, context: AppContext) -> None:
    """Right after the window shows: recover what a crash left, then load the models."""
    database = context.database
    if database is not None:
        from app.session.recovery import recover_interrupted

        def recovered(report) -> None:  # type: ignore[no-untyped-def]
            if report.anything:
                count = len(report.answers)
                recovered = f"{count} answer(s) were recovered (see Review)"
                if not count:
                    recovered = "no answer had been recorded"
                window.statusBar().showMessage(f"An earlier session was interrupted; {recovered}.", 15000)
            if report.anything or report.discarded:
                context.notify_sessions_changed()

        context.runner.run(recover_interrupted, database, on_done=recovered, name="recovery")
    context.runner.run(
        context.services.preload,
        name="load models",
        on_error=lambda error: log.warning("models could not be preloaded: %s", error),
    )


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


class _FirstPaint(QObject):
    """Calls back once `window` has painted for the first time and the event loop is idle again."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, self._fire)  # a window that is never painted (hidden start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def _window_painted(app: QApplication, window: MainWindow, context: AppContext) -> None:
    """The window is on screen and answers input: now the background work may start."""
    probe = os.environ.get("MOCK_INTERVIEW_READY_PROBE")
    if probe:  # benchmarks: cold start to an interactive window
        print("ready", flush=True)
        if probe == "quit":
            app.closeAllWindows()
            app.quit()
            return
    context.runner.release()
    start_background_work(window, context)


def run_gui(argv: Sequence[str]) -> int:
    log_path = setup_logging()
    app = QApplication(list(argv))
    app.setApplicationName("Mock Interview Coach")
    app.setApplicationDisplayName("Mock Interview Coach")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("MockInterviewCoach")
    app.setDesktopFileName("mock-interview-coach")
    icon = assets_dir() / "icons" / "mock-interview-coach.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    hook = ExceptionHook()
    hook.install()
    log.info("starting GUI %s on %s (log %s)", __version__, app.platformName(), log_path)
    settings = Settings()
    from app.gui.theme import apply_theme, follow_system

    apply_theme(app, settings.get(Key.THEME))
    follow_system(app, lambda: settings.get(Key.THEME))
    settings.changed.connect(lambda setting: _theme_changed(app, settings, setting))
    context = create_context(settings)
    context.runner.hold()  # the pages' device, bank and model jobs wait for the window's first paint
    window = create_main_window(settings, context)
    _FirstPaint(window, lambda: _window_painted(app, window, context))
    window.show()
    _keepalive = _quit_on_sigterm(app)
    try:
        return app.exec()
    finally:
        hook.uninstall()
        log.info("GUI closed")


def _theme_changed(app: QApplication, settings: Settings, setting: Setting[Any]) -> None:
    """Settings' theme choice (or its reset to "system") applies at once, to every window."""
    if setting == Key.THEME:
        from app.gui.theme import apply_theme

        apply_theme(app, settings.get(Key.THEME))


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
