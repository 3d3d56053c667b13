"""Interview questions and the banks that hold them.

A `Question` carries everything the rest of the app needs to coach an answer: what a strong answer
covers (`talking_points`, each with example phrasings of how a candidate might say it in
`point_examples`), the words to listen for (`key_terms`), how long it should take
(`target_seconds`) and whether a STAR story is expected. Answers keep a snapshot of their question, so
these are plain, serialisable dataclasses (see app.core.serialization).

Difficulty is an int: 1 = easy, 2 = medium, 3 = hard. Bank files may also write easy/medium/hard.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Category(enum.StrEnum):
    """What kind of question it is; decides how the answer is judged (a STAR story or not)."""

    BEHAVIORAL = "behavioral"  # "Tell me about a time..." - a real past example
    SITUATIONAL = "situational"  # "What would you do if..." - a plan for a hypothetical
    MOTIVATION = "motivation"  # why this job, this field, this company; fit
    TECHNICAL = "technical"  # knowledge and reasoning in the field
    ROLE_SPECIFIC = "role_specific"  # the day-to-day craft of the role
    CLOSING = "closing"  # questions for the interviewer, last words


EASY, MEDIUM, HARD = 1, 2, 3
DIFFICULTY_NAMES: dict[int, str] = {EASY: "easy", MEDIUM: "medium", HARD: "hard"}
DIFFICULTY_BY_NAME: dict[str, int] = {name: level for level, name in DIFFICULTY_NAMES.items()}

# Track id -> display title. Bundled banks use these; user banks may name other tracks.
TRACKS: dict[str, str] = {
    "core": "Behavioral core (any role)",
    "entry_level": "General and entry-level",
    "software_engineering": "Software engineering",
    "data_analytics": "Data and analytics",
    "product_management": "Product management",
    "sales": "Sales and account management",
    "customer_support": "Customer support",
    "nursing": "Healthcare and nursing",
    "teaching": "Teaching",
    "marketing": "Marketing",
    "finance": "Finance and accounting",
    "hr_recruiting": "HR and recruiting",
    "project_management": "Project management",
    "operations_logistics": "Operations and logistics",
    "retail_hospitality": "Retail and hospitality",
    "office_admin": "Office and administration",
    "posting": "From the job posting",
    "cv": "From my CV",
    "personal": "My own questions",
}


def track_title(track: str) -> str:
    """A readable name for a track id, also for tracks only a user bank knows."""
    return TRACKS.get(track, track.replace("_", " ").replace("-", " ").capitalize())


@dataclass
class Question:
    """One interview question as it will be asked, with what a strong answer contains."""

    id: str
    text: str
    category: Category
    competency: str
    difficulty: int = MEDIUM
    target_seconds: int = 90
    star_expected: bool = False
    talking_points: list[str] = field(default_factory=list)
    # For each talking point (same order and length), 0-5 example sentences of how a candidate would say
    # it in an answer. A point without examples has an empty list; see `examples_for`.
    point_examples: list[list[str]] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    track: str = ""
    bank_id: str = ""
    # The job posting's terms that tailoring matched to this question (all also in key_terms; those
    # the bank did not list are appended there), so the report can say which the answer used.
    job_terms: list[str] = field(default_factory=list)
    # Free text the user keeps with the question (a debrief: where it was asked, how it went).
    notes: str = ""
    # For a question known only by its text (an import, `analyze --question`): where its category, STAR
    # expectation and length target came from, said in the report instead of being invented silently.
    guidance: str = ""
    # A follow-up question asked after an answer: the id of the question it follows up ("" for the others).
    follows: str = ""
    # The language it is asked and answered in: its bank's `language` (answers are transcribed in it).
    language: str = "en"

    def __post_init__(self) -> None:
        # One list per talking point: questions built in code (or stored before examples existed) give
        # none, so pad with empty lists; more lists than points would attach examples to nothing.
        if len(self.point_examples) > len(self.talking_points):
            raise ValueError(
                f"question {self.id!r} has {len(self.point_examples)} example lists for "
                f"{len(self.talking_points)} talking points"
            )
        missing = len(self.talking_points) - len(self.point_examples)
        if missing:
            self.point_examples = [*self.point_examples, *([] for _ in range(missing))]

    @property
    def difficulty_name(self) -> str:
        return DIFFICULTY_NAMES.get(self.difficulty, str(self.difficulty))

    def examples_for(self, index: int) -> list[str]:
        """The example phrasings of talking point `index` (empty when it has none)."""
        return self.point_examples[index] if 0 <= index < len(self.point_examples) else []


@dataclass
class QuestionBank:
    """A set of questions for one track, loaded from one file."""

    id: str
    title: str
    track: str
    language: str = "en"
    version: str = "1"
    licence: str = ""
    questions: list[Question] = field(default_factory=list)
    path: str = ""  # the file it was loaded from ("" for a bank not saved yet)
    read_only: bool = False  # bundled banks are read-only; the user's own banks are not
    description: str = ""

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def count_by_category(self) -> dict[Category, int]:
        counts: dict[Category, int] = {}
        for question in self.questions:
            counts[question.category] = counts.get(question.category, 0) + 1
        return counts
