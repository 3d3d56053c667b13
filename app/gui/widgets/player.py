"""The answer's recording: video (or a calm placeholder for audio-only answers), play, a seek bar and times.

QMediaPlayer + QVideoWidget + QAudioOutput (Qt's bundled FFmpeg). With no sound device Qt still runs the
player's clock, so seeking, highlighting and the timeline work the same on a silent machine.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QStackedWidget, QVBoxLayout, QWidget

from app.core.timefmt import clock

log = logging.getLogger(__name__)

SCREEN_MINIMUM = (240, 135)  # 16:9; small enough for Review at 1024x700 and at 125% scale (1024x640)


class PlayerView(QWidget):
    """Signals:
    position_changed(float): playback position in seconds (also while paused, after a seek).
    failed(str): the recording could not be played (missing or unreadable file).
    """

    position_changed = Signal(float)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.audio_output = QAudioOutput(self)
        self.player = QMediaPlayer(self)
        self.player.setAudioOutput(self.audio_output)
        self.video = QVideoWidget()
        self.video.setAccessibleName("Answer video")
        self.video.setMinimumSize(*SCREEN_MINIMUM)
        self.player.setVideoOutput(self.video)
        self.placeholder = QLabel("Audio-only answer\n\nListen, and follow the words in the transcript.")
        self.placeholder.setObjectName("playerPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMinimumSize(*SCREEN_MINIMUM)
        self.screen = QStackedWidget()
        self.screen.addWidget(self.video)
        self.screen.addWidget(self.placeholder)

        self.play_button = QPushButton("Play")
        self.play_button.setAccessibleName("Play or pause")
        self.play_button.setToolTip("Play or pause (Space)")
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle)
        self.seek_bar = QSlider(Qt.Orientation.Horizontal)
        self.seek_bar.setAccessibleName("Playback position")
        self.seek_bar.setEnabled(False)
        self.seek_bar.sliderMoved.connect(lambda ms: self.player.setPosition(ms))
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setAccessibleName("Elapsed and total time")

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.seek_bar, 1)
        controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen, 1)
        layout.addLayout(controls)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.toggle)

        self.player.positionChanged.connect(self._position)
        self.player.durationChanged.connect(self._duration)
        self.player.playbackStateChanged.connect(self._state)
        self.player.errorOccurred.connect(self._error)
        self.player.mediaStatusChanged.connect(self._status)
        self._pending_position: int | None = None
        self.show_message("Choose an answer to replay it.")

    def load(self, path: Path | None, has_video: bool) -> None:
        """Show the recording at `path` (None or missing: a plain message instead)."""
        self.player.stop()
        self._pending_position = None
        if path is None or not path.is_file():
            self.player.setSource(QUrl())
            self.show_message(
                "The recording of this answer is not available (it was not saved or was deleted)."
            )
            return
        self.placeholder.setText("Audio-only answer\n\nListen, and follow the words in the transcript.")
        self.screen.setCurrentWidget(self.video if has_video else self.placeholder)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.play_button.setEnabled(True)
        self.seek_bar.setEnabled(True)

    def show_message(self, text: str) -> None:
        self.placeholder.setText(text)
        self.screen.setCurrentWidget(self.placeholder)
        self.play_button.setEnabled(False)
        self.seek_bar.setEnabled(False)
        self.time_label.setText("0:00 / 0:00")

    def unload(self) -> None:
        """Release the file (before it is deleted)."""
        self.player.stop()
        self.player.setSource(QUrl())
        self.show_message("Choose an answer to replay it.")

    @property
    def has_video(self) -> bool:
        return self.screen.currentWidget() is self.video

    def seek(self, seconds: float) -> None:
        """Go to `seconds`; before the file has loaded, the seek waits for it (Qt would drop it)."""
        position = int(round(seconds * 1000))
        ready = (
            QMediaPlayer.MediaStatus.LoadedMedia,
            QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.BufferingMedia,
            QMediaPlayer.MediaStatus.EndOfMedia,
        )
        if self.player.mediaStatus() in ready:
            self.player.setPosition(position)
        else:
            self._pending_position = position

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_position is not None:
            self.player.setPosition(self._pending_position)
            self._pending_position = None

    def play(self) -> None:
        self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def toggle(self) -> None:
        if not self.play_button.isEnabled():
            return
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def position_seconds(self) -> float:
        return self.player.position() / 1000.0

    def _position(self, ms: int) -> None:
        if not self.seek_bar.isSliderDown():
            self.seek_bar.setValue(ms)
        self.time_label.setText(f"{clock(ms / 1000)} / {clock(self.player.duration() / 1000)}")
        self.position_changed.emit(ms / 1000.0)

    def _duration(self, ms: int) -> None:
        self.seek_bar.setRange(0, max(0, ms))
        self.time_label.setText(f"{clock(self.player.position() / 1000)} / {clock(ms / 1000)}")

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("Pause" if playing else "Play")

    def _error(self, error: QMediaPlayer.Error, message: str) -> None:
        log.warning("playback failed: %s (%s)", message, error)
        self.show_message(f"This recording cannot be played ({message or 'unreadable file'}).")
        self.failed.emit(message)
