"""Loudness of a block of samples in dBFS: one rule for the level meters, live cues and device check."""

from __future__ import annotations

import numpy as np

SILENCE_DBFS = -90.0  # what the meters show for digital silence (the bar's floor is -60)


def rms_dbfs(samples: np.ndarray, silence: float = SILENCE_DBFS) -> float:
    """RMS level of float samples (full scale = 1.0) in dB re full scale; `silence` when there is none."""
    if samples.size == 0:
        return silence
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * float(np.log10(rms)) if rms > 1e-6 else silence
