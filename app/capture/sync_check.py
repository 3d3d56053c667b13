"""Measure audio/video sync of a recording with a synthetic flash-and-click signal.

Video frames go white for one frame and the audio has a short click at the same instants; after recording,
the offset between each decoded flash and click shows whether picture and sound drift apart. Used by the
sync test and the recording benchmark (5 minutes of media recorded as fast as the encoder goes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.capture.sources import AUDIO_SAMPLE_RATE, ReplayAudioSource, ReplayVideoSource, chunk_samples


@dataclass(frozen=True)
class FlashClickSignal:
    duration_s: float = 300.0
    fps: float = 30.0
    period_s: float = 10.0
    first_s: float = 2.0
    width: int = 160
    height: int = 120
    jitter_s: float = 0.004  # capture timestamps wobble like a real camera's
    drop_every: int = 97  # every Nth frame never arrives (a camera hiccup)
    duplicate_every: int = 89  # every Nth frame arrives twice
    lose_audio_every: int = 300  # every Nth 0.1 s audio chunk never arrives (an overrun)

    def event_times(self) -> list[float]:
        return list(np.arange(self.first_s, self.duration_s - 1.0, self.period_s))

    def _flash_indices(self) -> set[int]:
        return {round(t * self.fps) for t in self.event_times()}

    def frames(self) -> Iterator[tuple[float, np.ndarray]]:
        rng = np.random.default_rng(7)
        dark = np.full((self.height, self.width, 3), 20, dtype=np.uint8)
        bright = np.full((self.height, self.width, 3), 235, dtype=np.uint8)
        flashes = self._flash_indices()
        for index in range(int(self.duration_s * self.fps)):
            if index % self.drop_every == 5 and index not in flashes:
                continue
            timestamp = index / self.fps + float(rng.uniform(-self.jitter_s, self.jitter_s))
            frame = bright if index in flashes else dark
            yield timestamp, frame
            if index % self.duplicate_every == 3:
                yield timestamp + 0.002, frame

    def samples(self) -> np.ndarray:
        audio = np.zeros(int(self.duration_s * AUDIO_SAMPLE_RATE), dtype=np.float32)
        click = np.sin(2 * np.pi * 1000 * np.arange(int(0.02 * AUDIO_SAMPLE_RATE)) / AUDIO_SAMPLE_RATE)
        for t in self.event_times():
            start = round(t * AUDIO_SAMPLE_RATE)
            audio[start : start + len(click)] = 0.8 * click
        return audio

    def video_source(self, speed: float = 0.0) -> ReplayVideoSource:
        return ReplayVideoSource(
            self.frames, self.width, self.height, self.fps, speed=speed, name="flash-video"
        )

    def audio_source(self, speed: float = 0.0) -> ReplayAudioSource:
        samples = self.samples()

        def chunks() -> Iterator[tuple[float, np.ndarray]]:
            for number, (timestamp, chunk) in enumerate(chunk_samples(samples, 0.1)):
                if number % self.lose_audio_every != self.lose_audio_every - 1:
                    yield timestamp, chunk

        return ReplayAudioSource(chunks, speed=speed, name="click-audio")


def _onsets(times: np.ndarray, active: np.ndarray, min_gap_s: float = 1.0) -> list[float]:
    found: list[float] = []
    for t in times[active]:
        if not found or t - found[-1] > min_gap_s:
            found.append(float(t))
    return found


def measure_offsets(path: str | Path) -> tuple[list[float], list[float]]:
    """Decoded flash times and click onsets (seconds) in a recording of `FlashClickSignal`."""
    import av

    with av.open(str(path)) as container:
        times, levels = [], []
        for picture in container.decode(video=0):
            times.append(picture.time)
            levels.append(float(picture.to_ndarray(format="gray").mean()))
    flashes = _onsets(np.array(times), np.array(levels) > 128)
    with av.open(str(path)) as container:
        chunks, start = [], None
        resampler = av.AudioResampler(format="flt", layout="mono", rate=AUDIO_SAMPLE_RATE)
        for frame in container.decode(audio=0):
            if start is None:
                start = frame.time or 0.0
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
    audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    audio_times = (start or 0.0) + np.arange(len(audio)) / AUDIO_SAMPLE_RATE
    clicks = _onsets(audio_times, np.abs(audio) > 0.3)
    return flashes, clicks
