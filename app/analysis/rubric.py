"""The scoring rubric: every threshold the app judges by, with its source or rationale, in one place.

How a score is made: each metric falls into a band; each band gives a whole score from 1 (work on this)
to 5 (strong). A dimension's score is the mean of its measured sub-scores; the overall score is the mean of
the measured dimensions. A metric that could not be measured (no video, no pitch) is left out and shown
as "not measured", never guessed. These are practice guides drawn from public speaking and interview
coaching, not a hiring verdict; where the cut-off is our own choice, the rationale says so.
"""

from __future__ import annotations

from app.analysis.rubric_bands import INF as INF
from app.analysis.rubric_bands import Band as Band
from app.analysis.rubric_bands import MetricRule as MetricRule
from app.analysis.rubric_bands import bands as _b
from app.analysis.rubric_body import FACING_CAMERA, FIDGETING, GESTURES, POSTURE, SMILING
from app.core.scores import Dimension

RUBRIC_VERSION = "2026.11-2"



# --- Thresholds used while measuring (not bands) -----------------------------------------------------

LONG_PAUSE_S = 3.0
"""A silence this long inside an answer counts as a long pause. Conversation keeps gaps under about 1 s
(Jefferson 1989, "standard maximum" silence); coaches recommend deliberate pauses of 0.5-2 s; past 2-3 s a
listener starts to wonder whether the speaker has lost the thread. We take the upper end, 3 s."""


FILLER_CLUSTER_WINDOW_S = 30.0
"""Tips name the 30 s stretch with the most fillers, the size of a typical answer segment."""

OVERUSE_MIN_COUNT = 4
"""A topic-unrelated content word said this often in one answer is flagged as repetitive (our choice)."""

EMPTY_INTENSIFIER_MIN_COUNT = 3
"""Words like "basically" or "actually" are flagged from three uses (our choice)."""

MATTR_WINDOW = 50
"""Moving-average type-token ratio window in words (Covington & McFall 2010). Short answers need a short
window; 50 words is about 20 s of speech."""

MATTR_LOW = 0.6
"""Below this variety, tips suggest more varied wording. Spoken answers usually sit around 0.65-0.8
with a 50-word window (our measurement on our own example answers; a rule of thumb)."""

I_SHARE_LOW = 0.35
"""Behavioural answers should show the speaker's own part: below 35% "I" among I/we pronouns (with at least
five of them), tips ask what *you* did. Interview coaches' common advice; the cut-off is our choice."""
I_WE_MIN_PRONOUNS = 5

SLOW_START_S = 6.0
"""More than 6 s before the first word reads as hesitation (our choice; 2-5 s to collect thoughts is fine)."""

LOOK_AWAY_TIP_S = 3.0
"""Looking away for this long in one stretch is worth a tip (our choice; brief glances while thinking are
natural: speakers look at the listener only about 40-60% of the time, Argyle & Cook 1976)."""

RETRY_BELOW = 3.0
"""Questions whose latest attempt scored below this overall are suggested for retry."""

TREND_MIN_SLOPE = 0.1
"""Score change per session that counts as improving or declining rather than steady (our choice)."""

CALIBRATION_MIN_SLOPE = 0.05
"""Change per session of the mean |self - measured| gap that counts as getting closer or further apart."""


# --- Delivery ------------------------------------------------------------------------------------------

