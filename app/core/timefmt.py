"""Times as a person reads them ("0:42", "12:05"): the one m:ss formatter of the app.

Every clock, answer length and moment goes through `clock`: the recording timer, the results page, the
session summary, Review's player and timeline, the tips and the report. So the same seconds always read
the same. Seconds are rounded to the nearest whole second (half up): 5.6 s reads 0:06, not 0:05. A
countdown that must never show 0:00 early rounds its value up before calling (app/gui/widgets/countdown.py).
"""

from __future__ import annotations

import math


def whole_seconds(seconds: float) -> int:
    """The whole seconds `clock` shows for `seconds` (nearest, half up; never below 0)."""
    if math.isnan(seconds):
        return 0
    return max(0, math.floor(seconds + 0.5))


def clock(seconds: float | None) -> str:
    """m:ss ("0:06", "1:05", "75:00"); "-" when the time is unknown."""
    if seconds is None:
        return "-"
    total = whole_seconds(seconds)
    return f"{total // 60}:{total % 60:02d}"
