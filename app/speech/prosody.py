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


def pitch_stats(
    audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None = None
) -> tuple[float | None, float | None]:
    """(median F0 in Hz, std of 12*log2(f0/median) in semitones) over voiced frames inside speech."""
    if audio.size < sample_rate // 10:
        return None, None
    pitch = _sound(audio, sample_rate).to_pitch(
        time_step=0.01, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ
    )
    f0 = pitch.selected_array["frequency"]
    voiced = (f0 > 0) & _inside(pitch.xs(), segments)
    values = f0[voiced]
    if values.size < MIN_VOICED_FRAMES:
        return None, None
    median = float(np.median(values))
    semitones = 12.0 * np.log2(values / median)
    return round(median, 1), round(float(np.std(semitones)), 2)


def loudness_variation(
    audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None = None
) -> float | None:
    """Standard deviation (dB) of Praat's intensity contour over frames inside speech segments."""
    if audio.size < sample_rate // 5 or not np.any(audio):
        return None
    intensity = _sound(audio, sample_rate).to_intensity(minimum_pitch=PITCH_FLOOR_HZ, time_step=0.01)
    values = intensity.values[0]
    inside = _inside(intensity.xs(), segments) & np.isfinite(values)
    values = values[inside]
    if values.size < MIN_VOICED_FRAMES:
        return None
    return round(float(np.std(values)), 2)


def measure_prosody(
    audio: np.ndarray, sample_rate: int, segments: Sequence[TimeSpan] | None = None
) -> Prosody:
    median, variation = pitch_stats(audio, sample_rate, segments)
    return Prosody(median, variation, loudness_variation(audio, sample_rate, segments))
