"""Questions spoken aloud: the cached WAV played with QMediaPlayer + QAudioOutput, never blocking.

With no sound device Qt still runs the player's clock and reaches EndOfMedia at the file's duration
(STACK.md), so the session advances the same way on a silent machine. A safety timer (duration + 3 s)
ends playback if the backend never reports the end, so the session can never hang on a voice.
"""

from __future__ import annotations

import logging
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

log = logging.getLogger(__name__)


def _wav_seconds(path: Path) -> float:
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (wave.Error, OSError, EOFError, ZeroDivisionError):
        return 0.0


class QuestionPlayer(QObject):
    """Signals:
    finished(): playback ended, was stopped, or failed (the question then stays as text).
    """

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = None  # created on first use: loading the multimedia backend costs ~100 ms
        self._output = None
        self._safety = QTimer(self)
        self._safety.setSingleShot(True)
        self._safety.timeout.connect(self._end)
        self._playing = False
        self.plays = 0

    @property
    def playing(self) -> bool:
        return self._playing

    def _ensure_player(self) -> None:
        if self._player is not None:
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._output = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._output)
        self._player.mediaStatusChanged.connect(self._status_changed)
        self._player.errorOccurred.connect(self._failed)

    def play(self, path: Path) -> None:
        self._ensure_player()
        assert self._player is not None
        self._playing = True
        self.plays += 1
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._safety.start(int((_wav_seconds(path) + 3.0) * 1000))
        self._player.play()

    def stop(self) -> None:
        """Stop speaking now (the person starts answering early, skips, or closes the window)."""
        if self._player is not None:
            self._player.stop()
        self._end()

    def _status_changed(self, status) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._end()

    def _failed(self, error, message: str) -> None:  # type: ignore[no-untyped-def]
        log.warning("question playback failed: %s (%s)", message, error)
        self._end()

    def _end(self) -> None:
        self._safety.stop()
        if self._playing:
            self._playing = False
            self.finished.emit()
