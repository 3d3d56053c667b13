"""A practice session and its answers, as stored and reported."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from app.core.analysis_result import AnswerAnalysis
from app.core.questions import Question


class SessionStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"  # the app or computer stopped mid-session; what was saved is kept
    IMPORTED = "imported"  # recordings analysed with `analyze --save` or Review -> Import


class AnswerStatus(enum.StrEnum):
    RECORDING = "recording"
    RECORDED = "recorded"
    ANALYSED = "analysed"
    SKIPPED = "skipped"
    INTERRUPTED = "interrupted"
    # The recording could not start (an unusable source): nothing was captured, so it is not an attempt.
    # Kept in the database for the record, but a session's loaded answers leave it out.
    FAILED = "failed"


@dataclass
class SelfRating:
    """The person's own 1-5 ratings, given before they see the measured scores."""

    delivery: int | None = None
    body_language: int | None = None
    content: int | None = None
    overall: int | None = None
    feeling: str = ""


@dataclass
class Answer:
    id: str
    session_id: str
    position: int
    question: Question  # a snapshot: later edits of the bank do not change past answers
    status: AnswerStatus = AnswerStatus.RECORDING
    started_at: str = ""  # ISO 8601, UTC
    duration_s: float = 0.0
    media_path: str = ""  # relative to the data folder's media/ directory
    has_video: bool = False
    analysis: AnswerAnalysis | None = None
    self_rating: SelfRating | None = None
    notes: str = ""
    attempt: int = 1  # a redo of the same question increments this
    parent_id: str = ""  # a follow-up's answer: the id of the answer it follows up ("" for the others)

    @property
    def is_follow_up(self) -> bool:
        return bool(self.parent_id)


@dataclass
class Session:
    id: str
    title: str
    created_at: str  # ISO 8601, UTC
    status: SessionStatus = SessionStatus.IN_PROGRESS
    track: str = ""
    bank_id: str = ""
    job_terms: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    ended_at: str = ""
