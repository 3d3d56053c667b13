"""A model outline of a strong answer, built from the question's own talking points.

For STAR questions each talking point goes to the part it most resembles (by cue words), the parts come in
STAR order with a rough share of the target time; other questions get "answer, support, close".
"""

from __future__ import annotations

from app.analysis.text import format_time, split_words, stem
from app.core.content import StarPart
from app.core.questions import Question

# Words that suggest which STAR part a talking point belongs to (stemmed when matched).
_PART_HINTS: dict[StarPart, tuple[str, ...]] = {
    StarPart.SITUATION: (
        "situation",
        "context",
        "background",
        "when",
        "where",
        "problem",
        "disagreement",
        "conflict",
        "mistake",
        "failure",
        "setting",
        "project",
        "why it mattered",
    ),
    StarPart.TASK: (
        "task",
        "goal",
        "responsibility",
        "role",
        "challenge",
        "objective",
        "stake",
        "deadline",
        "expected",
        "needed",
        "constraint",
    ),
    StarPart.ACTION: (
        "how you",
        "steps",
        "approach",
        "action",
        "listened",
        "decided",
        "communicated",
        "plan",
        "prioritised",
        "prioritized",
        "persuade",
        "handled",
        "what you did",
        "involved",
    ),
    StarPart.RESULT: (
        "result",
        "outcome",
        "learned",
        "learnt",
        "lesson",
        "impact",
        "measure",
        "changed",
        "reached",
        "achieved",
        "improve",
        "next time",
        "differently",
        "metric",
    ),
}

# Share of the target time each STAR part usually deserves (coaching rule of thumb: action is the core).
_PART_SHARE = {StarPart.SITUATION: 0.15, StarPart.TASK: 0.10, StarPart.ACTION: 0.50, StarPart.RESULT: 0.25}

_PART_ADVICE = {
    StarPart.SITUATION: "Set the scene in one or two sentences: where, when, who.",
    StarPart.TASK: "Say what was at stake and what you had to achieve.",
    StarPart.ACTION: 'What you did, step by step, in the first person ("I ...").',
    StarPart.RESULT: "What changed, with a number if you can, and what you learned.",
}


def _part_for(point: str, position: int, count: int) -> StarPart:
    words = {stem(w) for w in split_words(point)}
    text = point.lower()
    best: tuple[int, StarPart] | None = None
    for part, hints in _PART_HINTS.items():
        hits = sum(1 for hint in hints if (hint in text if " " in hint else stem(hint) in words))
        if hits and (best is None or hits > best[0]):
            best = (hits, part)
    if best:
        return best[1]
    if position == 0:
        return StarPart.SITUATION
    return StarPart.RESULT if position == count - 1 else StarPart.ACTION


def model_outline(question: Question) -> list[str]:
    """Lines of an outline a strong answer could follow, in speaking order."""
    points = question.talking_points
    terms = [term for term in question.key_terms if term]
    if question.star_expected:
        by_part: dict[StarPart, list[str]] = {part: [] for part in StarPart}
        for i, point in enumerate(points):
            by_part[_part_for(point, i, len(points))].append(point)
        lines = []
        for part in StarPart:
            seconds = question.target_seconds * _PART_SHARE[part] if question.target_seconds else None
            budget = f" (about {format_time(seconds)})" if seconds else ""
            covered = f" Cover: {'; '.join(by_part[part])}." if by_part[part] else ""
            lines.append(f"{part.value.capitalize()}{budget}: {_PART_ADVICE[part]}{covered}")
    else:
        lines = ["Open: answer the question directly in one sentence."]
        lines += [f"Support: {point}." for point in points]
        lines.append("Close: link it back to this role and what you would bring.")
    if terms:
        lines.append(f"Use the key terms naturally: {', '.join(terms)}.")
    return lines
