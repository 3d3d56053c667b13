"""The session builder: filters, interview order, a seed that pins the choice, and practice history."""

from __future__ import annotations

from app.banks import load_all_banks
from app.banks.builder import SessionRequest, build_session
from app.core.questions import Category


class FakeHistory:
    """Practice history as the storage layer will provide it."""

    def __init__(self, attempts: dict[str, int], scores: dict[str, float]) -> None:
        self._attempts, self._scores = attempts, scores

    def attempts(self, question_id: str) -> int:
        return self._attempts.get(question_id, 0)

    def lowest_score(self, question_id: str) -> float | None:
        return self._scores.get(question_id)


def test_same_seed_same_session_and_different_seed_differs() -> None:
    questions = load_all_banks().questions()
    request = SessionRequest(count=6, tracks=["software_engineering", "core"], seed=42)
    first = [q.id for q in build_session(questions, request)]
    assert first == [q.id for q in build_session(list(reversed(questions)), request)]
    others = {
        tuple(q.id for q in build_session(questions, SessionRequest(count=6, tracks=["core"], seed=s)))
        for s in range(5)
    }
    assert len(others) > 1


def test_filters_order_and_variety() -> None:
    questions = load_all_banks().questions()
    session = build_session(questions, SessionRequest(count=7, tracks=["nursing"], seed=1))
    assert len(session) == 7 and all(q.track == "nursing" for q in session)
    assert session[0].category == Category.MOTIVATION and session[-1].category == Category.CLOSING
    assert len({q.competency for q in session}) >= 6
    hard = build_session(
        questions,
        SessionRequest(
            count=20,
            tracks=["finance"],
            difficulties=[3],
            categories=[Category.SITUATIONAL, Category.BEHAVIORAL],
            seed=3,
        ),
    )
    assert hard and all(
        q.difficulty == 3 and q.category in (Category.SITUATIONAL, Category.BEHAVIORAL) for q in hard
    )
    assert len(hard) == sum(
        1
        for q in questions
        if q.track == "finance"
        and q.difficulty == 3
        and q.category in (Category.SITUATIONAL, Category.BEHAVIORAL)
    )


def test_history_mixes_in_weakest_and_unpractised() -> None:
    questions = load_all_banks().questions()
    sales = [q.id for q in questions if q.track == "sales"]
    practised = {qid: 2 for qid in sales[:12]}
    scores = {sales[3]: 31.0, sales[7]: 45.0, sales[1]: 88.0}
    history = FakeHistory(practised, scores)
    request = SessionRequest(
        count=6, tracks=["sales"], weakest=2, unpractised=2, end_with_closing=False, seed=7
    )
    chosen = [q.id for q in build_session(questions, request, history)]
    assert {sales[3], sales[7]} <= set(chosen)  # the two lowest scores, not the 88
    fresh = [qid for qid in chosen if qid not in practised]
    assert len(fresh) >= 2
