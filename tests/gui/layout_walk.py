"""Walk every page, view, tab and dialog of the main window at one size and theme; report what does not fit.

Run by tests/gui/test_layout_fit.py in a child process (QT_SCALE_FACTOR only applies before Qt starts):
    QT_SCALE_FACTOR=1.25 QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json \
        uv run python tests/gui/layout_walk.py dark
where SCREEN.json describes one 1280x800 screen (see test_layout_fit.screen_config).
It reads the sessions already stored in the app's database (MOCK_INTERVIEW_HOME) so Review, History and the
results have real content, and prints one JSON object: {"screen name": ["problem", ...], ...}.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout_fit import misfits  # noqa: E402


def wait(app: QApplication, seconds: float, condition: Callable[[], bool] = lambda: False) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            break


def tabs_of(widget: QWidget) -> list[QTabWidget]:
    return [tabs for tabs in widget.findChildren(QTabWidget) if tabs.isVisible()]


def each_tab(app: QApplication, widget: QWidget) -> Iterator[str]:
    """Yield once per tab of the visible tab widgets ("" when there are none), with that tab shown."""
    found = tabs_of(widget)
    if not found:
        yield ""
        return
    for tabs in found:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            wait(app, 0.15)
            yield f" / {tabs.tabText(index)}"
        tabs.setCurrentIndex(0)


def walk(theme: str) -> dict[str, list[str]]:
    """The window fills the screen (set by the caller: QT_QPA_PLATFORM=offscreen:configfile=...)."""
    from app.gui.application import create_context, create_main_window
    from app.gui.settings.keys import Key, Settings
    from app.gui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app, theme)
    settings = Settings()
    settings.set(Key.USE_FILES, True)
    context = create_context(settings)
    window = create_main_window(settings, context)
    screen = app.primaryScreen().availableGeometry()
    width, height = screen.width(), screen.height()
    window.setGeometry(screen)
    window.show()
    wait(app, 0.5)
    report: dict[str, list[str]] = {}
    size = window.size()
    if (size.width(), size.height()) != (width, height):
        report["window"] = [f"asked for {width}x{height}, the window is {size.width()}x{size.height()}"]

    def check(name: str, root: QWidget) -> None:
        wait(app, 0.3)
        report[name] = misfits(root)

    pages = {
        window.navigation.item(i).text(): window.pages.widget(i) for i in range(window.navigation.count())
    }
    database = context.database
    assert database is not None
    sessions = [database.load_session(s.id) for s in database.list_sessions()]
    practised = next(s for s in sessions if len(s.answers) > 1)

    practice = pages["Practice"]
    window.show_page("Practice")
    wait(app, 20, lambda: practice.setup.track.count() > 1 and practice.setup.devices is not None)
    check("Practice / setup (recordings)", window)
    practice.setup.use_devices.setChecked(True)
    check("Practice / setup (devices)", window)
    practice.setup.use_files.setChecked(True)
    for name, view in (
        ("pre-check", practice.precheck),
        ("getting ready", practice.preparing),
        ("interview", practice.session_view),
    ):
        practice.stack.setCurrentWidget(view)
        check(f"Practice / {name}", window)
    practice.rating.reset(practised.answers[0].question.text, 1)
    practice.stack.setCurrentWidget(practice.rating)
    check("Practice / rating", window)
    practice.results.show_answer(1, practised.answers[0], False, ["Your microphone was quiet for 4 s."])
    practice.stack.setCurrentWidget(practice.results)
    check("Practice / results", window)
    practice.summary.show_session(practised)
    practice.stack.setCurrentWidget(practice.summary)
    check("Practice / summary", window)
    practice.stack.setCurrentWidget(practice.setup)

    review = pages["Review"]
    window.show_page("Review")
    wait(app, 20, lambda: review.sessions.topLevelItemCount() == len(sessions) and review.answer is not None)
    for tab in each_tab(app, review):
        check(f"Review{tab}", window)
    history = pages["History"]
    window.show_page("History")
    wait(app, 20, lambda: history.data is not None)
    for tab in each_tab(app, history):
        check(f"History{tab}", window)
    window.show_page("Settings")
    check("Settings", window)

    for name, dialog in dialogs(context, window, review, practice):
        dialog.show()
        wait(app, 0.5)
        found = misfits(dialog)
        if dialog.width() > width or dialog.height() > height:
            found.append(
                f"the dialog is {dialog.width()}x{dialog.height()}, larger than the {width}x{height} screen"
            )
        report[f"Dialog: {name}"] = found
        dialog.close()
    window.close()
    app.processEvents()
    return report


def dialogs(context, window, review, practice) -> Iterator[tuple[str, QDialog]]:  # type: ignore[no-untyped-def]
    from app.gui.banks.banks_dialog import BanksDialog
    from app.gui.report_files import NO_BROWSER, ReportFileDialog
    from app.gui.review.debrief_dialog import DebriefDialog
    from app.gui.review.import_dialog import ImportDialog
    from app.platform.paths import app_paths

    yield "My question banks", BanksDialog(context, window)
    yield "Debrief a real interview", DebriefDialog(context, window)
    yield "Import a recording", ImportDialog(context, review)
    report = app_paths().reports / "session-0123456789ab.html"
    yield "Your report", ReportFileDialog(report, NO_BROWSER, lambda _url: False, window)
    box = QMessageBox(
        QMessageBox.Icon.Information, "Keyboard shortcuts", "", QMessageBox.StandardButton.Close, window
    )
    from app.gui.main_window import SHORTCUT_HELP

    box.setText(SHORTCUT_HELP)
    yield "Keyboard shortcuts", box  # type: ignore[misc]
    del practice


if __name__ == "__main__":
    print(json.dumps(walk(sys.argv[1])))
