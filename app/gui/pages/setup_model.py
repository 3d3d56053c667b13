"""The setup choice and its plan now live in the session layer (app.session.planning, app.session.devices);
these names stay importable from here for the dialogs that still use this path."""

from __future__ import annotations

from app.session.devices import Devices, list_devices
from app.session.planning import (
    CATEGORY_CHOICES,
    DIFFICULTY_CHOICES,
    MIN_POSTING_WORDS,
    NoQuestions,
    QuestionSource,
    SetupChoice,
    build_plan,
    debrief_count,
    posting_hint,
    posting_preview,
    track_choices,
    weak_spots_of,
)

__all__ = [
    "CATEGORY_CHOICES",
    "DIFFICULTY_CHOICES",
    "MIN_POSTING_WORDS",
    "Devices",
    "NoQuestions",
    "QuestionSource",
    "SetupChoice",
    "build_plan",
    "debrief_count",
    "list_devices",
    "posting_hint",
    "posting_preview",
    "track_choices",
    "weak_spots_of",
]
