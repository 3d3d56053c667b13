"""The practice history as History draws it, without widgets: per-session scores and key metrics, the
progress figures (trends, overall basis, calibration, routine) from app.analysis.progress, the rows of
the two-session comparison, and distinct labels for the sessions.

`load_history` runs in the background; the page only draws what it returns.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.analysis.progress import (
    GOAL_RULE,
    DimensionTrend,
    Progress,
    compare_overall,
    format_change,
    overall_by_measurement,
    progress,
)
from app.core.analysis_result import AnswerAnalysis
from app.core.session import Session
from app.session.store import Database

__all__ = [
    "DIMENSION_ROWS",
    "GOAL_RULE",
    "METRICS",
    "HistoryData",
    "MetricRow",
    "compare_rows",
    "load_history",
    "local_time",
    "overall_by_measurement",
    "session_labels",
    "session_metric",
    "session_score",
    "trend_summary",
]

DIMENSION_ROWS = (
    ("delivery", "Delivery"),
    ("body_language", "Body language"),
    ("content", "Content"),
)


@dataclass(frozen=True)
class MetricRow:
    key: str
    label: str
    unit: str
    read: Callable[[AnswerAnalysis], float | None]
    scale: float = 1.0
    decimals: int = 0  # as shown in Compare, and so as subtracted there


METRICS = (
    MetricRow(
        "wpm", "Words per minute", "wpm", lambda a: a.delivery.words_per_minute if a.delivery else None
    ),
    MetricRow(
        "fillers",
        "Fillers per minute",
        "per min",
        lambda a: a.delivery.fillers_per_minute if a.delivery else None,
        decimals=1,
    ),
    MetricRow(
        "facing",
        "Facing the camera",
        "%",
        lambda a: a.body_language.facing_camera_ratio if a.body_language else None,
        scale=100.0,
    ),
)


def session_metric(session: Session, metric: MetricRow) -> float | None:
    values = [
        v for a in session.answers if a.analysis is not None and (v := metric.read(a.analysis)) is not None
    ]
    return round(statistics.fmean(values) * metric.scale, 1) if values else None


def session_score(session: Session, key: str) -> float | None:
    values = [s.score_of(key) for a in session.answers if a.analysis and (s := a.analysis.scores) is not None]
    measured = [v for v in values if v is not None]
    return round(statistics.fmean(measured), 2) if measured else None


@dataclass
class HistoryData:
    sessions: list[Session]  # scored sessions, oldest first
    progress: Progress


def load_history(database: Database, weekly_goal: int) -> HistoryData:
    everything = database.list_sessions()
    prog = progress(everything, weekly_goal=weekly_goal)
    by_id = {s.id: s for s in everything}
    return HistoryData([by_id[i] for i in prog.session_ids], prog)


def session_labels(sessions: list[Session]) -> list[str]:
    """A distinct label per session: its local date and time, with "#n" (its place in the list, from 1)
    added to any that share a minute with another."""
    labels = [local_time(s.created_at) for s in sessions]
    seen: dict[str, int] = {}
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
    return [text if seen[text] == 1 else f"{text} #{n}" for n, text in enumerate(labels, start=1)]


def local_time(iso: str) -> str:
    """A stored moment (ISO 8601) as the person's local date and time ("29 Nov, 14:05")."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    fmt = "%d %b, %H:%M" if moment.year == datetime.now().year else "%d %b %Y, %H:%M"
    return moment.strftime(fmt)


def compare_rows(first: Session, second: Session) -> list[tuple[str, str, str, str]]:
    """The rows of Compare: each score, overall, each key metric and the answer count, with changes."""
    rows = []
    for key, name in DIMENSION_ROWS:
        rows.append(_row(name, session_score(first, key), session_score(second, key), 1))
    rows.append(_overall_row(first, second))
    for metric in METRICS:
        rows.append(
            _row(
                f"{metric.label} ({metric.unit})",
                session_metric(first, metric),
                session_metric(second, metric),
                metric.decimals,
            )
        )
    rows.append(("Answers", str(len(first.answers)), str(len(second.answers)), ""))
    return rows


def _row(name: str, first: float | None, second: float | None, decimals: int) -> tuple[str, str, str, str]:
    """One Compare row: both values and their change, all with `decimals`, the change of the shown values."""
    shown = [("not measured" if v is None else f"{v:.{decimals}f}") for v in (first, second)]
    change = "" if first is None or second is None else format_change(first, second, decimals)
    return name, shown[0], shown[1], change


def _overall_row(first: Session, second: Session) -> tuple[str, str, str, str]:
    """Overall side by side; its change only when both sessions were measured the same way."""
    a, b, way = compare_overall(first, second)
    if way:
        return _row(f"Overall (recorded with {way})", a, b, 1)
    if not overall_by_measurement(first) or not overall_by_measurement(second):
        return _row("Overall", a, b, 1)
    name, shown_a, shown_b, _change = _row("Overall", a, b, 1)
    return name, shown_a, shown_b, "recorded differently"


def trend_summary(trends: list[DimensionTrend]) -> str:
    """One line: each score's direction, e.g. "Delivery: improving (+0.3 a session) · Content: steady"."""
    parts = []
    for trend in trends:
        if trend.dimension == "overall" or not any(v is not None for v in trend.values):
            continue
        text = f"{trend.label}: {trend.direction}"
        if trend.slope is not None and trend.direction in ("improving", "declining"):
            text += f" ({trend.slope:+.1f} a session)"
        parts.append(text)
    overall = next((t for t in trends if t.dimension == "overall"), None)
    if overall is not None and overall.note:
        parts.append(f"Overall: {overall.direction}")
    return "Trends: " + " · ".join(parts) if parts else ""
