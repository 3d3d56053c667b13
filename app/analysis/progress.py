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
- Overall is compared like with like. An answer's overall is the mean of the dimensions measured for it
  (delivery and content, plus body language when the camera saw the person), so an answer recorded with
  camera and microphone and one recorded with the microphone only are scored on different things. Each
  answer is "measured with" the set of dimensions behind its overall (measured_with); the overall trend
  uses only the answers measured the way the latest session with an overall was (OverallBasis), and
  the sessions measured only otherwise have no overall point. Delivery, body language and content each
  compare across every session that measured them.
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
from app.core.scores import DIMENSION_LABELS, Dimension, ScoreCard
from app.core.session import Answer, AnswerStatus, Session, SessionStatus

TREND_KEYS = (Dimension.DELIVERY.value, Dimension.BODY_LANGUAGE.value, Dimension.CONTENT.value, "overall")
CAMERA_AND_MICROPHONE = "camera and microphone"
MICROPHONE_ONLY = "the microphone only"


@dataclass
class DimensionTrend:
    dimension: str
    label: str
    values: list[float | None]  # per session, oldest first (None: not measured that session)
    slope: float | None
    direction: str  # "improving", "steady", "declining", "not enough data"
    note: str = ""  # what the values compare (overall: only sessions measured the same way)

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
    overall_basis: OverallBasis | None = None  # None: no session has an overall


@dataclass(frozen=True)
class OverallBasis:
    """Which sessions the overall trend compares: those with answers measured `measured_with`."""

    measured_with: str  # e.g. "camera and microphone"
    sessions: int  # sessions with an overall measured that way
    left_out: int  # sessions whose overall was measured only some other way

    @property
    def note(self) -> str:
        plural = "s" if self.sessions != 1 else ""
        text = (
            f"Overall compared only across {self.sessions} session{plural} recorded with {self.measured_with}"
        )
        if self.left_out:
            other = "session" if self.left_out == 1 else "sessions"
            text += f"; {self.left_out} {other} recorded another way left out"
        return text + "."


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


def measured_with(card: ScoreCard) -> str | None:
    """How the answer behind `card`'s overall was measured; None when it has no overall.

    Overall needs delivery and content (app.analysis.scoring.overall_score), so what differs between
    answers with an overall is whether body language was part of it.
    """
    if card.overall is None:
        return None
    return CAMERA_AND_MICROPHONE if card.body_language.measured else MICROPHONE_ONLY


def overall_by_measurement(session: Session) -> dict[str, float]:
    """The session's mean overall per way of measuring (only answers with an overall), rounded to 0.1."""
    groups: dict[str, list[float]] = defaultdict(list)
    for answer in _scored_answers(session):
        card = answer.analysis.scores if answer.analysis else None
        kind = measured_with(card) if card is not None else None
        if card is not None and kind is not None and card.overall is not None:
            groups[kind].append(card.overall)
    return {kind: round(statistics.fmean(values), 1) for kind, values in groups.items()}


def overall_basis(sessions: list[Session]) -> OverallBasis | None:
    """The way of measuring of the latest session with an overall (its most common one when it has
    several), and how many sessions share it; None when no session has an overall."""
    per_session = [overall_by_measurement(s) for s in sessions]
    latest = next((i for i in range(len(sessions) - 1, -1, -1) if per_session[i]), None)
    if latest is None:
        return None
    counts: dict[str, int] = defaultdict(int)
    for answer in _scored_answers(sessions[latest]):
        card = answer.analysis.scores if answer.analysis else None
        if card is not None and (way := measured_with(card)) is not None:
            counts[way] += 1
    kind = max(sorted(per_session[latest]), key=lambda way: counts[way])
    compared = sum(1 for kinds in per_session if kind in kinds)
    left_out = sum(1 for kinds in per_session if kinds and kind not in kinds)
    return OverallBasis(kind, compared, left_out)


def _direction(change: float | None) -> str:
    if change is None:
        return "not enough data"
    if change >= rubric.TREND_MIN_SLOPE:
        return "improving"
    if change <= -rubric.TREND_MIN_SLOPE:
        return "declining"
    return "steady"


def dimension_trends(sessions: list[Session]) -> list[DimensionTrend]:
    """Per-dimension mean score of each scored session (oldest first) and its trend.

    Overall only over the answers measured as `overall_basis` says, so that a session recorded without
    the camera does not read as a change in overall (see the module docstring).
    """
    means = [mean_scores(a.analysis.scores for a in _scored_answers(s) if a.analysis) for s in sessions]
    basis = overall_basis(sessions)
    trends = []
    for key in TREND_KEYS:
        label, note = DIMENSION_LABELS[key], ""
        if key == "overall":
            kind = basis.measured_with if basis is not None else ""
            values = [overall_by_measurement(s).get(kind) for s in sessions]
            if basis is not None:
                label, note = f"Overall (recorded with {kind})", basis.note
        else:
            values = [m[key] for m in means]
        change = slope([v for v in values if v is not None])
        trends.append(DimensionTrend(key, label, values, change, _direction(change), note))
    return trends


def compare_overall(first: Session, second: Session) -> tuple[float | None, float | None, str]:
    """Both sessions' overall measured the same way, and that way ("" when it cannot be compared).

    Sessions with answers measured in several ways are compared on the way they share (camera and
    microphone first). Without a shared way, each session's overall is returned with "" as the way.
    """
    a, b = overall_by_measurement(first), overall_by_measurement(second)
    shared = [k for k in (CAMERA_AND_MICROPHONE, MICROPHONE_ONLY) if k in a and k in b]
    if shared:
        return a[shared[0]], b[shared[0]], shared[0]

    def any_overall(kinds: dict[str, float]) -> float | None:
        return next(iter(kinds.values()), None) if len(kinds) == 1 else None

    return any_overall(a), any_overall(b), ""


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
    """Questions whose latest scored attempt is below rubric.RETRY_BELOW overall, lowest first.

    A follow-up is not a question to retry on its own: it is asked again after its parent question.
    """
    latest: dict[str, RetryItem] = {}
    for session in sessions:  # oldest first, so later attempts replace earlier ones
        day = parse_time(session.created_at).date().isoformat()
        for answer in sorted(_scored_answers(session), key=lambda a: (a.position, a.attempt)):
            overall = answer.analysis.scores.overall if answer.analysis and answer.analysis.scores else None
            if overall is None or answer.parent_id:
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
        overall_basis=overall_basis(scored),
    )
