"""Voice activity: where the person is speaking, the pauses between, and when the answer started.

Uses the Silero VAD bundled with faster-whisper (onnxruntime, no torch; RTF ~0.003). The segments gate
the transcription (a word with no speech under it is not kept) and define pauses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.core.delivery import PAUSE_MIN_S, Pause
from app.core.transcript import TimeSpan, Word
from app.platform.constants import SPEECH_SAMPLE_RATE

SAMPLE_RATE = SPEECH_SAMPLE_RATE

# Tuned on eSpeak speech with inserted silences (20 dB SNR) and on jfk.wav: with no padding the pause edges
# are within 0.18 s of the truth (60 ms padding: 0.23 s, and JFK's two ~1.05 s pauses shrink below 1 s).
# 300 ms minimum silence splits at every pause worth reporting; the guard adds its own padding.
SPEECH_THRESHOLD = 0.5
MIN_SILENCE_MS = 300
SPEECH_PAD_MS = 0
MIN_SPEECH_MS = 120


def detect_speech(
    audio: np.ndarray,
    sample_rate: int = SAMPLE_RATE,
    threshold: float = SPEECH_THRESHOLD,
    min_silence_ms: int = MIN_SILENCE_MS,
    speech_pad_ms: int = SPEECH_PAD_MS,
) -> list[TimeSpan]:
    """Speech segments (seconds) of float32 mono `audio` at 16 kHz."""
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"voice activity needs {SAMPLE_RATE} Hz audio, got {sample_rate}")
    if audio.size < SAMPLE_RATE // 10:
        return []
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(
        threshold=threshold,
        min_silence_duration_ms=min_silence_ms,
        speech_pad_ms=speech_pad_ms,
        min_speech_duration_ms=MIN_SPEECH_MS,
    )
    chunks = get_speech_timestamps(np.ascontiguousarray(audio, dtype=np.float32), options)
    return [TimeSpan(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]


def check_audio(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """`audio` as contiguous float32 for a transcriber; ValueError unless mono at 16 kHz."""
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"transcription needs {SAMPLE_RATE} Hz audio, got {sample_rate} (use decode_audio)")
    if audio.ndim != 1:
        raise ValueError("transcription needs mono audio")
    return np.ascontiguousarray(audio, dtype=np.float32)


def speech_overlap(start: float, end: float, segments: Sequence[TimeSpan], pad: float = 0.0) -> float:
    """Seconds of [start, end] covered by the segments (each widened by `pad` on both sides)."""
    total = 0.0
    for seg in segments:
        total += max(0.0, min(end, seg.end + pad) - max(start, seg.start - pad))
    return total


def find_pauses(
    segments: Sequence[TimeSpan],
    words: Sequence[Word] = (),
    min_pause_s: float = PAUSE_MIN_S,
) -> list[Pause]:
    """Silences of at least `min_pause_s` between speech, in time order.

    With speech segments, a pause is a gap between two consecutive segments (voice activity marks
    its edges better than Whisper's word times, which often stretch a word over the silence after
    it). Without segments (no audio), gaps between consecutive words are used. Silence before the
    first and after the last speech is not a pause.
    """
    spans = list(segments) or [TimeSpan(w.start, w.end) for w in words]
    spans.sort(key=lambda s: s.start)
    pauses: list[Pause] = []
    reach = None
    for span in spans:
        if reach is not None and span.start - reach >= min_pause_s:
            pauses.append(Pause(round(reach, 3), round(span.start, 3)))
        reach = span.end if reach is None else max(reach, span.end)
    return pauses


def time_to_first_word(segments: Sequence[TimeSpan], words: Sequence[Word]) -> float | None:
    """Seconds from the answer start to the first speech segment holding a word (else the first word)."""
    if not words:
        return None
    first = words[0]
    for seg in segments:
        if seg.end >= first.start - 0.05 and speech_overlap(
            first.start, max(first.end, first.start + 0.05), [seg], 0.2
        ):
            return round(min(max(seg.start, 0.0), first.end), 3)
    return round(first.start, 3)
