"""Fixtures for capture tests: the shared talking-head video and speech, and a decoder for recordings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest


@pytest.fixture
def talking_video(shared_video: Path) -> Path:
    return shared_video / "smile_glasses_480.mp4"


@pytest.fixture
def speech_wav(shared_audio: Path) -> Path:
    return shared_audio / "jfk.wav"


@dataclass
class Decoded:
    video_codec: str | None
    audio_codec: str | None
    frames: list[np.ndarray]
    frame_times: list[float]
    audio: np.ndarray  # float32 mono 16 kHz
    damaged: bool = False

    @property
    def video_seconds(self) -> float:
        if len(self.frame_times) < 2:
            return 0.0
        return self.frame_times[-1] + float(np.median(np.diff(self.frame_times)))

    @property
    def audio_seconds(self) -> float:
        return len(self.audio) / 16000


def decode_recording(path: Path, keep_frames: bool = False) -> Decoded:
    """Decode every frame and sample of a recording (what a player would show)."""
    import av

    with av.open(str(path)) as container:
        video_codec = container.streams.video[0].codec_context.name if container.streams.video else None
        audio_codec = container.streams.audio[0].codec_context.name if container.streams.audio else None
    frames: list[np.ndarray] = []
    times: list[float] = []
    damaged = False
    if video_codec:
        with av.open(str(path)) as container:
            try:
                for frame in container.decode(video=0):
                    times.append(float(frame.time))
                    if keep_frames:
                        frames.append(frame.to_ndarray(format="rgb24"))
            except av.error.InvalidDataError:
                damaged = True  # a cut-off last fragment: players stop here too
    chunks: list[np.ndarray] = []
    if audio_codec:
        with av.open(str(path)) as container:
            resampler = av.AudioResampler(format="flt", layout="mono", rate=16000)
            try:
                for frame in container.decode(audio=0):
                    chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
            except av.error.InvalidDataError:
                damaged = True
    audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    return Decoded(video_codec, audio_codec, frames, times, audio, damaged)


@pytest.fixture
def decode() -> object:
    """`decode(path, keep_frames=False) -> Decoded`."""
    return decode_recording
