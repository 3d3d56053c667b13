"""A check that `mock-interview doctor` (and the GUI's pre-session check) reports on one line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One line of `doctor`: `ok` False prints MISSING with `advice` saying what to do."""

    name: str
    ok: bool
    detail: str
    advice: str = ""
