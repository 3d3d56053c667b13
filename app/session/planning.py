"""What the setup screen chose, and turning it into a SessionPlan (runs in the background: it reads banks).

The application layer's half of the Practice setup: the GUI's setup page fills a SetupChoice, and
`prepare_session` (background) chooses the questions and warms up what the first answer needs.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.banks.builder import PracticeHistory, SessionRequest, build_session
from app.banks.debrief import DEBRIEF_BANK_ID, DEBRIEF_BANK_TITLE
from app.banks.loader import BankLibrary, load_all_banks
from app.core.errors import UserFacingError
from app.core.questions import DIFFICULTY_NAMES, Category, track_title
from app.session.drill import WeakSpots, drill_questions, weak_spots
from app.session.plan import SessionPlan
from app.session.warmup import import_answer_modules

if TYPE_CHECKING:
    from app.session.analyse import AnalysisServices

log = logging.getLogger(__name__)


MIN_POSTING_WORDS = 10  # fewer words than this are not a posting to tailor questions to


def posting_hint(posting: str) -> str:
    """The line under the job-posting box: what to do, or what was understood, for what is in it now."""
    words = len(posting.split())
    if words == 0:
        return "Paste the job posting here: the questions and their key terms are chosen to match it."
    if words < MIN_POSTING_WORDS:
        return (
            f"{words} word{'s' if words != 1 else ''} so far: paste the whole posting (at least "
            f"{MIN_POSTING_WORDS} words) to get questions tailored to it."
        )
    return f"Posting pasted ({words} words): the questions and their key terms will match it."


class QuestionSource(enum.StrEnum):
    TRACK = "track"
    POSTING = "posting"  # questions tailored to a pasted job posting
    DEBRIEF = "debrief"  # "From my interviews"
    DRILL = "drill"  # "My weak spots": questions from the person's own scored history


CATEGORY_CHOICES: list[tuple[str, Category | None]] = [
    ("Any kind", None),
    ("Behavioural (a time when…)", Category.BEHAVIORAL),
    ("Situational (what would you do…)", Category.SITUATIONAL),
    ("Motivation and fit", Category.MOTIVATION),
    ("Technical", Category.TECHNICAL),
    ("Role-specific", Category.ROLE_SPECIFIC),
    ("Closing", Category.CLOSING),
]
DIFFICULTY_CHOICES: list[tuple[str, int | None]] = [("Any difficulty", None)] + [
    (name.capitalize(), level) for level, name in DIFFICULTY_NAMES.items()
]


class NoQuestions(UserFacingError):
    """The choice leaves no question to ask."""


@dataclass
class SetupChoice:
    source: QuestionSource = QuestionSource.TRACK
    track: str = "core"
    posting: str = ""
    count: int = 5
    thinking_seconds: int = 20
    answer_seconds: int = 0  # 0: each answer stops at its question's own limit (plan.answer_limit_for)
    speak_questions: bool = True
    use_files: bool = False
    video_file: Path | None = None
    audio_file: Path | None = None
    camera_index: int | None = None  # None: no camera, answers are audio-only
    microphone: str | None = None  # None: no microphone (only possible with use_files)
    live_cues: bool = True
    typed_answers: bool = False  # no working microphone: answers are typed, nothing is recorded
    seed: int | None = None
    category: Category | None = None  # only questions of this kind (None: any), for a set or a drill
    difficulty: int | None = None  # only questions of this difficulty (None: any)

    @property
    def has_video(self) -> bool:
        if self.typed_answers:
            return False
        return self.video_file is not None if self.use_files else self.camera_index is not None

    def problem(self) -> str:
        """Why the session cannot start with this choice ('' when it can)."""
        if self.source == QuestionSource.POSTING:
            words = len(self.posting.split())
            if words == 0:
                return "Paste the job posting to get questions tailored to it."
            if words < MIN_POSTING_WORDS:
                return (
                    f"The job posting is too short: paste the whole posting (at least {MIN_POSTING_WORDS} "
                    "words) to get questions tailored to it."
                )
        if self.typed_answers:
            return ""
        if self.use_files:
            if self.audio_file is None:
                return "Choose an audio file to stand in for the microphone."
            for path in (self.audio_file, self.video_file):
                if path is not None and not path.is_file():
                    return f"{path.name} was not found."
            return ""
        if self.microphone is None:
            return (
                "A microphone is needed to record your answers. Connect one, choose “Type my answers”, "
                "or choose “Use recordings instead” to practise with a video and an audio file."
            )
        return ""


def track_choices(library: BankLibrary) -> list[tuple[str, str, int]]:
    """(track id, readable title, question count) for the setup page, most general first."""
    counts = library.track_counts()
    order = ["core", "entry_level"]
    tracks = sorted(counts, key=lambda t: (order.index(t) if t in order else len(order), track_title(t)))
    return [(track, track_title(track), counts[track]) for track in tracks if counts[track]]


def debrief_count(library: BankLibrary) -> int:
    bank = library.bank(DEBRIEF_BANK_ID)
    return len(bank.questions) if bank is not None else 0


def posting_preview(posting: str, count: int, library: BankLibrary) -> str:
    """The questions a posting will get, numbered, each with why it was picked (background: it tailors)."""
    from app.banks.tailoring import tailor

    result = tailor(posting, library.questions(), count=count)
    return "\n".join(
        f"{number}. {question.text}\n    Why: {result.reasons.get(question.id, '')}"
        for number, question in enumerate(result.questions, start=1)
    )


def weak_spots_of(history: object) -> WeakSpots:
    """Background: the weak spots of every stored session (an empty history without a database)."""
    list_sessions = getattr(history, "list_sessions", None)
    return weak_spots(list_sessions() if list_sessions is not None else [])


def build_plan(
    choice: SetupChoice, history: PracticeHistory | None = None, library: BankLibrary | None = None
) -> SessionPlan:
    """Choose the questions. Raises NoQuestions when nothing matches (NothingToDrill for a drill)."""
    library = library or load_all_banks()
    job_terms: list[str] = []
    title = "Practice session"
    track = choice.track
    bank_id = ""
    focus: list[str] = []
    categories = [choice.category] if choice.category is not None else []
    difficulties = [choice.difficulty] if choice.difficulty is not None else []
    if choice.source == QuestionSource.POSTING:
        from app.banks.tailoring import tailor

        result = tailor(choice.posting, library.questions(), count=choice.count)
        questions = result.questions
        job_terms = result.term_names
        track = result.track or ""
        title = "Practice for a job posting"
    elif choice.source == QuestionSource.DEBRIEF:
        bank = library.bank(DEBRIEF_BANK_ID)
        pool = bank.questions if bank is not None else []
        questions = build_session(
            pool, SessionRequest(count=choice.count, end_with_closing=False, seed=choice.seed), history
        )
        title, track, bank_id = DEBRIEF_BANK_TITLE, "personal", DEBRIEF_BANK_ID
    elif choice.source == QuestionSource.DRILL:
        spots = weak_spots_of(history)
        questions = drill_questions(
            library.questions(), spots, choice.count, categories, difficulties, history, choice.seed
        )
        title, track, focus = "My weak spots", "", spots.focus()
    else:
        questions = build_session(
            library.questions(),
            SessionRequest(
                count=choice.count,
                tracks=[choice.track],
                categories=categories,
                difficulties=difficulties,
                unpractised=1,
                seed=choice.seed,
            ),
            history,
        )
        title = track_title(choice.track)
    if not questions:
        raise NoQuestions(
            "There are no questions for this choice.",
            "Pick another track, choose “Any” for the kind or difficulty, or add questions from your "
            "interviews first.",
        )
    return SessionPlan(
        questions=questions,
        title=title,
        thinking_seconds=float(choice.thinking_seconds),
        answer_seconds=float(choice.answer_seconds) if choice.answer_seconds > 0 else None,
        speak_questions=choice.speak_questions,
        track=track,
        bank_id=bank_id,
        job_terms=job_terms,
        drill_focus=focus,
    )


class Progress(Protocol):
    """What a background job offers to report progress and notice cancellation (the GUI's TaskContext)."""

    def progress(self, stage: str, fraction: float) -> None: ...

    def check(self) -> None: ...


def load_library() -> BankLibrary:
    """Background: every question bank (built-in and the person's own)."""
    return load_all_banks()


def prepare_session(
    choice: SetupChoice, history: PracticeHistory | None, services: AnalysisServices, task: Progress
) -> SessionPlan:
    """Background: choose the questions, load the models and the modules an answer needs."""
    task.progress("Choosing your questions", 0.1)
    plan = build_plan(choice, history=history)
    task.check()
    if not choice.typed_answers:  # typed answers need neither speech nor vision models
        task.progress("Loading the speech and vision models", 0.4)
        services.preload()
        task.check()
    task.progress("Almost ready", 0.9)
    import_answer_modules()
    return plan
