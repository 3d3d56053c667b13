"""Review: replay an answer with its transcript beside it, see where it faltered, read its scores and tips.

The list of sessions loads in the background. Selecting an answer loads its recording into the player,
its words into the transcript (highlighted as it plays; click a word to seek) and its fillers, long
pauses and looking-away moments onto the timeline. Notes save themselves; re-run, export, report and
delete run as background jobs with progress and Cancel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.answer_length import answer_length
from app.core.errors import UserFacingError
from app.core.session import Answer, Session
from app.gui.context import AppContext
from app.gui.crash import show_user_error
from app.gui.report_files import ReportFileDialog, confirm_saved, open_report, show_status
from app.gui.review import review_actions as actions
from app.gui.review.review_list import SessionTree
from app.gui.settings.keys import Key
from app.gui.theme import PAGE_MARGINS, SPACING, label
from app.gui.widgets.content_evidence import ContentEvidenceView
from app.gui.widgets.overflow_toolbar import OverflowToolbar
from app.gui.widgets.player import PlayerView
from app.gui.widgets.report_view import ReportView
from app.gui.widgets.timeline import TimelineWidget, spoken_span, timeline_markers
from app.gui.widgets.transcript_view import TranscriptView
from app.session.review import answer_media_path
from app.session.review_controller import ReviewController

log = logging.getLogger(__name__)


TRANSCRIPT_TITLE = "Transcript (click a word to play it)"


class ReviewPage(QWidget):
    """The page; its commands run through `self.commands` (a ReviewController), which reports back
    through the ReviewView methods at the end of this class."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Review page")
        # Replaceable for tests: dialogs and the desktop opener.
        self.confirm: Callable[[str, str], bool] = lambda title, text: actions.ask_confirmation(
            self, title, text
        )
        self.choose_export_path: Callable[[str], Path | None] = lambda sid: actions.ask_export_path(self, sid)
        self.choose_pdf_path: Callable[[str], Path | None] = lambda sid: actions.ask_pdf_path(self, sid)
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.report_dialog: ReportFileDialog | None = None  # where a report is, when it was shown
        self.last_report: Path | None = None
        self.last_export: Path | None = None
        self.session_id = ""
        self.answer: Answer | None = None
        self.loaded_once = False

        self.sessions = SessionTree()
        self.sessions.answer_selected.connect(self._selected)
        self.empty_label = label(
            "No sessions yet. Practise an interview, or import a recording you already have.", "muted"
        )
        self.player = PlayerView()
        self.timeline = TimelineWidget()
        self.transcript = TranscriptView()
        self.report = ReportView()
        self.content_view = ContentEvidenceView()
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes for this answer")
        self.notes.setPlaceholderText("Your notes on this answer: what to keep, what to change next time.")
        self.notes_status = label("", "muted")
        self.question_label = label("", "sectionTitle")
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.length_label = label("", "muted")
        self.length_label.setAccessibleName("Answer length")
        self.busy = actions.BusyStrip()
        self.notes_saver = actions.NotesSaver(context.runner, lambda: self.context.database, self)
        self.notes_saver.saved.connect(lambda _id: self.notes_status.setText("Notes saved."))

        self.player.position_changed.connect(self._position)
        self.player.player.durationChanged.connect(lambda ms: self.timeline.extend_to(ms / 1000.0))
        # A word, a tip, a marker or a covering sentence plays from its moment; the bare strip only seeks.
        self.transcript.word_clicked.connect(lambda _index, start: self.play_from(start))
        self.timeline.seek_requested.connect(self.seek)
        self.timeline.play_requested.connect(self.play_from)
        self.report.seek_requested.connect(self.play_from)
        self.content_view.play_requested.connect(self.play_from)
        self.notes.textChanged.connect(self._notes_edited)
        self.commands = ReviewController(
            self,
            self.busy,
            self.player,
            context.runner,
            lambda: self.context.database,
            context.services,
            lambda: int(self.context.settings.get(Key.WEEKLY_GOAL)),
        )
        self._build_layout()
        context.sessions_changed.append(self.refresh)
        context.close_hooks.append(self.shutdown)
        self._set_answer_enabled(False)

    # ---- layout -------------------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(label("Sessions", "sectionTitle"))
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.sessions, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(self._centre())
        body.setStretchFactor(1, 1)
        body.setSizes([250, 900])  # the scores need the room more than the list (tooltips hold full titles)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.busy)
        layout.addWidget(body, 1)

    def _toolbar(self) -> QHBoxLayout:
        self.import_button = self._button(
            "Import recording…", self.import_recording, "Analyse a video or audio file you already have"
        )
        self.export_button = self._button(
            "Export session…", self.export_session, "Save the session and its recordings as one .zip file"
        )
        self.report_button = self._button("Open report", self.open_report, "Open the session's full report")
        self.pdf_button = self._button("Save PDF…", self.save_pdf, "Save the session's report as a PDF")
        self.rerun_button = self._button(
            "Re-run analysis", self.rerun_analysis, "Analyse this answer's recording again"
        )
        self.delete_answer_button = self._button(
            "Delete answer…", self.delete_answer, "Delete this answer and its recording"
        )
        self.delete_session_button = self._button(
            "Delete session…", self.delete_session, "Delete the whole session and its recordings"
        )
        toolbar = QHBoxLayout()
        toolbar.setSpacing(SPACING // 2)
        toolbar.addWidget(label("Review", "pageTitle", wrap=False))
        # What does not fit the window's width moves, from the right, into a "More" menu.
        self.toolbar = OverflowToolbar(
            (
                self.import_button,
                self.export_button,
                self.report_button,
                self.pdf_button,
                self.rerun_button,
                self.delete_answer_button,
                self.delete_session_button,
            ),
            SPACING // 2,
        )
        toolbar.addWidget(self.toolbar, 1)
        return toolbar

    def _centre(self) -> QWidget:
        """The question, the player beside the transcript, the timeline, and the tabs under them."""
        media_row = QSplitter(Qt.Orientation.Horizontal)
        media_row.addWidget(self.player)
        transcript_box = QWidget()
        transcript_layout = QVBoxLayout(transcript_box)
        transcript_layout.setContentsMargins(0, 0, 0, 0)
        self.transcript_title = label(TRANSCRIPT_TITLE, "sectionTitle", wrap=False)
        transcript_layout.addWidget(self.transcript_title)
        transcript_layout.addWidget(self.transcript, 1)
        media_row.addWidget(transcript_box)
        media_row.setSizes([520, 360])

        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addWidget(self.notes_status)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.report, "Scores and tips")
        self.tabs.addTab(self.content_view, "What you covered")
        self.tabs.addTab(notes_box, "Notes")

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.question_label)
        centre_layout.addWidget(self.length_label)
        centre_layout.addWidget(media_row, 3)
        centre_layout.addWidget(self.timeline)
        centre_layout.addWidget(self.tabs, 2)
        return centre

    # ---- loading ------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded_once:
            self.refresh()

    def refresh(self) -> None:
        """Reload the sessions from the database (in the background)."""
        self.loaded_once = True
        database = self.context.database
        if database is None:
            self.empty_label.setText(
                "The practice database could not be opened, so there is nothing to review."
            )
            return
        self.context.runner.run(database.list_sessions, on_done=self._show_sessions, name="load sessions")

    def _show_sessions(self, sessions: list[Session]) -> None:
        self.empty_label.setVisible(not sessions)
        self.sessions.setVisible(bool(sessions))
        self.sessions.set_sessions(sessions)
        if not sessions:
            self._selected("", "")

    def show_session(self, session_id: str, answer_id: str = "") -> None:
        """Select a session (e.g. just imported or just practised) once the list has it."""
        if not self.sessions.select(session_id, answer_id):
            database = self.context.database
            if database is not None:
                self.context.runner.run(
                    database.list_sessions,
                    name="load sessions",
                    on_done=lambda s: (self._show_sessions(s), self.sessions.select(session_id, answer_id)),
                )

    def _selected(self, session_id: str, answer_id: str) -> None:
        self.notes_saver.flush()
        self.session_id = session_id
        session = self.sessions.session(session_id)
        answer = self.sessions.answer(session_id, answer_id)
        if answer is None and session is not None and session.answers:
            answer = session.answers[0]
        self.show_answer(answer)

    def show_answer(self, answer: Answer | None) -> None:
        self.answer = answer
        self._set_answer_enabled(answer is not None)
        self.export_button.setEnabled(bool(self.session_id))
        self.report_button.setEnabled(bool(self.session_id))
        self.pdf_button.setEnabled(bool(self.session_id))
        self.delete_session_button.setEnabled(bool(self.session_id))
        if answer is None:
            self.question_label.setText("")
            self.length_label.setText("")
            self.player.unload()
            self.transcript.set_words([], empty_text="Choose an answer on the left.")
            self.timeline.set_markers([], 0.0)
            self.timeline.show()
            self.report.show_analysis(None)
            self.content_view.show_analysis(None)
            self.notes.blockSignals(True)
            self.notes.setPlainText("")
            self.notes.blockSignals(False)
            return
        self.question_label.setText(answer.question.text)
        length = answer_length(answer)
        self.length_label.setText(length.text)
        path = answer_media_path(self.context.database, answer)
        analysis = answer.analysis
        typed = bool(analysis and analysis.transcript and analysis.transcript.typed)
        if typed:
            self.player.unload()
            self.player.show_message("Typed answer: nothing was recorded. Read it in the transcript.")
        else:
            self.player.load(path, answer.has_video)
        self.transcript_title.setText("Typed answer" if typed else TRANSCRIPT_TITLE)
        words = analysis.transcript.words if analysis and analysis.transcript else []
        fillers = (
            {round(f.start, 2) for f in analysis.delivery.fillers}
            if analysis and analysis.delivery
            else set()
        )
        self.transcript.set_words(words, fillers, timed=not typed)
        recording = length.recording_s or 0.0
        self.timeline.set_markers(timeline_markers(analysis), recording, spoken_span(analysis))
        self.timeline.setVisible(not typed)  # a typed answer has no timeline
        self.report.show_analysis(analysis, answer.self_rating)
        self.content_view.show_analysis(analysis)
        self.notes.blockSignals(True)
        self.notes.setPlainText(answer.notes)
        self.notes.blockSignals(False)
        self.notes_status.setText("")

    def _set_answer_enabled(self, enabled: bool) -> None:
        for widget in (self.rerun_button, self.delete_answer_button, self.notes):
            widget.setEnabled(enabled)

    # ---- playback -----------------------------------------------------------------------------------

    def seek(self, seconds: float) -> None:
        self.player.seek(seconds)
        self.transcript.highlight_at(seconds)
        self.timeline.set_position(seconds)

    def play_from(self, seconds: float) -> None:
        """Seek to `seconds` and play from there (a sentence that carried a talking point or STAR part)."""
        self.seek(seconds)
        if self.player.play_button.isEnabled():  # a recording is loaded
            self.player.play()

    def _position(self, seconds: float) -> None:
        self.transcript.highlight_at(seconds)
        self.timeline.set_position(seconds)

    # ---- notes --------------------------------------------------------------------------------------

    def _notes_edited(self) -> None:
        if self.answer is None:
            return
        self.answer.notes = self.notes.toPlainText()
        self.notes_status.setText("Saving…")
        self.notes_saver.edited(self.answer.id, self.answer.notes)

    def shutdown(self) -> None:
        """The window is closing: save pending notes and release the recording."""
        self.notes_saver.flush()
        self.player.unload()

    # ---- commands (run by the ReviewController) -----------------------------------------------------

    def rerun_analysis(self) -> None:
        self.commands.rerun_analysis(self.answer.id if self.answer is not None else "")

    def export_session(self) -> None:
        self.commands.export_session(self.session_id)

    def open_report(self) -> None:
        self.commands.write_report(self.session_id)

    def save_pdf(self) -> None:
        self.commands.save_pdf(self.session_id)

    def delete_answer(self) -> None:
        self.commands.delete_answer(self.answer.id if self.answer is not None else "")

    def delete_session(self) -> None:
        self.commands.delete_session(self.session_id)

    def import_recording(self) -> None:
        self.import_dialog = actions.open_import_dialog(self.context, self, self._imported)

    def _imported(self, session_id: str) -> None:
        self.context.notify_sessions_changed()
        self.show_session(session_id)

    # ---- what the controller tells the page (ReviewView) ------------------------------------------

    def show_error(self, error: UserFacingError) -> None:
        show_user_error(self, error)

    def sessions_changed(self) -> None:
        self.context.notify_sessions_changed()

    def answer_reanalysed(self, answer: Answer) -> None:
        if self.answer is not None and self.answer.id == answer.id:
            self.sessions.refresh_answer_label(answer)

    def session_exported(self, path: Path) -> None:
        self.last_export = path
        self.notes_status.setText("")
        show_status(self, f"Session exported to {path}", 10000)

    def report_written(self, path: Path, pdf: bool) -> None:
        """A PDF is confirmed with its path; an HTML report opens in the browser (else the path dialog)."""
        self.last_report = path
        if pdf:
            self.report_dialog = confirm_saved(self, path, "The PDF report", self.open_url)
        else:
            self.report_dialog = open_report(self, path, self.open_url)
