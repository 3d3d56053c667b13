"""Home / setup: what to practise (a track, a pasted job posting, or "From my interviews"), how long,
and with which camera and microphone (or recordings standing in for them).

Banks and devices are listed in the background when the page opens; the page never waits for them.
Every remembered choice is tied to its setting (app.gui.settings.controls): a change here is saved at once
and a change made in Settings shows here at once, so Continue has nothing left to save. The cards and
their controls are built in app.gui.practice.setup_cards; this page wires them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.gui.context import AppContext
from app.gui.practice.setup_cards import DevicesCard, QuestionsCard, TimingCard
from app.gui.settings.keys import Key
from app.gui.theme import PAGE_MARGINS, SPACING, label
from app.gui.widgets.two_columns import TwoColumns
from app.session.devices import Devices, list_devices
from app.session.planning import (
    MIN_POSTING_WORDS,
    QuestionSource,
    SetupChoice,
    debrief_count,
    load_library,
    posting_hint,
    posting_preview,
    track_choices,
    weak_spots_of,
)

if TYPE_CHECKING:
    from app.gui.banks.banks_dialog import BanksDialog
    from app.gui.practice.cv_dialog import CvDialog
    from app.gui.review.debrief_dialog import DebriefDialog


class SetupPage(QWidget):
    """Signals:
    continue_requested(SetupChoice): go to the pre-session check.
    """

    continue_requested = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Practice setup")
        self.devices: Devices | None = None
        self.library = None
        self.weak_spots = None
        self.cv_dialog: CvDialog | None = None
        self.banks_dialog: BanksDialog | None = None
        self.debrief_dialog: DebriefDialog | None = None
        self._choose_debrief = False  # select "From my interviews" once the saved debrief is loaded
        self.questions = QuestionsCard(context.settings)
        self.timing = TimingCard(context.settings)
        self.device_card = DevicesCard(context.settings)
        self._expose_controls()
        self._wire()
        self.problem = label("", "notice")
        self.problem.setAccessibleName("What is missing")
        self.continue_button = QPushButton("Continue to the check")
        self.continue_button.setObjectName("primary")
        self.continue_button.setToolTip("Check your picture, sound and voice before the interview starts")
        self.continue_button.clicked.connect(self._continue)
        self._lay_out()
        self._update()
        self.reload_banks()
        context.banks_changed.append(self.reload_banks)
        self.reload_weak_spots()
        context.sessions_changed.append(self.reload_weak_spots)
        context.runner.run(list_devices, on_done=self._devices_listed, name="list devices")

    def _expose_controls(self) -> None:
        """The cards' controls under the page's own names (the page's code, tests and the walkthrough)."""
        questions, timing, devices = self.questions, self.timing, self.device_card
        self.source_group, self.use_track = questions.source_group, questions.use_track
        self.track = questions.track
        self.track_binding, self.use_posting, self.posting = (
            questions.track_binding, questions.use_posting, questions.posting)
        self.posting_hint, self.preview_button, self.preview = (
            questions.posting_hint, questions.preview_button, questions.preview)
        self.cv_button, self.use_debrief, self.debrief_note = (
            questions.cv_button, questions.use_debrief, questions.debrief_note)
        self.banks_button, self.debrief_button = questions.banks_button, questions.debrief_button
        self.use_drill, self.drill_summary = questions.use_drill, questions.drill_summary
        self.category, self.difficulty = questions.category, questions.difficulty
        self.examples = questions.examples
        self.count, self.thinking, self.answer = timing.count, timing.thinking, timing.answer
        self.speak, self.live_cues = timing.speak, timing.live_cues
        self.use_devices, self.use_files = devices.use_devices, devices.use_files
        self.device_group = devices.device_group
        self.camera, self.camera_binding = devices.camera, devices.camera_binding
        self.microphone, self.microphone_binding = devices.microphone, devices.microphone_binding
        self.device_status, self.video_file, self.audio_file = (
            devices.device_status, devices.video_file, devices.audio_file)
        self.typed, self.typed_note = devices.typed, devices.typed_note

    def _wire(self) -> None:
        self.posting.textChanged.connect(self._update)
        self.posting.textChanged.connect(self._clear_preview)
        self.preview_button.clicked.connect(self._preview_posting)
        self.cv_button.clicked.connect(self.open_cv)
        self.banks_button.clicked.connect(self.open_banks)
        self.debrief_button.clicked.connect(self.open_debrief)
        self.source_group.buttonToggled.connect(lambda *_: self._update())
        self.track.currentIndexChanged.connect(lambda _i: self._show_examples())
        self.device_group.buttonToggled.connect(lambda *_: self._update())
        self.typed.toggled.connect(lambda _on: self._update())
        for _row, edit in (self.video_file, self.audio_file):
            edit.textChanged.connect(lambda _text: self._update())

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.problem, 1)
        actions.addWidget(self.continue_button)
        right_column = QWidget()
        right = QVBoxLayout(right_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(SPACING)
        right.addWidget(self.timing)
        right.addWidget(self.device_card)
        right.addStretch(1)
        grid = TwoColumns(self.questions, right_column, SPACING)  # stacked when side by side does not fit
        # The cards scroll (a small window or a large font would squash their rows); Continue stays in view.
        content = QWidget()
        layout = QVBoxLayout(content)
        side = PAGE_MARGINS[0] - SPACING // 2  # a little room for the scroll bar
        layout.setContentsMargins(side, PAGE_MARGINS[1], side, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(label("Practise an interview", "pageTitle"))
        layout.addWidget(
            label(
                "The interviewer asks each question aloud, you get a moment to think, then you "
                "answer while you are recorded. Everything stays on this computer.",
                "muted",
            )
        )
        layout.addWidget(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(SPACING)
        outer.addWidget(scroll, 1)
        actions.setContentsMargins(side, 0, side, PAGE_MARGINS[3])
        outer.addLayout(actions)

    # ---- question banks and debriefs ------------------------------------------------------------

    def reload_banks(self) -> None:
        """List the banks again (in the background), e.g. after a bank or a debrief was saved."""
        self.context.runner.run(load_library, on_done=self._library_loaded, name="load question banks")

    def open_banks(self) -> None:
        from app.gui.banks.banks_dialog import open_banks_dialog

        self.banks_dialog = open_banks_dialog(self.context, self.window(), self.banks_dialog)

    def open_cv(self) -> None:
        from app.gui.practice.cv_dialog import open_cv_dialog

        dialog = open_cv_dialog(self.context, self.window(), self.posting.toPlainText(), self.cv_dialog)
        if dialog is not self.cv_dialog:  # the saved "From my CV" set becomes the choice (its track is set)
            dialog.practise_requested.connect(lambda _track: self.use_track.setChecked(True))
        self.cv_dialog = dialog

    def open_debrief(self) -> None:
        from app.gui.review.debrief_dialog import DebriefDialog

        if self.debrief_dialog is not None and self.debrief_dialog.isVisible():
            self.debrief_dialog.raise_()
            return
        dialog = DebriefDialog(self.context, self.window())
        dialog.saved.connect(lambda _count: setattr(self, "_choose_debrief", True))
        dialog.show()
        dialog.activateWindow()
        self.debrief_dialog = dialog

    def reload_weak_spots(self) -> None:
        """Read the weak spots from the stored sessions again (in the background), e.g. after a session."""
        self.context.runner.run(
            weak_spots_of, self.context.database, on_done=self._weak_spots_loaded, name="find weak spots"
        )

    # ---- background results ------------------------------------------------------------------

    def _weak_spots_loaded(self, spots) -> None:  # type: ignore[no-untyped-def]
        self.weak_spots = spots
        focus = spots.focus()
        self.use_drill.setEnabled(bool(focus))
        self.drill_summary.setText(
            "\n".join(f"• {line}" for line in focus)
            if focus
            else "No weak spots yet: once a few answers are scored, practise what scored lowest here."
        )
        if not focus and self.use_drill.isChecked():
            self.use_track.setChecked(True)
        self._update()

    def _library_loaded(self, library) -> None:  # type: ignore[no-untyped-def]
        self.library = library
        current = self.track.currentData() if self.track.count() else None
        with self.track_binding.quiet():  # listing the sets again is not the person choosing one
            self.track.blockSignals(True)
            self.track.clear()
            for track, title, count in track_choices(library):
                self.track.addItem(f"{title} ({count} questions)", track)
            self.track.blockSignals(False)
            index = self.track.findData(self.context.settings.get(Key.PRACTICE_TRACK))
            self.track.setCurrentIndex(index if index >= 0 else max(self.track.findData(current), 0))
        self._show_examples()
        count = debrief_count(library)
        self.use_debrief.setEnabled(count > 0)
        self.debrief_note.setText(
            f"{count} question(s) you were asked in real interviews."
            if count
            else "No questions from your own interviews yet: after a real interview, choose “Debrief a real "
            "interview” and note the questions you were asked, to rehearse better answers."
        )
        if count and self._choose_debrief:
            self._choose_debrief = False
            self.use_debrief.setChecked(True)
        self._update()

    def _devices_listed(self, devices: Devices) -> None:
        self.devices = devices
        with self.camera_binding.quiet(), self.microphone_binding.quiet():  # listing is not choosing
            self.camera.clear()
            for index, name in devices.cameras:
                self.camera.addItem(name, index)
            self.camera.addItem("No camera (audio only)", None)
            self.microphone.clear()
            for name in devices.microphones:
                self.microphone.addItem(name, name)
            if not devices.microphones:
                self.microphone.addItem("No microphone found", None)
        self.camera_binding.show_current()
        self.microphone_binding.show_current()
        parts = []
        if not devices.cameras:
            parts.append("No camera was found: your answers will be recorded as audio only.")
        if not devices.microphones:
            parts.append(
                "No microphone was found"
                + (f" ({devices.microphone_problem})" if devices.microphone_problem else "")
                + ": connect one to record answers, type your answers, or use recordings instead."
            )
        self.device_status.setText(" ".join(parts) or "Camera and microphone found.")
        if not devices.microphones and not self.use_files.isChecked() and self.audio_file[1].text():
            self.use_files.setChecked(True)
        self._update()

    def _show_examples(self) -> None:
        library, track = self.library, self.track.currentData()
        if library is None or not track:
            self.examples.setText("")
            return
        questions = library.questions([track])[:3]
        self.examples.setText(
            "For example:\n" + "\n".join(f"• {q.text}" for q in questions) if questions else ""
        )

    # ---- the choice ---------------------------------------------------------------------------

    def choice(self) -> SetupChoice:
        source = self.questions.source()
        video = self.video_file[1].text().strip()
        audio = self.audio_file[1].text().strip()
        return SetupChoice(
            source=source,
            track=self.track.currentData() or "core",
            posting=self.posting.toPlainText(),
            count=self.count.value(),
            thinking_seconds=self.thinking.value(),
            answer_seconds=self.answer.value(),
            speak_questions=self.speak.isChecked(),
            use_files=self.use_files.isChecked(),
            video_file=Path(video) if video else None,
            audio_file=Path(audio) if audio else None,
            camera_index=self.camera.currentData(),
            microphone=self.microphone.currentData(),
            live_cues=self.live_cues.isChecked(),
            typed_answers=self.typed.isChecked(),
            category=self.category.currentData(),
            difficulty=self.difficulty.currentData(),
        )

    def _update(self) -> None:
        use_files = self.use_files.isChecked()
        typed = self.typed.isChecked()
        for widget in (self.camera, self.microphone):
            widget.setEnabled(not use_files and not typed and self.devices is not None)
        for row, _edit in (self.video_file, self.audio_file):
            row.setEnabled(use_files and not typed)
        for button in (self.use_devices, self.use_files):
            button.setEnabled(not typed)
        self.typed_note.setVisible(typed)
        self.posting.setVisible(self.use_posting.isChecked())
        self.posting_hint.setVisible(self.use_posting.isChecked())
        self.posting_hint.setText(posting_hint(self.posting.toPlainText()))
        self.preview_button.setVisible(self.use_posting.isChecked())
        self.preview.setVisible(self.use_posting.isChecked() and bool(self.preview.text()))
        words = len(self.posting.toPlainText().split())
        self.preview_button.setEnabled(self.library is not None and words >= MIN_POSTING_WORDS)
        self.track.setEnabled(self.use_track.isChecked())
        self.examples.setVisible(self.use_track.isChecked())
        self.drill_summary.setVisible(self.use_drill.isChecked() or not self.use_drill.isEnabled())
        for combo in (self.category, self.difficulty):  # the filters apply to a question set and a drill
            combo.setEnabled(self.use_track.isChecked() or self.use_drill.isChecked())
        ready = self.library is not None and (use_files or typed or self.devices is not None)
        problem = self.choice().problem() if ready else "Getting ready…"
        self.problem.setText(problem)
        self.continue_button.setEnabled(ready and not problem)

    def _preview_posting(self) -> None:
        """List the questions the posting gets and why each was picked (tailored in the background)."""
        if self.library is None:
            return
        posting, count = self.posting.toPlainText(), self.count.value()
        self.preview.setText("Choosing questions…")
        self.preview.setVisible(True)
        self.context.runner.run(
            posting_preview,
            posting,
            count,
            self.library,
            on_done=lambda text: self._show_preview(posting, text),
            name="questions for the posting",
        )

    def _show_preview(self, posting: str, text: str) -> None:
        if posting == self.posting.toPlainText():  # else the box changed meanwhile and the list is stale
            self.preview.setText(text)
            self.preview.setVisible(True)

    def _clear_preview(self) -> None:
        self.preview.setText("")
        self.preview.setVisible(False)

    def _continue(self) -> None:
        """Go on to the check. The settings are already saved (each widget saves its own changes)."""
        self._update()
        choice = self.choice()
        problem = self.problem.text() or choice.problem()
        if problem:
            self.problem.setText(problem)
            if choice.source == QuestionSource.POSTING and len(choice.posting.split()) < MIN_POSTING_WORDS:
                self.posting.setFocus()
            return
        self.context.settings.sync()
        self.continue_requested.emit(choice)

