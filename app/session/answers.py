"""New answer records as the session engine stores them, and the answer whose analysis is running."""

from __future__ import annotations

import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime

from app.core.analysis_result import AnswerAnalysis
from app.core.questions import Question
from app.core.session import Answer, AnswerStatus
from app.session.capture import CapturedAnswer


def now_iso() -> str:
    """The time now as stored (UTC, whole seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_answer(
    session_id: str,
    position: int,
    question: Question,
    parent_id: str = "",
    status: AnswerStatus = AnswerStatus.RECORDING,
    **fields: object,
) -> Answer:
    """A fresh answer to `question` (the plan's `position`; `parent_id` for a follow-up), started now."""
    return Answer(
        id=uuid.uuid4().hex, session_id=session_id, position=position, question=question, status=status,
        started_at=now_iso(), parent_id=parent_id, **fields,  # type: ignore[arg-type]
    )


@dataclass
class PendingAnswer:
    """An answer whose recording is being finished and analysed in the background."""

    answer: Answer
    future: Future[tuple[CapturedAnswer, AnswerAnalysis | None]]
