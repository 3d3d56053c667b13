"""Settings' practice defaults: thinking time, the longest answer, follow-ups, live cues, the landmark
overlay, the question banks and the theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPushButton, QWidget

from app.gui.context import AppContext
from app.gui.settings.controls import bind_combo, setting_check, setting_spin
from app.gui.settings.keys import Key
from app.session.labels import FOLLOW_UP_MODES

if TYPE_CHECKING:
    from app.gui.banks.banks_dialog import BanksDialog

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class PracticeGroup(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Practice", parent)
        self.context = context
        settings = context.settings
        form = QFormLayout(self)
        self.thinking_spin = setting_spin(settings, Key.THINKING_SECONDS, " s")
        self.answer_spin = setting_spin(settings, Key.ANSWER_SECONDS, " s")
        self.answer_spin.setSingleStep(15)
        self.answer_spin.setSpecialValueText("Per question (1.5x its target)")  # 0: follows each question
        self.follow_ups_box = QComboBox()
        self.follow_ups_box.setAccessibleName("Follow-up questions")
        self.follow_ups_box.setToolTip(
            "After an answer the interviewer may ask one follow-up, as real ones do"
        )
        for value, text in FOLLOW_UP_MODES.items():
            self.follow_ups_box.addItem(text, value)
        bind_combo(settings, Key.FOLLOW_UPS, self.follow_ups_box)
        self.live_cues_check = setting_check(
            settings, Key.LIVE_CUES, "Show a few short live cues while I answer"
        )
        self.overlay_check = setting_check(
            settings, Key.LANDMARK_OVERLAY, "Show face and body points on my camera"
        )
        self.banks_button = QPushButton("My question banks…")
        self.banks_button.setAccessibleName("My question banks")
        self.banks_button.clicked.connect(self.open_banks)
        self.banks_dialog: BanksDialog | None = None
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName("Theme")
        for value, text in THEMES:
            self.theme_box.addItem(text, value)
        bind_combo(settings, Key.THEME, self.theme_box)
        form.addRow("Thinking time:", self.thinking_spin)
        form.addRow("Longest answer:", self.answer_spin)
        form.addRow("Follow-ups:", self.follow_ups_box)
        form.addRow("", self.live_cues_check)
        form.addRow("", self.overlay_check)
        form.addRow("Question banks:", self.banks_button)
        form.addRow("Theme:", self.theme_box)

    def open_banks(self) -> None:
        from app.gui.banks.banks_dialog import open_banks_dialog

        self.banks_dialog = open_banks_dialog(self.context, self.window(), self.banks_dialog)
