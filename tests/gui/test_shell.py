"""The main window: navigation, shortcuts, settings and the crash hook."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from app.core.errors import MicrophoneUnavailable
from app.gui.application import create_main_window
from app.gui.crash import CrashDialog, ExceptionHook
from app.gui.settings.keys import Key, Settings
from app.platform.paths import app_paths

pytestmark = pytest.mark.gui


@pytest.fixture
def settings() -> Settings:
    return Settings()


def test_navigation_switches_pages(qtbot, settings: Settings) -> None:
    window = create_main_window(settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == ["Practice", "Review", "History", "Settings"]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == 2
    window.show_page("Settings")
    assert window.pages.currentIndex() == 3


def test_last_page_is_remembered(qtbot, settings: Settings) -> None:
    window = create_main_window(settings)
    qtbot.addWidget(window)
    window.show_page("History")
    window.close()
    reopened = create_main_window(Settings())
    qtbot.addWidget(reopened)
    assert reopened.pages.currentIndex() == 2


def test_settings_are_typed_and_survive_garbage(settings: Settings) -> None:
    assert settings.get(Key.THINKING_SECONDS) == 20
    settings.set(Key.THINKING_SECONDS, 45)
    settings.set(Key.LIVE_CUES, True)
    settings.sync()
    assert Path(settings.file_name).is_relative_to(app_paths().config)
    fresh = Settings()
    assert fresh.get(Key.THINKING_SECONDS) == 45
    assert fresh.get(Key.LIVE_CUES) is True
    raw = QSettings(settings.file_name, QSettings.Format.IniFormat)
    raw.setValue(Key.THINKING_SECONDS.key, "forty")
    raw.setValue(Key.ANSWER_SECONDS.key, "99999")
    raw.setValue(Key.LIVE_CUES.key, "maybe")
    raw.sync()
    fresh = Settings()
    assert fresh.get(Key.THINKING_SECONDS) == Key.THINKING_SECONDS.default
    assert fresh.get(Key.ANSWER_SECONDS) == Key.ANSWER_SECONDS.default
    assert fresh.get(Key.LIVE_CUES) is Key.LIVE_CUES.default


def test_settings_file_full_of_garbage_still_starts(qtbot) -> None:
    path = app_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xff[[[garbage\nui/last_page=\xfe\xfe\n=\n")
    window = create_main_window(Settings())
    qtbot.addWidget(window)
    assert window.pages.currentIndex() == 0


def test_bug_shows_crash_dialog_and_is_logged(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    hook = ExceptionHook()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        with caplog.at_level(logging.ERROR):
            hook(*sys.exc_info())
    assert hook.dialogs_shown == 1
    assert "boom in a slot" in caplog.text
    dialogs = [w for w in qtbot_top_level() if isinstance(w, CrashDialog)]
    assert dialogs and "boom in a slot" in dialogs[0].detailedText()
    for dialog in dialogs:
        dialog.close()
        dialog.deleteLater()


def test_user_error_shows_plain_message_not_crash(qtbot) -> None:
    hook = ExceptionHook()
    error = MicrophoneUnavailable("No microphone was found.", "Plug one in, or type your answer.")
    hook(MicrophoneUnavailable, error, None)
    assert hook.dialogs_shown == 0
    boxes = [w for w in qtbot_top_level() if isinstance(w, QMessageBox) and not isinstance(w, CrashDialog)]
    assert any(box.text() == "No microphone was found." for box in boxes)
    for box in boxes:
        box.close()
        box.deleteLater()


def qtbot_top_level() -> list:
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()
