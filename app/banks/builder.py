"""Build a practice session: which questions, in what order.

The choice is deterministic for a given seed, so a session can be rebuilt and tests can pin it. Past
practice comes in through the `PracticeHistory` protocol (the storage layer implements it once sessions
are stored); without history every question counts as never practised.

Order follows a real interview: an opening motivation question first, the closing question last, and
the rest spread so the same competency is not asked twice in a row when it can be avoided.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.core.questions import Category, Question


class PracticeHistory(Protocol):
    """What the builder needs to know about past practice."""

    def attempts(self, question_id: str) -> int:
        """How many times the question was answered (0 = never practised)."""
        ...

    def lowest_score(self, question_id: str) -> float | None:
        """The lowest overall score (0-100) the question got, or None if never scored."""
        ...


class NoHistory:
    """The default: nothing practised yet."""

    def attempts(self, question_id: str) -> int:
        return 0

    def lowest_score(self, question_id: str) -> float | None:
        return None


@dataclass
class SessionRequest:
    """What the user asked for. Empty lists mean "any"."""

    count: int = 6
    tracks: list[str] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    difficulties: list[int] = field(default_factory=list)
    unpractised: int = 0  # slots reserved for questions never practised
    weakest: int = 0  # slots reserved for the lowest-scored questions
    end_with_closing: bool = True  # the last question is a closing one when the categories allow it
    seed: int | None = None


def build_session(
    questions: Sequence[Question], request: SessionRequest, history: PracticeHistory | None = None
) -> list[Question]:
    """Choose and order `request.count` questions (fewer if the filters leave fewer)."""
    history = history or NoHistory()
    rng = random.Random(request.seed)
    pool = sorted(_matching(questions, request), key=lambda q: q.id)  # stable input order for the seed
    if request.count <= 0 or not pool:
        return []
    rng.shuffle(pool)
    chosen: list[Question] = []

    closing: Question | None = None
    if request.end_with_closing and request.count >= 3:
        closing = next((q for q in pool if q.category == Category.CLOSING), None)
    body_pool = [q for q in pool if q.category != Category.CLOSING or closing is None]
    body_count = request.count - (1 if closing else 0)

    if request.weakest:
        scored = [(history.lowest_score(q.id), q) for q in body_pool]
        weakest = sorted(((s, q) for s, q in scored if s is not None), key=lambda item: (item[0], item[1].id))
        chosen += [q for _, q in weakest[: min(request.weakest, body_count)]]
    if request.unpractised:
        fresh = [q for q in body_pool if history.attempts(q.id) == 0 and q not in chosen]
        room = min(request.unpractised, body_count - len(chosen))
        chosen += _varied(fresh, room)
    rest = [q for q in body_pool if q not in chosen]
    chosen += _varied(rest, body_count - len(chosen), already=chosen)
    return _interview_order(chosen, rng) + ([closing] if closing else [])


def _matching(questions: Sequence[Question], request: SessionRequest) -> list[Question]:
    tracks, categories, levels = set(request.tracks), set(request.categories), set(request.difficulties)
    return [
        q
        for q in questions
        if (not tracks or q.track in tracks)
        and (not categories or q.category in categories)
        and (not levels or q.difficulty in levels)
    ]


def _varied(candidates: list[Question], count: int, already: Sequence[Question] = ()) -> list[Question]:
    """Take `count` from the (shuffled) candidates, preferring competencies and categories not yet used."""
    picked: list[Question] = []
    remaining = list(candidates)
    while remaining and len(picked) < count:
        used_competencies = {q.competency for q in [*already, *picked]}
        category_use = _category_counts([*already, *picked])
        best = min(
            remaining,
            key=lambda q: (q.competency in used_competencies, category_use.get(q.category, 0)),
        )
        picked.append(best)
        remaining.remove(best)
    return picked


def _category_counts(questions: Sequence[Question]) -> dict[Category, int]:
    counts: dict[Category, int] = {}
    for question in questions:
        counts[question.category] = counts.get(question.category, 0) + 1
    return counts


def _interview_order(questions: list[Question], rng: random.Random) -> list[Question]:
    """Motivation first (the natural opener), then the rest without repeating a competency back to back."""
    openers = [q for q in questions if q.category == Category.MOTIVATION][:1]
    rest = [q for q in questions if q not in openers]
    rng.shuffle(rest)
    ordered = list(openers)
    while rest:
        previous = ordered[-1].competency if ordered else None
        next_question = next((q for q in rest if q.competency != previous), rest[0])
        ordered.append(next_question)
        rest.remove(next_question)
    return ordered
