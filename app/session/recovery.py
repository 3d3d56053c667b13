"""Crash recovery as the app runs it: storage's bookkeeping with the capture layer's MP4 repair."""

from __future__ import annotations

from pathlib import Path

from app.storage.database import Database
from app.storage.recovery import RecoveryReport
from app.storage.recovery import recover_interrupted as _recover


def playable_seconds_after_repair(path: str) -> float:
    """Repair a recording a crash cut short, where possible; how many seconds of it play (0: nothing)."""
    from app.capture.repair import repair_or_check

    result = repair_or_check(Path(path))
    return float(result.playable_seconds) if result.ok else 0.0


def recover_interrupted(database: Database) -> RecoveryReport:
    """Mark what a crash left half-written as interrupted (or failed, when it holds nothing), keeping its media."""
    return _recover(database, check_media=playable_seconds_after_repair)
