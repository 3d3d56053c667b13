"""Which follow-up, if any, the session asks after an answer (the engine's rule, app.analysis's choice)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.analysis.follow_up import follow_up_question, follow_up_to_ask
from app.core.questions import Question
from app.core.session import Answer


@dataclass(frozen=True)
class FollowUp:
    """The follow-up being asked: the answer it follows up and the question it is."""

    parent: Answer
    question: Question


def due_follow_up(
    mode: str, asking: FollowUp | None, answer: Answer | None, answers: Sequence[Answer]
) -> FollowUp | None:
    """The follow-up to ask after `answer` under `mode` ("none", "one", "adaptive"); None when there is none:
    follow-ups are off, one is being asked already (`asking`), the answer is itself a follow-up, its
    analysis asks for none, or one was already answered (`answers`, the session's)."""
    if mode == "none" or asking is not None or answer is None or answer.is_follow_up:
        return None
    chosen = follow_up_to_ask(mode, answer.analysis.follow_up if answer.analysis else None)
    if chosen is None or any(a.parent_id == answer.id for a in answers):
        return None
    return FollowUp(answer, follow_up_question(answer.question, chosen))