PACE = MetricRule(
    key="pace",
    label="Pace",
    dimension=Dimension.DELIVERY,
    metric="words_per_minute",
    unit="wpm",
    definition="Words (hesitation fillers excluded) per minute of the speaking span, which runs from the "
    "first word to the last, pauses included: the pace a listener hears.",
    source="A comfortable speaking pace of roughly 100-165 wpm is the range presentation coaches use; "
    "conversational English averages about 150 wpm (US National Center for Voice and Speech). The outer "
    "bands are our choice.",
    bands=_b(
        (0, 65, 1, "very slow (< 65 wpm)"),
        (65, 80, 2, "slow (65-80 wpm)"),
        (80, 90, 3, "a bit slow (80-90 wpm)"),
        (90, 100, 4, "slightly slow (90-100 wpm)"),
        (100, 165, 5, "comfortable (100-165 wpm)"),
        (165, 180, 4, "slightly fast (165-180 wpm)"),
        (180, 195, 3, "fast (180-195 wpm)"),
        (195, 215, 2, "very fast (195-215 wpm)"),
        (215, INF, 1, "rushed (> 215 wpm)"),
    ),
)

FILLERS = MetricRule(
    key="fillers",
    label="Fillers",
    dimension=Dimension.DELIVERY,
    metric="fillers_per_minute",
    unit="per min",
    definition="Fillers per minute of the speaking span: hesitation sounds (um, uh, er, hmm) and words used "
    "as fillers ('like', 'you know', 'I mean', 'basically'... only in a filler position).",
    source="Everyday conversation has a few filled pauses per 100 words (Fox Tree 1995; Bortfeld et al. "
    "2001), i.e. about 2-4 per minute; Toastmasters' 'Ah-Counter' role trains speakers to go below that. "
    "Bands are our choice: under 1.5 per minute is hard to notice, 8 or more distracts.",
    bands=_b(
        (0, 1.5, 5, "rare (< 1.5/min)"),
        (1.5, 3, 4, "occasional (1.5-3/min)"),
        (3, 5, 3, "noticeable (3-5/min)"),
        (5, 8, 2, "frequent (5-8/min)"),
        (8, INF, 1, "very frequent (8+/min)"),
    ),
)

PAUSES = MetricRule(
    key="pauses",
    label="Long pauses",
    dimension=Dimension.DELIVERY,
    metric="long_pauses_per_minute",
    unit="per min",
    definition=f"Silences of {LONG_PAUSE_S:g} s or more between words, per minute from the first word to "
    "the last (the silence before the first word and after the last is reported on its own).",
    source="Conversation keeps silences under about 1 s (Jefferson 1989); coaches recommend deliberate "
    f"pauses of 0.5-2 s; past {LONG_PAUSE_S:g} s a pause reads as a lost thread. One such pause in a "
    "two-minute answer is fine; bands are our choice.",
    bands=_b(
        (0, 0.001, 5, "none"),
        (0.001, 0.75, 4, "one now and then (< 0.75/min)"),
        (0.75, 1.5, 3, "several (0.75-1.5/min)"),
        (1.5, 3, 2, "many (1.5-3/min)"),
        (3, INF, 1, "very many (3+/min)"),
    ),
)

VOICE_VARIETY = MetricRule(
    key="voice_variety",
    label="Voice variety",
    dimension=Dimension.DELIVERY,
    metric="pitch_variation_semitones",
    unit="semitones",
    definition="How much the voice's pitch moves: the standard deviation of the pitch in semitones around "
    "its median (12*log2(f0/median)) over the voiced frames of the answer.",
    source="Flatter pitch is heard as monotonous and less lively (Hincks 2005, 'Measures and perceptions of "
    "liveliness in student oral presentation speech'); a spread under about 2 semitones sounds flat. The "
    "exact cut-offs are our choice.",
    bands=_b(
        (0, 1.5, 1, "monotone (< 1.5 st)"),
        (1.5, 2.25, 2, "flat (1.5-2.25 st)"),
        (2.25, 3, 3, "some variation (2.25-3 st)"),
        (3, 4, 4, "lively (3-4 st)"),
        (4, INF, 5, "very lively (4+ st)"),
    ),
)

# --- Content -------------------------------------------------------------------------------------------

