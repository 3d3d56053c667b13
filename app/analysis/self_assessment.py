"""The person's own ratings against the measured scores, and whether their judgement is calibrating.

Calibration, defined: for a session, the mean absolute gap |self - measured| over every answer and
dimension (delivery, body language, content, overall) where both exist. Over sessions, the least-squares
slope of that gap says whether self-judgement is getting closer (falling by at least
rubric.CALIBRATION_MIN_SLOPE points per session), drifting apart, or steady.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.analysis import rubric
from app.analysis.stats import parse_time, slope
from app.core.scores import Dimension, ScoreCard, SelfComparison
from app.core.session import SelfRating, Session

COMPARED = (Dimension.DELIVERY.value, Dimension.BODY_LANGUAGE.value, Dimension.CONTENT.value, "overall")


def compare(self_rating: SelfRating | None, scores: ScoreCard | None) -> list[SelfComparison]:
    """Self vs measured for each dimension and overall (either side may be None)."""
    return [
        SelfComparison(
            key,
            getattr(self_rating, key) if self_rating is not None else None,
            scores.score_of(key) if scores is not None else None,
        )
        for key in COMPARED
    ]


@dataclass(frozen=True)
class CalibrationPoint:
    session_id: str
    date: str  # ISO date of the session, local time
    mean_abs_gap: float
    pairs: int  # how many (answer, dimension) pairs had both a self rating and a measured score
    mean_gap: float  # signed: positive means rating oneself higher than measured


@dataclass
class Calibration:
    points: list[CalibrationPoint] = field(default_factory=list)
    slope: float | None = None  # change of mean_abs_gap per session
    verdict: str = "not enough sessions yet"


def session_calibration(session: Session) -> CalibrationPoint | None:
    gaps = [
        gap
        for answer in session.answers
        if answer.analysis is not None
        for comparison in compare(answer.self_rating, answer.analysis.scores)
        if (gap := comparison.gap) is not None
    ]
    if not gaps:
        return None
    return CalibrationPoint(
        session.id,
        parse_time(session.created_at).date().isoformat(),
        round(statistics.fmean(abs(g) for g in gaps), 2),
        len(gaps),
        round(statistics.fmean(gaps), 2),
    )


def calibration(sessions: Iterable[Session]) -> Calibration:
    """Calibration over sessions in date order; a verdict needs at least three rated sessions."""
    ordered = sorted(sessions, key=lambda s: parse_time(s.created_at))
    points = [p for s in ordered if (p := session_calibration(s)) is not None]
    change = slope([p.mean_abs_gap for p in points])
    if change is None or len(points) < 3:
        return Calibration(points, change)
    if change <= -rubric.CALIBRATION_MIN_SLOPE:
        verdict = "getting closer"
    elif change >= rubric.CALIBRATION_MIN_SLOPE:
        verdict = "drifting apart"
    else:
        verdict = "steady"
    return Calibration(points, change, verdict)
