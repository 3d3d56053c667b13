"""Small statistics shared by progress and calibration."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def slope(values: list[float]) -> float | None:
    """Least-squares change per step of `values` (equally spaced); None with fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    den = sum((i - mean_x) ** 2 for i in range(n))
    return round(num / den, 3)


def parse_time(iso: str, tz: tzinfo | None = None) -> datetime:
    """An ISO 8601 timestamp (stored in UTC) in the user's time zone (`tz`, default: the system's)."""
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(tz)
