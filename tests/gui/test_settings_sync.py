"""One settings object for every page (issue 17, item 2): a value changed on one page shows at once on every
other page that shows it, in both directions, and the setup page never writes an old value back.

Driven with the keyboard and mouse on a real main window (offscreen), as a person would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QSpinBox

from app.gui.application import create_context, create_main_window
from app.gui.history.history_page import HistoryPage
from app.gui.practice.practice_page import PracticePage
from app.gui.settings.keys import Key, Settings
from app.gui.settings.settings_page import SettingsPage

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("PulseAudioService", "pipewire", extend=True)]


@pytest.fixture
def app_window(qtbot):  # type: ignore[no-untyped-def]
    settings = Settings()  # the defaults: 20 s thinking, live cues off
    settings.set(Key.LAST_PAGE, 0)
    window = create_main_window(settings, create_context(settings))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    practice = window.pages.widget(0)
    history = window.pages.widget(2)
    settings_page = window.pages.widget(3)
    assert isinstance(practice, PracticePage) and isinstance(history, HistoryPage)
    assert isinstance(settings_page, SettingsPage)
    setup = practice.setup
    qtbot.waitUntil(lambda: setup.devices is not None and setup.library is not None, timeout=30_000)
    return window, settings, practice, history, settings_page


def _go_to(qtbot, window, row: int) -> None:  # type: ignore[no-untyped-def]
    window.navigation.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == row, timeout=5_000)


def _type_value(qtbot, spin: QSpinBox, value: int) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert spin.value() == value


def _click_box(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    """Click the check box's square or the radio button's circle, as a person would."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _can_continue(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    if not setup.continue_button.isEnabled() and not setup.typed.isChecked():
        _click_box(qtbot, setup.typed)  # this machine has no microphone: type the answers
    assert setup.continue_button.isEnabled(), setup.problem.text()


def test_the_reported_sequence_keeps_thirty_seconds(qtbot, app_window) -> None:  # type: ignore[no-untyped-def]
    window, settings, practice, _history, settings_page = app_window
    setup = practice.setup

    # On Practice: 5 s of thinking and live cues off (they are on by default), then Continue.
    _type_value(qtbot, setup.thinking, 5)
    _click_box(qtbot, setup.live_cues)
    _can_continue(qtbot, setup)
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    assert practice.stack.currentWidget() is practice.precheck

    # Settings shows what was saved, without a restart.
    _go_to(qtbot, window, 3)
    assert settings.get(Key.THINKING_SECONDS) == 5 and not settings.get(Key.LIVE_CUES)
    assert settings_page.thinking_spin.value() == 5
    assert not settings_page.live_cues_check.isChecked()

    # Settings: 30 s. Practice shows it at once.
    _type_value(qtbot, settings_page.thinking_spin, 30)
    assert Settings().get(Key.THINKING_SECONDS) == 30
    _go_to(qtbot, window, 0)
    qtbot.mouseClick(practice.precheck.back_button, Qt.MouseButton.LeftButton)
    assert practice.stack.currentWidget() is setup
    assert setup.thinking.value() == 30

    # Practice's Continue keeps the 30 s (it used to write its old 5 s back).
    _can_continue(qtbot, setup)
    qtbot.mouseClick(setup.continue_button, Qt.MouseButton.LeftButton)
    assert practice.stack.currentWidget() is practice.precheck
    assert Settings().get(Key.THINKING_SECONDS) == 30
    assert settings_page.thinking_spin.value() == 30


def test_a_change_on_the_settings_page_shows_on_every_other_page(qtbot, app_window) -> None:  # type: ignore[no-untyped-def]
    window, settings, practice, _history, settings_page = app_window
    setup = practice.setup
    _go_to(qtbot, window, 3)
    _type_value(qtbot, settings_page.thinking_spin, 45)
    _type_value(qtbot, settings_page.answer_spin, 90)
    _click_box(qtbot, settings_page.live_cues_check)
    _click_box(qtbot, settings_page.speak_check)
    _click_box(qtbot, settings_page.overlay_check)

    _go_to(qtbot, window, 0)
    assert setup.thinking.value() == 45
    assert setup.answer.value() == 90
    assert not setup.live_cues.isChecked()  # on by default, clicked off in Settings
    assert not setup.speak.isChecked()
    assert practice.session_view.overlay_check.isChecked()
    assert (settings.get(Key.THINKING_SECONDS), settings.get(Key.ANSWER_SECONDS)) == (45, 90)


def test_a_change_on_the_practice_pages_shows_in_settings(qtbot, app_window) -> None:  # type: ignore[no-untyped-def]
    window, settings, practice, _history, settings_page = app_window
    setup = practice.setup
    _type_value(qtbot, setup.thinking, 12)
    _type_value(qtbot, setup.answer, 200)
    _click_box(qtbot, setup.live_cues)
    _click_box(qtbot, setup.speak)
    practice.session_view.overlay_check.setChecked(True)  # Ctrl+L while answering

    _go_to(qtbot, window, 3)
    assert settings_page.thinking_spin.value() == 12
    assert settings_page.answer_spin.value() == 200
    assert not settings_page.live_cues_check.isChecked()  # on by default, clicked off on Practice
    assert not settings_page.speak_check.isChecked()
    assert settings_page.overlay_check.isChecked()
    assert Settings().get(Key.ANSWER_SECONDS) == 200 and Settings().get(Key.LANDMARK_OVERLAY)


def test_settings_reset_shows_the_defaults_everywhere(qtbot, app_window) -> None:  # type: ignore[no-untyped-def]
    """What "Delete all my data" does to the settings: every page shows the defaults again."""
    window, settings, practice, history, settings_page = app_window
    _go_to(qtbot, window, 2)
    _type_value(qtbot, history.goal_spin, 5)
    _type_value(qtbot, practice.setup.count, 8)
    settings_page.thinking_spin.setValue(60)
    for setting in Key.all():
        settings.reset(setting)
    assert history.goal_spin.value() == Key.WEEKLY_GOAL.default == 3
    assert practice.setup.count.value() == Key.QUESTION_COUNT.default
    assert practice.setup.thinking.value() == settings_page.thinking_spin.value() == 20


def test_the_signal_names_the_changed_setting_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    seen: list[str] = []
    settings.changed.connect(lambda setting: seen.append(setting.key))
    settings.set(Key.THINKING_SECONDS, 30)
    settings.set(Key.THINKING_SECONDS, 30)  # no change: no signal
    settings.reset(Key.THINKING_SECONDS)
    settings.reset(Key.THINKING_SECONDS)
    assert seen == ["practice/thinking_seconds", "practice/thinking_seconds"]
