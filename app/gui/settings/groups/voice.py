"""Settings' interviewer voice: read aloud or not, which voice, how fast, and a test phrase to hear it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from app.gui.context import AppContext
from app.gui.settings.controls import bind_combo, setting_check, setting_spin
from app.gui.settings.keys import Key
from app.gui.theme import label
from app.session.voices import list_voices, synthesize_with

if TYPE_CHECKING:
    from app.gui.playback import QuestionPlayer

TEST_PHRASE = "Tell me about a time you solved a difficult problem."


class VoiceGroup(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Questions read aloud", parent)
        self.context = context
        settings = context.settings
        self._player: QuestionPlayer | None = None
        form = QFormLayout(self)
        self.speak_check = setting_check(settings, Key.SPEAK_QUESTIONS, "Read each question aloud")
        self.voice_box = QComboBox()
        self.voice_box.setAccessibleName("Voice")
        self.voice_box.addItem("Default voice", "")
        self.voice_binding = bind_combo(settings, Key.VOICE_ID, self.voice_box)
        self.rate_spin = setting_spin(settings, Key.SPEECH_RATE, " words per minute")
        self.test_voice_button = QPushButton("Test voice")
        self.test_voice_button.clicked.connect(self.test_voice)
        self.voice_note = label("", "muted")
        row = QHBoxLayout()
        row.addWidget(self.voice_box, 1)
        row.addWidget(self.test_voice_button)
        form.addRow("", self.speak_check)
        form.addRow("Voice:", row)
        form.addRow("Speaking rate:", self.rate_spin)
        form.addRow("", self.voice_note)

    def load(self) -> None:
        """List the installed voices (in the background)."""
        self.context.runner.run(
            list_voices, on_done=self._show_voices, on_error=self._no_voices, name="list voices"
        )

    def _show_voices(self, voices: list[tuple[str, str]]) -> None:
        with self.voice_binding.quiet():
            for voice_id, name in voices:
                self.voice_box.addItem(name, voice_id)
        self.voice_binding.show_current()

    def _no_voices(self, error: BaseException) -> None:
        self.voice_note.setText(f"No voice is available: questions will be shown as text. {error}")
        self.test_voice_button.setEnabled(False)

    def test_voice(self) -> None:
        self.test_voice_button.setEnabled(False)
        self.voice_note.setText("Preparing the voice…")
        self.context.runner.run(
            synthesize_with,
            str(self.voice_box.currentData() or ""),
            self.rate_spin.value(),
            TEST_PHRASE,
            on_done=self._play_test,
            on_error=self._no_voices,
            name="test voice",
        )

    def _play_test(self, path: Path) -> None:
        from app.gui.playback import QuestionPlayer

        if self._player is None:
            self._player = QuestionPlayer(self)
            self._player.finished.connect(lambda: self.test_voice_button.setEnabled(True))
        self.voice_note.setText(f"“{TEST_PHRASE}”")
        self._player.play(path)
