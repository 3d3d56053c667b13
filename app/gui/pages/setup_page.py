"""Home / setup: what to practise (a track, a pasted job posting, or "From my interviews"), how long,
and with which camera and microphone (or recordings standing in for them).

Banks and devices are listed in the background when the page opens; the page never waits for them.
Every remembered choice is tied to its setting (app.gui.setting_controls): a change here is saved at once
and a change made in Settings shows here at once, so Continue has nothing left to save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.pages.setup_model import (
    CATEGORY_CHOICES,
    DIFFICULTY_CHOICES,
    MIN_POSTING_WORDS,
    Devices,
    QuestionSource,
    SetupChoice,
    debrief_count,
    list_devices,
    posting_hint,
    posting_preview,
    track_choices,
    weak_spots_of,
)
from app.gui.setting_controls import bind_check, bind_choice, bind_combo, bind_spin, bind_text
from app.gui.settings import Key, Setting
from app.gui.theme import PAGE_MARGINS, SPACING, label
from app.gui.widgets.two_columns import TwoColumns

if TYPE_CHECKING:
    from app.gui.pages.banks_dialog import BanksDialog
    from app.gui.pages.cv_dialog import CvDialog
    from app.gui.pages.debrief_dialog import DebriefDialog


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 16)
    layout.setSpacing(SPACING)
    layout.addWidget(label(title, "sectionTitle"))
    return frame, layout


def _row(*widgets: QWidget) -> QWidget:
    """Widgets side by side, the first taking the spare width."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == 0 else 0)
    return row


