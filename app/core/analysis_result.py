"""Everything measured and concluded about one answer, as stored with the session."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.body_language import BodyLanguageCues
from app.core.content import ContentMetrics
from app.core.delivery import DeliveryMetrics
from app.core.scores import ScoreCard
from app.core.transcript import Transcript


@dataclass
class Tip:
    """One specific piece of advice, pointing at a moment (`time`, seconds) when there is one."""

    text: str
    time: float | None
    metric: str  # the rubric key or metric it comes from, e.g. "fillers", "star_result"
    dimension: str = ""  # "delivery", "body_language" or "content"
    impact: float = 0.0  # higher first; how much acting on it should raise the scores


@dataclass
class FollowUp:
    """The one follow-up question the interviewer asks after an answer (app.analysis.follow_up)."""

    text: str
    reason: str  # why it was chosen, said plainly ("The story had no result.")
    source: str  # "probe" (chosen from what the answer left out) or "bank" (the question's own follow-up)
    kind: str = ""  # the probe: "example", "outcome", "personal", "measure"; "bank" for the bank's


@dataclass
class AnswerAnalysis:
    """Inputs that could not be measured are None (no video: no body language), never made up."""

    transcript: Transcript | None = None
    delivery: DeliveryMetrics | None = None
    body_language: BodyLanguageCues | None = None
    content: ContentMetrics | None = None
    scores: ScoreCard | None = None
    tips: list[Tip] = field(default_factory=list)
    model_outline: list[str] = field(default_factory=list)
    follow_up: FollowUp | None = None  # None: nothing to follow up (an empty answer, or itself a follow-up)
