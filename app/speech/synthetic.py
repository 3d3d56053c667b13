"""Speech with known fillers and pauses at known times, synthesized with eSpeak NG.

Tests, the speech benchmark and the self-test need answers whose truth is known: each piece is
synthesized separately and the pieces are joined with numpy, so the time of every filler and every
inserted silence is exact. Times are measured on the voiced part of each piece (eSpeak pads its
output with a little silence).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass, field

import numpy as np

from app.core.errors import VoiceUnavailable
from app.core.transcript import TimeSpan
from app.platform.constants import SPEECH_SAMPLE_RATE

SAMPLE_RATE = SPEECH_SAMPLE_RATE


@dataclass(frozen=True)
class Say:
    text: str


@dataclass(frozen=True)
class Hesitate:
    """A hesitation sound; `spelling` is what eSpeak reads ("umm", "uh", "erm", "er")."""

    spelling: str


@dataclass(frozen=True)
class Silence:
    seconds: float


Piece = Say | Hesitate | Silence


@dataclass
class SyntheticClip:
    """Audio plus the truth: where each hesitation was voiced and each inserted silence lies."""

    audio: np.ndarray
    text: str
    fillers: list[TimeSpan] = field(default_factory=list)
    pauses: list[TimeSpan] = field(default_factory=list)
    speech_span: TimeSpan = TimeSpan(0.0, 0.0)

    @property
    def duration(self) -> float:
        return self.audio.size / SAMPLE_RATE


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def synthesize(text: str, voice: str = "en-us", speed: int = 160, pitch: int = 50) -> np.ndarray:
    """`text` spoken by eSpeak NG as float32 mono 16 kHz."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise VoiceUnavailable("eSpeak NG is not installed.", "Install it (apt install espeak-ng).")
    args = [exe, "-v", voice, "-s", str(speed), "-p", str(pitch), "--stdout"]
    result = subprocess.run([*args, text], capture_output=True, check=True, timeout=60)
    with wave.open(io.BytesIO(result.stdout)) as wav:
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    return resample(pcm, rate)


def resample(audio: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    """Linear-interpolation resampling: enough for synthetic test speech (not used on user audio)."""
    if rate == target or audio.size == 0:
        return audio.astype(np.float32)
    n_out = int(round(audio.size * target / rate))
    positions = np.arange(n_out) * (rate / target)
    return np.interp(positions, np.arange(audio.size), audio).astype(np.float32)


def voiced_extent(audio: np.ndarray, threshold: float = 0.02) -> tuple[float, float] | None:
    """(first, last) second where |audio| exceeds `threshold` of its peak, None when silent."""
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak == 0.0:
        return None
    loud = np.flatnonzero(np.abs(audio) > threshold * peak)
    return loud[0] / SAMPLE_RATE, (loud[-1] + 1) / SAMPLE_RATE


def build_clip(
    pieces: list[Piece], voice: str = "en-us", speed: int = 160, pitch: int = 50, lead_in_s: float = 0.5
) -> SyntheticClip:
    """Join the pieces into one clip and record where each hesitation and silence truly is.

    A Silence's true pause runs from the end of the voiced sound before it to the start of the voiced
    sound after it, so eSpeak's own padding counts as part of the pause, as a listener hears it.
    """
    chunks: list[np.ndarray] = [np.zeros(int(lead_in_s * SAMPLE_RATE), np.float32)]
    offset = lead_in_s
    fillers: list[TimeSpan] = []
    voiced: list[tuple[float, float]] = []
    silence_after: list[int] = []  # index into `voiced` of the sound before each Silence
    words: list[str] = []
    for piece in pieces:
        if isinstance(piece, Silence):
            audio = np.zeros(int(round(piece.seconds * SAMPLE_RATE)), np.float32)
            silence_after.append(len(voiced) - 1)
        else:
            text = piece.text if isinstance(piece, Say) else piece.spelling
            audio = synthesize(text, voice, speed, pitch)
            extent = voiced_extent(audio)
            if extent is not None:
                span = (offset + extent[0], offset + extent[1])
                voiced.append(span)
                if isinstance(piece, Hesitate):
                    fillers.append(TimeSpan(round(span[0], 3), round(span[1], 3)))
            words.append(text)
        chunks.append(audio)
        offset += audio.size / SAMPLE_RATE
    chunks.append(np.zeros(int(lead_in_s * SAMPLE_RATE), np.float32))
    pauses = [
        TimeSpan(round(voiced[i][1], 3), round(voiced[i + 1][0], 3))
        for i in silence_after
        if 0 <= i < len(voiced) - 1
    ]
    whole = TimeSpan(voiced[0][0], voiced[-1][1]) if voiced else TimeSpan(0.0, 0.0)
    return SyntheticClip(np.concatenate(chunks), " ".join(words), fillers, pauses, whole)


def add_noise(audio: np.ndarray, snr_db: float, seed: int = 0) -> np.ndarray:
    """White noise at `snr_db` relative to the power of the voiced samples."""
    rng = np.random.default_rng(seed)
    voiced = audio[np.abs(audio) > 0.02 * float(np.max(np.abs(audio)) or 1.0)]
    power = float(np.mean(voiced**2)) if voiced.size else 1e-4
    noise = rng.normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), audio.size)
    return (audio + noise).astype(np.float32)


HESITATION_SPELLINGS = ("umm", "uh", "erm", "er")
"""Spellings eSpeak NG voices as a hesitation that a listener (and Whisper) hears as um/uh."""


def filler_scripts(spelling: str, other: str) -> list[list[Piece]]:
    """Interview-like answers with hesitations (`spelling`, `other`) at known places."""
    return [
        [
            Say("I worked on the backend team"),
            Silence(0.25),
            Hesitate(spelling),
            Silence(0.25),
            Say("and we shipped the new billing system in March"),
        ],
        [
            Say("The hardest part was the deadline"),
            Silence(0.2),
            Hesitate(spelling),
            Silence(0.3),
            Say("so I split the work into smaller tasks"),
            Silence(0.3),
            Hesitate(other),
            Silence(0.2),
            Say("and asked for help early"),
        ],
        [Hesitate(spelling), Silence(0.3), Say("I think my main strength is clear communication")],
        [
            Say("In my last role I led a team of five engineers"),
            Silence(1.4),
            Say("and we rebuilt the payment service from scratch"),
        ],
        [
            Say("We measured the results every week"),
            Silence(0.3),
            Hesitate(other),
            Silence(0.25),
            Say("and the error rate dropped by half"),
        ],
    ]