STRUCTURE_SCORE_BY_PARTS: dict[int, int] = {4: 5, 3: 4, 2: 3, 1: 2, 0: 1}
RESULT_MISSING_PENALTY = 1
"""STAR structure: the score follows the number of parts found, minus one when the result is missing,
because the result is what the interviewer remembers (career-services guidance on STAR, e.g. MIT CAPD;
the weights are our choice). Worked examples: all four parts 5; situation, task, action without a result 3."""

STRUCTURE = MetricRule(
    key="structure",
    label="Structure (STAR)",
    dimension=Dimension.CONTENT,
    metric="star_parts_present",
    unit="of 4 parts",
    definition="How many STAR parts (situation, task, action, result) the answer really has: a part counts "
    "when an on-topic sentence that says something real plays that role (read by the content judge's "
    "sentence-role classifier, not from cue words); a missing result costs one extra point. Only for "
    "questions that expect a STAR answer.",
    source="The STAR method as taught by university career services (e.g. MIT CAPD). Score: 4 parts 5, "
    "3 parts 4, 2 parts 3, 1 part 2, none 1, and one point less when the result is missing, because the "
    "result is what an interviewer remembers (weights are our choice).",
    bands=_b(
        (0, 1, 1, "no STAR part recognised"),
        (1, 2, 2, "1 part"),
        (2, 3, 3, "2 parts"),
        (3, 4, 4, "3 parts"),
        (4, INF, 5, "all 4 parts"),
    ),
)

TALKING_POINTS = MetricRule(
    key="talking_points",
    label="Talking points",
    dimension=Dimension.CONTENT,
    metric="talking_points_coverage",
    unit="%",
    definition="Share of the question's talking points covered; a point is covered when an on-topic "
    "sentence of the answer means the same as the point or one of its example phrasings (sentence-encoder "
    "similarity at or above the content judge's threshold), whatever words it uses.",
    source="The question bank's talking points are what a strong answer usually touches. "
    "Bands are our choice.",
    bands=_b(
        (0, 0.001, 1, "none covered"),
        (0.001, 0.3, 2, "a few (< 30%)"),
        (0.3, 0.5, 3, "some (30-50%)"),
        (0.5, 0.75, 4, "most (50-75%)"),
        (0.75, INF, 5, "nearly all (75%+)"),
    ),
)

SPECIFICITY = MetricRule(
    key="specificity",
    label="Specific result",
    dimension=Dimension.CONTENT,
    metric="result_evidence_level",
    unit="level 0-2",
    definition="Whether the answer states a concrete result once the action begins: 2 = a quantity (number, "
    "percentage, money, time saved), 1 = only an outcome verb (increased, reduced, won, launched...), "
    "0 = none. Only for questions that expect a STAR answer.",
    source="Interviewers remember quantified outcomes; career services advise ending with a measurable "
    "result. Weights are our choice.",
    bands=_b((0, 1, 2, "no concrete result"), (1, 2, 4, "outcome stated"), (2, INF, 5, "quantified result")),
)

LENGTH = MetricRule(
    key="length",
    label="Length",
    dimension=Dimension.CONTENT,
    metric="length_ratio",
    unit="x target",
    definition="The spoken span (first word to last word: thinking time before and silence after are not "
    "part of it) divided by the question's target length (target_seconds in the bank). A typed answer's "
    "span is the time it would take to say its words at 150 words a minute.",
    source="Interview coaches advise about 1-2 minutes for a behavioural answer; each question carries its "
    "own target. Within -25%/+35% of the target is the top band (our choice).",
    bands=_b(
        (0, 0.3, 1, "far too short (< 0.3x)"),
        (0.3, 0.45, 2, "too short (0.3-0.45x)"),
        (0.45, 0.6, 3, "short (0.45-0.6x)"),
        (0.6, 0.75, 4, "a bit short (0.6-0.75x)"),
        (0.75, 1.35, 5, "on target (0.75-1.35x)"),
        (1.35, 1.6, 4, "a bit long (1.35-1.6x)"),
        (1.6, 2.0, 3, "long (1.6-2x)"),
        (2.0, 2.5, 2, "too long (2-2.5x)"),
        (2.5, INF, 1, "far too long (2.5x+)"),
    ),
)

