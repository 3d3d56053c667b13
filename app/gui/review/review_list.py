"""The Review page's list: sessions newest first, each opening onto its answers.

Interrupted and imported sessions are marked, so a half-finished session is not mistaken for a full one.
A follow-up's answer sits under the answer it follows up ("Follow-up to Q2").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.core.session import Answer, AnswerStatus, Session, SessionStatus
from app.session.history import local_time
from app.session.labels import follow_up_label

__all__ = ["SessionTree", "answer_label", "local_time", "session_label"]

SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
ANSWER_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_MARKS = {
    SessionStatus.INTERRUPTED: "interrupted",
    SessionStatus.IMPORTED: "imported",
    SessionStatus.IN_PROGRESS: "in progress",
}


def session_label(session: Session) -> str:
    mark = STATUS_MARKS.get(session.status)
    text = f"{local_time(session.created_at)} — {session.title or 'Practice session'}"
    return f"{text}  [{mark}]" if mark else text


def answer_label(answer: Answer) -> str:
    scores = answer.analysis.scores if answer.analysis is not None else None
    question = answer.question.text
    if len(question) > 70:
        question = question[:67].rstrip() + "…"
    attempt = f" (attempt {answer.attempt})" if answer.attempt > 1 else ""
    if answer.status == AnswerStatus.SKIPPED:
        result = "skipped"
    elif scores is not None and scores.overall is not None:
        result = f"{scores.overall:.1f}"
    else:
        result = "not analysed"
    if answer.is_follow_up:
        return f"{follow_up_label(answer.position)}{attempt}: {question} — {result}"
    return f"Q{answer.position + 1}{attempt}. {question} — {result}"


class SessionTree(QTreeWidget):
    """Signals:
    answer_selected(str, str): session id and answer id ("" when a session row is selected).
    """

    answer_selected = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Sessions and answers")
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.sessions: list[Session] = []
        self.currentItemChanged.connect(self._current_changed)

    def set_sessions(self, sessions: list[Session]) -> None:
        """Show `sessions` newest first, keeping the current selection when it still exists."""
        session_id, answer_id = self.selected_ids()
        self.sessions = sorted(sessions, key=lambda s: (s.created_at, s.id), reverse=True)
        self.blockSignals(True)
        self.clear()
        for session in self.sessions:
            item = QTreeWidgetItem([session_label(session)])
            item.setData(0, SESSION_ROLE, session.id)
            item.setToolTip(0, _session_tooltip(session))
            answer_items: dict[str, QTreeWidgetItem] = {}
            for answer in session.answers:
                child = QTreeWidgetItem([answer_label(answer)])
                child.setData(0, SESSION_ROLE, session.id)
                child.setData(0, ANSWER_ROLE, answer.id)
                child.setToolTip(0, answer.question.text)
                answer_items[answer.id] = child
                # a follow-up under its parent answer (under the session when the parent was deleted)
                answer_items.get(answer.parent_id, item).addChild(child)
            self.addTopLevelItem(item)
            item.setExpanded(True)
            for child in answer_items.values():
                child.setExpanded(True)
        self.blockSignals(False)
        if not self.select(session_id, answer_id) and self.sessions:
            first = self.sessions[0]
            self.select(first.id, first.answers[0].id if first.answers else "")

    def select(self, session_id: str, answer_id: str = "") -> bool:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item.data(0, SESSION_ROLE) != session_id:
                continue
            target = item.child(0) if not answer_id and item.childCount() else item
            for child in _descendants(item):
                if child.data(0, ANSWER_ROLE) == answer_id:
                    target = child
            self.setCurrentItem(target)
            return True
        return False

    def selected_ids(self) -> tuple[str, str]:
        item = self.currentItem()
        if item is None:
            return "", ""
        return str(item.data(0, SESSION_ROLE) or ""), str(item.data(0, ANSWER_ROLE) or "")

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    def answer(self, session_id: str, answer_id: str) -> Answer | None:
        session = self.session(session_id)
        if session is None:
            return None
        return next((a for a in session.answers if a.id == answer_id), None)

    def answer_items(self) -> list[QTreeWidgetItem]:
        """Every answer row, follow-ups (nested under their parent) included, in display order."""
        sessions = [self.topLevelItem(r) for r in range(self.topLevelItemCount())]
        return [child for session in sessions for child in _descendants(session)]

    def refresh_answer_label(self, answer: Answer) -> None:
        for item in self.answer_items():
            if item.data(0, ANSWER_ROLE) == answer.id:
                item.setText(0, answer_label(answer))

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            self.answer_selected.emit("", "")
            return
        self.answer_selected.emit(
            str(current.data(0, SESSION_ROLE) or ""), str(current.data(0, ANSWER_ROLE) or "")
        )


def _descendants(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []
    for index in range(item.childCount()):
        child = item.child(index)
        found.extend([child, *_descendants(child)])
    return found


def _session_tooltip(session: Session) -> str:
    lines = [
        session.title or "Practice session",
        f"Started {local_time(session.created_at)}",
        f"{len(session.answers)} answer(s)",
    ]
    if session.status == SessionStatus.INTERRUPTED:
        lines.append("The session was interrupted; the answers saved before are kept.")
    elif session.status == SessionStatus.IMPORTED:
        lines.append("Imported from a recording.")
    return "\n".join(lines)
