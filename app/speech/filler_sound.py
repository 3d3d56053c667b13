"""What a stretch of sound is like: is it shaped as a hesitation ("uh", "um", "er") rather than a word?

A hesitation is one held vowel, perhaps closing into a nasal: voiced from start to end, at a steady pitch
near or below the speaker's own, with a spectrum that hardly moves. Words move: consonants interrupt the
voicing (the /s/ of "so", the stop of "okay") and the formants glide from one sound to the next. Measured
on every 10 ms frame (the frames of `app.speech.filler_timing.Loudness`) with one FFT each:

- *pitch* and *clarity*: the strongest peak of the frame's normalized autocorrelation between 75 and
  400 Hz (Boersma's correction for the window, less `_OCTAVE_COST` per octave down); a frame is voiced
  when its clarity is at least `VOICED_CLARITY`;
- *spectrum*: the level (dB) of `BANDS` bands spaced evenly in log frequency from 100 Hz to 5 kHz.

`Shape.of(frames)` sums up an island; `Shape.hesitation` applies the thresholds below. Only evidence on the
audio is used: a stretch of sound with this shape and no word on it is a hesitation Whisper left out
(app.speech.filler_timing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME = 160  # 10 ms at 16 kHz: one frame of Loudness
WINDOW = 640  # 40 ms analysed around each frame's centre (two periods at 75 Hz... enough for pitch)
FFT = 1024
"""Room for the window and the longest lag (640 + 213 samples) without wrapping around."""
BANDS = 16
LOW_HZ, HIGH_HZ = 75.0, 400.0
VOICED_CLARITY = 0.6
MIN_VOICED_SHARE = 0.85
"""Share of an island's inner frames that must be voiced (an /s/ or a stop takes a word below it)."""
MAX_PITCH_SPREAD_ST = 2.5
"""Spread of the pitch over the island (1.4826 x median absolute deviation, in semitones, robust to the
odd octave error): a steady, held pitch."""
MAX_SPECTRAL_CHANGE_DB = 1.8
"""Median frame-to-frame change of the band levels (dB, root mean square over the bands)."""
PITCH_RANGE_ST = (-9.0, -0.5)
"""The island's median pitch relative to the speaker's median: a hesitation sits below it, towards the
bottom of the speaker's range (and another voice or a tone far from it is not the speaker's)."""
MIN_S, MAX_S = 0.2, 1.0
NASAL_DROP_DB = 8.0


def _window_autocorrelation() -> np.ndarray:
    window = np.hanning(WINDOW)
    spectrum = np.abs(np.fft.rfft(window, FFT)) ** 2
    acf = np.fft.irfft(spectrum, FFT)[:WINDOW]
    return acf / acf[0]


_WINDOW_ACF = _window_autocorrelation()
_OCTAVE_COST = 0.05
"""Taken off a candidate's autocorrelation per octave below 400 Hz (as Praat's octave cost): a periodic
sound correlates as well at twice its period, and the period itself must win."""
_EDGES = np.geomspace(100.0, 5000.0, BANDS + 1)


@dataclass
class Frames:
    """Per 10 ms frame: pitch (Hz), clarity (0-1) and band levels (dB)."""

    pitch: np.ndarray
    clarity: np.ndarray
    bands: np.ndarray

    @classmethod
    def empty(cls) -> Frames:
        return cls(np.zeros(0, np.float32), np.zeros(0, np.float16), np.zeros((0, BANDS), np.float16))

    @classmethod
    def concat(cls, parts: list[Frames]) -> Frames:
        if not parts:
            return cls.empty()
        return cls(
            np.concatenate([p.pitch for p in parts]),
            np.concatenate([p.clarity for p in parts]),
            np.concatenate([p.bands for p in parts]),
        )

    @property
    def size(self) -> int:
        return int(self.pitch.size)


