"""Drill mode ("My weak spots"): a session built from the person's own scored history.

Three things from earlier sessions decide what a drill asks:
- questions to retry: the latest scored attempt below rubric.RETRY_BELOW overall
  (progress.questions_to_retry);
- weakest competencies: lowest mean overall (progress.competencies), filled with questions of those
  competencies, the lowest-scored first (the builder's `weakest` slots), then ones never practised;
- lowest sub-scores: the rubric metrics with the lowest mean score over the recent scored answers. They
  are named as the drill's focus, and a weak STAR structure or specific result prefers story questions.

Progress logic is app.analysis.progress's; this module only chooses questions from it. Qt-free.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.analysis import progress as prog
from app.analysis import rubric
from app.analysis.stats import parse_time
from app.banks.builder import PracticeHistory, SessionRequest, build_session
from app.banks.debrief import DEBRIEF_BANK_ID
from app.core.errors import UserFacingError
from app.core.questions import Category, Question
from app.core.session import Session

RECENT_ANSWERS = 20  # sub-scores are averaged over this many latest scored answers (older ones are history)
MIN_SUB_SCORE_ANSWERS = 2  # a sub-score measured on fewer answers is not judged a weak spot
WEAK_SUB_SCORE_BELOW = 3.5  # a sub-score whose mean is below this (1-5) is a weak spot (our choice)
SHOWN_SUB_SCORES = 3
STORY_SUB_SCORES = frozenset({"structure", "specificity"})  # practised best on "tell me about a time"


class NothingToDrill(UserFacingError):
    """No scored answer yet, or nothing in the history matches the filters."""


@dataclass(frozen=True)
class WeakSubScore:
    key: str  # rubric key, e.g. "structure"
    label: str  # "Structure (STAR)"
    mean_score: float  # 1-5, over the answers that measured it
    answers: int


@dataclass
class WeakSpots:
    """What the history says to work on (empty lists when there is too little history)."""

    retry: list[prog.RetryItem] = field(default_factory=list)
    weakest_competencies: list[prog.CompetencyScore] = field(default_factory=list)
    lowest_sub_scores: list[WeakSubScore] = field(default_factory=list)
    scored_answers: int = 0
    questions: dict[str, Question] = field(default_factory=dict)  # latest snapshot of each answered question

    @property
    def empty(self) -> bool:
        return not (self.retry or self.weakest_competencies or self.lowest_sub_scores)

    def focus(self) -> list[str]:
        """What the drill works on, in words (shown on the setup page and beside the plan)."""
        lines = []
        if self.retry:
            lines.append(
                f"{len(self.retry)} question{'s' if len(self.retry) != 1 else ''} to retry "
                f"(scored below {rubric.RETRY_BELOW:g} of 5 last time)"
            )
        if self.weakest_competencies:
            names = ", ".join(f"{c.competency} {c.mean_score:.1f}" for c in self.weakest_competencies)
            lines.append(f"Weakest competencies: {names}")
        if self.lowest_sub_scores:
            names = ", ".join(f"{s.label} {s.mean_score:.1f}" for s in self.lowest_sub_scores)
            lines.append(f"Lowest sub-scores: {names}")
        return lines


def _scored(sessions: Iterable[Session]) -> list[Session]:
    ordered = sorted(sessions, key=lambda s: parse_time(s.created_at))
    return [s for s in ordered if any(a.analysis and a.analysis.scores for a in s.answers)]


def lowest_sub_scores(sessions: Sequence[Session], recent: int = RECENT_ANSWERS) -> list[WeakSubScore]:
    """Rubric metrics by mean score over the latest `recent` scored answers, weakest first (below the cut)."""
    answers = [
        a for s in sessions for a in sorted(s.answers, key=lambda a: (a.position, a.attempt))
        if a.analysis is not None and a.analysis.scores is not None
    ][-recent:]
    values: dict[str, list[int]] = defaultdict(list)
    labels: dict[str, str] = {}
    for answer in answers:
        assert answer.analysis is not None and answer.analysis.scores is not None
        for dimension in answer.analysis.scores.dimensions():
            for sub in dimension.sub_scores:
                if sub.score is not None:
                    values[sub.key].append(sub.score)
                    labels[sub.key] = sub.label
    ranked = sorted(
        (
            WeakSubScore(key, labels[key], round(statistics.fmean(scores), 1), len(scores))
            for key, scores in values.items()
            if len(scores) >= MIN_SUB_SCORE_ANSWERS
        ),
        key=lambda s: (s.mean_score, s.key),
    )
    return [s for s in ranked if s.mean_score < WEAK_SUB_SCORE_BELOW][:SHOWN_SUB_SCORES]


def weak_spots(sessions: Iterable[Session]) -> WeakSpots:
    """The person's weak spots from every stored session (imported ones included: they were scored too)."""
    scored = _scored(sessions)
    _best, weakest = prog.competencies(scored)
    questions: dict[str, Question] = {}
    for session in scored:  # oldest first: the latest snapshot of a question wins
        for answer in session.answers:
            questions[answer.question.id] = answer.question
    return WeakSpots(
        retry=prog.questions_to_retry(scored, limit=50),
        weakest_competencies=weakest,
        lowest_sub_scores=lowest_sub_scores(scored),
        scored_answers=sum(1 for s in scored for a in s.answers if a.analysis and a.analysis.scores),
        questions=questions,
    )


