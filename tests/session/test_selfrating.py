"""The person's rating beside the measurement (app.session.selfrating), on a real typed analysis."""

from __future__ import annotations

from app.core.questions import Category, Question
from app.core.session import Answer, AnswerStatus, SelfRating
from app.session.selfrating import NOT_RATED, comparison_text
from app.session.typed import analyse_typed_text

QUESTION = Question(
    id="rate-q1",
    text="Why do you want this role?",
    category=Category.MOTIVATION,
    competency="motivation",
    talking_points=["the product", "growth"],
    key_terms=["product"],
)


def answer(rating: SelfRating | None) -> Answer:
    analysis = analyse_typed_text(
        "I use your product every day and I want to grow as an engineer on a team that ships often.", QUESTION
    )
    return Answer(id="a1", session_id="s1", position=0, question=QUESTION, status=AnswerStatus.ANALYSED,
                  started_at="2026-11-20T10:00:00+00:00", analysis=analysis, self_rating=rating)


def test_each_rated_dimension_beside_its_measurement() -> None:
    rated = answer(SelfRating(delivery=4, body_language=None, content=2, overall=3, feeling="rushed"))
    assert rated.analysis is not None and rated.analysis.scores is not None
    content = rated.analysis.scores.score_of("content")
    assert content is not None
    lines = comparison_text(rated).split("\n")
    assert "Delivery: you 4, measured not measured" in lines  # a typed answer has no delivery
    assert f"Content: you 2, measured {content:.1f}" in lines
    assert "Body language: you –, measured not measured" in lines
    assert lines[-1] == "You noted: “rushed”"


def test_no_rating_says_so() -> None:
    assert comparison_text(answer(None)) == NOT_RATED
    assert comparison_text(answer(SelfRating(None, None, None, None))) == NOT_RATED