HEDGING = MetricRule(
    key="hedging",
    label="Confident wording",
    dimension=Dimension.CONTENT,
    metric="hedges_per_minute",
    unit="per min",
    definition="Hedging or weak phrases ('I guess', 'kind of', 'maybe', 'probably', 'I'm not sure'...) per "
    "minute of the answer.",
    source="Hedges are markers of 'powerless' speech, which lowers judged competence and credibility "
    "(Erickson et al. 1978; Hosman 1989). Bands are our choice.",
    bands=_b(
        (0, 1, 5, "assured (< 1/min)"),
        (1, 2, 4, "mostly assured (1-2/min)"),
        (2, 3.5, 3, "some hedging (2-3.5/min)"),
        (3.5, 5, 2, "hedging often (3.5-5/min)"),
        (5, INF, 1, "very tentative (5+/min)"),
    ),
)

RELEVANCE = MetricRule(
    key="relevance",
    label="On topic",
    dimension=Dimension.CONTENT,
    metric="relevance",
    unit="%",
    definition="Share of the answer's sentences that are about the question: similar in meaning to the "
    "question, its talking points or their example phrasings (sentence-encoder similarity at or above "
    "the content judge's relevance threshold).",
    source="An answer that drifts from the question does not answer it; bands are our choice.",
    bands=_b(
        (0, 0.2, 1, "mostly off topic (< 20%)"),
        (0.2, 0.4, 2, "often off topic (20-40%)"),
        (0.4, 0.6, 3, "partly on topic (40-60%)"),
        (0.6, 0.8, 4, "mostly on topic (60-80%)"),
        (0.8, INF, 5, "on topic (80%+)"),
    ),
)

LONG_SILENCE_AFTER_S = 10.0
"""Silence after the last word this long (the person stopped but the recording ran on) gets a tip."""

MIN_PACE_WORDS = 20
MIN_PACE_SPEECH_S = 10.0
"""Pace and fillers per minute need at least this many words and seconds of speech (first word to last,
the span the rates are measured over): below it a rate is noise (10 words make "123 wpm" out of 5 s).
Our choice."""

MIN_VOICED_SPEECH_S = 5.0
"""Voice variety needs at least this much speech (about 500 pitch frames). Our choice."""

ALMOST_NO_SPEECH_OVERALL_CAP = 2.0
"""An answer with almost no speech (fewer than MIN_PACE_WORDS words or less than MIN_PACE_SPEECH_S of
speech) scores at most this overall, however well its few words were delivered. Our choice."""

FAR_TOO_SHORT_OVERALL_CAP = 2.5
"""An answer whose spoken part is far too short for the question (the lowest Length band, under 0.3x the
target) scores at most this overall: it stopped before it could answer. Our choice."""

NO_SUBSTANCE_CAP = 1.5
"""When the content judge finds no real answer (a list of keywords, an off-topic answer, or sentences that
say nothing real), the content score is at most this, whatever its other sub-scores: confident wording and
a good length do not make a non-answer good (our choice)."""

TYPED_WORDS_PER_MINUTE = 150.0
"""A typed answer has no duration: its hedges are counted per minute it would take to say its words at
the conversational average of about 150 wpm (the same figure the pace rule cites)."""

RULES: dict[Dimension, tuple[MetricRule, ...]] = {
    Dimension.DELIVERY: (PACE, FILLERS, PAUSES, VOICE_VARIETY),
    Dimension.BODY_LANGUAGE: (FACING_CAMERA, POSTURE, GESTURES, FIDGETING, SMILING),
    Dimension.CONTENT: (STRUCTURE, TALKING_POINTS, RELEVANCE, SPECIFICITY, LENGTH, HEDGING),
}
