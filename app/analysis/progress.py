"""Progress across sessions: score trends, strong and weak competencies, questions to retry, routine.

Definitions:
- A practice session is a session practised in the app (not imported recordings or typed answers added
  with Import or `analyze --save`) with at least one answer: recorded or analysed, or interrupted with
  something kept. Skipped answers, failed starts and empty recovered answers do not make it practice.
- Day streak: consecutive calendar days (local time) with practice, ending today, or yesterday when there
  has been no practice yet today (the streak is still alive until the day ends). Week streak: the same with
  ISO weeks (Monday to Sunday).
- Sessions per week: practice sessions in the last 28 days divided by 4.
- Weekly goal: a number of sessions per ISO week the user sets; progress is this week's practice sessions /
  goal (GOAL_RULE says so in words).
- A change between two shown values is the difference of the values as shown (each rounded first), so a
  table never reads 4.2 -> 4.5 as +0.2 (shown_change).
- A dimension's trend is the least-squares slope of its per-session mean score; improving or declining
  when it moves at least rubric.TREND_MIN_SLOPE points per session, steady otherwise.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from app.analysis import rubric
from app.analysis.scoring import mean_scores
from app.analysis.self_assessment import Calibration, calibration
from app.analysis.stats import parse_time, slope
from app.core.scores import DIMENSION_LABELS, Dimension
from app.core.session import Answer, AnswerStatus, Session, SessionStatus

TREND_KEYS = (Dimension.DELIVERY.value, Dimension.BODY_LANGUAGE.value, Dimension.CONTENT.value, "overall")


@dataclass
class DimensionTrend:
    dimension: str
    label: str
    values: list[float | None]  # per session, oldest first (None: not measured that session)
    slope: float | None
    direction: str  # "improving", "steady", "declining", "not enough data"

    @property
    def latest(self) -> float | None:
        return next((v for v in reversed(self.values) if v is not None), None)


@dataclass(frozen=True)
class CompetencyScore:
    competency: str
    mean_score: float
    answers: int


@dataclass(frozen=True)
class RetryItem:
    question_id: str
    question_text: str
    competency: str
    score: float
    session_id: str
    date: str


@dataclass
class PracticeRoutine:
    practice_sessions: int
    sessions_per_week: float
    day_streak: int
    week_streak: int
    weekly_goal: int
    sessions_this_week: int

    @property
    def goal_progress(self) -> float:
        return min(1.0, self.sessions_this_week / self.weekly_goal) if self.weekly_goal > 0 else 0.0

    @property
    def goal_met(self) -> bool:
        return self.weekly_goal > 0 and self.sessions_this_week >= self.weekly_goal


@dataclass
class Progress:
    session_ids: list[str]
    session_dates: list[str]
    trends: list[DimensionTrend]
    best_competencies: list[CompetencyScore]
    weakest_competencies: list[CompetencyScore]
    retry: list[RetryItem]
    routine: PracticeRoutine
    calibration: Calibration = field(default_factory=Calibration)


def _scored_answers(session: Session) -> list[Answer]:
    return [a for a in session.answers if a.analysis is not None and a.analysis.scores is not None]


GOAL_RULE = "Practice sessions with at least one answer count, not imported recordings."


def _is_answer(answer: Answer) -> bool:
    if answer.status in (AnswerStatus.RECORDED, AnswerStatus.ANALYSED):
        return True
    # An interrupted answer counts only when something of it was kept (recovery keeps empty ones as failed,
    # but databases from before that fix still hold them as interrupted).
    return answer.status == AnswerStatus.INTERRUPTED and (
        answer.duration_s > 0 or answer.analysis is not None
    )


def is_practice(session: Session) -> bool:
    """A session practised in the app with at least one answer (see the module docstring)."""
    return session.status != SessionStatus.IMPORTED and any(_is_answer(a) for a in session.answers)


def shown_change(before: float, after: float, decimals: int = 1) -> float:
    """`after - before` as a reader computes it from the shown values: each rounded to `decimals` first.

    4.24 -> 4.46 is shown as 4.2 -> 4.5, so the change is +0.3 (not the +0.2 of the unrounded values).
    """
    change = round(round(after, decimals) - round(before, decimals), decimals)
    return change + 0.0  # never -0.0, which would print as "-0.0"


def format_change(before: float, after: float, decimals: int = 1) -> str:
    """shown_change with its sign, e.g. "+0.3", "-2", "+0.0"."""
    return f"{shown_change(before, after, decimals):+.{decimals}f}"


def dimension_trends(sessions: list[Session]) -> list[DimensionTrend]:
    """Per-dimension mean score of each scored session (oldest first) and its trend."""
    means = [mean_scores(a.analysis.scores for a in _scored_answers(s) if a.analysis) for s in sessions]
    trends = []
    for key in TREND_KEYS:
        values = [m[key] for m in means]
        measured = [v for v in values if v is not None]
        change = slope(measured)
        if change is None:
            direction = "not enough data"
        elif change >= rubric.TREND_MIN_SLOPE:
            direction = "improving"
        elif change <= -rubric.TREND_MIN_SLOPE:
            direction = "declining"
        else:
            direction = "steady"
        trends.append(DimensionTrend(key, DIMENSION_LABELS[key], values, change, direction))
    return trends


def competencies(
    sessions: list[Session], top: int = 3
) -> tuple[list[CompetencyScore], list[CompetencyScore]]:
    """Best and weakest competencies by mean overall score of every scored answer."""
    by_competency: dict[str, list[float]] = defaultdict(list)
    for session in sessions:
        for answer in _scored_answers(session):
            overall = answer.analysis.scores.overall if answer.analysis and answer.analysis.scores else None
            if overall is not None:
                by_competency[answer.question.competency or "General"].append(overall)
    ranked = sorted(
        (CompetencyScore(name, round(statistics.fmean(v), 1), len(v)) for name, v in by_competency.items()),
        key=lambda c: (-c.mean_score, c.competency),
    )
    shown = min(top, len(ranked) // 2)  # never list a competency as both best and weakest
    if shown == 0:
        return ranked[:1], []
    return ranked[:shown], list(reversed(ranked))[:shown]


def questions_to_retry(sessions: list[Session], limit: int = 5) -> list[RetryItem]:
    """Questions whose latest scored attempt is below rubric.RETRY_BELOW overall, lowest first."""
    latest: dict[str, RetryItem] = {}
    for session in sessions:  # oldest first, so later attempts replace earlier ones
        day = parse_time(session.created_at).date().isoformat()
        for answer in sorted(_scored_answers(session), key=lambda a: (a.position, a.attempt)):
            overall = answer.analysis.scores.overall if answer.analysis and answer.analysis.scores else None
            if overall is None:
                continue
            q = answer.question
            latest[q.id] = RetryItem(q.id, q.text, q.competency, overall, session.id, day)
    weak = [item for item in latest.values() if item.score < rubric.RETRY_BELOW]
    return sorted(weak, key=lambda item: item.score)[:limit]


def _streak(active: set[date], today: date, step: timedelta) -> int:
    current = today if today in active else today - step
    count = 0
    while current in active:
        count += 1
        current -= step
    return count


def practice_routine(
    sessions: list[Session], weekly_goal: int, today: date, tz: tzinfo | None = None
) -> PracticeRoutine:
    days = [parse_time(s.created_at, tz).date() for s in sessions if is_practice(s)]
    active_days = set(days)
    week_start = today - timedelta(days=today.weekday())
    active_weeks = {d - timedelta(days=d.weekday()) for d in days}
    recent = [d for d in days if today - timedelta(days=27) <= d <= today]
    return PracticeRoutine(
        practice_sessions=len(days),
        sessions_per_week=round(len(recent) / 4, 2),
        day_streak=_streak(active_days, today, timedelta(days=1)),
        week_streak=_streak(active_weeks, week_start, timedelta(weeks=1)),
        weekly_goal=weekly_goal,
        sessions_this_week=sum(1 for d in days if week_start <= d <= today),
    )


def progress(
    sessions: Iterable[Session], weekly_goal: int = 3, today: date | None = None, tz: tzinfo | None = None
) -> Progress:
    """Everything the progress view and the report's progress section show, from plain sessions."""
    ordered = sorted(sessions, key=lambda s: parse_time(s.created_at))
    scored = [s for s in ordered if _scored_answers(s)]
    best, weakest = competencies(scored)
    today = today or datetime.now(tz).date()
    return Progress(
        session_ids=[s.id for s in scored],
        session_dates=[parse_time(s.created_at, tz).date().isoformat() for s in scored],
        trends=dimension_trends(scored),
        best_competencies=best,
        weakest_competencies=weakest,
        retry=questions_to_retry(scored),
        routine=practice_routine(ordered, weekly_goal, today, tz),
        calibration=calibration(scored),
    )
