"""Settings: devices, the voice that reads questions, the transcription model, practice defaults, the theme,
and the person's data (where it is, and deleting all of it). One widget per group (app.gui.settings.groups).

Every control is tied to its setting (app.gui.settings.controls): what is changed here is saved at once, and
what another page changes (the Practice page's timing, the overlay toggled while answering) shows here at
once. Device and voice lists load in the background when the page is first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from app.gui.context import AppContext
from app.gui.settings.groups.data import DataGroup
from app.gui.settings.groups.devices import DevicesGroup
from app.gui.settings.groups.model import ModelGroup
from app.gui.settings.groups.practice import THEMES, PracticeGroup
from app.gui.settings.groups.voice import TEST_PHRASE, VoiceGroup
from app.gui.theme import PAGE_MARGINS, label
from app.session.devices import list_devices
from app.session.models import HF_BASE_URL

if TYPE_CHECKING:
    from app.gui.banks.banks_dialog import BanksDialog

__all__ = ["TEST_PHRASE", "THEMES", "SettingsPage"]

CONTROLS = {  # each group's controls that the page exposes under the same names
    "DevicesGroup": ("camera_box", "microphone_box", "device_note"),
    "VoiceGroup": ("speak_check", "voice_box", "rate_spin", "test_voice_button", "voice_note"),
    "ModelGroup": ("model_box", "model_note", "download_bar", "download_button", "cancel_download_button"),
    "PracticeGroup": (
        "thinking_spin", "answer_spin", "follow_ups_box", "theme_box", "live_cues_check", "overlay_check",
        "banks_button",
    ),
    "DataGroup": ("data_label", "delete_button", "data_note"),
}


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = context.settings
        self.setAccessibleName("Settings page")
        self.model_base_url = HF_BASE_URL  # tests point it at an unreachable address
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.confirm: Callable[[str, str], bool] = self._ask
        self.loaded_once = False
        self.devices = DevicesGroup(self.settings)
        self.voice = VoiceGroup(context)
        self.model = ModelGroup(context, base_url=lambda: self.model_base_url)
        self.practice = PracticeGroup(context)
        self.data = DataGroup(
            context, confirm=lambda *text: self.confirm(*text), open_url=lambda url: self.open_url(url)
        )
        self._expose_controls()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(label("Settings", "pageTitle"))
        for group in (self.devices, self.voice, self.model, self.practice, self.data):
            layout.addWidget(group)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        content.setMaximumWidth(960)
        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(content, 1)
        holder_layout.addStretch(0)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        context.close_hooks.append(self.model.cancel_download)

    def _expose_controls(self) -> None:
        """The groups' controls, reachable from the page as before it was split (tests, the walkthrough)."""
        for group in (self.devices, self.voice, self.model, self.practice, self.data):
            for name in CONTROLS[type(group).__name__]:
                setattr(self, name, getattr(group, name))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded_once:
            self.loaded_once = True
            self.context.runner.run(list_devices, on_done=self.devices.show_devices, name="list devices")
            self.voice.load()

    @property
    def banks_dialog(self) -> BanksDialog | None:
        """The question-banks dialog the Practice group opened (None before)."""
        return self.practice.banks_dialog

    def open_banks(self) -> None:
        self.practice.open_banks()

    def download_model(self) -> None:
        self.model.download_model()

    def delete_everything(self) -> None:
        self.data.delete_everything()

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        reply = QMessageBox.warning(self, title, text, buttons, QMessageBox.StandardButton.Cancel)
        return reply == QMessageBox.StandardButton.Yes
