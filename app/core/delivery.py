"""How an answer was delivered: pace, fillers, pauses, repetitions, pitch and loudness.

Every metric is defined here, in the docstrings of `DeliveryMetrics` and its parts, and nowhere else:
the analyzers (app.speech) compute exactly these definitions and the report quotes them. Times are
seconds from the answer start (the moment the question finished). A number is None when it cannot be
measured (no speech, no voiced frames), never a made-up zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.transcript import TimeSpan

HESITATION = "hesitation"
DISCOURSE = "discourse"

HESITATION_FILLERS = ("um", "uh", "er", "hmm")
"""Normalized spellings of hesitation sounds (umm/erm -> um, uhh/ah -> uh, mm/hm -> hmm)."""

DISCOURSE_FILLERS = (
    "like",
    "you know",
    "i mean",
    "sort of",
    "kind of",
    "basically",
    "actually",
    "literally",
    "so",
    "and",
    "well",
)
"""Words and phrases counted only in a filler position (rules in app.speech.fillers)."""

PAUSE_MIN_S = 1.0
"""A silence shorter than this is ordinary phrasing, not a pause."""

RATE_WINDOW_S = 20.0
"""Width of the rolling window of `DeliveryMetrics.wpm_over_time`."""


@dataclass(frozen=True)
class Filler:
    """A filler said at [start, end].

    `word` is the normalized filler ("um", "uh", "er", "hmm", "like", "you know", ...). `kind` is
    "hesitation" for um/uh/er/hmm (a sound that is not a word) or "discourse" for a real word used
    as a filler. Discourse fillers count only with evidence of filler use measured on the audio (a
    real pause or a hesitation next to them, or the word drawn out), never from punctuation alone:
    "so", "and", "well" and the adverbs "basically", "actually", "literally" at a clause start with
    that evidence after them ("So the project ..." is a word); "like", "you know", "I mean",
    "sort of", "kind of" set off on both sides, one side by a real pause or a hesitation (never
    "I like", "looks like", "would like"). `start`/`end` are where the filler sounded on the audio.
    Full rules in app.speech.fillers.
    """

    word: str
    kind: str
    start: float
    end: float


@dataclass(frozen=True)
class Pause(TimeSpan):
    """A silence of at least `PAUSE_MIN_S` inside the answer: no speech per voice activity between
    the end of one speech segment and the start of the next (word gaps when there is no audio).
    The wait before the first word is not a pause; it is `time_to_first_word_s`."""


@dataclass(frozen=True)
class Repetition:
    """A word or phrase (up to three words) said twice in a row: "I I", "and and", "the the",
    "I think I think". Case and punctuation are ignored; hesitation fillers are not repetitions."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class RateSample:
    """Words per minute in the `RATE_WINDOW_S` window centred on `time`: words whose midpoint falls
    in the window, divided by the window's speaking span (window clipped to the speaking span)."""

    time: float
    words_per_minute: float


@dataclass
class DeliveryMetrics:
    """The delivery metrics of one answer.

    Attributes:
        duration_s: length of the recording of the answer (seconds).
        speaking_time_s: total length of the voice-activity speech segments (seconds).
        word_count: transcribed words, hesitation fillers excluded.
        words_per_minute: word_count / speaking span in minutes, where the speaking span runs from
            the first word's start to the last word's end (pauses included: it is the pace a
            listener hears). None with fewer than 2 words or a span under 1 s.
        wpm_over_time: `RateSample` every 5 s over the speaking span (rolling 20 s window).
        fillers: every `Filler`, in time order.
        fillers_per_minute: len(fillers) / speaking span in minutes (same span as words_per_minute).
        pauses: every `Pause` (>= 1 s), in time order.
        longest_pause_s: the longest pause's duration; 0.0 when there is speech but no pause.
        time_to_first_word_s: from the answer start (question finished) to the start of the first
            speech segment that holds a transcribed word.
        repetitions: every `Repetition`, in time order.
        pitch_median_hz: median F0 over voiced frames (Praat autocorrelation, 75-500 Hz).
        pitch_variation_semitones: standard deviation of 12*log2(f0 / median) over voiced frames;
            under ~2 semitones sounds monotone, 3-6 lively.
        loudness_variation_db: standard deviation of the intensity (dB) over frames inside speech
            segments; low values sound flat, high values energetic or uneven.
        speech_segments: the voice-activity speech segments.
        spoken_span_s: first word's start to last word's end: the answer as said (length is judged on it).
        silence_after_s: from the last word's end to the end of the recording.
    """

    duration_s: float
    speaking_time_s: float
    word_count: int
    words_per_minute: float | None
    wpm_over_time: list[RateSample] = field(default_factory=list)
    fillers: list[Filler] = field(default_factory=list)
    fillers_per_minute: float | None = None
    pauses: list[Pause] = field(default_factory=list)
    longest_pause_s: float | None = None
    time_to_first_word_s: float | None = None
    repetitions: list[Repetition] = field(default_factory=list)
    pitch_median_hz: float | None = None
    pitch_variation_semitones: float | None = None
    loudness_variation_db: float | None = None
    speech_segments: list[TimeSpan] = field(default_factory=list)
    spoken_span_s: float | None = None
    silence_after_s: float | None = None