def _spin(low: int, high: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    return spin


class SetupPage(QWidget):
    """Signals:
    continue_requested(SetupChoice): go to the pre-session check.
    """

    continue_requested = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Practice setup")
        settings = context.settings
        self.devices: Devices | None = None
        self.library = None

        # ---- questions ----
        questions_card, questions = _card("Questions")
        self.source_group = QButtonGroup(self)
        self.use_track = QRadioButton("A question set")
        self.track = QComboBox()
        self.track.setAccessibleName("Question set")
        self.track.addItem("Loading question sets…", None)
        self.track_binding = bind_combo(settings, Key.PRACTICE_TRACK, self.track)
        self.use_posting = QRadioButton("Questions for a job posting")
        self.posting = QPlainTextEdit()
        self.posting.setPlaceholderText(
            "Paste the job posting here: the questions and their key terms are chosen to match it."
        )
        self.posting.setAccessibleName("Job posting")
        self.posting.textChanged.connect(self._update)
        self.posting_hint = label(posting_hint(""), "muted")
        self.posting_hint.setAccessibleName("About the job posting")
        self.preview_button = QPushButton("Show the questions and why")
        self.preview_button.setAccessibleName("Show the questions for this posting and why each was picked")
        self.preview_button.clicked.connect(self._preview_posting)
        self.preview = label("", "muted")
        self.preview.setAccessibleName("Questions for this posting")
        self.posting.textChanged.connect(self._clear_preview)
        self.cv_button = QPushButton("Check my CV against it…")
        self.cv_button.setAccessibleName("Check my CV against the posting")
        self.cv_button.setToolTip("What the posting asks that your CV lacks, slips, questions about it")
        self.cv_button.clicked.connect(self.open_cv)
        self.cv_dialog: CvDialog | None = None
        self.use_debrief = QRadioButton("From my interviews")
        self.debrief_note = label("", "muted")
        self.banks_button = QPushButton("My question banks…")
        self.banks_button.setAccessibleName("My question banks")
        self.banks_button.setToolTip("See, create, edit, import and export question banks")
        self.banks_button.clicked.connect(self.open_banks)
        self.debrief_button = QPushButton("Debrief a real interview…")
        self.debrief_button.setAccessibleName("Debrief a real interview")
        self.debrief_button.setToolTip("Note the questions a real interview asked, to practise them here")
        self.debrief_button.clicked.connect(self.open_debrief)
        self.banks_dialog: BanksDialog | None = None
        self.debrief_dialog: DebriefDialog | None = None
        self._choose_debrief = False  # select "From my interviews" once the saved debrief is loaded
        for value, button in (
            (QuestionSource.TRACK, self.use_track),
            (QuestionSource.POSTING, self.use_posting),
            (QuestionSource.DEBRIEF, self.use_debrief),
        ):
            button.setProperty("source", str(value))
            self.source_group.addButton(button)
        self.use_track.setChecked(True)
        self.source_group.buttonToggled.connect(lambda *_: self._update())
        self.use_drill = QRadioButton("My weak spots")
        self.use_drill.setProperty("source", str(QuestionSource.DRILL))
        self.use_drill.setToolTip("Questions to retry, your weakest competencies and lowest sub-scores")
        self.source_group.addButton(self.use_drill)
        self.drill_summary = label("Looking at your earlier sessions…", "muted")
        self.drill_summary.setAccessibleName("Your weak spots")
        self.weak_spots = None
        self.category = QComboBox()
        self.category.setAccessibleName("Kind of question")
        for text, value in CATEGORY_CHOICES:
            self.category.addItem(text, value)
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName("Difficulty")
        for text, value in DIFFICULTY_CHOICES:
            self.difficulty.addItem(text, value)
        self.examples = label("", "muted")
        self.examples.setAccessibleName("Example questions")
        self.track.currentIndexChanged.connect(lambda _i: self._show_examples())
        for widget in (
            self.use_track,
            _row(self.track, self.banks_button),
            self.examples,
            _row(self.use_posting, self.cv_button),
            self.posting,
            _row(self.posting_hint, self.preview_button),
            self.preview,
            _row(self.use_debrief, self.debrief_button),
            self.debrief_note,
            self.use_drill,
            self.drill_summary,
            _row(self.category, self.difficulty),
        ):
            questions.addWidget(widget)
        questions.addStretch(1)

        # ---- timing ----
        timing_card, timing = _card("Timing")
        form = QFormLayout()
        form.setSpacing(SPACING)
        self.count = _spin(1, 30, "", "Number of questions")
        self.thinking = _spin(0, 300, " s", "Thinking time in seconds")
        self.answer = _spin(0, 900, " s", "Answer time limit in seconds")
        self.answer.setSingleStep(15)
        self.answer.setSpecialValueText("Per question")  # 0: each question's own limit (1.5x its target)
        self.answer.setToolTip("“Per question”: each answer stops at 1.5 times its question's target length")
        bind_spin(settings, Key.QUESTION_COUNT, self.count)
        bind_spin(settings, Key.THINKING_SECONDS, self.thinking)
        bind_spin(settings, Key.ANSWER_SECONDS, self.answer)
        form.addRow("Questions", self.count)
        form.addRow("Thinking time", self.thinking)
        form.addRow("Answer limit", self.answer)
        timing.addLayout(form)
        self.speak = QCheckBox("Read the questions aloud")
        bind_check(settings, Key.SPEAK_QUESTIONS, self.speak)
        self.live_cues = QCheckBox("Show live cues (a short cue at most every 20 s)")
        bind_check(settings, Key.LIVE_CUES, self.live_cues)
        timing.addWidget(self.speak)
        timing.addWidget(self.live_cues)

        # ---- devices ----
        devices_card, devices = _card("Camera and microphone")
        self.use_devices = QRadioButton("My camera and microphone")
        self.use_files = QRadioButton("Use recordings instead (a video and an audio file)")
        self.device_group = QButtonGroup(self)
        self.device_group.addButton(self.use_devices)
        self.device_group.addButton(self.use_files)
        bind_choice(settings, Key.USE_FILES, self.use_files, self.use_devices)
        self.device_group.buttonToggled.connect(lambda *_: self._update())
        self.camera = QComboBox()
        self.camera.setAccessibleName("Camera")
        self.camera_binding = bind_combo(settings, Key.CAMERA_INDEX, self.camera)
        self.microphone = QComboBox()
        self.microphone.setAccessibleName("Microphone")
        self.microphone_binding = bind_combo(settings, Key.MICROPHONE, self.microphone)
        self.device_status = label("Looking for a camera and a microphone…", "muted")
        device_form = QFormLayout()
        device_form.addRow("Camera", self.camera)
        device_form.addRow("Microphone", self.microphone)
        self.video_file = self._file_row(Key.DEMO_VIDEO, "Video file (stands in for the camera)")
        self.audio_file = self._file_row(Key.DEMO_AUDIO, "Audio file (stands in for the microphone)")
        file_form = QFormLayout()
        file_form.addRow("Video", self.video_file[0])
        file_form.addRow("Audio", self.audio_file[0])
        devices.addWidget(self.use_devices)
        devices.addLayout(device_form)
        devices.addWidget(self.device_status)
        devices.addWidget(self.use_files)
        devices.addLayout(file_form)
        self.typed = QCheckBox("Type my answers (no microphone needed)")
        self.typed.setAccessibleName("Type my answers")
        self.typed.setToolTip("Answer in a text box; nothing is recorded")
        bind_check(settings, Key.TYPED_ANSWERS, self.typed)
        self.typed.toggled.connect(lambda _on: self._update())
        self.typed_note = label(
            "Typed answers: only the content is analysed; delivery and body language are not measured.",
            "muted",
        )
        self.typed_note.setAccessibleName("Typed answers notice")
        devices.addWidget(self.typed)
        devices.addWidget(self.typed_note)

        self.problem = label("", "notice")
        self.problem.setAccessibleName("What is missing")
        self.continue_button = QPushButton("Continue to the check")
        self.continue_button.setObjectName("primary")
        self.continue_button.setToolTip("Check your picture, sound and voice before the interview starts")
        self.continue_button.clicked.connect(self._continue)
        actions = QHBoxLayout()
        actions.addWidget(self.problem, 1)
        actions.addWidget(self.continue_button)

        right_column = QWidget()
        right = QVBoxLayout(right_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(SPACING)
        right.addWidget(timing_card)
        right.addWidget(devices_card)
        right.addStretch(1)
        grid = TwoColumns(questions_card, right_column, SPACING)  # stacked when side by side does not fit
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
        self._update()
        self.reload_banks()
        context.banks_changed.append(self.reload_banks)
        self.reload_weak_spots()
        context.sessions_changed.append(self.reload_weak_spots)
        context.runner.run(list_devices, on_done=self._devices_listed, name="list devices")

    def _file_row(self, setting: Setting[str], name: str) -> tuple[QWidget, QLineEdit]:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText("Choose a file…")
        bind_text(self.context.settings, setting, edit)
        edit.textChanged.connect(lambda _text: self._update())
        browse = QPushButton("Browse…")
        browse.setAccessibleName(f"Browse for {name.split(' ')[0].lower()} file")
        browse.clicked.connect(lambda: self._browse(edit))
        layout.addWidget(edit, 1)
        layout.addWidget(browse)
        return row, edit

    def _browse(self, edit: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose a recording",
            edit.text(),
            "Recordings (*.mp4 *.mov *.mkv *.webm *.wav *.mp3 *.flac *.ogg *.m4a)",
        )
        if path:
            edit.setText(path)

    # ---- question banks and debriefs ------------------------------------------------------------

    def reload_banks(self) -> None:
        """List the banks again (in the background), e.g. after a bank or a debrief was saved."""
        self.context.runner.run(_load_library, on_done=self._library_loaded, name="load question banks")

    def open_banks(self) -> None:
        from app.gui.pages.banks_dialog import open_banks_dialog

        self.banks_dialog = open_banks_dialog(self.context, self.window(), self.banks_dialog)

    def open_cv(self) -> None:
        from app.gui.pages.cv_dialog import open_cv_dialog

        dialog = open_cv_dialog(self.context, self.window(), self.posting.toPlainText(), self.cv_dialog)
        if dialog is not self.cv_dialog:  # the saved "From my CV" set becomes the choice (its track is set)
            dialog.practise_requested.connect(lambda _track: self.use_track.setChecked(True))
        self.cv_dialog = dialog

    def open_debrief(self) -> None:
        from app.gui.pages.debrief_dialog import DebriefDialog

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
        source = QuestionSource(self.source_group.checkedButton().property("source"))
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


def _load_library():  # type: ignore[no-untyped-def]
    from app.banks.loader import load_all_banks

    return load_all_banks()
