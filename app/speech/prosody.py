"""Pitch and loudness of the voice (praat-parselmouth): the inputs of the "monotone" and "energy" cues.

Definitions are in app.core.delivery.DeliveryMetrics. Praat's autocorrelation pitch tracker is used
with a 75-500 Hz range, which covers adult speaking voices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.core.transcript import TimeSpan

PITCH_FLOOR_HZ = 75.0
PITCH_CEILING_HZ = 500.0
MIN_VOICED_FRAMES = 10


@dataclass(frozen=True)
class Prosody:
    pitch_median_hz: float | None
    pitch_variation_semitones: float | None
    loudness_variation_db: float | None


def _sound(audio: np.ndarray, sample_rate: int):  # type: ignore[no-untyped-def]
    import parselmouth

    return parselmouth.Sound(np.asarray(audio, dtype=np.float64), sampling_frequency=float(sample_rate))


def _inside(times: np.ndarray, segments: Sequence[TimeSpan] | None) -> np.ndarray:
    if segments is None:
        return np.ones(times.shape, dtype=bool)
    mask = np.zeros(times.shape, dtype=bool)
    for seg in segments:
        mask |= (times >= seg.start) & (times <= seg.end)
    return mask


def _voiced_pitch(audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None) -> np.ndarray:
    """F0 values (Hz) of the voiced 10 ms frames inside the speech segments."""
    if audio.size < sample_rate // 10:
        return np.empty(0)
    pitch = _sound(audio, sample_rate).to_pitch(
        time_step=0.01, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ
    )
    f0 = pitch.selected_array["frequency"]
    return f0[(f0 > 0) & _inside(pitch.xs(), segments)]


def _speech_intensity(audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None) -> np.ndarray:
    """Intensity (dB) of the 10 ms frames inside the speech segments."""
    if audio.size < sample_rate // 5 or not np.any(audio):
        return np.empty(0)
    intensity = _sound(audio, sample_rate).to_intensity(minimum_pitch=PITCH_FLOOR_HZ, time_step=0.01)
    values = intensity.values[0]
    return values[_inside(intensity.xs(), segments) & np.isfinite(values)]


def _pitch_summary(values: np.ndarray) -> tuple[float | None, float | None]:
    if values.size < MIN_VOICED_FRAMES:
        return None, None
    median = float(np.median(values))
    semitones = 12.0 * np.log2(values / median)
    return round(median, 1), round(float(np.std(semitones)), 2)


def _loudness_summary(values: np.ndarray) -> float | None:
    if values.size < MIN_VOICED_FRAMES:
        return None
    return round(float(np.std(values)), 2)


def pitch_stats(
    audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None = None
) -> tuple[float | None, float | None]:
    """(median F0 in Hz, std of 12*log2(f0/median) in semitones) over voiced frames inside speech."""
    return _pitch_summary(_voiced_pitch(audio, sample_rate, segments))


def loudness_variation(
    audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None = None
) -> float | None:
    """Standard deviation (dB) of Praat's intensity contour over frames inside speech segments."""
    return _loudness_summary(_speech_intensity(audio, sample_rate, segments))


def measure_prosody(
    audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None = None
) -> Prosody:
    accumulator = ProsodyAccumulator(sample_rate)
    accumulator.add(audio, segments)
    return accumulator.result()


class ProsodyAccumulator:
    """Prosody of a long recording measured window by window: only the per-frame values are kept.

    Each window's frames (100 per second of speech) are pooled, so the statistics are those of the whole
    answer, while the audio itself is held one window at a time.
    """

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._pitch: list[np.ndarray] = []
        self._intensity: list[np.ndarray] = []

    def add(self, audio: np.ndarray, segments: Sequence[TimeSpan] | None) -> None:
        """Measure one window; `segments` are in seconds from the start of this window."""
        if segments is not None and not segments:
            return
        self._pitch.append(_voiced_pitch(audio, self.sample_rate, segments))
        self._intensity.append(_speech_intensity(audio, self.sample_rate, segments))

    def result(self) -> Prosody:
        pitch = np.concatenate(self._pitch) if self._pitch else np.empty(0)
        intensity = np.concatenate(self._intensity) if self._intensity else np.empty(0)
        median, variation = _pitch_summary(pitch)
        return Prosody(median, variation, _loudness_summary(intensity))
