"""The sound and the picture of a recording analysed side by side (issue 18.2): progress, cancel, errors."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import write_wav
from app.core.errors import Cancelled, MediaFileError
from app.core.transcript import TimeSpan, Transcript, Word
from app.session.file_tracks import analyse_tracks


def _tone_wav(path: Path, seconds: float = 3.0) -> Path:
    """A 220 Hz hum with a quiet gap: enough sound for voice activity and delivery to run on."""
    t = np.arange(int(seconds * 16000)) / 16000
    samples = (0.3 * np.sin(2 * np.pi * 220 * t) * (t % 1.5 < 1.0)).astype(np.float32)
    return write_wav(path, samples, 16000)


def _transcribe(audio: np.ndarray, rate: int, speech: list[TimeSpan]) -> Transcript:
    """A transcriber that heard one word per second of sound (the models are tested elsewhere)."""
    words = [Word("word", float(i), float(i) + 0.4, 0.9) for i in range(int(audio.size / rate))]
    return Transcript(words=words, engine="test", model="test")


def test_a_sound_only_file_reports_transcribing_until_done(tmp_path: Path) -> None:
    stages: list[tuple[str, float]] = []
    tracks = analyse_tracks(
        _tone_wav(tmp_path / "hum.wav"), _transcribe, video=False,
        progress=lambda stage, fraction: stages.append((stage, fraction)), expected_s=3.0,
    )  # fmt: skip
    assert tracks.speech is not None and [w.start for w in tracks.speech.transcript.words] == [0.0, 1.0, 2.0]
    assert tracks.audio_duration_s == pytest.approx(3.0, abs=0.01) and tracks.body is None
    assert stages[0] == ("transcribing", 0.0)
    assert {stage for stage, _ in stages} == {"transcribing"}
    assert stages[-1][1] == 1.0  # no picture: the sound is the whole job


def test_cancel_stops_the_analysis(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        analyse_tracks(_tone_wav(tmp_path / "hum.wav"), _transcribe, video=False, cancel=cancel)


def test_a_picture_that_cannot_be_read_fails_with_its_message(tmp_path: Path) -> None:
    """The picture's worker raises in its own thread; the caller gets the plain message, after the sound."""
    heard: list[int] = []

    def transcribe(audio: np.ndarray, rate: int, speech: list[TimeSpan]) -> Transcript:
        heard.append(audio.size)
        return _transcribe(audio, rate, speech)

    with pytest.raises(MediaFileError, match="no video stream"):
        analyse_tracks(_tone_wav(tmp_path / "hum.wav"), transcribe, video=True)
    assert heard  # the sound was analysed meanwhile
