"""The guard against hallucinated words, applied to every engine's output.

The filler-preserving prompt makes Whisper write the "um"s it would otherwise drop, but it also
tempts it to invent some: on real speech it once appended five zero-length "uh," after the speaker
stopped. Each rule below removes one way a word that was not said gets into the transcript.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.transcript import TimeSpan, Word
from app.speech.fillers import hesitation
from app.speech.vad import speech_overlap

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GuardSettings:
    """Thresholds, tuned with benchmarks/bench_speech.py (fillers on synthetic and real speech)."""

    speech_pad_s: float = 0.2
    """Voice activity edges are approximate; a word this close to speech still counts as on it."""
    min_word_speech_s: float = 0.02
    """A word needs at least this much (padded) speech under it."""
    min_filler_speech_s: float = 0.1
    """A hesitation needs this much speech near it: an "um" is a voiced sound."""
    filler_lead_s: float = 0.5
    """Whisper places fillers late (median 0.3 s, up to 0.7 s): look this far back for the sound."""
    min_filler_duration_s: float = 0.05
    """Zero-length hesitations are the typical hallucination."""
    min_filler_probability: float = 0.1
    """Genuine fillers come out at 0.15-0.45 with the prompt; invented ones lower."""
    after_speech_s: float = 0.3
    """Words starting this long after the last speech ended are dropped."""
    min_trailing_probability: float = 0.15
    """Whisper likes to append a word at the end of the audio ("And...", "that." at p < 0.1)."""
    closing_gap_s: float = 0.8
    """A stock closing ("Thank you.") this long after the last word is taken for Whisper's invention."""
    min_closing_probability: float = 0.5
    """... as is one it is unsure of."""


def guard_words(
    words: Sequence[Word], speech: Sequence[TimeSpan] | None, settings: GuardSettings = GuardSettings()
) -> list[Word]:
    """`words` without those that were most likely not said. `speech` None skips the voice rules."""
    kept: list[Word] = []
    last_speech_end = max((s.end for s in speech), default=0.0) if speech is not None else None
    for word in words:
        reason = _reject_reason(word, kept, speech, last_speech_end, settings)
        if reason:
            log.debug(
                "guard dropped %r at %.2f-%.2f (p=%.2f): %s",
                word.text,
                word.start,
                word.end,
                word.probability,
                reason,
            )
            continue
        kept.append(word)
    while kept and kept[-1].probability < settings.min_trailing_probability:
        log.debug("guard dropped trailing %r (p=%.2f)", kept[-1].text, kept[-1].probability)
        kept.pop()
    return _without_stock_closings(kept, settings)


STOCK_CLOSINGS: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "thank you", "thank you very much", "thank you so much", "thanks", "thanks for watching",
        "thank you for watching", "thanks for listening", "thank you for listening",
        "we'll see you next time", "see you next time", "see you in the next video", "please subscribe",
        "bye", "bye bye", "goodbye",
    )
)
"""What Whisper writes on silence or noise at the end of audio (its training subtitles ended so)."""


def join_pieces(
    before: Sequence[Word], piece: Sequence[Word], settings: GuardSettings = GuardSettings()
) -> list[Word]:
    """The words of consecutive pieces of one answer (live stretches, file windows), joined.

    Each piece was guarded on its own, but a piece that holds nothing but "Thank you." (noise read as
    speech after a pause) had no words before it to measure the gap from. Judged again here with the
    earlier pieces in view, it is dropped on the same rule as in a single piece, so a live answer and a
    re-run of its file keep the same words.
    """
    return _without_stock_closings([*before, *piece], settings)


def _bare(text: str) -> str:
    return text.lower().strip(" .,!?;:\"'")


def _without_stock_closings(words: list[Word], settings: GuardSettings) -> list[Word]:
    """Drop stock closings at the end that are unlikely to have been said: after a gap, improbable, or
    repeated (then both copies). A real "Thank you." right after the last sentence, said clearly, stays."""
    while words:
        tail = [_bare(w.text) for w in words[-6:]]
        match = next((len(p) for p in sorted(STOCK_CLOSINGS, key=len, reverse=True)
                      if len(p) <= len(tail) and tuple(tail[-len(p):]) == p), 0)
        if not match:
            return words
        phrase, before = words[-match:], words[:-match]
        gap = phrase[0].start - before[-1].end if before else 0.0
        probability = sum(w.probability for w in phrase) / len(phrase)
        repeated = len(before) >= match and [_bare(w.text) for w in before[-match:]] == tail[-match:]
        if gap < settings.closing_gap_s and probability >= settings.min_closing_probability and not repeated:
            return words
        log.debug("guard dropped a stock closing %r (gap %.2f s, p=%.2f)", " ".join(tail[-match:]), gap,
                  probability)
        words = before[:-match] if repeated else before  # said twice in a row: both copies invented
    return words


def _reject_reason(
    word: Word,
    kept: Sequence[Word],
    speech: Sequence[TimeSpan] | None,
    last_speech_end: float | None,
    settings: GuardSettings,
) -> str | None:
    filler = hesitation(word.text)
    if speech is not None and last_speech_end is not None:
        if word.start > last_speech_end + settings.after_speech_s:
            return "after the speech ended"
        span_end = max(word.end, word.start + 0.01)
        if speech_overlap(word.start, span_end, speech, settings.speech_pad_s) < min(
            settings.min_word_speech_s, span_end - word.start
        ):
            return "no speech under it"
        if (
            filler
            and speech_overlap(word.start - settings.filler_lead_s, word.end, speech)
            < settings.min_filler_speech_s
        ):
            return "filler without speech"
    if filler is None:
        return None
    if word.end - word.start < settings.min_filler_duration_s:
        return "zero-length filler"
    if word.probability < settings.min_filler_probability:
        return "improbable filler"
    if kept and hesitation(kept[-1].text) == filler:
        return "repeated filler"
    return None
