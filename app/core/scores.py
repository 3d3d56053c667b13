"""Scores on a 1-5 scale, each traceable to the metric, value, band and definition behind it.

The thresholds live in app.analysis.rubric; these dataclasses only carry the outcome, so a stored
answer keeps the explanation it was scored with even if the rubric changes later.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Dimension(enum.StrEnum):
    DELIVERY = "delivery"
    BODY_LANGUAGE = "body_language"
    CONTENT = "content"


DIMENSION_LABELS: dict[str, str] = {
    Dimension.DELIVERY: "Delivery",
    Dimension.BODY_LANGUAGE: "Body language",
    Dimension.CONTENT: "Content",
    "overall": "Overall",
}


@dataclass
class SubScore:
    """One scored metric: `score` is None when the metric could not be measured for this answer."""

    key: str  # rubric key, e.g. "pace"
    label: str  # "Pace"
    metric: str  # field it comes from, e.g. "words_per_minute"
    value: float | None
    unit: str
    score: int | None
    band: str  # the rubric band the value fell in, e.g. "100-165 wpm: comfortable"
    definition: str
    reason: str = ""  # why not measured, when score is None


@dataclass
class DimensionScore:
    """A dimension's score: the mean of its measured sub-scores, or not measured at all."""

    dimension: Dimension
    score: float | None
    sub_scores: list[SubScore] = field(default_factory=list)
    reason: str = ""  # why the dimension is not measured
    note: str = ""  # a rule that limited the score (e.g. content capped for a non-answer)

    @property
    def measured(self) -> bool:
        return self.score is not None

    @property
    def label(self) -> str:
        return DIMENSION_LABELS[self.dimension]


@dataclass
class ScoreCard:
    """All dimension scores of one answer.

    `overall` needs both delivery and content (body language joins when measured); None otherwise, with
    `overall_note` saying why. A rule that limited it (too little speech) is in `overall_note` too.
    """

    delivery: DimensionScore
    body_language: DimensionScore
    content: DimensionScore
    overall: float | None
    rubric_version: str = ""
    overall_note: str = ""

    def dimensions(self) -> list[DimensionScore]:
        return [self.delivery, self.body_language, self.content]

    def score_of(self, dimension: str) -> float | None:
        if dimension == "overall":
            return self.overall
        return getattr(self, str(dimension)).score


@dataclass(frozen=True)
class SelfComparison:
    """The person's own rating beside the measured score for one dimension (or "overall")."""

    dimension: str
    self_score: int | None
    measured_score: float | None

    @property
    def gap(self) -> float | None:
        """Self minus measured: positive means the person rated themselves higher than measured."""
        if self.self_score is None or self.measured_score is None:
            return None
        return round(self.self_score - self.measured_score, 2)


HIGH_SCORE = 3.75  # from here a score reads as a strength (green on screen, "high" in the report)
MID_SCORE = 2.75  # from here up to HIGH_SCORE it reads as fair (amber); below, as a weakness (red)


def score_band(score: float | None) -> str:
    """"high", "mid" or "low" for a 1-5 score, "na" when not measured: one rule for screens and report."""
    if score is None:
        return "na"
    return "high" if score >= HIGH_SCORE else "mid" if score >= MID_SCORE else "low"
