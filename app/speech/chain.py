"""The audio chain of one answer: samples -> voice activity -> words -> delivery, in bounded windows.

Every path that turns sound into a transcript and delivery figures goes through `analyse_speech`: a
recorded file, a live answer's captured samples, `transcribe FILE` and the self-test. Voice activity runs
once per window and its segments serve transcription, the hallucination guard, pauses and prosody.

Long recordings are handled window by window (`WINDOW_S` seconds of audio at most in memory), each
window ending in a silence so that no word is cut in two; an answer shorter than a window is analysed in
one piece. Memory therefore stays flat however long the recording is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from app.core.delivery import DeliveryMetrics
from app.core.transcript import TimeSpan, Transcript, Word
from app.platform.memory import release_free_memory
from app.speech.delivery import delivery_metrics
from app.speech.filler_timing import LoudnessAccumulator
from app.speech.guard import join_pieces
from app.speech.prosody import ProsodyAccumulator
from app.speech.vad import SAMPLE_RATE, detect_speech

WINDOW_S = 240.0
"""Audio analysed at once. Answers up to this long (nearly all) are one window."""
CUT_SEARCH_S = 60.0
"""A window ends in the last silence of its final `CUT_SEARCH_S` seconds (at most half the window); the
rest starts the next one."""
MIN_CUT_SILENCE_S = 0.3
TAIL_GUARD_S = 0.5
"""Silence this close to a window's end is not trusted as a gap: a word may be starting."""

Transcribe = Callable[[np.ndarray, int, list[TimeSpan]], Transcript]
Progress = Callable[[float], None]


@dataclass
class SpeechAnalysis:
    """What the audio of one answer gave: words, the speech found, and the delivery figures."""

    transcript: Transcript
    speech: list[TimeSpan]
    delivery: DeliveryMetrics
    duration_s: float


def analyse_speech(
    blocks: Iterable[np.ndarray],
    transcribe: Transcribe,
    sample_rate: int = SAMPLE_RATE,
    window_s: float = WINDOW_S,
    on_window: Progress | None = None,
) -> SpeechAnalysis:
    """Analyse audio given as consecutive float32 mono blocks (any sizes) at 16 kHz.

    Args:
        blocks: the samples, in order; an iterator is consumed lazily, one block at a time.
        transcribe: (window samples, rate, speech segments of the window) -> Transcript with times from
            the window's start; called once per window with the window's own voice activity.
        window_s: the most audio held and analysed at once.
        on_window: called with the seconds analysed so far after each window (progress; may raise
            Cancelled to stop).
    """
    chain = _Chain(transcribe, sample_rate, window_s, on_window)
    pending: list[np.ndarray] = []
    held = 0
    window = int(window_s * sample_rate)
    for block in blocks:
        pending.append(np.asarray(block, dtype=np.float32))
        held += pending[-1].size
        if held >= window:
            buffer = np.concatenate(pending)
            rest = buffer[chain.window(buffer, final=False) :]
            pending, held = [rest.copy()], rest.size
    if held:
        chain.window(np.concatenate(pending), final=True)
    return chain.result()


def analyse_samples(
    audio: np.ndarray, transcribe: Transcribe, sample_rate: int = SAMPLE_RATE
) -> SpeechAnalysis:
    """`analyse_speech` of samples already in memory (a live answer, a test)."""
    return analyse_speech([audio], transcribe, sample_rate)


class _Chain:
    def __init__(
        self, transcribe: Transcribe, sample_rate: int, window_s: float, on_window: Progress | None
    ) -> None:
        self.transcribe = transcribe
        self.rate = sample_rate
        self.window_s = window_s
        self.on_window = on_window
        self.offset = 0.0  # seconds of audio before the current window
        self.words: list[Word] = []
        self.speech: list[TimeSpan] = []
        self.prosody = ProsodyAccumulator(sample_rate)
        self.loudness = LoudnessAccumulator(sample_rate)  # 100 values a second: where fillers were said
        self.meta: Transcript | None = None

    def window(self, audio: np.ndarray, final: bool) -> int:
        """Analyse the start of `audio` up to a silence (all of it when final); returns samples used."""
        segments = detect_speech(audio, self.rate)
        length = audio.size / self.rate
        search_from = self.window_s - min(CUT_SEARCH_S, self.window_s / 2)
        cut_s = length if final else _cut_time(segments, length, search_from)
        cut = min(audio.size, int(round(cut_s * self.rate)))
        cut_s = cut / self.rate
        kept = [TimeSpan(s.start, min(s.end, cut_s)) for s in segments if s.start < cut_s]
        part = audio[:cut]
        transcript = self.transcribe(part, self.rate, kept)
        if self.meta is None:
            self.meta = transcript
        # Joined by the guard's rule, so a window ending in nothing but "Thank you." is judged in context.
        self.words = join_pieces(self.words, [_shifted_word(w, self.offset) for w in transcript.words])
        self.speech.extend(
            TimeSpan(round(s.start + self.offset, 3), round(s.end + self.offset, 3)) for s in kept
        )
        self.prosody.add(part, kept)
        self.loudness.add(part)
        release_free_memory()  # each window's temporary arrays go back to the system, not to the heap
        self.offset += cut_s
        if self.on_window is not None:
            self.on_window(self.offset)
        return cut

    def result(self) -> SpeechAnalysis:
        meta = self.meta or Transcript()
        transcript = Transcript(
            words=self.words, language=meta.language, engine=meta.engine, model=meta.model, typed=False
        )
        prosody = self.prosody.result() if self.speech else None
        loudness = self.loudness.result()
        delivery = delivery_metrics(transcript, self.offset, self.speech, prosody, loudness)
        return SpeechAnalysis(transcript, self.speech, delivery, self.offset)


def _cut_time(segments: list[TimeSpan], length: float, search_from: float) -> float:
    """Where a window should end: the middle of its last silence after `search_from`, else its end."""
    gaps: list[tuple[float, float]] = [(a.end, b.start) for a, b in zip(segments, segments[1:], strict=False)]
    if segments:
        gaps.append((segments[-1].end, length - TAIL_GUARD_S))
    candidates = [
        (start + end) / 2
        for start, end in gaps
        if end - start >= MIN_CUT_SILENCE_S and (start + end) / 2 >= search_from
    ]
    return max(candidates) if candidates else length


def _shifted_word(word: Word, offset: float) -> Word:
    if not offset:
        return word
    return Word(word.text, round(word.start + offset, 3), round(word.end + offset, 3), word.probability)
