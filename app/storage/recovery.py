"""Recover what a crash left behind: run once when the app (or a session engine) starts.

An answer still marked "recording" was cut off by a crash. Its media is checked (fragmented MP4s keep
all but about the last second) and repaired when possible; the answer and its session are then marked
interrupted, so they show in history with what was saved.

Only answers that really received media come back. A row whose recording never started (no file, an
empty file, nothing playable: the source failed, or the crash came first) holds nothing to show, so it
is marked failed, which keeps it out of the session's answers, instead of becoming an empty "attempt".
Earlier versions recovered such rows as interrupted (issue 17: 517 empty attempts after an error storm);
those are marked failed too. Running recovery again changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.session import Answer, AnswerStatus, SessionStatus
from app.storage import media
from app.storage.database import Database

log = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    sessions: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # recovered: they have something to play
    playable_seconds: dict[str, float] = field(default_factory=dict)
    discarded: list[str] = field(default_factory=list)  # held nothing: marked failed, not shown

    @property
    def anything(self) -> bool:
        return bool(self.sessions or self.answers)


MediaChecker = Callable[[str], float]  # absolute path -> playable seconds (0 when nothing is playable)


def _media_bytes(database: Database, answer: Answer) -> int:
    """Size of the answer's recording (0 when it has none or the file is missing)."""
    if not answer.media_path:
        return 0
    try:
        path = media.absolute_media_path(database.paths, answer.media_path)
        return path.stat().st_size if path.is_file() else 0
    except (OSError, ValueError):
        return 0


def _holds_nothing(database: Database, answer: Answer) -> bool:
    """Nothing was captured or added: no recording, no analysis (transcript), no rating, no notes."""
    return (
        answer.analysis is None
        and answer.self_rating is None
        and not answer.notes.strip()
        and _media_bytes(database, answer) == 0
    )


def _discard(database: Database, answer: Answer, report: RecoveryReport, why: str) -> None:
    answer.status = AnswerStatus.FAILED
    answer.duration_s = 0.0
    database.save_answer(answer)  # the file (if any) stays until the session is deleted
    report.discarded.append(answer.id)
    log.info("answer %s is not recovered: %s", answer.id, why)


def recover_interrupted(database: Database, check_media: MediaChecker) -> RecoveryReport:
    """Mark half-written answers and unfinished sessions as interrupted, keeping their media.

    `check_media` repairs a recording where it can and says how much of it plays (storage does not decode media
    itself; app.session.recovery passes the capture layer's repair).
    """
    report = RecoveryReport()
    for answer in database.answers_in_status(AnswerStatus.RECORDING):
        if _holds_nothing(database, answer):
            _discard(database, answer, report, "its recording never started")
            continue
        playable = 0.0
        checked = False
        if _media_bytes(database, answer) > 0:
            path = media.absolute_media_path(database.paths, answer.media_path)
            try:
                playable = check_media(str(path))
                checked = True
            except Exception:  # noqa: BLE001 - a broken file must not stop the app from starting
                log.exception("could not check interrupted recording %s", path)
        if checked and playable <= 0 and answer.analysis is None and not answer.notes.strip():
            _discard(database, answer, report, "its recording holds nothing playable")
            continue
        answer.status = AnswerStatus.INTERRUPTED
        answer.duration_s = playable
        database.save_answer(answer)
        report.answers.append(answer.id)
        report.playable_seconds[answer.id] = playable
        log.warning("answer %s was interrupted; %.1f s of its recording is playable", answer.id, playable)
    for answer in database.answers_in_status(AnswerStatus.INTERRUPTED):
        if answer.duration_s <= 0 and _holds_nothing(database, answer):
            _discard(database, answer, report, "an earlier recovery kept it although it holds nothing")
    for session_id in database.sessions_in_status(SessionStatus.IN_PROGRESS):
        session = database.load_session(session_id)
        session.status = SessionStatus.INTERRUPTED
        database.save_session(session)
        report.sessions.append(session_id)
    if report.discarded:
        log.warning("%d answer(s) that never received media were marked failed", len(report.discarded))
    return report
