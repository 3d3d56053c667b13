"""The interview room: the question, the thinking countdown, the camera, the recording light and controls.

Reads everything from the SessionDriver on the GUI thread: phase changes arrive as signals, and a 200 ms
timer refreshes the clocks, the level meter and the (optional) live cue. The camera view polls the newest
frame itself at ~20 fps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.timefmt import clock
from app.gui.practice.session_driver import SessionDriver
from app.gui.theme import PAGE_MARGINS, SPACING, label
from app.gui.widgets.camera_view import CameraView
from app.gui.widgets.countdown import Countdown
from app.gui.widgets.level_meter import LevelMeter
from app.gui.widgets.notice_bar import NoticeBar
from app.session.drill import debrief_note
from app.session.engine import Phase
from app.session.labels import follow_up_label
from app.session.plan import aim_line

REFRESH_MS = 200

SHORTCUTS = {  # action -> keys; the first is shown in the tooltip
    "start_stop": ("Space", "Ctrl+Return", "Ctrl+Enter"),
    "skip": ("Ctrl+K",),
    "redo": ("Ctrl+R",),
    "pause": ("Ctrl+P",),
    "end": ("Ctrl+E",),
}


TYPED_NOTICE = "Typed answers: delivery and body language are not measured."


def planning_hint(star_expected: bool, has_video: bool, typed: bool = False, follow_up: bool = False) -> str:
    """What the big pane says while the person listens and thinks (the camera starts with the answer)."""
    shape = (
        "The interviewer is following up on your last answer. Answer just what is asked, in about a "
        "minute, with something real: what happened, what you did, how you know."
        if follow_up
        else "Tell it as a story: the Situation, your Task, the Action you took, and the Result."
        if star_expected
        else "Give your answer first, then one or two reasons and a concrete example."
    )
    camera = (
        "A box to type your answer in appears here when you start answering."
        if typed
        else "Your camera picture appears when you start answering."
        if has_video
        else "Audio only: no camera is used."
    )
    return f"Take a moment to plan.\n\n{shape}\n\n{camera}"


FAILED_STATUS = "Press Space to try again, Ctrl+K to skip this question, or Ctrl+E to end the session."


def failed_hint(message: str, advice: str) -> str:
    """What the big pane says after an answer could not be recorded (the message box says it once)."""
    return "\n\n".join(part for part in ("This answer was not recorded.", message, advice) if part)


class SessionView(QWidget):
    """Signals:
    overlay_toggled(bool): the person turned the landmark overlay on or off (saved as a setting).
    """

    overlay_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Interview")
        self.driver: SessionDriver | None = None
        self.progress = label("", "muted")
        self.question = label("", "questionText")
        self.question.setAccessibleName("Question")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.debrief = label("", "muted")  # how this question went in a real interview (debrief notes)
        self.debrief.setAccessibleName("From your debrief")
        self.debrief.hide()
        self.notices = NoticeBar()
        self.camera = CameraView("Your camera picture appears here while you answer.")
        self.typed_answer = QPlainTextEdit()  # instead of the camera when answers are typed
        self.typed_answer.setAccessibleName("Your typed answer")
        self.typed_answer.setPlaceholderText(
            "Type your answer here. Press Ctrl+Return when you have finished."
        )
        self.typed_answer.textChanged.connect(self._typed_changed)
        self.typed_answer.hide()
        self._typing_for = ""  # id of the answer the text box belongs to
        self.countdown = Countdown()
        self.aim = label("", "muted")
        self.aim.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.aim.setAccessibleName("Target answer length")
        self.recording = label("", "recording", wrap=False)
        self.recording.setAccessibleName("Recording status")
        self.level = LevelMeter()
        self.cue = label("", "liveCue")
        self.cue.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cue.setAccessibleName("Live cue")
        self.status = label("", "muted")
        self.overlay_check = QCheckBox("Show face and body points")
        self.overlay_check.setAccessibleName("Show face and body points on the camera picture")
        self.overlay_check.setToolTip("Draw what the body-language analysis sees on your picture (Ctrl+L)")
        self.overlay_check.toggled.connect(self._overlay_toggled)
        overlay_key = QShortcut(QKeySequence("Ctrl+L"), self)
        overlay_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        overlay_key.activated.connect(self.overlay_check.toggle)

        self.level_label = label("Microphone", "muted")
        side = self._side_panel()

        self.start_button = self._button("Start answer", "start_stop", "Start answering now", primary=True)
        self.pause_button = self._button("Pause", "pause", "Pause the thinking time")
        self.skip_button = self._button("Skip", "skip", "Skip this question")
        self.redo_button = self._button("Redo", "redo", "Start this answer again")
        self.end_button = self._button("End session", "end", "End the session; recorded answers are kept")
        controls = QHBoxLayout()
        controls.setSpacing(SPACING)
        controls.addWidget(self.end_button)
        controls.addStretch(1)
        for button in (self.pause_button, self.skip_button, self.redo_button, self.start_button):
            controls.addWidget(button)

        middle = QGridLayout()
        middle.setSpacing(SPACING)
        middle.addWidget(self.camera, 0, 0)
        middle.addWidget(self.typed_answer, 0, 0)
        middle.addWidget(side, 0, 1)
        middle.setColumnStretch(0, 3)
        middle.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACING)
        layout.addWidget(self.progress)
        layout.addWidget(self.question)
        layout.addWidget(self.debrief)
        layout.addWidget(self.notices)
        layout.addLayout(middle, 1)
        layout.addLayout(controls)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_clock)

    def _side_panel(self) -> QFrame:
        """The card beside the camera: countdown, target, recording light, level, cue, overlay, status."""
        side = QFrame()
        side.setObjectName("card")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(16, 16, 16, 16)
        side_layout.setSpacing(SPACING)
        for widget in (self.countdown, self.aim, self.recording, self.level_label, self.level, self.cue):
            side_layout.addWidget(widget)
        side_layout.addStretch(1)
        side_layout.addWidget(self.overlay_check)
        side_layout.addWidget(self.status)
        return side

    def _button(self, text: str, action: str, tip: str, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        keys = SHORTCUTS[action]
        button.setToolTip(f"{tip} ({keys[0]})")
        button.setAccessibleName(text)
        if primary:
            button.setObjectName("primary")
        button.clicked.connect(lambda: self._act(action))
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda act=action: self._act(act))
        return button

    def attach(self, driver: SessionDriver | None) -> None:
        self.driver = driver
        if driver is None:
            self._timer.stop()
            self.camera.follow(None)
            return
        self.camera.follow(driver.latest_frame, driver.latest_overlay)
        self._timer.start()

    def set_overlay(self, on: bool) -> None:
        """Show or hide the landmark overlay (the page sets it from the LANDMARK_OVERLAY setting)."""
        self.overlay_check.setChecked(on)
        self.camera.set_overlay_visible(on)

    def _overlay_toggled(self, on: bool) -> None:
        self.camera.set_overlay_visible(on)
        self.overlay_toggled.emit(on)

    def _act(self, action: str) -> None:
        driver = self.driver
        if driver is None or not self.isVisible():
            return
        {
            "start_stop": driver.start_or_stop,
            "skip": driver.skip,
            "redo": driver.redo,
            "pause": driver.toggle_pause,
            "end": driver.end_session,
        }[action]()

    def refresh(self) -> None:
        """Everything that changes with the phase (called on the driver's `changed`)."""
        driver = self.driver
        if driver is None:
            return
        engine = driver.engine
        question = engine.question
        total = len(engine.plan.questions)
        details = " · ".join(
            part
            for part in (
                str(question.category).replace("_", " ").capitalize(),
                question.competency.capitalize(),
            )
            if part
        )
        if engine.follow_up_parent is not None:  # "Question 2 of 5 · Follow-up to Q2"
            details = follow_up_label(engine.index)
        self.progress.setText(f"Question {engine.index + 1} of {total} · {details}")
        self.question.setText(question.text)
        notices = [driver.voice_notice, *engine.notices[-2:]]
        if engine.phase == Phase.FAILED and engine.failure is not None:
            notices.append(f"This answer was not recorded: {engine.failure.message}")
        typed = driver.typed
        if typed:
            notices.append(TYPED_NOTICE)
        elif not driver.factory.has_video:
            notices.append("No camera: this answer is recorded as audio only.")
        self.notices.show_notices(notices)
        phase = engine.phase
        answering = phase == Phase.ANSWERING
        failed = phase == Phase.FAILED
        self.start_button.setText("Stop answer" if answering else "Try again" if failed else "Start answer")
        self.start_button.setAccessibleName(self.start_button.text())
        self.start_button.setEnabled(phase in (Phase.SPEAKING, Phase.THINKING, Phase.ANSWERING, Phase.FAILED))
        self.pause_button.setText("Resume" if engine.paused else "Pause")
        self.pause_button.setAccessibleName(self.pause_button.text())
        self.pause_button.setEnabled(phase in (Phase.SPEAKING, Phase.THINKING))
        self.skip_button.setEnabled(phase in (Phase.SPEAKING, Phase.THINKING, Phase.ANSWERING, Phase.FAILED))
        self.redo_button.setEnabled(answering)
        self.aim.setText(aim_line(question.target_seconds, engine.answer_limit))
        note = debrief_note(question)
        self.debrief.setText(note)
        self.debrief.setVisible(bool(note))
        if not answering:
            self.camera.set_frame(None)
            failure = engine.failure
            if failed and failure is not None:
                hint = failed_hint(failure.message, failure.advice)
            else:
                hint = planning_hint(question.star_expected, driver.factory.has_video, typed,
                                     follow_up=engine.follow_up_parent is not None)
            self.camera.set_placeholder(hint)
        self._show_typing(typed and answering)
        for widget in (self.level_label, self.level, self.overlay_check):
            widget.setVisible(not typed)
        self.refresh_clock()

    def _show_typing(self, typing: bool) -> None:
        """Typed answers: the text box replaces the camera while answering; a new answer starts empty."""
        self.camera.setVisible(not typing)
        self.typed_answer.setVisible(typing)
        answer = self.driver.engine.current_answer if self.driver is not None else None
        if typing and answer is not None and self._typing_for != answer.id:
            self._typing_for = answer.id
            self.typed_answer.clear()
            self.typed_answer.setFocus()

    def _typed_changed(self) -> None:
        if self.driver is not None and self.typed_answer.isVisible():
            self.driver.submit_typed(self.typed_answer.toPlainText())

    def focus_target(self) -> QWidget:
        """Where the keyboard goes when this view appears."""
        return self.typed_answer if self.typed_answer.isVisible() else self.start_button

    def refresh_clock(self) -> None:
        driver = self.driver
        if driver is None:
            return
        engine = driver.engine
        phase = engine.phase
        plan = engine.plan
        if phase == Phase.SPEAKING:
            self.countdown.show_time("The interviewer is asking…", None, None)
            self.status.setText("Listen to the question. Press Space to start answering at any time.")
        elif phase == Phase.THINKING:
            caption = "Paused" if engine.paused else "Thinking time"
            self.countdown.show_time(caption, engine.remaining, plan.thinking_seconds)
            self.status.setText("Recording starts when the time is up, or press Space to start now.")
        elif phase == Phase.ANSWERING:
            self.countdown.show_time("Time left", engine.remaining, engine.answer_limit)
            self.status.setText(
                "Press Ctrl+Return when you have finished." if driver.typed
                else "Press Space when you have finished."
            )
        elif phase == Phase.FAILED:
            self.countdown.show_time("Not recording", None, None)
            self.status.setText(FAILED_STATUS)
        else:
            self.countdown.show_time("", None, None)
            self.status.setText("")
        if phase == Phase.ANSWERING:
            doing = "✎ Typing" if driver.typed else "● Recording"
            self.recording.setText(f"{doing} {clock(engine.elapsed)}")  # read as results read lengths
            self.level.set_level(driver.level_dbfs())
        else:
            self.recording.setText("")
            self.level.set_level(-90.0)
        self.cue.setText(driver.live_cue())
