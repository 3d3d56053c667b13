"""The self-rating form, shown right after an answer and before its measured results.

Rating first, without seeing the numbers, is what makes the later comparison (calibration) honest.
Each dimension is a row of five buttons (1-5), reachable with Tab and the arrow keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.session import SelfRating
from app.gui.theme import PAGE_MARGINS, SECTION_SPACING, SPACING, label
from app.session.labels import follow_up_label

DIMENSIONS = [
    ("delivery", "Delivery", "Pace, pauses, filler words, a varied voice"),
    ("body_language", "Body language", "Eye contact, posture, calm hands, a friendly face"),
    ("content", "Content", "A clear structure, a specific example, a result"),
    ("overall", "Overall", "How the answer would land with an interviewer"),
]


class RatingForm(QWidget):
    """Signals:
    rated(SelfRating): the person saved their rating.
    skipped(): the person went on without rating.
    """

    rated = Signal(object)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Rate your answer")
        self.title = label("How did that go?", "pageTitle")
        self.question = label("", "muted")
        intro = label(
            "Rate yourself before you see the measurements: comparing the two over time shows how "
            "well you judge your own answers. 1 = poor, 5 = excellent.",
            "muted",
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(SPACING)
        self.groups: dict[str, QButtonGroup] = {}
        for row, (key, title, hint) in enumerate(DIMENSIONS):
            name = label(title, "sectionTitle", wrap=False)
            grid.addWidget(name, row, 0)
            buttons = QHBoxLayout()
            group = QButtonGroup(self)
            for value in range(1, 6):
                button = QRadioButton(str(value))
                button.setAccessibleName(f"{title} {value} of 5")
                button.setObjectName(f"rate_{key}_{value}")
                group.addButton(button, value)
                buttons.addWidget(button)
            buttons.addStretch(1)
            self.groups[key] = group
            grid.addLayout(buttons, row, 1)
            grid.addWidget(label(hint, "muted"), row, 2)
        grid.setColumnStretch(2, 1)
        self.feeling = QLineEdit()
        self.feeling.setPlaceholderText("How did it feel? (optional) e.g. “rushed the ending”")
        self.feeling.setAccessibleName("How did it feel")
        self.save_button = QPushButton("Save rating and see results")
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip("Save your rating (Ctrl+Return)")
        self.save_button.clicked.connect(self._save)
        self.skip_button = QPushButton("Skip rating")
        self.skip_button.setToolTip("Go on without rating this answer")
        self.skip_button.clicked.connect(self.skipped.emit)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(intro)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addLayout(grid)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addWidget(label("How did it feel?", "sectionTitle"))
        layout.addWidget(self.feeling)
        layout.addStretch(1)
        layout.addLayout(actions)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._save)

    def reset(self, question_text: str, number: int, follow_up: bool = False) -> None:
        """Clear the form for the next answer; a follow-up is named as on every other screen."""
        heading = follow_up_label(number - 1) if follow_up else f"Question {number}"
        self.question.setText(f"{heading}: {question_text}")
        for group in self.groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.feeling.clear()
        self.groups["delivery"].button(1).setFocus()

    def rating(self) -> SelfRating:
        values = {
            key: (group.checkedId() if group.checkedId() > 0 else None) for key, group in self.groups.items()
        }
        return SelfRating(feeling=self.feeling.text().strip(), **values)

    def _save(self) -> None:
        if self.isVisible():
            self.rated.emit(self.rating())
