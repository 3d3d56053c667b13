"""Sparse live cues while answering: at most one short word every ~20 s, off by default.

Research on speaking coaches found that a busy live display distracts and that rare, short cues help more,
so this only ever suggests one word, and only for things measured right now: the voice has been too quiet
for several seconds ("Louder"), or the answer is near its time limit ("Wrap up"). Qt-free, so it is tested
with plain numbers.
"""

from __future__ import annotations

from collections import deque

CUE_INTERVAL_S = 20.0  # at least this long between two cues
CUE_VISIBLE_S = 3.0
QUIET_DBFS = -50.0  # below this for QUIET_WINDOW_S while answering: probably too quiet (or muted)
QUIET_WINDOW_S = 6.0


class LiveCoach:
    def __init__(self, answer_seconds: float) -> None:
        self.answer_seconds = answer_seconds
        self._levels: deque[tuple[float, float]] = deque()
        self._last_cue_at: float | None = None
        self._wrap_up_given = False
        self.current = ""
        self._shown_at = 0.0

    def update(self, elapsed: float, level_dbfs: float) -> str:
        """Feed the answer's elapsed time and current level; returns the cue to show now ('' for none)."""
        self._levels.append((elapsed, level_dbfs))
        while self._levels and elapsed - self._levels[0][0] > QUIET_WINDOW_S:
            self._levels.popleft()
        if self.current and elapsed - self._shown_at > CUE_VISIBLE_S:
            self.current = ""
        if self._last_cue_at is not None and elapsed - self._last_cue_at < CUE_INTERVAL_S:
            return self.current
        cue = ""
        remaining = self.answer_seconds - elapsed
        if (
            not self._wrap_up_given
            and self.answer_seconds >= 45
            and remaining <= max(10.0, 0.15 * self.answer_seconds)
        ):
            cue = "Wrap up"
            self._wrap_up_given = True
        elif (
            elapsed >= QUIET_WINDOW_S
            and self._levels
            and max(level for _t, level in self._levels) < QUIET_DBFS
        ):
            cue = "Louder"
        if cue:
            self.current, self._shown_at, self._last_cue_at = cue, elapsed, elapsed
        return self.current
