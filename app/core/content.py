"""What an answer said: structure, coverage, wording. Measured from the transcript with plain rules.

Every list here carries times (seconds from the answer start) so feedback can point at moments.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class StarPart(enum.StrEnum):
    """The four parts of a STAR answer, in the order a listener expects them."""

    SITUATION = "situation"
    TASK = "task"
    ACTION = "action"
    RESULT = "result"


@dataclass(frozen=True)
class StarMarker:
    """Where a STAR part starts: the first sentence that plays that part (its text is the `cue`)."""

    part: StarPart
    start: float
    cue: str


class Substance(enum.StrEnum):
    """What the content judge made of the answer as a whole."""

    ANSWER = "answer"  # a real attempt at the question
    KEYWORD_LIST = "keyword_list"  # the question's terms strung together, no claims or story
    OFF_TOPIC = "off_topic"  # about something other than the question
    NO_SUBSTANCE = "no_substance"  # sentences that say nothing real (absurd, or signposts only)


@dataclass(frozen=True)
class JudgedSentence:
    """One sentence as the content judge read it."""

    text: str
    start: float
    end: float
    role: str  # "situation", "task", "action", "result" or "other"
    relevance: float  # similarity (cosine, -1..1) to the question, its talking points and their examples
    substantive: bool  # says something real and on topic (may carry STAR parts, talking points, terms)


@dataclass
class TalkingPointCoverage:
    """One talking point of the question and whether the answer covered it."""

    point: str
    covered: bool
    fraction: float  # share of the point's content words that were said (0-1)
    matched_words: list[str] = field(default_factory=list)
    missing_words: list[str] = field(default_factory=list)
    first_time: float | None = None  # when the sentence that covers the point began
    sentence: str = ""  # the sentence that covers the point (or comes closest when not covered)
    similarity: float | None = None  # its similarity in meaning to the point or an example phrasing


@dataclass
class TermUse:
    """A key term (from the question, or from the job posting when `from_job_posting`)."""

    term: str
    from_job_posting: bool
    times: list[float] = field(default_factory=list)  # empty: not used

    @property
    def used(self) -> bool:
        return bool(self.times)


@dataclass(frozen=True)
class PhraseHit:
    """A hedging or weak phrase ("I guess", "kind of") as said."""

    phrase: str
    start: float
    end: float


@dataclass
class OverusedWord:
    """A content word or phrase said noticeably often."""

    text: str
    count: int
    times: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class ResultEvidence:
    """Words that state a concrete result: a number, a percentage, money, time saved or an outcome verb."""

    text: str
    time: float
    kind: str  # "number", "percent", "money", "time", "outcome_verb"


@dataclass
class ContentMetrics:
    """Content and language measurements of one answer (definitions in app.analysis.rubric)."""

    word_count: int
    duration_s: float
    target_seconds: float | None
    length_ratio: float | None  # duration / target_seconds
    star_expected: bool
    star_parts: list[StarMarker] = field(default_factory=list)  # parts found, in time order
    talking_points: list[TalkingPointCoverage] = field(default_factory=list)
    talking_points_coverage: float | None = None  # share of talking points covered; None without points
    key_terms: list[TermUse] = field(default_factory=list)
    i_count: int = 0
    we_count: int = 0
    i_share: float | None = None  # I / (I + we); None when neither was said
    hedges: list[PhraseHit] = field(default_factory=list)
    hedges_per_minute: float | None = None
    overused_words: list[OverusedWord] = field(default_factory=list)
    vocabulary_variety: float | None = None  # moving-average type-token ratio (0-1)
    result_evidence: list[ResultEvidence] = field(default_factory=list)
    sentences: list[JudgedSentence] = field(default_factory=list)
    relevance: float | None = None  # share of sentences on the question's topic (0-1)
    substance: Substance = Substance.ANSWER
    judge: str = ""  # which judge measured this ("meaning v1"; "" for answers analysed before it)

    @property
    def parts_present(self) -> list[StarPart]:
        return [marker.part for marker in self.star_parts]

    @property
    def concrete_result(self) -> bool:
        return bool(self.result_evidence)

    @property
    def quantified_result(self) -> bool:
        return any(evidence.kind != "outcome_verb" for evidence in self.result_evidence)