def frame_features(audio: np.ndarray, sample_rate: int, which: np.ndarray | None = None) -> Frames:
    """Pitch, clarity and band levels of the whole 10 ms frames of `audio` (16 kHz mono) numbered `which`
    (ascending; default: all of them); a frame's values do not depend on which others are asked for."""
    if sample_rate != 16000:
        raise ValueError("frame features are measured at 16 kHz")
    whole = audio.size // FRAME
    which = np.arange(whole) if which is None else np.asarray(which, np.int64)
    which = which[(which >= 0) & (which < whole)]
    pad = (WINDOW - FRAME) // 2
    padded = np.concatenate(
        [np.zeros(pad, np.float32), np.asarray(audio, np.float32), np.zeros(WINDOW, np.float32)]
    )
    band_of = np.digitize(np.fft.rfftfreq(FFT, 1.0 / sample_rate), _EDGES) - 1
    to_bands = (band_of[:, None] == np.arange(BANDS)[None, :]).astype(np.float64)
    lags = np.arange(int(sample_rate / HIGH_HZ), int(sample_rate / LOW_HZ) + 1)
    window = np.hanning(WINDOW).astype(np.float32)
    parts = []
    for first in range(0, which.size, 2000):
        idx = which[first : first + 2000]
        frames = np.lib.stride_tricks.sliding_window_view(padded, WINDOW)[idx * FRAME] * window
        frames = frames - frames.mean(axis=1, keepdims=True)
        power = np.abs(np.fft.rfft(frames, FFT, axis=1)) ** 2
        acf = np.fft.irfft(power, FFT, axis=1)[:, : lags[-1] + 1]
        norm = acf[:, lags] / np.maximum(acf[:, :1], 1e-12) / _WINDOW_ACF[lags]
        best = np.argmax(norm - _OCTAVE_COST * np.log2(lags / lags[0]), axis=1)  # the period, not twice it
        clarity = np.clip(norm[np.arange(idx.size), best], 0.0, 1.0)
        bands = power @ to_bands
        parts.append(
            Frames(
                (sample_rate / lags[best]).astype(np.float32),
                clarity.astype(np.float16),
                (10.0 * np.log10(bands + 1e-10)).astype(np.float16),
            )
        )
    return Frames.concat(parts)


@dataclass(frozen=True)
class Shape:
    """An island's sound, summed up: how long, how much of it voiced, how steady its pitch and spectrum."""

    seconds: float
    voiced_share: float
    pitch_st: float
    """Its median pitch relative to the speaker's (semitones)."""
    pitch_spread_st: float
    spectral_change_db: float
    nasal_drop_db: float = 0.0
    """How much more the bands above 1 kHz fall than those below from the first third to the last: an
    "um" closes into a nasal, which keeps the low frequencies and loses the high ones."""

    @property
    def nasal_end(self) -> bool:
        return self.nasal_drop_db >= NASAL_DROP_DB

    @classmethod
    def of(cls, frames: Frames, lo: int, hi: int, speaker_hz: float) -> Shape:
        """The shape of frames lo..hi-1 (their first and last two frames, the edges, left out)."""
        inner = slice(lo + 2, max(lo + 3, hi - 2))
        clarity = frames.clarity[inner].astype(np.float32)
        voiced = clarity >= VOICED_CLARITY
        pitch = frames.pitch[inner][voiced]
        st = 12.0 * np.log2(pitch / speaker_hz) if pitch.size else np.zeros(1)
        bands = frames.bands[inner].astype(np.float32)
        change = np.sqrt(np.mean(np.diff(bands, axis=0) ** 2, axis=1)) if len(bands) > 1 else np.zeros(1)
        third = max(1, len(bands) // 3)
        drop = bands[:third].mean(axis=0) - bands[-third:].mean(axis=0)
        high = _EDGES[:-1] >= 1000.0
        return cls(
            nasal_drop_db=float(drop[high].mean() - drop[~high].mean()),
            seconds=(hi - lo) * FRAME / 16000,
            voiced_share=float(voiced.mean()) if voiced.size else 0.0,
            pitch_st=float(np.median(st)),
            pitch_spread_st=float(1.4826 * np.median(np.abs(st - np.median(st)))),
            spectral_change_db=float(np.median(change)),
        )

    @property
    def hesitation(self) -> bool:
        return (
            MIN_S <= self.seconds <= MAX_S
            and self.voiced_share >= MIN_VOICED_SHARE
            and self.pitch_spread_st <= MAX_PITCH_SPREAD_ST
            and self.spectral_change_db <= MAX_SPECTRAL_CHANGE_DB
            and PITCH_RANGE_ST[0] <= self.pitch_st <= PITCH_RANGE_ST[1]
        )


SPEAKER_STEP = 4
"""The speaker's pitch is taken from every `SPEAKER_STEP`th sounding frame (plenty for a median)."""


def speaker_frames(sounding: np.ndarray) -> np.ndarray:
    """The frames the speaker's pitch is measured on."""
    return np.flatnonzero(sounding)[::SPEAKER_STEP]


def speaker_pitch(frames: Frames) -> float:
    """The speaker's median pitch (Hz) over the voiced ones of `frames` (`speaker_frames`); 150 Hz if none."""
    voiced = frames.clarity.astype(np.float32) >= VOICED_CLARITY
    return float(np.median(frames.pitch[voiced])) if voiced.any() else 150.0
