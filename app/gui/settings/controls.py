"""A widget tied to one setting both ways: what the person changes is saved at once, and a change made
anywhere else (another page, "Delete all my data" resetting every setting) shows in the widget at once.

Every page that shows a setting goes through these, so no page holds a copy that can go stale, and no page
saves its widgets' values later (a page that did wrote old values over newer ones: issue 17).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from app.gui.settings.keys import Setting, Settings


class SettingBinding[T](QObject):
    """Keeps `widget` showing `setting`. A child of the widget: it goes when the widget goes.

    Args:
        edited: the widget's signal for a change (by the person or by code other than this binding).
        read: the widget's value to save, or None when it holds nothing to save (a placeholder item).
        show: puts a value into the widget (called without saving it back).
    """

    def __init__(
        self,
        settings: Settings,
        setting: Setting[T],
        widget: QWidget,
        edited: SignalInstance,
        read: Callable[[], T | None],
        show: Callable[[T], None],
    ) -> None:
        super().__init__(widget)
        self.settings = settings
        self.setting = setting
        self._read = read
        self._show = show
        self._quiet = 0
        self.show_current()
        edited.connect(self._edited)
        settings.changed.connect(self._changed)

    def show_current(self) -> None:
        """Show the stored value (e.g. after the widget's choices were listed again)."""
        with self.quiet():
            self._show(self.settings.get(self.setting))

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes to the widget inside this block are not saved (code refilling a list of choices)."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _edited(self, *_args: Any) -> None:
        if self._quiet:
            return
        value = self._read()
        if value is not None:
            self.settings.set(self.setting, value)

    def _changed(self, setting: Setting[Any]) -> None:
        if setting == self.setting:
            self.show_current()


def bind_spin(settings: Settings, setting: Setting[int], spin: QSpinBox) -> SettingBinding[int]:
    return SettingBinding(settings, setting, spin, spin.valueChanged, spin.value, spin.setValue)


def bind_check(settings: Settings, setting: Setting[bool], button: QAbstractButton) -> SettingBinding[bool]:
    return SettingBinding(settings, setting, button, button.toggled, button.isChecked, button.setChecked)


def bind_choice(
    settings: Settings, setting: Setting[bool], when_on: QAbstractButton, when_off: QAbstractButton
) -> SettingBinding[bool]:
    """Two exclusive radio buttons for a yes/no setting (on: `when_on` is checked)."""

    def show(on: bool) -> None:
        (when_on if on else when_off).setChecked(True)

    return SettingBinding(settings, setting, when_on, when_on.toggled, when_on.isChecked, show)


def bind_combo[T](settings: Settings, setting: Setting[T], combo: QComboBox) -> SettingBinding[T]:
    """A list whose items carry the setting's values as their data; an item without data is not saved."""

    def show(value: T) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    return SettingBinding(settings, setting, combo, combo.currentIndexChanged, combo.currentData, show)


def bind_text(settings: Settings, setting: Setting[str], edit: QLineEdit) -> SettingBinding[str]:
    """A one-line text (a file's path), saved without surrounding spaces."""

    def show(value: str) -> None:
        if edit.text().strip() != value:
            edit.setText(value)

    return SettingBinding(settings, setting, edit, edit.textChanged, lambda: edit.text().strip(), show)


def setting_spin(settings: Settings, setting: Setting[int], suffix: str) -> QSpinBox:
    """A spin box over the setting's range, named after it and tied to it."""
    spin = QSpinBox()
    spin.setRange(int(setting.minimum or 0), int(setting.maximum or 10_000))
    spin.setSuffix(suffix)
    spin.setAccessibleName(setting.description)
    bind_spin(settings, setting, spin)
    return spin


def setting_check(settings: Settings, setting: Setting[bool], text: str) -> QCheckBox:
    """A check box tied to the setting."""
    check = QCheckBox(text)
    bind_check(settings, setting, check)
    return check
