"""The pre-session check: the camera picture with framing and lighting hints, the microphone level, and a
test phrase in the interviewer's voice. Sources are opened and closed in the background.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.errors import UserFacingError
from app.gui.context import AppContext
from app.gui.playback import QuestionPlayer
from app.gui.theme import PAGE_MARGINS, SPACING, label
from app.gui.widgets.camera_view import CameraView
from app.gui.widgets.level_meter import SPEECH_DBFS, LevelMeter
from app.session import voices
from app.session.planning import SetupChoice
from app.session.preview import PreviewSources

log = logging.getLogger(__name__)

FRAMING_EVERY_MS = 1500
TYPED_PLACEHOLDER = (
    "Typed answers: no camera or microphone is used. You will type each answer; delivery and body "
    "language are not measured."
)
TEST_PHRASE = "Hello, and thank you for coming in today. Let's begin when you are ready."


def _synthesize_test_phrase(voice_id: str, rate: int) -> Path:
    return voices.synthesize_all([TEST_PHRASE], voice_id, rate)[0]


class PrecheckPage(QWidget):
    """Signals:
    start_requested(SetupChoice), back_requested().
    """

    start_requested = Signal(object)
    back_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Pre-session check")
        self.choice: SetupChoice | None = None
        self.sources: PreviewSources | None = None
        self._framing_busy = False
        self.framing = None
        self.camera = CameraView("Opening the camera…")
        self.camera.guide = True
        self.framing_text = label("", "")
        self.framing_text.setAccessibleName("Framing and lighting hints")
        self.level = LevelMeter()
        self.level_text = label("Say a few words: the bar should move.", "muted")
        self.voice_button = QPushButton("Play a test phrase")
        self.voice_button.setToolTip("Hear how the interviewer will sound")
        self.voice_button.clicked.connect(self._play_test_phrase)
        self.voice_text = label("", "muted")
        self.voice_text.setAccessibleName("Voice check")
        self.player = QuestionPlayer(self)
        self.player.finished.connect(lambda: self.voice_button.setEnabled(True))

        side = QFrame()
        side.setObjectName("card")
        checks = QVBoxLayout(side)
        checks.setContentsMargins(16, 12, 16, 16)
        checks.setSpacing(SPACING)
        checks.addWidget(label("Picture", "sectionTitle"))
        checks.addWidget(self.framing_text)
        checks.addWidget(label("Sound", "sectionTitle"))
        checks.addWidget(self.level)
        checks.addWidget(self.level_text)
        checks.addWidget(label("Interviewer's voice", "sectionTitle"))
        checks.addWidget(self.voice_button)
        checks.addWidget(self.voice_text)
        checks.addStretch(1)

        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(self._back)
        self.start_button = QPushButton("Start the interview")
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip("Begin with the first question (Ctrl+Return)")
        self.start_button.setShortcut("Ctrl+Return")
        self.start_button.clicked.connect(self._start)
        self.refusal = label("", "notice")
        self.refusal.setAccessibleName("Why the interview cannot start")
        self.refusal.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addWidget(self.refusal, 1)
        actions.addWidget(self.start_button)
        middle = QGridLayout()
        middle.setSpacing(SPACING)
        middle.addWidget(self.camera, 0, 0)
        middle.addWidget(side, 0, 1)
        middle.setColumnStretch(0, 3)
        middle.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACING)
        layout.addWidget(label("Before you start", "pageTitle"))
        layout.addWidget(
            label(
                "Sit as you will in the interview: face the camera, eyes near the top third of "
                "the picture, with light in front of you.",
                "muted",
            )
        )
        layout.addLayout(middle, 1)
        layout.addLayout(actions)

        self._level_timer = QTimer(self)
        self._level_timer.setInterval(100)
        self._level_timer.timeout.connect(self._refresh_level)
        self._framing_timer = QTimer(self)
        self._framing_timer.setInterval(FRAMING_EVERY_MS)
        self._framing_timer.timeout.connect(self._check_framing)

    # ---- opening and closing -------------------------------------------------------------------

    def open_for(self, choice: SetupChoice) -> None:
        self.choice = choice
        self.framing = None
        self.level.reset_peak()
        self.camera.set_placeholder(
            "Opening the camera…"
            if choice.has_video
            else TYPED_PLACEHOLDER
            if choice.typed_answers
            else "No camera: your answers will be recorded as audio only."
        )
        self.framing_text.setText(
            "Checking your picture…"
            if choice.has_video
            else "No camera is used, so there is nothing to frame. Body language is not "
            "measured in audio-only answers."
        )
        self.level_text.setText(
            "No microphone is used: you will type your answers."
            if choice.typed_answers
            else "Say a few words: the bar should move."
        )
        self.voice_text.setText("" if choice.speak_questions else "Questions will be shown as text only.")
        self.refusal.setText("")
        self.refusal.hide()
        self.start_button.setEnabled(False)
        self.context.runner.run(PreviewSources().open, choice, on_done=self._opened, name="open preview")

    def _opened(self, sources: PreviewSources) -> None:
        if self.choice is None:  # left the page meanwhile
            self.context.runner.run(sources.close, name="close preview")
            return
        self.sources = sources
        self.camera.follow(lambda: sources.frame)
        if sources.video is None and self.choice.has_video:
            self.camera.set_placeholder("The camera could not be opened.")
        if sources.problems:
            self.framing_text.setText("\n".join(sources.problems))
        self._level_timer.start()
        if sources.video is not None:
            self._framing_timer.start()
            QTimer.singleShot(300, self._check_framing)
        typed = self.choice.typed_answers
        if sources.audio is None and not typed:
            self.level_text.setText(
                "No sound input: a microphone (or an audio file) is needed to record answers."
            )
        if sources.unusable_files:  # the session would fail every answer: say which file, and what instead
            if sources.video is None and self.choice.has_video:
                self.camera.set_placeholder("The video file cannot be used.")
                self.framing_text.setText("No picture: the video file cannot be used (see below).")
            if sources.audio is None:
                self.level_text.setText("No sound: the audio file cannot be used (see below).")
            self.refusal.setText("\n".join(sources.unusable_files))
            self.refusal.show()
        self.start_button.setEnabled((sources.audio is not None or typed) and not sources.unusable_files)

    def close_preview(self) -> None:
        """Stop the preview (leaving the page, starting the session, closing the window)."""
        self.choice = None
        self._level_timer.stop()
        self._framing_timer.stop()
        self.camera.follow(None)
        self.player.stop()
        sources, self.sources = self.sources, None
        if sources is not None:
            self.context.runner.run(sources.close, name="close preview")

    def close_preview_now(self) -> None:
        """The window is closing: stop the sources before the app exits."""
        sources = self.sources
        self.close_preview()
        if sources is not None:
            sources.close()

    def _back(self) -> None:
        self.close_preview()
        self.back_requested.emit()

    def _start(self) -> None:
        choice = self.choice
        if choice is None or self.sources is None or self.sources.unusable_files:
            return
        self.close_preview()
        self.start_requested.emit(choice)

    # ---- checks --------------------------------------------------------------------------------

    def _refresh_level(self) -> None:
        if self.sources is None:
            return
        self.level.set_level(self.sources.level_dbfs)
        if self.level.peak_dbfs > SPEECH_DBFS:
            self.level_text.setText("We can hear you clearly.")

    def _check_framing(self) -> None:
        sources = self.sources
        if sources is None or sources.frame is None or self._framing_busy:
            return
        self._framing_busy = True
        self.context.runner.run(
            sources.check_framing,
            sources.frame.copy(),
            on_done=self._framing_checked,
            on_error=self._framing_failed,
            name="check framing",
        )

    def _framing_checked(self, framing) -> None:  # type: ignore[no-untyped-def]
        self._framing_busy = False
        if self.sources is None:
            return
        self.framing = framing
        if framing.hints:
            self.framing_text.setText("\n".join(f"• {hint}" for hint in framing.hints))
        else:
            self.framing_text.setText("Your picture looks good: face centred, at a good distance, well lit.")

    def _framing_failed(self, error: BaseException) -> None:
        self._framing_busy = False
        self._framing_timer.stop()
        message = error.message if isinstance(error, UserFacingError) else str(error)
        self.framing_text.setText(f"The picture cannot be checked right now ({message}).")

    def _play_test_phrase(self) -> None:
        from app.gui.settings.keys import Key

        settings = self.context.settings
        self.voice_button.setEnabled(False)
        self.voice_text.setText("Preparing the voice…")
        self.context.runner.run(
            _synthesize_test_phrase,
            settings.get(Key.VOICE_ID),
            settings.get(Key.SPEECH_RATE),
            on_done=self._test_phrase_ready,
            on_error=self._voice_failed,
            name="test phrase",
        )

    def _test_phrase_ready(self, path) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtMultimedia import QMediaDevices

        if QMediaDevices.audioOutputs():
            self.voice_text.setText("Playing the test phrase…")
        else:
            self.voice_text.setText(
                "The voice works, but no speaker or headphones were found: you will read the "
                "questions on screen."
            )
        self.player.play(path)

    def _voice_failed(self, error: BaseException) -> None:
        self.voice_button.setEnabled(True)
        advice = error.advice if isinstance(error, UserFacingError) else ""
        self.voice_text.setText(f"No voice is available: questions will be shown as text. {advice}".strip())
