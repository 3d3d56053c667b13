"""The end of a session: what was answered, the mean scores, and the way to Review.

It follows the database: when an answer of the shown session changes elsewhere (Review's "Re-run
analysis"), the summary reloads the session, so its scores and lengths are the stored ones.
"""

from __future__ import annotations

import logging
from statistics import mean

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.answer_length import answer_length, speaking_text
from app.core.session import AnswerStatus, Session
from app.gui.context import AppContext
from app.gui.theme import PAGE_MARGINS, SECTION_SPACING, SPACING, label
from app.gui.widgets.score_badge import ScoreBadge
from app.session.labels import follow_up_label

log = logging.getLogger(__name__)

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

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session summary")
        self.context = context
        self.session: Session | None = None
        if context is not None:
            context.sessions_changed.append(self.reload)
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
        parts = [f"{len(answered)} answer{'s' if len(answered) != 1 else ''} recorded"]
        if follow_ups := sum(1 for a in answered if a.is_follow_up):
            parts[0] += f" ({follow_ups} to follow-up question{'s' if follow_ups != 1 else ''})"
        if speaking := speaking_text(answered):  # the answers' spoken spans added
            parts.append(speaking)
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
                result = f"overall {scores.overall:.1f}/5 · {answer_length(answer).text}"
            else:
                result = f"{answer.status} · {answer_length(answer).text}"
            attempt = f" (attempt {answer.attempt})" if answer.attempt > 1 else ""
            if answer.is_follow_up:  # under its question: "   ↳ Follow-up to Q2: How did you measure that?"
                label = follow_up_label(answer.position)
                lines.append(f"    ↳ {label}: {answer.question.text}{attempt} — {result}")
            else:
                lines.append(f"{answer.position + 1}. {answer.question.text}{attempt} — {result}")
        self.answers.setText("\n".join(lines) or "No answers were recorded.")

    def reload(self) -> None:
        """Show the stored state of the shown session again (its answers may have been re-analysed)."""
        context, session = self.context, self.session
        if context is None or context.database is None or session is None:
            return
        context.runner.run(
            context.database.load_session,
            session.id,
            on_done=self._reloaded,
            on_error=lambda error: log.info("session summary not reloaded: %r", error),  # e.g. deleted
            name="reload session summary",
        )

    def _reloaded(self, session: Session) -> None:
        if self.session is not None and session.id == self.session.id:
            self.show_session(session)