def _fits(question: Question, categories: set[Category], difficulties: set[int]) -> bool:
    return (not categories or question.category in categories) and (
        not difficulties or question.difficulty in difficulties
    )


def drill_questions(
    library: Sequence[Question],
    spots: WeakSpots,
    count: int,
    categories: Sequence[Category] = (),
    difficulties: Sequence[int] = (),
    history: PracticeHistory | None = None,
    seed: int | None = None,
) -> list[Question]:
    """Up to `count` questions: retries first (lowest score first), then the weakest competencies.

    Raises NothingToDrill when the history has no weak spot, or none that the filters leave.
    """
    if spots.scored_answers == 0:
        raise NothingToDrill(
            "There are no scored answers yet, so there are no weak spots to drill.",
            "Practise a session first (a question set or a job posting); your weak spots appear here once "
            "your answers are scored.",
        )
    wanted_categories, wanted_levels = set(categories), set(difficulties)
    by_id = {q.id: q for q in library}
    chosen: list[Question] = []
    for item in spots.retry:  # the question as it is in the banks now, else as it was asked
        question = by_id.get(item.question_id) or spots.questions.get(item.question_id)
        if question is not None and _fits(question, wanted_categories, wanted_levels) and len(chosen) < count:
            chosen.append(question)
    weak_names = [c.competency for c in spots.weakest_competencies]
    if len(chosen) < count and weak_names:
        tracks = {q.track for q in spots.questions.values()} | {"core"}
        story = any(s.key in STORY_SUB_SCORES for s in spots.lowest_sub_scores)
        pool = [
            q for q in library
            if q.competency in weak_names and q.track in tracks and q not in chosen
            and q.bank_id != DEBRIEF_BANK_ID
        ]
        stories = [q for q in pool if q.star_expected and _fits(q, wanted_categories, wanted_levels)]
        if story and len(stories) >= count - len(chosen):
            pool = stories  # a weak STAR structure or result is practised on story questions
        request = SessionRequest(
            count=count - len(chosen),
            categories=list(categories),
            difficulties=list(difficulties),
            weakest=count - len(chosen),  # the builder's lowest-scored slots first...
            unpractised=count - len(chosen),  # ...then questions of these competencies never practised
            end_with_closing=False,
            seed=seed,
        )
        chosen += build_session(pool, request, history)
    if not chosen:
        raise NothingToDrill(
            "None of your weak spots matches the kind and difficulty you chose.",
            "Choose “Any” for the kind of question or the difficulty, or practise more sessions first.",
        )
    return chosen[:count]


def debrief_note(question: Question) -> str:
    """The debrief note of a question from a real interview, shown beside it when it is practised again."""
    if question.bank_id != DEBRIEF_BANK_ID or not question.notes.strip():
        return ""
    return f"From your debrief: {question.notes.strip()}"
