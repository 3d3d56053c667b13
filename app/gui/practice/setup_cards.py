"""The setup page's three cards: the questions, the timing, and the camera and microphone.

Each card builds and lays out its own controls and ties the remembered ones to their settings; the page
(app.gui.practice.setup_page) wires them to what happens (loading, previews, dialogs, Continue).
"""

from __future__ import annotations

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui.settings.controls import bind_check, bind_choice, bind_combo, bind_spin, bind_text
from app.gui.settings.keys import Key, Setting, Settings
from app.gui.theme import SPACING, label
from app.session.planning import CATEGORY_CHOICES, DIFFICULTY_CHOICES, QuestionSource, posting_hint


class Card(QFrame):
    """A titled card; its rows go into `rows`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(16, 12, 16, 16)
        self.rows.setSpacing(SPACING)
        self.rows.addWidget(label(title, "sectionTitle"))


def row(*widgets: QWidget) -> QWidget:
    """Widgets side by side, the first taking the spare width."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == 0 else 0)
    return holder


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


def _spin(low: int, high: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    return spin


class QuestionsCard(Card):
    """Where the questions come from (a set, a job posting, my interviews, my weak spots) and which kinds."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Questions", parent)
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
        self.posting_hint = label(posting_hint(""), "muted")
        self.posting_hint.setAccessibleName("About the job posting")
        self.preview_button = _button(
            "Show the questions and why", "Show the questions for this posting and why each was picked", ""
        )
        self.preview = label("", "muted")
        self.preview.setAccessibleName("Questions for this posting")
        self.cv_button = _button(
            "Check my CV against it…",
            "Check my CV against the posting",
            "What the posting asks that your CV lacks, slips, questions about it",
        )
        self.use_debrief = QRadioButton("From my interviews")
        self.debrief_note = label("", "muted")
        self.banks_button = _button(
            "My question banks…", "My question banks", "See, create, edit, import and export question banks"
        )
        self.debrief_button = _button(
            "Debrief a real interview…",
            "Debrief a real interview",
            "Note the questions a real interview asked, to practise them here",
        )
        self.use_drill = QRadioButton("My weak spots")
        self.use_drill.setToolTip("Questions to retry, your weakest competencies and lowest sub-scores")
        self.drill_summary = label("Looking at your earlier sessions…", "muted")
        self.drill_summary.setAccessibleName("Your weak spots")
        self._group_sources()
        self._filters()
        self._lay_out()

    def _group_sources(self) -> None:
        for value, button in (
            (QuestionSource.TRACK, self.use_track),
            (QuestionSource.POSTING, self.use_posting),
            (QuestionSource.DEBRIEF, self.use_debrief),
            (QuestionSource.DRILL, self.use_drill),
        ):
            button.setProperty("source", str(value))
            self.source_group.addButton(button)
        self.use_track.setChecked(True)

    def _filters(self) -> None:
        self.category = QComboBox()
        self.category.setAccessibleName("Kind of question")
        for text, value in CATEGORY_CHOICES:
            self.category.addItem(text, value)
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName("Difficulty")
        for text, difficulty in DIFFICULTY_CHOICES:
            self.difficulty.addItem(text, difficulty)
        self.examples = label("", "muted")
        self.examples.setAccessibleName("Example questions")

    def _lay_out(self) -> None:
        for widget in (
            self.use_track,
            row(self.track, self.banks_button),
            self.examples,
            row(self.use_posting, self.cv_button),
            self.posting,
            row(self.posting_hint, self.preview_button),
            self.preview,
            row(self.use_debrief, self.debrief_button),
            self.debrief_note,
            self.use_drill,
            self.drill_summary,
            row(self.category, self.difficulty),
        ):
            self.rows.addWidget(widget)
        self.rows.addStretch(1)

    def source(self) -> QuestionSource:
        checked = self.source_group.checkedButton()
        return QuestionSource(checked.property("source")) if checked is not None else QuestionSource.TRACK


class TimingCard(Card):
    """How many questions, thinking time, answer limit, read aloud, live cues."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Timing", parent)
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
        self.rows.addLayout(form)
        self.speak = QCheckBox("Read the questions aloud")
        bind_check(settings, Key.SPEAK_QUESTIONS, self.speak)
        self.live_cues = QCheckBox("Show live cues (a short cue at most every 20 s)")
        bind_check(settings, Key.LIVE_CUES, self.live_cues)
        self.rows.addWidget(self.speak)
        self.rows.addWidget(self.live_cues)


class DevicesCard(Card):
    """The camera and microphone, recordings standing in for them, or typed answers."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Camera and microphone", parent)
        self.settings = settings
        self.use_devices = QRadioButton("My camera and microphone")
        self.use_files = QRadioButton("Use recordings instead (a video and an audio file)")
        self.device_group = QButtonGroup(self)
        self.device_group.addButton(self.use_devices)
        self.device_group.addButton(self.use_files)
        bind_choice(settings, Key.USE_FILES, self.use_files, self.use_devices)
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
        self.typed = QCheckBox("Type my answers (no microphone needed)")
        self.typed.setAccessibleName("Type my answers")
        self.typed.setToolTip("Answer in a text box; nothing is recorded")
        bind_check(settings, Key.TYPED_ANSWERS, self.typed)
        self.typed_note = label(
            "Typed answers: only the content is analysed; delivery and body language are not measured.",
            "muted",
        )
        self.typed_note.setAccessibleName("Typed answers notice")
        self.rows.addWidget(self.use_devices)
        self.rows.addLayout(device_form)
        self.rows.addWidget(self.device_status)
        self.rows.addWidget(self.use_files)
        self.rows.addLayout(file_form)
        self.rows.addWidget(self.typed)
        self.rows.addWidget(self.typed_note)

    def _file_row(self, setting: Setting[str], name: str) -> tuple[QWidget, QLineEdit]:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText("Choose a file…")
        bind_text(self.settings, setting, edit)
        browse = QPushButton("Browse…")
        browse.setAccessibleName(f"Browse for {name.split(' ')[0].lower()} file")
        browse.clicked.connect(lambda: self._browse(edit))
        return row(edit, browse), edit

    def _browse(self, edit: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose a recording",
            edit.text(),
            "Recordings (*.mp4 *.mov *.mkv *.webm *.wav *.mp3 *.flac *.ogg *.m4a)",
        )
        if path:
            edit.setText(path)
