"""The phases of a practice session, and the clock of the current phase (frozen while paused).

`PhaseClock` is the part of the session engine (app.session.engine) that knows which phase it is in,
since when, whether the person paused, and who listens for changes; the engine decides the moves.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any


class Phase(enum.StrEnum):
    SETUP = "setup"
    SPEAKING = "speaking"  # the question is being read aloud
    THINKING = "thinking"  # countdown before the answer starts
    ANSWERING = "answering"  # recording
    RATING = "rating"  # the person rates themselves; analysis runs in the background
    ANALYSING = "analysing"  # rated, waiting for the analysis to finish
    RESULTS = "results"  # the answer's measured results are shown
    FAILED = "failed"  # the answer could not be recorded; waits for the person: try again, skip or end
    FINISHED = "finished"


class InvalidAction(RuntimeError):
    """An action not possible in the current phase (a bug in the caller, not a user error)."""


Listener = Callable[[Any], None]  # called with the engine


class PhaseClock:
    """The current phase, when it started, pausing, and the listeners told of every change."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.phase = Phase.SETUP
        self.paused = False
        self._phase_started = 0.0
        self._paused_at: float | None = None
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """`listener(engine)` runs after every change of phase, question or notices."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener(self)

    @property
    def elapsed(self) -> float:
        """Seconds spent in the current phase (frozen while paused)."""
        end = self._paused_at if self._paused_at is not None else self._clock()
        return max(0.0, end - self._phase_started)

    def pause(self) -> None:
        self._require(Phase.SPEAKING, Phase.THINKING)
        if not self.paused:
            self.paused = True
            self._paused_at = self._clock()
            self._changed()

    def resume(self) -> None:
        if self.paused:
            self._resume_clock()
            self._changed()

    def _start_phase(self, phase: Phase) -> None:
        self.phase = phase
        self._phase_started = self._clock()
        self._paused_at = None
        self.paused = False

    def _resume_clock(self) -> None:
        if self._paused_at is not None:
            self._phase_started += self._clock() - self._paused_at
        self._paused_at = None
        self.paused = False

    def _require(self, *phases: Phase) -> None:
        if self.phase not in phases:
            expected = [str(p) for p in phases]
            raise InvalidAction(f"not possible while {self.phase}; expected one of {expected}")
