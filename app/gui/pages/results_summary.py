"""The end of a session: what was answered, the mean scores, and the way to Review."""

from __future__ import annotations

from statistics import mean

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.session import AnswerStatus, Session
from app.gui.theme import PAGE_MARGINS, SECTION_SPACING, SPACING, label
from app.gui.widgets.countdown import clock_text
from app.gui.widgets.score_badge import ScoreBadge

KEYS = (
    ("delivery", "Delivery"),
    ("body_language", "Body language"),
    ("content", "Content"),
    ("overall", "Overall"),
)


def mean_score(session: Session, key: str) -> float | None:
    values = [
        a.analysis.scores.score_of(key)
        for a in session.answers
        if a.analysis is not None and a.analysis.scores is not None
    ]
    measured = [v for v in values if v is not None]
    return round(mean(measured), 1) if measured else None


class SessionSummary(QWidget):
    """Signals:
    review_requested(str session id), again_requested().
    """

    review_requested = Signal(str)
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session summary")
        self.session: Session | None = None
        self.title = label("Session complete", "pageTitle")
        self.subtitle = label("", "muted")
        self.badges = {key: ScoreBadge(title) for key, title in KEYS}
        badges = QHBoxLayout()
        for badge in self.badges.values():
            badges.addWidget(badge)
        badges.addStretch(1)
        self.answers = label("")
        self.answers.setAccessibleName("Answers in this session")
        self.review_button = QPushButton("Open in Review")
        self.review_button.setObjectName("primary")
        self.review_button.setToolTip("Replay your answers with their transcript and feedback")
        self.review_button.clicked.connect(
            lambda: self.session and self.review_requested.emit(self.session.id)
        )
        self.again_button = QPushButton("Practise again")
        self.again_button.setToolTip("Back to the setup page")
        self.again_button.clicked.connect(self.again_requested.emit)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.again_button)
        actions.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addLayout(badges)
        layout.addSpacing(SECTION_SPACING // 2)
        layout.addWidget(label("Your answers", "sectionTitle"))
        layout.addWidget(self.answers)
        layout.addStretch(1)
        layout.addLayout(actions)

    def show_session(self, session: Session) -> None:
        self.session = session
        answered = [a for a in session.answers if a.status in (AnswerStatus.ANALYSED, AnswerStatus.RECORDED)]
        skipped = sum(1 for a in session.answers if a.status == AnswerStatus.SKIPPED)
        speaking = sum(a.duration_s for a in answered)
        parts = [
            f"{len(answered)} answer{'s' if len(answered) != 1 else ''} recorded",
            f"{clock_text(speaking)} of speaking",
        ]
        if skipped:
            parts.append(f"{skipped} skipped")
        self.subtitle.setText(
            f"{session.title} · " + " · ".join(parts) + ". Everything is saved on this computer."
        )
        for key, badge in self.badges.items():
            badge.set_score(mean_score(session, key))
        lines = []
        for answer in session.answers:
            scores = answer.analysis.scores if answer.analysis is not None else None
            if answer.status == AnswerStatus.SKIPPED:
                result = "skipped"
            elif scores is not None and scores.overall is not None:
                result = f"overall {scores.overall:.1f}/5"
            else:
                result = str(answer.status)
            attempt = f" (attempt {answer.attempt})" if answer.attempt > 1 else ""
            lines.append(f"{answer.position + 1}. {answer.question.text}{attempt} — {result}")
        self.answers.setText("\n".join(lines) or "No answers were recorded.")
