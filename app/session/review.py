"""What Review does with stored answers, without widgets: analyse one again, export or delete a session,
find an answer's recording, import a recording the person already has.

Each job is a plain function of the database. The GUI runs them on its TaskRunner (never on the GUI
thread), which hands a job with a `task` parameter its progress reporter and cancel flag (`JobTask`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from app.analysis.answer import analyze_answer
from app.core.errors import MediaFileError
from app.core.questions import Question
from app.core.session import Answer, AnswerStatus, Session
from app.session.analyse import AnalysisServices, analyse_file, generic_question
from app.session.importing import save_imported
from app.session.store import Database, media


class JobTask(Protocol):
    """What a background job is handed: where to report progress and the flag that cancels it."""

    cancelled: threading.Event

    def progress(self, stage: str, fraction: float) -> None: ...

    def check(self) -> None: ...


def answer_media_path(database: Database | None, answer: Answer) -> Path | None:
    """Where the answer's recording is on disk (None for a typed answer or with no database)."""
    if database is None or not answer.media_path:
        return None
    return media.absolute_media_path(database.paths, answer.media_path)


def rerun_analysis(database: Database, services: AnalysisServices, answer_id: str, task: JobTask) -> Answer:
    """Analyse the answer's recording (or typed words) again with the current models and rubric; save it."""
    answer = database.load_answer(answer_id)
    if answer is None:
        raise MediaFileError("This answer no longer exists.", "Choose another answer.")
    typed = answer.analysis.transcript if answer.analysis is not None else None
    if not answer.media_path and typed is not None and typed.typed:
        # A typed answer has no recording: its words are analysed again with the current rubric.
        terms = database.load_session(answer.session_id).job_terms
        answer.analysis = analyze_answer(answer.question, typed, None, None, terms)
        answer.status = AnswerStatus.ANALYSED
        database.save_answer(answer)
        return answer
    if not answer.media_path:
        raise MediaFileError(
            "This answer has no recording to analyse.", "Only recorded answers can be re-analysed."
        )
    path = media.absolute_media_path(database.paths, answer.media_path)
    if not path.is_file():
        raise MediaFileError(
            "The recording of this answer is missing from the data folder.",
            "It may have been deleted; the stored results are unchanged.",
        )
    job_terms = database.load_session(answer.session_id).job_terms
    result = analyse_file(
        path, answer.question, services, job_terms, progress=task.progress, cancel=task.cancelled
    )
    task.check()
    answer.analysis = result.analysis
    answer.status = AnswerStatus.ANALYSED
    answer.duration_s = result.duration_s or answer.duration_s
    database.save_answer(answer)
    return answer


def export_session(database: Database, session_id: str, destination: Path) -> Path:
    """Write the session and its recordings to `destination` (.zip); returns the path written."""
    from app.storage.exchange import export_session as export

    return export(database, session_id, destination)


def delete_answer(database: Database, answer_id: str) -> str:
    database.delete_answer(answer_id)
    return answer_id


def delete_session(database: Database, session_id: str) -> str:
    database.delete_session(session_id)
    return session_id


def import_recording(
    database: Database, services: AnalysisServices, path: Path, question: Question | str, task: JobTask
) -> Session:
    """Analyse `path` and store it as an imported session (runs in the background).

    `question` is a bank question, or the text of a question typed by the person ("" for none), which is
    matched to the banks here, off the GUI thread.
    """
    if isinstance(question, str):
        question = generic_question(question or None)
    result = analyse_file(
        path, question, services, question.job_terms, progress=task.progress, cancel=task.cancelled
    )
    task.check()
    task.progress("saving", 1.0)
    return save_imported(database, path, question, result)


def matching_questions(questions: list[Question], query: str) -> list[Question]:
    """The questions whose text, role track, competency or category hold every word of `query`."""
    words = query.lower().split()
    if not words:
        return list(questions)

    def haystack(q: Question) -> str:
        return " ".join((q.text, q.track, q.competency, str(q.category).replace("_", " "))).lower()

    return [q for q in questions if all(word in haystack(q) for word in words)]


def load_questions() -> list[Question]:
    """Every bank question, by track and text (the import dialog's list)."""
    from app.banks.loader import load_all_banks

    library = load_all_banks()
    return sorted(library.questions(), key=lambda q: (q.track, q.text))
