"""What the Review page does in the background (re-run analysis, export, report, delete) and its helpers:
a progress strip with Cancel, and the debounced notes saver.

The jobs are plain functions of the database (run by the TaskRunner, never on the GUI thread), so they
stay readable and testable apart from the widgets.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.analysis.answer import analyze_answer
from app.core.errors import MediaFileError, StorageError
from app.core.session import Answer, AnswerStatus
from app.gui.tasks import TaskContext, TaskHandle, TaskRunner
from app.platform.paths import ensure_dir
from app.session.analyse import AnalysisServices, analyse_file
from app.storage import media
from app.storage.database import Database

log = logging.getLogger(__name__)

NOTES_DELAY_MS = 700


def rerun_analysis(
    database: Database, services: AnalysisServices, answer_id: str, task: TaskContext
) -> Answer:
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


def write_report(
    database: Database, session_id: str, weekly_goal: int, destination: Path | None = None, pdf: bool = False
) -> Path:
    """Write the session's report (HTML by default, into the reports folder) and return its path."""
    from app.report.html import render_session_html

    session = database.load_session(session_id)
    history = [s for s in database.list_sessions() if s.id != session_id]
    if destination is None:
        destination = (
            ensure_dir(database.paths.reports) / f"session-{session_id[:12]}.{'pdf' if pdf else 'html'}"
        )
    if pdf:
        from app.report.pdf import render_session_pdf

        data: bytes = render_session_pdf(session, history, weekly_goal)
    else:
        data = render_session_html(session, history, weekly_goal).encode("utf-8")
    try:
        destination.write_bytes(data)
    except OSError as error:  # a folder that cannot be written, a full disk: the person can fix it
        raise StorageError(
            f"The report could not be saved to {destination} ({error.strerror or 'write failed'}).",
            "Choose another folder, or check that the disk is not full, then try again.",
        ) from error
    return destination


def delete_answer(database: Database, answer_id: str) -> str:
    database.delete_answer(answer_id)
    return answer_id


def delete_session(database: Database, session_id: str) -> str:
    database.delete_session(session_id)
    return session_id


class BusyStrip(QWidget):
    """One line under the toolbar while long work runs: what it is doing, how far, and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setAccessibleName("Background work")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Progress")
        self.bar.setMaximumWidth(320)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the background work")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.handle: TaskHandle | None = None
        self.setVisible(False)

    def start(self, text: str, handle: TaskHandle | None, determinate: bool = True) -> None:
        self.handle = handle
        self.label.setText(text)
        self.bar.setRange(0, 1000 if determinate else 0)
        self.bar.setValue(0)
        self.cancel_button.setVisible(handle is not None)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    def progress(self, stage: str, fraction: float) -> None:
        self.label.setText(stage[:1].upper() + stage[1:] + "…")
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def finish(self) -> None:
        self.handle = None
        self.setVisible(False)

    @property
    def busy(self) -> bool:
        return self.isVisibleTo(self.parentWidget()) if self.parentWidget() else self.handle is not None


class NotesSaver(QObject):
    """Saves an answer's notes shortly after typing stops, off the GUI thread.

    Signals:
        saved(str): the answer id whose notes are now in the database.
    """

    saved = Signal(str)

    def __init__(self, runner: TaskRunner, database: callable, parent: QObject | None = None) -> None:  # type: ignore[valid-type]
        super().__init__(parent)
        self._runner = runner
        self._database = database
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._pending: tuple[str, str] | None = None

    def edited(self, answer_id: str, text: str) -> None:
        if self._pending is not None and self._pending[0] != answer_id:
            self.flush()
        self._pending = (answer_id, text)
        self._timer.start()

    def flush(self) -> None:
        """Save what is pending now (switching answers, closing the window)."""
        self._timer.stop()
        if self._pending is None:
            return
        answer_id, text = self._pending
        self._pending = None
        database = self._database()
        if database is None:
            return
        self._runner.run(
            database.set_notes,
            answer_id,
            text,
            on_done=lambda _r: self.saved.emit(answer_id),
            name="save notes",
        )

    @property
    def pending(self) -> bool:
        return self._pending is not None
