"""Store an analysed recording as an imported session, with its media copied into the data folder."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.core.analysis_result import AnswerAnalysis
from app.core.errors import StorageError
from app.core.questions import Question
from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.session.analyse import RecordingAnalysis
from app.storage import media
from app.storage.database import Database


def one_answer_session(
    title: str, question: Question, analysis: AnswerAnalysis | None, duration_s: float = 0.0,
    has_video: bool = False,
) -> tuple[Session, Answer]:
    """A finished IMPORTED session holding one analysed answer to `question` (not stored yet)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    session = Session(id=uuid.uuid4().hex, title=title, created_at=now,
                      status=SessionStatus.IMPORTED, track=question.track, bank_id=question.bank_id,
                      job_terms=list(question.job_terms), ended_at=now)
    answer = Answer(id=uuid.uuid4().hex, session_id=session.id, position=0, question=question,
                    status=AnswerStatus.ANALYSED, started_at=now, duration_s=duration_s,
                    has_video=has_video, analysis=analysis)
    return session, answer


def save_typed(database: Database, source: Path, question: Question, analysis: AnswerAnalysis) -> Session:
    """Store a typed answer (read from `source`) as a one-answer IMPORTED session; nothing was recorded."""
    session, answer = one_answer_session(f"Typed: {source.name}", question, analysis)
    database.save_session(session)
    database.save_answer(answer)
    session.answers = [answer]
    return session


def save_imported(database: Database, source: Path, question: Question, result: RecordingAnalysis,
                  title: str | None = None) -> Session:
    """Copy `source` into the media folder and store it as a one-answer IMPORTED session."""
    session, answer = one_answer_session(title or f"Imported: {source.name}", question, result.analysis,
                                         result.duration_s, result.has_video)
    suffix = source.suffix.lower() if source.suffix.lower() in media.SUFFIXES else None
    relative, target = media.prepare_answer_file(
        database.paths, session.id, answer.id, result.has_video, suffix
    )
    try:
        shutil.copyfile(source, target)
    except OSError as error:
        media.delete_session_media(database.paths, session.id)
        reason = error.strerror or error
        raise StorageError(f"{source.name} could not be copied into your data folder ({reason}).",
                           "Free some disk space and import it again.") from error
    answer.media_path = relative
    try:
        database.save_session(session)
        database.save_answer(answer)
    except BaseException:
        media.delete_session_media(database.paths, session.id)
        raise
    session.answers = [answer]
    return session
