"""Settings' camera and microphone choice. The lists arrive from the background (`show_devices`)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

from app.gui.settings.controls import bind_combo
from app.gui.settings.keys import Key, Settings
from app.gui.theme import label
from app.session.devices import Devices


class DevicesGroup(QGroupBox):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Camera and microphone", parent)
        form = QFormLayout(self)
        self.camera_box = QComboBox()
        self.camera_box.setAccessibleName("Camera")
        self.camera_box.addItem("Looking for cameras…", None)
        self.camera_binding = bind_combo(settings, Key.CAMERA_INDEX, self.camera_box)
        self.microphone_box = QComboBox()
        self.microphone_box.setAccessibleName("Microphone")
        self.microphone_box.addItem("Looking for microphones…", None)
        self.microphone_binding = bind_combo(settings, Key.MICROPHONE, self.microphone_box)
        self.device_note = label("", "muted")
        form.addRow("Camera:", self.camera_box)
        form.addRow("Microphone:", self.microphone_box)
        form.addRow("", self.device_note)

    def show_devices(self, devices: Devices) -> None:
        cameras, microphones, problem = devices.cameras, devices.microphones, devices.microphone_problem
        with self.camera_binding.quiet(), self.microphone_binding.quiet():  # listing is not choosing
            self.camera_box.clear()
            for index, name in cameras:
                self.camera_box.addItem(name, index)
            if not cameras:
                self.camera_box.addItem("No camera found", None)
            self.camera_box.setEnabled(bool(cameras))
            self.microphone_box.clear()
            self.microphone_box.addItem("System default", "")
            for name in microphones:
                self.microphone_box.addItem(name, name)
        self.camera_binding.show_current()
        self.microphone_binding.show_current()
        notes = []
        if not cameras:
            notes.append("No camera found: practice works audio-only; connect a camera and reopen Settings.")
        if not microphones:
            notes.append(
                "No microphone found: plug one in, or type your answers."
                + (f" ({problem})" if problem else "")
            )
            self.microphone_box.setItemText(0, "No microphone found")
        self.device_note.setText("\n".join(notes))
