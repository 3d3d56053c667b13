"""The form for one question of a user bank, with each validation message shown under its field.

The form only collects what the person typed and shows the messages it is given; the rules come from the
banks' validation (see app.session.bank_editing.question_problems). The exception is the example
phrasings box, whose lines (`2: I'd start by asking what they need`) the form reads itself: a line it
cannot place is added to the problems the form is shown, so the caller sees it too and does not save.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.banks.schema import MAX_TARGET_SECONDS, MIN_TARGET_SECONDS
from app.core.questions import DIFFICULTY_NAMES, MEDIUM, Category, Question
from app.gui.theme import SPACING, label
from app.session.bank_editing import (
    FIELD_LABELS,
    join_examples,
    split_examples,
    split_lines,
    split_terms,
)

CATEGORY_TITLES = {
    Category.BEHAVIORAL: "Behavioral (a real past example)",
    Category.SITUATIONAL: "Situational (what would you do)",
    Category.MOTIVATION: "Motivation and fit",
    Category.TECHNICAL: "Technical",
    Category.ROLE_SPECIFIC: "Role-specific",
    Category.CLOSING: "Closing",
}


def _text_box(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class QuestionForm(QWidget):
    """Edits one Question. `question(id)` builds it from the fields; `show_problems` marks the fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Question form")
        self.text = _text_box("Question text", "The question as the interviewer asks it", 2)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for category, title in CATEGORY_TITLES.items():
            self.category.addItem(title, category.value)
        self.competency = QLineEdit()
        self.competency.setAccessibleName("Competency")
        self.competency.setPlaceholderText("e.g. teamwork, conflict, ownership")
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName("Difficulty")
        for level, name in DIFFICULTY_NAMES.items():
            self.difficulty.addItem(name.capitalize(), level)
        self.target = QSpinBox()
        self.target.setAccessibleName("Target answer length in seconds")
        self.target.setRange(MIN_TARGET_SECONDS, MAX_TARGET_SECONDS)
        self.target.setSuffix(" s")
        self.target.setSingleStep(15)
        self.star = QCheckBox("A STAR story is expected (Situation, Task, Action, Result)")
        self.star.setAccessibleName("STAR answer expected")
        self.talking_points = _text_box(
            "Talking points, one per line", "What a strong answer covers: 3 to 6 points, one per line", 4
        )
        self.examples = _text_box(
            "Example phrasings, one per line starting with the talking point's number",
            "Optional: how a candidate might say a point, e.g.\n"
            "1: I've led a support team of eight for three years",
            3,
        )
        self.examples_hint = label(
            "Optional. One per line, starting with the number of the talking point it belongs to "
            "(1 is the first line above), then a colon: “2: I'd start by asking what they need.” "
            "Write them as a candidate would say them; they help the app recognise the point in an answer.",
            "muted",
        )
        self._example_problems: list[str] = []
        self.key_terms = QLineEdit()
        self.key_terms.setAccessibleName("Key terms, separated by commas")
        self.key_terms.setPlaceholderText("Words to listen for, separated by commas")
        self.follow_ups = _text_box(
            "Follow-up questions, one per line", "Optional probes the interviewer might add, one per line", 2
        )
        self.category.currentIndexChanged.connect(self._category_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._form())
        self.clear()

    def _form(self) -> QFormLayout:
        """Each field with its caption, and under it the place for its problem (hidden until there is one)."""
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setSpacing(SPACING // 2)
        widgets: dict[str, QWidget] = {
            "text": self.text,
            "category": self.category,
            "competency": self.competency,
            "difficulty": self.difficulty,
            "target_seconds": self.target,
            "star_expected": self.star,
            "talking_points": self.talking_points,
            "point_examples": self.examples,
            "key_terms": self.key_terms,
            "follow_ups": self.follow_ups,
        }
        self.fields = widgets
        for name, widget in widgets.items():
            error = label("", "fieldError")
            error.setAccessibleName(f"Problem with {FIELD_LABELS[name].lower()}")
            error.hide()
            self.errors[name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            if widget is self.examples:
                column.addWidget(self.examples_hint)
            column.addWidget(error)
            caption = "" if name == "star_expected" else f"{FIELD_LABELS[name]}:"
            form.addRow(caption, holder)
        return form

    def _category_changed(self, _index: int) -> None:
        if not self.text.toPlainText().strip():  # a new question: suggest STAR for a behavioral one
            self.star.setChecked(self.category.currentData() == Category.BEHAVIORAL.value)

    def clear(self) -> None:
        self.load(None)

    def load(self, question: Question | None) -> None:
        """Fill the fields from a question (None: an empty new question)."""
        q = question or Question(
            id="", text="", category=Category.BEHAVIORAL, competency="", star_expected=True
        )
        self.text.setPlainText(q.text)
        self.category.setCurrentIndex(max(0, self.category.findData(str(q.category))))
        self.competency.setText(q.competency)
        self.difficulty.setCurrentIndex(max(0, self.difficulty.findData(q.difficulty)))
        self.target.setValue(q.target_seconds if question is not None else 120)
        self.star.setChecked(q.star_expected)
        self.talking_points.setPlainText("\n".join(q.talking_points))
        self.examples.setPlainText(join_examples(q))
        self._example_problems = []
        self.key_terms.setText(", ".join(q.key_terms))
        self.follow_ups.setPlainText("\n".join(q.follow_ups))
        self.show_problems({})

    def question(self, question_id: str, track: str, bank_id: str, notes: str = "") -> Question:
        """The question as typed; example lines that cannot be placed are left out and kept as problems."""
        talking_points = split_lines(self.talking_points.toPlainText())
        examples, self._example_problems = split_examples(self.examples.toPlainText(), len(talking_points))
        return Question(
            id=question_id,
            text=" ".join(self.text.toPlainText().split()),
            category=Category(self.category.currentData()),
            competency=self.competency.text().strip(),
            difficulty=int(self.difficulty.currentData() or MEDIUM),
            target_seconds=self.target.value(),
            star_expected=self.star.isChecked(),
            talking_points=talking_points,
            point_examples=examples,
            key_terms=split_terms(self.key_terms.text()),
            follow_ups=split_lines(self.follow_ups.toPlainText()),
            track=track,
            bank_id=bank_id,
            notes=notes,
        )

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        """Each field's messages under it (and as its accessible description); focus the first one.

        The example lines the last `question()` could not place are added to `problems` itself (under
        "point_examples"), so a caller holding the same dict knows the question is not ready to save.
        """
        if self._example_problems:
            problems.setdefault("point_examples", [])[:0] = self._example_problems
        first: QWidget | None = None
        for name, error in self.errors.items():
            messages = problems.get(name, [])
            error.setText("\n".join(messages))
            error.setVisible(bool(messages))
            self.fields[name].setAccessibleDescription("; ".join(messages))
            if messages and first is None:
                first = self.fields[name]
        if first is not None:
            first.setFocus()

    def set_editable(self, editable: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(editable)
