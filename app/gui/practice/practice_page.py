"""The Practice section: setup -> check -> interview -> rate -> results -> ... -> summary, one view at a time.

This page only routes: each view is its own widget, the SessionDriver runs the session, and the
TaskRunner does everything slow (choosing questions, loading models, writing a report).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QProgressBar, QStackedWidget, QVBoxLayout, QWidget

from app.core.errors import StorageError, UserFacingError
from app.core.session import SelfRating
from app.gui.context import AppContext
from app.gui.crash import show_user_error
from app.gui.practice.practice_session import SessionView
from app.gui.practice.precheck_page import PrecheckPage
from app.gui.practice.rating_page import RatingForm
from app.gui.practice.results_page import AnswerResults
from app.gui.practice.results_summary import SessionSummary
from app.gui.practice.session_driver import SessionDriver
from app.gui.practice.setup_page import SetupPage
from app.gui.report_files import ReportFileDialog, open_report
from app.gui.settings.controls import bind_check
from app.gui.settings.keys import Key
from app.gui.theme import PAGE_MARGINS, SPACING, label
from app.session.engine import Phase, SessionEngine
from app.session.plan import SessionPlan
from app.session.planning import SetupChoice, prepare_session
from app.session.writes import WriteBehind

if TYPE_CHECKING:
    from app.session.live import LiveCaptureFactory
    from app.session.typed import TypedCaptureFactory

log = logging.getLogger(__name__)


class PreparingView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Getting ready")
        self.text = label("Choosing your questions and loading the speech and vision models…", "sectionTitle")
        self.stage = label("", "muted")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setAccessibleName("Getting ready")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(bar)
        layout.addWidget(self.stage)
        layout.addStretch(2)


def write_answer_report(writes: WriteBehind, session_id: str, answer_id: str) -> Path:
    """Background: the full HTML report of one answer, in the reports folder (once its writes have run)."""
    from app.session.reports import write_answer_report as write

    writes.flush()
    return write(writes.database, session_id, answer_id)


class PracticePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Practice page")
        self.driver: SessionDriver | None = None
        self._rating_for = ""
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests stand in for the desktop
        self.report_dialog: ReportFileDialog | None = None
        self.setup = SetupPage(context)
        self.precheck = PrecheckPage(context)
        self.preparing = PreparingView()
        self.session_view = SessionView()
        bind_check(context.settings, Key.LANDMARK_OVERLAY, self.session_view.overlay_check)
        self.rating = RatingForm()
        self.results = AnswerResults()
        self.summary = SessionSummary(context)
        self.stack = QStackedWidget()
        for view in (
            self.setup,
            self.precheck,
            self.preparing,
            self.session_view,
            self.rating,
            self.results,
            self.summary,
        ):
            self.stack.addWidget(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.setup.continue_requested.connect(self._to_precheck)
        self.precheck.back_requested.connect(lambda: self.stack.setCurrentWidget(self.setup))
        self.precheck.start_requested.connect(self._prepare)
        self.rating.rated.connect(self._rated)
        self.rating.skipped.connect(lambda: self.driver and self.driver.skip_rating())
        self.results.next_requested.connect(lambda: self.driver and self.driver.next())
        self.results.redo_requested.connect(lambda: self.driver and self.driver.redo())
        self.results.report_requested.connect(self._open_report)
        self.summary.review_requested.connect(lambda session_id: context.show_session(session_id))
        self.summary.again_requested.connect(self._again)
        for keys, action in (("Ctrl+N", "next"), ("Right", "next"), ("Ctrl+R", "redo")):
            shortcut = QShortcut(QKeySequence(keys), self.results)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda act=action: self._results_key(act))
        context.close_hooks.append(self.shut_down)

    # ---- flow -----------------------------------------------------------------------------------

    def _to_precheck(self, choice: SetupChoice) -> None:
        if self.context.database is None:
            show_user_error(
                self,
                StorageError(
                    "Your practice data cannot be saved: the database is unavailable.",
                    "Check the data folder (see the log), then restart the app.",
                ),
            )
            return
        self.stack.setCurrentWidget(self.precheck)
        self.precheck.open_for(choice)

    def _prepare(self, choice: SetupChoice) -> None:
        self.stack.setCurrentWidget(self.preparing)
        self.context.runner.run(
            prepare_session,
            choice,
            self.context.database,
            self.context.services,
            on_done=lambda plan: self._begin(choice, plan),
            on_error=self._prepare_failed,
            on_progress=lambda stage, _f: self.preparing.stage.setText(stage),
            name="prepare session",
        )

    def _prepare_failed(self, error: BaseException) -> None:
        self.stack.setCurrentWidget(self.setup)
        if isinstance(error, UserFacingError):
            show_user_error(self, error)
        else:
            raise error

    def _begin(self, choice: SetupChoice, plan: SessionPlan) -> None:
        from app.session.live import device_capture_factory, file_capture_factory, make_analyzer
        from app.session.typed import TypedCaptureFactory

        services, database = self.context.services, self.context.database
        assert database is not None
        factory: LiveCaptureFactory | TypedCaptureFactory
        if choice.typed_answers:
            factory = TypedCaptureFactory()
        elif choice.use_files:
            assert choice.audio_file is not None
            factory = file_capture_factory(choice.video_file, choice.audio_file, services)
        else:
            factory = device_capture_factory(services, choice.camera_index, choice.microphone)
        settings = self.context.settings
        writes = WriteBehind(database)  # the engine saves as it goes: off the GUI thread, in order
        engine = SessionEngine(plan, writes, factory, make_analyzer(services, plan.job_terms),  # type: ignore[arg-type]
                               follow_ups=settings.get(Key.FOLLOW_UPS))
        self.driver = SessionDriver(
            engine,
            factory,
            self.context.runner,
            speak=choice.speak_questions,
            live_cues=choice.live_cues and not choice.typed_answers,
            voice_id=settings.get(Key.VOICE_ID),
            speech_rate=settings.get(Key.SPEECH_RATE),
            parent=self,
            writes=writes,
        )
        self.driver.changed.connect(self._changed)
        self.driver.answer_failed.connect(lambda error: show_user_error(self, error))
        self.driver.finished.connect(self._finished)
        self.session_view.attach(self.driver)
        self._rating_for = ""
        self.driver.start()
        # At once, as before the writes moved off this thread: Review's list then holds this session
        # without answers (or not yet), never an answer whose analysis is still to come (it would show
        # that stale answer when the summary's Review button selects it before its reload is back).
        self.context.notify_sessions_changed()

    def _changed(self) -> None:
        driver = self.driver
        if driver is None:
            return
        engine = driver.engine
        phase = engine.phase
        number = engine.index + 1
        if phase in (Phase.SPEAKING, Phase.THINKING, Phase.ANSWERING, Phase.FAILED):
            self._show(self.session_view)
            self.session_view.refresh()
        elif driver.ending or driver.moving_on:
            self.results.show_waiting(number, engine.question.text, moving_on=True,
                                      follow_up=engine.follow_up_parent is not None)
            self._show(self.results)
        elif phase == Phase.RATING:
            answer = engine.current_answer
            answer_id = answer.id if answer is not None else ""
            if self._rating_for != answer_id:
                self._rating_for = answer_id
                self.rating.reset(engine.question.text, number, follow_up=engine.follow_up_parent is not None)
            self._show(self.rating)
        elif phase == Phase.ANALYSING:
            self.results.show_waiting(
                number, engine.question.text, follow_up=engine.follow_up_parent is not None
            )
            self._show(self.results)
        elif phase == Phase.RESULTS and engine.current_answer is not None:
            self.results.show_answer(number, engine.current_answer, engine.last_step, engine.notices[-3:],
                                     follow_up_next=engine.follow_up_next)
            self._show(self.results)

    def _show(self, view: QWidget) -> None:
        if self.stack.currentWidget() is not view:
            self.stack.setCurrentWidget(view)
            focus = {
                self.session_view: self.session_view.focus_target(),
                self.results: self.results.next_button,
            }
            target = focus.get(view)
            if target is not None:
                target.setFocus()

    def _rated(self, rating: SelfRating) -> None:
        if self.driver is not None:
            self.driver.rate(rating)

    def _results_key(self, action: str) -> None:
        if self.driver is None or not self.results.isVisible():
            return
        if action == "next" and self.results.next_button.isEnabled():
            self.driver.next()
        elif action == "redo":
            self.driver.redo()

    def _finished(self, _session_id: str) -> None:
        driver = self.driver
        if driver is None:
            return
        self.session_view.attach(None)
        self.summary.show_session(driver.engine.session)
        self._show(self.summary)
        self.context.notify_sessions_changed()

    def _again(self) -> None:
        self.driver = None
        self.stack.setCurrentWidget(self.setup)

    def _open_report(self, answer_id: str) -> None:
        driver = self.driver
        if driver is None or driver.writes is None:
            return
        self.context.runner.run(
            write_answer_report,
            driver.writes,
            driver.engine.session.id,
            answer_id,
            on_done=self._report_ready,
            on_error=self._report_failed,
            name="write report",
        )

    def _report_ready(self, path: Path) -> None:
        self.report_dialog = open_report(self, path, self.open_url)

    def _report_failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            error = StorageError(
                f"The report could not be written ({error.strerror or 'the file could not be saved'}).",
                "Check that the data folder can be written to and the disk is not full, then try again.",
            )
        if not isinstance(error, UserFacingError):
            raise error  # a bug: the crash dialog and the log
        show_user_error(self, error)

    def shut_down(self) -> None:
        """Window closing: stop the preview and any recording (the answer so far is kept)."""
        self.precheck.close_preview_now()
        if self.driver is not None:
            self.session_view.attach(None)
            self.driver.close()
