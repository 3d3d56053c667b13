"""Walk the practice flow in the real app window and save a 1280x800 screenshot of each screen.

Run by tests/x11/test_screenshots_practice.py under Xvfb (QT_QPA_PLATFORM=xcb); also runnable by hand:
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python tests/x11/practice_screens.py OUT VIDEO AUDIO [light|dark]
Prints one line per saved screenshot. Exit code 0 when every screen was reached.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

WIDTH, HEIGHT = 1280, 800


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    loop = QEventLoop()
    waited = 0.0
    while not predicate():
        if waited > timeout_s:
            raise TimeoutError(f"timed out waiting for {what}")
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 0.05


def settle(seconds: float = 0.4) -> None:
    """Let layouts and the camera view catch up before a screenshot."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def save(window: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(f"saved {path}", flush=True)


def main(out: Path, video: Path, audio: Path, theme: str = "light") -> int:
    from app.core.session import SelfRating
    from app.gui.application import create_context, create_main_window, start_background_work
    from app.gui.settings.keys import Key, Settings
    from app.gui.theme import apply_theme
    from app.session.engine import Phase

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    settings = Settings()
    settings.set(Key.THEME, theme)
    settings.set(Key.USE_FILES, True)
    settings.set(Key.DEMO_VIDEO, str(video))
    settings.set(Key.DEMO_AUDIO, str(audio))
    settings.set(Key.QUESTION_COUNT, 2)
    settings.set(Key.FOLLOW_UPS, "none")  # follow-ups have their own test (tests/gui/test_follow_up_practice.py)
    settings.set(Key.THINKING_SECONDS, 30)
    settings.set(Key.ANSWER_SECONDS, 90)
    settings.set(Key.PRACTICE_TRACK, "software_engineering")
    apply_theme(app, theme)
    context = create_context(settings)
    window = create_main_window(settings, context)
    window.show_page("Practice")
    window.resize(WIDTH, HEIGHT)
    window.show()
    start_background_work(window, context)
    page = window.pages.widget(0)
    suffix = "" if theme == "light" else f"_{theme}"

    setup = page.setup
    wait_until(setup.continue_button.isEnabled, 60, "the setup page")
    setup.use_posting.setChecked(False)
    save(window, out, f"setup{suffix}")
    setup.continue_button.click()

    check = page.precheck
    wait_until(lambda: check.start_button.isEnabled() and check.camera.frames_shown > 3, 60, "the preview")
    wait_until(lambda: check.framing is not None and check.level.peak_dbfs > -40, 60, "the checks")
    save(window, out, f"precheck{suffix}")
    check.start_button.click()

    wait_until(lambda: page.driver is not None, 180, "the session to start")
    driver = page.driver
    wait_until(lambda: driver.phase == Phase.THINKING and driver.engine.elapsed > 2, 60, "thinking time")
    save(window, out, f"practice_thinking{suffix}")
    page.session_view.start_button.click()
    wait_until(
        lambda: driver.engine.elapsed > 6 and page.session_view.camera.frames_shown > 30, 60, "answering"
    )
    save(window, out, f"practice_answering{suffix}")
    capture = driver.factory.current
    wait_until(lambda: capture.audio_source.ended, 60, "the end of the recording")
    page.session_view.start_button.click()

    wait_until(lambda: page.stack.currentWidget() is page.rating, 30, "the rating form")
    form = page.rating
    for key, value in (("delivery", 4), ("body_language", 3), ("content", 3), ("overall", 4)):
        form.groups[key].button(value).setChecked(True)
    form.feeling.setText("Calm start, rushed the ending")
    save(window, out, f"rating{suffix}")
    form.save_button.click()
    wait_until(lambda: page.results.answer is not None, 240, "the results")
    save(window, out, f"results{suffix}")

    # Question 2 quickly (skip it), to reach the summary.
    page.results.next_button.click()
    wait_until(lambda: driver.phase in (Phase.SPEAKING, Phase.THINKING), 60, "question 2")
    driver.skip()
    wait_until(lambda: page.stack.currentWidget() is page.summary, 60, "the summary")
    save(window, out, f"summary{suffix}")
    assert isinstance(driver.engine.session.answers[0].self_rating, SelfRating)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    sys.exit(main(Path(arguments[0]), Path(arguments[1]), Path(arguments[2]), *arguments[3:4]))
