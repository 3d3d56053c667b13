"""Words + audio -> DeliveryMetrics (definitions in app.core.delivery, computed exactly as written there)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.core.delivery import RATE_WINDOW_S, DeliveryMetrics, RateSample
from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.filler_timing import Loudness
from app.speech.fillers import find_fillers, find_repetitions, is_hesitation
from app.speech.prosody import Prosody, measure_prosody
from app.speech.vad import detect_speech, find_pauses, time_to_first_word

RATE_STEP_S = 5.0
MIN_SPAN_S = 1.0


def speaking_span(words: Sequence[Word]) -> float:
    """Seconds from the first word's start to the last word's end."""
    return words[-1].end - words[0].start if words else 0.0


def words_per_minute(words: Sequence[Word]) -> float | None:
    content = [w for w in words if not is_hesitation(w.text)]
    span = speaking_span(words)
    if len(content) < 2 or span < MIN_SPAN_S:
        return None
    return round(len(content) / (span / 60.0), 1)


def rate_over_time(
    words: Sequence[Word], window_s: float = RATE_WINDOW_S, step_s: float = RATE_STEP_S
) -> list[RateSample]:
    """Rolling words per minute (window centred every `step_s` over the speaking span)."""
    content = [w for w in words if not is_hesitation(w.text)]
    if len(content) < 2:
        return []
    first, last = words[0].start, words[-1].end
    mids = np.array([(w.start + w.end) / 2 for w in content])
    samples: list[RateSample] = []
    t = first + min(window_s / 2, (last - first) / 2)
    while True:
        lo, hi = max(first, t - window_s / 2), min(last, t + window_s / 2)
        if hi - lo >= MIN_SPAN_S:
            count = int(np.count_nonzero((mids >= lo) & (mids < hi)))
            samples.append(RateSample(round(t, 2), round(count / ((hi - lo) / 60.0), 1)))
        if t + window_s / 2 >= last:
            break
        t += step_s
    return samples


def compute_delivery(
    transcript: Transcript,
    audio: np.ndarray | None,
    sample_rate: int = 16000,
    speech_segments: list[TimeSpan] | None = None,
) -> DeliveryMetrics:
    """All delivery metrics of one answer held in memory. `audio` None: word-based metrics only."""
    if speech_segments is None and audio is not None:
        speech_segments = detect_speech(audio, sample_rate)
    duration = audio.size / sample_rate if audio is not None else transcript.duration
    prosody = (
        measure_prosody(audio, sample_rate, speech_segments)
        if audio is not None and speech_segments
        else None
    )
    loudness = Loudness.of(audio, sample_rate) if audio is not None else None
    return delivery_metrics(transcript, duration, speech_segments, prosody, loudness)


def delivery_metrics(
    transcript: Transcript,
    duration_s: float,
    speech_segments: Sequence[TimeSpan] | None,
    prosody: Prosody | None = None,
    loudness: Loudness | None = None,
) -> DeliveryMetrics:
    """Delivery metrics from the words, the speech segments, the measured prosody and loudness (None: no
    audio; discourse fillers then rest on the gaps between word times, see app.speech.fillers)."""
    words = transcript.words
    segments = list(speech_segments or [])
    span_min = speaking_span(words) / 60.0
    fillers = find_fillers(words, loudness)
    pauses = find_pauses(segments, words)
    metrics = DeliveryMetrics(
        duration_s=round(duration_s, 3),
        speaking_time_s=round(sum(s.duration for s in segments) if segments else speaking_span(words), 3),
        word_count=sum(1 for w in words if not is_hesitation(w.text)),
        words_per_minute=words_per_minute(words),
        wpm_over_time=rate_over_time(words),
        fillers=fillers,
        fillers_per_minute=round(len(fillers) / span_min, 2) if span_min * 60 >= MIN_SPAN_S else None,
        pauses=pauses,
        longest_pause_s=round(max((p.duration for p in pauses), default=0.0), 3) if words else None,
        time_to_first_word_s=time_to_first_word(segments, words),
        repetitions=find_repetitions(words),
        speech_segments=segments,
        spoken_span_s=round(speaking_span(words), 3) if words else None,
        silence_after_s=round(max(0.0, duration_s - words[-1].end), 3) if words else None,
    )
    if prosody is not None and segments:
        metrics.pitch_median_hz = prosody.pitch_median_hz
        metrics.pitch_variation_semitones = prosody.pitch_variation_semitones
        metrics.loudness_variation_db = prosody.loudness_variation_db
    return metrics
