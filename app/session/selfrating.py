"""The person's own rating beside the measurement, as the results page says it (via self_assessment)."""

from __future__ import annotations

from app.analysis.self_assessment import compare
from app.core.scores import DIMENSION_LABELS
from app.core.session import Answer

NOT_RATED = "You did not rate this answer."


def comparison_text(answer: Answer) -> str:
    """One line per dimension ("Delivery: you 4, measured 3.2") and the feeling the person noted."""
    rating = answer.self_rating
    if rating is None or all(
        v is None for v in (rating.delivery, rating.body_language, rating.content, rating.overall)
    ):
        return NOT_RATED
    scores = answer.analysis.scores if answer.analysis is not None else None
    lines = []
    for item in compare(rating, scores):
        you = "–" if item.self_score is None else str(item.self_score)
        measured = "not measured" if item.measured_score is None else f"{item.measured_score:.1f}"
        lines.append(f"{DIMENSION_LABELS[item.dimension]}: you {you}, measured {measured}")
    if rating.feeling:
        lines.append(f"You noted: “{rating.feeling}”")
    return "\n".join(lines)
