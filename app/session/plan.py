"""What a session will ask and how: built by the setup screen or the CLI, consumed by the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.questions import Question


@dataclass
class SessionPlan:
    questions: list[Question]
    title: str = "Practice session"
    thinking_seconds: float = 20.0
    answer_seconds: float = 120.0  # the answer stops by itself at this length
    speak_questions: bool = True
    track: str = ""
    bank_id: str = ""
    job_terms: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("a session needs at least one question")
        if self.answer_seconds <= 0 or self.thinking_seconds < 0:
            raise ValueError("thinking time must be >= 0 and answer time > 0")
