"""What a session will ask and how: built by the setup screen or the CLI, consumed by the engine.

The answer limit follows each question (`answer_limit`): a question written to take two minutes stops
at three, a one-minute question at a minute and a half, so no limit is shorter than the question's own
target. A fixed limit for every question is still possible (`answer_seconds`, from Settings).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.core.questions import Question
from app.core.timefmt import clock

LIMIT_PER_TARGET = 1.5  # the answer stops at 1.5x the question's target length...
LIMIT_STEP_S = 15  # ...rounded up to a quarter minute, so the screen reads "stops at 2:15", not "2:07"
LIMIT_FLOOR_S = 60  # never less than a minute (a short target still leaves room to finish a sentence)
LIMIT_CAP_S = 300  # never more than five minutes (the longest bank target, 180 s, stops at 4:30)
MIN_FIXED_LIMIT_S = 15  # a fixed limit below this would stop an answer before it starts


def answer_limit_for(target_seconds: float, fixed_seconds: float | None = None) -> float:
    """Seconds after which an answer stops by itself.

    Args:
        target_seconds: the question's target length.
        fixed_seconds: a limit chosen for every question (Settings); None or 0: follow the question.
    """
    if fixed_seconds:
        return float(max(MIN_FIXED_LIMIT_S, fixed_seconds))
    steps = math.ceil(LIMIT_PER_TARGET * max(0.0, target_seconds) / LIMIT_STEP_S - 1e-9)
    return float(min(LIMIT_CAP_S, max(LIMIT_FLOOR_S, steps * LIMIT_STEP_S)))


def aim_line(target_seconds: float, limit_seconds: float) -> str:
    """What the interview screen says about length, e.g. "Aim for 2:00, stops at 3:00"."""
    return f"Aim for {clock(target_seconds)}, stops at {clock(limit_seconds)}"


@dataclass
class SessionPlan:
    questions: list[Question]
    title: str = "Practice session"
    thinking_seconds: float = 20.0
    # A fixed answer limit for every question; None: each answer stops at its question's own limit
    # (answer_limit). The answer stops by itself at this length.
    answer_seconds: float | None = None
    speak_questions: bool = True
    track: str = ""
    bank_id: str = ""
    job_terms: list[str] = field(default_factory=list)
    drill_focus: list[str] = field(default_factory=list)  # what a weak-spots drill works on, in words

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("a session needs at least one question")
        if (self.answer_seconds is not None and self.answer_seconds <= 0) or self.thinking_seconds < 0:
            raise ValueError("thinking time must be >= 0 and answer time > 0")

    def answer_limit(self, question: Question) -> float:
        """Seconds after which an answer to `question` stops by itself."""
        return answer_limit_for(question.target_seconds, self.answer_seconds)
