"""One answer's results, compact: a score per dimension with the metric behind each, the top tips with
their moments, what was heard, and the self-rating beside the measurement. The full report opens from here.

While the answer is still being analysed the same view shows a calm progress line instead.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.analysis_result import AnswerAnalysis, Tip
from app.core.answer_length import answer_length
from app.core.scores import DimensionScore, SubScore
from app.core.session import Answer
from app.core.timefmt import clock
from app.gui.theme import PAGE_MARGINS, SPACING, label, score_colour
from app.gui.widgets.content_evidence import HowJudgedNote
from app.gui.widgets.notice_bar import NoticeBar
from app.gui.widgets.score_badge import ScoreBadge
from app.report.content_evidence import evidence_sections
from app.report.context import format_value
from app.session.labels import follow_up_label, no_tips_text
from app.session.selfrating import comparison_text

MAX_TIPS = 3
TRANSCRIPT_CHARS = 600


def sub_score_line(sub: SubScore) -> str:
    """One metric as the report says it too (its value text comes from the report's one formatter)."""
    if sub.score is None:
        return f"{sub.label}: not measured{' (' + sub.reason + ')' if sub.reason else ''}"
    return f"{sub.label}: {format_value(sub)} — {sub.band} ({sub.score}/5)"


def tip_text(tip: Tip) -> str:
    """A tip with its moment in front, unless its sentence already says when ("At 0:07 you paused...")."""
    when = clock(tip.time) if tip.time is not None else ""
    return f"At {when}: {tip.text}" if when and when not in tip.text else tip.text


def _card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(6)
    return frame, layout


class AnswerResults(QWidget):
    """Signals:
    next_requested(), redo_requested(), report_requested(str answer id).
    """

    next_requested = Signal()
    redo_requested = Signal()
    report_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Answer results")
        self.answer: Answer | None = None
        self.title = label("Results", "pageTitle")
        self.question = label("", "muted")
        self.length = label("", "muted")
        self.length.setAccessibleName("Answer length")
        self.notices = NoticeBar()
        self.waiting = label("Analysing your answer: transcribing and measuring. This takes a few seconds.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Analysis progress")
        badges = self._badges()
        self.details = self._details()

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(SPACING)
        body.addWidget(self.waiting)
        body.addWidget(self.progress)
        body.addLayout(badges)
        body.addWidget(self.details)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.report_button = QPushButton("Open full report")
        self.report_button.setToolTip("The complete report of this answer, with charts, in your browser")
        self.report_button.clicked.connect(lambda: self.answer and self.report_requested.emit(self.answer.id))
        self.redo_button = QPushButton("Redo this question")
        self.redo_button.setToolTip("Answer the same question again (Ctrl+R)")
        self.redo_button.clicked.connect(self.redo_requested.emit)
        self.next_button = QPushButton("Next question")
        self.next_button.setObjectName("primary")
        self.next_button.setToolTip("Go on (Ctrl+N or Right)")
        self.next_button.clicked.connect(self.next_requested.emit)
        actions = QHBoxLayout()
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        actions.addWidget(self.redo_button)
        actions.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(self.length)
        layout.addWidget(self.notices)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

    def _badges(self) -> QHBoxLayout:
        self.badges = {
            key: ScoreBadge(title)
            for key, title in (
                ("delivery", "Delivery"),
                ("body_language", "Body language"),
                ("content", "Content"),
                ("overall", "Overall"),
            )
        }
        badges = QHBoxLayout()
        badges.setSpacing(SPACING)
        for badge in self.badges.values():
            badges.addWidget(badge)
        badges.addStretch(1)
        return badges

    def _details(self) -> QWidget:
        """The cards under the scores: their basis, the tips and the rating, coverage, the transcript."""
        self.basis_card, basis_layout = _card()
        basis_layout.addWidget(label("What the scores are based on", "sectionTitle"))
        self.basis = label("")
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        basis_layout.addWidget(self.basis)
        basis_layout.addStretch(1)
        self.tips_card, tips_layout = _card()
        tips_layout.addWidget(label("Try next time", "sectionTitle"))
        self.tips = label("")
        self.tips.setAccessibleName("Tips")
        tips_layout.addWidget(self.tips)
        tips_layout.addSpacing(SPACING)
        tips_layout.addWidget(label("Your rating and the measurement", "sectionTitle"))
        self.comparison = label("")
        tips_layout.addWidget(self.comparison)
        tips_layout.addStretch(1)
        self.transcript_card, transcript_layout = _card()
        self.transcript_title = label("What we heard", "sectionTitle")
        transcript_layout.addWidget(self.transcript_title)
        self.transcript = label("")
        self.transcript.setAccessibleName("Transcript")
        self.transcript.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        transcript_layout.addWidget(self.transcript)

        self.coverage_card, coverage_layout = _card()
        coverage_layout.addWidget(label("What your answer covered", "sectionTitle"))
        self.coverage = label("")
        self.coverage.setTextFormat(Qt.TextFormat.RichText)  # rows indent and wrap; the text is escaped
        self.coverage.setAccessibleName("Talking points and STAR parts")
        self.coverage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        coverage_layout.addWidget(self.coverage)
        self.how_judged = HowJudgedNote()
        coverage_layout.addWidget(self.how_judged)

        details = QGridLayout()
        details.setSpacing(SPACING)
        details.addWidget(self.basis_card, 0, 0)
        details.addWidget(self.tips_card, 0, 1)
        details.addWidget(self.coverage_card, 1, 0, 1, 2)
        details.addWidget(self.transcript_card, 2, 0, 1, 2)
        details.setColumnStretch(0, 3)
        details.setColumnStretch(1, 2)
        details.setContentsMargins(0, 0, 0, 0)
        widget = QWidget()
        widget.setLayout(details)
        return widget

    def show_waiting(self, number: int, question_text: str, moving_on: bool = False,
                     follow_up: bool = False) -> None:
        self.answer = None
        self.title.setText(f"{follow_up_label(number - 1) if follow_up else f'Question {number}'}: results")
        self.question.setText(question_text)
        self.length.setText("")
        self.waiting.setText(
            "Saving and analysing your answer: you will go on as soon as it is stored."
            if moving_on
            else "Analysing your answer: transcribing and measuring. This takes a few seconds."
        )
        for widget in (self.waiting, self.progress):
            widget.show()
        for badge in self.badges.values():
            badge.hide()
        self.details.hide()
        self.report_button.setEnabled(False)
        self.notices.show_notices([])

    def show_answer(self, number: int, answer: Answer, last: bool, notices: list[str],
                    follow_up_next: bool = False) -> None:
        """`follow_up_next`: Next asks this answer's follow-up (said on the button and above the scores)."""
        self.answer = answer
        heading = follow_up_label(answer.position) if answer.is_follow_up else f"Question {number}"
        self.title.setText(f"{heading}: results")
        self.question.setText(answer.question.text)
        self.length.setText(answer_length(answer).text)
        self.waiting.hide()
        self.progress.hide()
        self.details.show()
        self.report_button.setEnabled(answer.analysis is not None)
        self.next_button.setText(
            "Follow-up question" if follow_up_next else "Finish session" if last else "Next question"
        )
        analysis = answer.analysis
        if follow_up_next and analysis is not None and analysis.follow_up is not None:
            notices = [*notices, f"The interviewer has a follow-up question. {analysis.follow_up.reason}"]
        self.notices.show_notices(notices)
        scores = analysis.scores if analysis is not None else None
        for key, badge in self.badges.items():
            badge.set_score(scores.score_of(key) if scores is not None else None)
            badge.show()
        if scores is None:
            self.basis.setText(
                "This answer could not be analysed; its recording is kept and can be re-analysed in Review."
            )
        else:
            self.basis.setText("\n\n".join(self._dimension_text(d) for d in scores.dimensions()))
        tips = sorted(analysis.tips, key=lambda t: -t.impact)[:MAX_TIPS] if analysis is not None else []
        self.tips.setText("\n\n".join(tip_text(tip) for tip in tips) or no_tips_text(scores))
        self.comparison.setText(comparison_text(answer))
        coverage = self._coverage_text(analysis)
        self.coverage.setText(coverage)
        self.coverage_card.setVisible(bool(coverage))
        words = analysis.transcript.text.strip() if analysis is not None and analysis.transcript else ""
        if len(words) > TRANSCRIPT_CHARS:
            words = words[:TRANSCRIPT_CHARS].rsplit(" ", 1)[0] + " …"
        self.transcript.setText(words or "No speech was recognised in this answer.")
        typed = bool(analysis is not None and analysis.transcript and analysis.transcript.typed)
        self.transcript_title.setText("What you typed" if typed else "What we heard")

    @staticmethod
    def _dimension_text(dimension: DimensionScore) -> str:
        head = f"{dimension.label}: " + (
            "not measured" if dimension.score is None else f"{dimension.score:.1f}/5"
        )
        if dimension.score is None and dimension.reason:
            return f"{head} — {dimension.reason}"
        lines = [f"  • {sub_score_line(sub)}" for sub in dimension.sub_scores]
        if dimension.note:
            lines.insert(0, f"  Capped: {dimension.note}")
        return "\n".join([head, *lines])

    @staticmethod
    def _coverage_text(analysis: AnswerAnalysis | None) -> str:
        """Each talking point and STAR part and the sentence that carried it, as rich text whose long
        sentences wrap under their own indent (no times for typed answers)."""
        if analysis is None or analysis.content is None:
            return ""
        typed = bool(analysis.transcript and analysis.transcript.typed)
        parts = []
        for title, rows in evidence_sections(analysis.content, typed):
            parts.append(f"<p style='margin: 6px 0 2px 0'><b>{escape(title)}</b></p>")
            for row in rows:
                parts.append(f"<p style='margin: 0 0 0 12px'>{escape(row.heading, quote=False)}</p>")
                if row.said:
                    said = escape(row.said, quote=False)
                    parts.append(f"<p style='margin: 0 0 4px 30px; font-style: italic'>{said}</p>")
        return "".join(parts)

    def badge_colour(self, key: str) -> str:
        return score_colour(self.badges[key].score)
