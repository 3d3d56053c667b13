"""Recover what a crash left behind: run once when the app (or a session engine) starts.

An answer still marked "recording" was cut off by a crash. Its media is checked (fragmented MP4s keep
all but about the last second) and repaired when possible; the answer and its session are then marked
interrupted, so they show in history with what was saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.session import AnswerStatus, SessionStatus
from app.storage import media
from app.storage.database import Database

log = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    sessions: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    playable_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def anything(self) -> bool:
        return bool(self.sessions or self.answers)


MediaChecker = Callable[[str], float]  # absolute path -> playable seconds (0 when nothing is playable)


def _default_checker(path: str) -> float:
    from pathlib import Path

    from app.capture.recorder import repair_or_check

    result = repair_or_check(Path(path))
    return float(result.playable_seconds) if result.ok else 0.0


def recover_interrupted(database: Database, check_media: MediaChecker | None = None) -> RecoveryReport:
    """Mark half-written answers and unfinished sessions as interrupted, keeping their media."""
    check_media = check_media or _default_checker
    report = RecoveryReport()
    for answer in database.answers_in_status(AnswerStatus.RECORDING):
        playable = 0.0
        if answer.media_path:
            path = media.absolute_media_path(database.paths, answer.media_path)
            if path.exists() and path.stat().st_size > 0:
                try:
                    playable = check_media(str(path))
                except Exception:  # noqa: BLE001 - a broken file must not stop the app from starting
                    log.exception("could not check interrupted recording %s", path)
        answer.status = AnswerStatus.INTERRUPTED
        answer.duration_s = playable
        database.save_answer(answer)
        report.answers.append(answer.id)
        report.playable_seconds[answer.id] = playable
        log.warning("answer %s was interrupted; %.1f s of its recording is playable", answer.id, playable)
    for session_id in database.sessions_in_status(SessionStatus.IN_PROGRESS):
        session = database.load_session(session_id)
        session.status = SessionStatus.INTERRUPTED
        database.save_session(session)
        report.sessions.append(session_id)
    return report
