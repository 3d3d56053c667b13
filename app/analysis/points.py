"""Talking points against the pieces of an answer: which sentence or clause makes which point.

Used by the content judge (app.analysis.judge, step 6 of its rules) and by benchmarks/train_content.py,
which tunes the threshold, the points a piece may cover and the margin over the bare question.
"""

from __future__ import annotations

import re

import numpy as np

from app.core.questions import Question

_CLAUSE_CUT = re.compile(r"[,;:]\s+|\s+(?=(?:and|so|but|because|then|which)\s)", re.IGNORECASE)
MIN_CLAUSE_WORDS = 4


def point_units(texts: list[str]) -> tuple[list[str], list[int]]:
    """The pieces talking points are matched against: each sentence, and its clauses when it has two or
    more of at least MIN_CLAUSE_WORDS words ("I led a team of five, and we rebuilt the payment service"
    can cover two points, one per clause). Returns the texts and the sentence each belongs to."""
    units: list[str] = []
    owner: list[int] = []
    for index, text in enumerate(texts):
        units.append(text)
        owner.append(index)
        clauses: list[str] = []
        for piece in _CLAUSE_CUT.split(text):
            piece = piece.strip()
            if clauses and len(piece.split()) < MIN_CLAUSE_WORDS:
                clauses[-1] = f"{clauses[-1]} {piece}"
            elif piece:
                clauses.append(piece)
        clauses = [c for c in clauses if len(c.split()) >= MIN_CLAUSE_WORDS]
        if len(clauses) >= 2:
            units += clauses
            owner += [index] * len(clauses)
    return units, owner


def point_similarity(question: Question, unit_vectors: np.ndarray, encoder) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(units, points): each unit's best cosine to a talking point or one of its example phrasings."""
    columns = [
        (unit_vectors @ encoder.encode([question.talking_points[i], *question.examples_for(i)]).T).max(axis=1)
        for i in range(len(question.talking_points))
    ]
    return np.column_stack(columns) if columns else np.zeros((len(unit_vectors), 0))


def question_similarity(question: Question, unit_vectors: np.ndarray, encoder) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(units,): each unit's cosine to the bare question text."""
    return (unit_vectors @ encoder.encode([question.text]).T)[:, 0]


def covered_points(
    similarity: np.ndarray,
    usable: np.ndarray,
    limit: int,
    threshold: float,
    to_question: np.ndarray | None = None,
    margin: float = -1.0,
    second_margin: float = 1.0,
) -> list[tuple[bool, int, float]]:
    """Per point: (covered, best unit, its similarity). A unit covers at most the `limit` points it is
    closest to, only `usable` units (real sentences of an answer) cover anything, and a unit covers a
    point only when it is at least `margin` closer to that point than to the bare question text
    (`to_question`): a sentence that echoes the question ("My task was to fail") is not a point made.
    A unit covers a point other than its closest only when it is within `second_margin` of as close to
    it: "I did my job" is a little like several points, and makes at most the one it is nearest."""
    rank = (-similarity).argsort(axis=1).argsort(axis=1)  # 0 = the point this unit is closest to
    allowed = usable[:, None] & (rank < limit)
    if similarity.size:
        allowed &= similarity >= similarity.max(axis=1, keepdims=True) - second_margin
    if to_question is not None:
        allowed &= similarity - to_question[:, None] >= margin
    result = []
    for index in range(similarity.shape[1]):
        column = similarity[:, index]
        if not allowed[:, index].any():
            best = int(column.argmax())
            result.append((False, best, float(column[best])))
            continue
        best = int(np.where(allowed[:, index], column, -np.inf).argmax())
        result.append((float(column[best]) >= threshold, best, float(column[best])))
    return result
