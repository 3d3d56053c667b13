"""Drive the real app window on a real X server as a person does, and photograph every page at 1024x700.

Run by tests/x11/test_walkthrough_x11.py under Xvfb (QT_QPA_PLATFORM=xcb); by hand:
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python tests/x11/walkthrough.py full OUT VIDEO AUDIO [light|dark]
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python tests/x11/walkthrough.py bad_source OUT NOTES.TXT AUDIO
    DISPLAY=:99 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.25 uv run python tests/x11/walkthrough.py full OUT \
        VIDEO AUDIO light 1280 800     (a 1280x800 screen at 125%: 1024x640 in Qt's units)
Every step is a mouse click on a visible, enabled widget or a key press (QTest events into the real
QApplication); nothing calls the pages' methods. Each screenshot is the window's pixels read back from the
X server, and each screen's layout is checked with tests/gui/layout_fit.py. The last line printed is a JSON
object with what was checked.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

SCALE = float(os.environ.get("QT_SCALE_FACTOR") or 1)
SCALE_NAME = "" if SCALE == 1 else f"_{round(SCALE * 100)}"  # screenshots at 125% end in _125
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))
from layout_fit import misfits  # noqa: E402

WIDTH, HEIGHT = (
    1024,
    700,
)  # the window in device pixels; with QT_SCALE_FACTOR=1.25 pass 1280 800 (1024x640 in Qt)


class Person:
    """Clicks, types and looks at the window; remembers what did not fit on each screen."""

    def __init__(self, app: QApplication, window: QWidget, out: Path, suffix: str) -> None:
        self.app, self.window, self.out, self.suffix = app, window, out, suffix
        self.misfits: dict[str, list[str]] = {}
        self.saved: list[str] = []

    def wait(self, seconds: float, until: Callable[[], bool] | None = None, what: str = "") -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if until is not None and until():
                return
        if until is not None:
            raise TimeoutError(f"waited {seconds:.0f} s for {what}")

    def _reveal(self, widget: QWidget) -> None:
        """Scroll it into view, as a person scrolls to a control before clicking it."""
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()
        self.wait(0.1)

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self._reveal(widget)
        assert widget.isVisible(), f"{widget.accessibleName() or widget} is not on the screen"
        assert widget.isEnabled(), f"{widget.accessibleName() or widget} is greyed out"
        if at is None and isinstance(widget, (QCheckBox, QRadioButton)):  # on its words, not the space after
            at = QPoint(min(widget.sizeHint().width(), widget.width()) // 2, widget.height() // 2)
        QTest.mouseClick(
            widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at or widget.rect().center()
        )
        self.wait(0.15)

    def type_into(self, edit: QWidget, text: str) -> None:
        """Click the field, select what is there (Ctrl+A) and type over it."""
        target = edit.findChild(QLineEdit) if not isinstance(edit, QLineEdit) else edit
        self.click(edit)
        QTest.keyClick(target or edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(target or edit, text)
        self.wait(0.1)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """A key press goes where the keyboard focus is, as on a real desktop."""
        self.wait(5, lambda: self.window.isActiveWindow(), "the window to have the keyboard")
        QTest.keyClick(self.app.focusWidget() or self.window, key, modifier)
        self.wait(0.15)

    def go_to(self, section: str) -> None:
        navigation = self.window.navigation  # type: ignore[attr-defined]
        item = navigation.findItems(section, Qt.MatchFlag.MatchExactly)[0]
        self.click(navigation.viewport(), navigation.visualItemRect(item).center())

    def tab(self, tabs: QTabWidget, index: int) -> None:
        bar = tabs.tabBar()
        self.click(bar, bar.tabRect(index).center())

    def shoot(self, name: str) -> None:
        """Save the window as the X server shows it, and check that its texts fit."""
        self.wait(0.6)
        image = self.app.primaryScreen().grabWindow(self.window.winId())
        path = self.out / f"{name}_{WIDTH}x{HEIGHT}{SCALE_NAME}{self.suffix}.png"
        assert image.width() == WIDTH and image.height() == HEIGHT, (
            f"{name}: {image.width()}x{image.height()}"
        )
        assert image.save(str(path)), path
        self.saved.append(path.name)
        self.misfits[name] = misfits(self.window)
        print(f"saved {path}", flush=True)

    def message_boxes(self) -> list[QMessageBox]:
        return [w for w in self.app.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def open_app(theme: str):  # type: ignore[no-untyped-def]
    from app.gui.application import create_context, create_main_window, start_background_work
    from app.gui.settings.keys import Key, Settings
    from app.gui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    settings = Settings()
    settings.set(Key.THEME, theme)
    settings.set(Key.FOLLOW_UPS, "none")  # follow-ups have their own test (tests/gui/test_follow_up_practice.py)
    apply_theme(app, theme)
    context = create_context(settings)
    window = create_main_window(settings, context)
    window.setGeometry(0, 0, round(WIDTH / SCALE), round(HEIGHT / SCALE))
    window.show()
    window.activateWindow()  # no window manager on Xvfb: give the window the keyboard as one would
    start_background_work(window, context)
    return app, window, context


def fill_setup(person: Person, page, video: Path, audio: Path) -> None:  # type: ignore[no-untyped-def]
    """A new user: recordings instead of devices, two questions, a short thinking time, no spoken question."""
    setup = page.setup
    person.wait(60, lambda: setup.track.count() > 1 and setup.devices is not None, "the setup page")
    person.click(setup.use_files)
    person.type_into(setup.video_file[1], str(video))
    person.type_into(setup.audio_file[1], str(audio))
    person.type_into(setup.count, "2")
    person.type_into(setup.thinking, "20")
    if setup.speak.isChecked():
        person.click(setup.speak)
    person.wait(5, setup.continue_button.isEnabled, "Continue to be enabled")


def full(out: Path, video: Path, audio: Path, theme: str) -> dict[str, object]:
    from app.session.engine import Phase

    app, window, context = open_app(theme)
    person = Person(app, window, out, "" if theme == "light" else f"_{theme}")
    pages = {
        window.navigation.item(i).text(): window.pages.widget(i) for i in range(window.navigation.count())
    }
    page = pages["Practice"]
    fill_setup(person, page, video, audio)
    page.setup.findChild(QScrollArea).verticalScrollBar().setValue(0)
    person.shoot("setup")
    person.click(page.setup.continue_button)

    check = page.precheck
    person.wait(60, lambda: check.start_button.isEnabled() and check.camera.frames_shown > 3, "the preview")
    person.wait(30, lambda: check.framing is not None, "the framing check")
    person.shoot("precheck")
    person.click(check.start_button)

    person.wait(240, lambda: page.driver is not None and page.driver.phase == Phase.THINKING, "thinking time")
    driver = page.driver
    person.wait(2, lambda: driver.engine.elapsed > 1.5, "a moment of thinking")
    person.shoot("practice_thinking")
    person.key(Qt.Key.Key_Space)  # start answering now
    person.wait(5, lambda: driver.phase == Phase.ANSWERING, "the answer to start on Space")
    person.wait(
        30, lambda: driver.engine.elapsed > 5 and page.session_view.camera.frames_shown > 20, "answering"
    )
    person.shoot("practice_answering")
    person.key(Qt.Key.Key_Space)  # done

    rating = page.rating
    person.wait(30, lambda: page.stack.currentWidget() is rating, "the rating form")
    for key, value in (("delivery", 4), ("body_language", 3), ("content", 3), ("overall", 4)):
        person.click(rating.groups[key].button(value))
    person.type_into(rating.feeling, "Calm start, rushed the ending")
    person.shoot("rating")
    person.click(rating.save_button)

    results = page.results
    person.wait(300, lambda: results.answer is not None and results.next_button.isEnabled(), "the results")
    person.shoot("results")
    first = results.answer.id
    person.click(results.next_button)  # "Next question"

    # The second answer, as a person goes on: Space to start at once, Space when done, a quick rating.
    person.wait(120, lambda: driver.phase == Phase.THINKING, "the second question")
    person.key(Qt.Key.Key_Space)
    person.wait(5, lambda: driver.phase == Phase.ANSWERING, "the second answer to start on Space")
    person.wait(30, lambda: driver.engine.elapsed > 4, "the second answer")
    person.key(Qt.Key.Key_Space)
    person.wait(30, lambda: page.stack.currentWidget() is rating, "the second rating form")
    person.click(rating.groups["content"].button(3))
    person.click(rating.save_button)
    person.wait(
        300,
        lambda: results.answer is not None and results.answer.id != first and results.next_button.isEnabled(),
        "the second answer's results",
    )
    person.click(results.next_button)  # "Finish session"
    summary = page.summary
    person.wait(60, lambda: page.stack.currentWidget() is summary, "the summary")
    person.shoot("summary")
    session_id = driver.engine.session.id

    person.click(summary.review_button)
    review = pages["Review"]
    person.wait(30, lambda: review.isVisible() and review.answer is not None, "Review with the answer")
    person.wait(30, review.player.play_button.isEnabled, "the recording to load")
    person.click(review.player.play_button)
    person.wait(20, lambda: review.player.position_seconds() > 2.0, "playback")
    person.click(review.player.play_button)  # pause
    played_to = review.player.position_seconds()
    person.shoot("review")
    more = review.toolbar.more
    in_menu: list[str] = []
    if more.isVisible():  # the buttons that do not fit: in the More menu, still usable

        def look_at_menu() -> None:
            in_menu.extend(a.text() for a in more.menu().actions())
            person.shoot("review_more_menu")
            more.menu().close()

        QTimer.singleShot(700, look_at_menu)
        person.click(more)
        person.wait(2, lambda: bool(in_menu), "the More menu")

    history = pages["History"]
    person.go_to("History")
    person.wait(30, lambda: history.data is not None, "History")
    names = ["history", "history_metrics", "history_self_rating", "history_compare"]
    for index, name in enumerate(names):
        person.tab(history.tabs, index)
        person.shoot(name)

    settings_page = pages["Settings"]
    person.go_to("Settings")
    person.shoot("settings")
    person.type_into(settings_page.thinking_spin, "7")
    person.key(Qt.Key.Key_Tab)
    person.go_to("Practice")
    person.click(summary.again_button)
    person.wait(10, lambda: page.stack.currentWidget() is page.setup, "the setup page again")
    thinking_on_setup = page.setup.thinking.value()

    window.close()
    app.processEvents()
    return {
        "session": session_id,
        "played_to": played_to,
        "more_menu": in_menu,
        "thinking_on_setup": thinking_on_setup,
        "message_boxes": len(person.message_boxes()),
        "saved": person.saved,
        "misfits": person.misfits,
    }


def bad_source(out: Path, not_a_video: Path, audio: Path, theme: str) -> dict[str, object]:
    app, window, _context = open_app(theme)
    person = Person(app, window, out, "" if theme == "light" else f"_{theme}")
    page = window.pages.widget(0)
    fill_setup(person, page, not_a_video, audio)
    person.click(page.setup.continue_button)
    check = page.precheck
    person.wait(60, lambda: check.refusal.isVisible(), "the pre-check's refusal")
    person.shoot("precheck_bad_source")
    start_enabled = check.start_button.isEnabled()
    person.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the Start shortcut
    most_boxes = 0
    deadline = time.monotonic() + 8  # the storm of issue 17 began within seconds of the thinking time
    while time.monotonic() < deadline:
        person.wait(0.2)
        most_boxes = max(most_boxes, len(person.message_boxes()))
    result = {
        "refusal": check.refusal.text(),
        "start_enabled": start_enabled,
        "still_on_precheck": page.stack.currentWidget() is check,
        "driver_started": page.driver is not None,
        "most_message_boxes": most_boxes,
        "saved": person.saved,
        "misfits": person.misfits,
    }
    window.close()
    app.processEvents()
    return result


if __name__ == "__main__":
    mode, out, first, second = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    theme = sys.argv[5] if len(sys.argv) > 5 else "light"
    if len(sys.argv) > 7:
        WIDTH, HEIGHT = int(sys.argv[6]), int(sys.argv[7])
    out.mkdir(parents=True, exist_ok=True)
    walk = {"full": full, "bad_source": bad_source}[mode]
    print(json.dumps(walk(out, first, second, theme)), flush=True)
