"""Two columns side by side when both fit the width, one above the other when they do not.

The setup page's cards need ~880 px side by side; at 1024x700 (or 1280x800 at 125%) the page has ~840. A
fixed grid would either scroll sideways or squash the rows; this widget stacks the columns instead and the
page scrolls down, as a narrow web page does.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class TwoColumns(QWidget):
    def __init__(self, left: QWidget, right: QWidget, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right, self.spacing = left, right, spacing
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)
        self.side_by_side: bool | None = None
        self._place(True)

    def _needed(self) -> int:
        """The width both columns need side by side."""
        return self.left.minimumSizeHint().width() + self.right.minimumSizeHint().width() + self.spacing

    def _place(self, side_by_side: bool) -> None:
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        self.grid.removeWidget(self.left)
        self.grid.removeWidget(self.right)
        self.grid.addWidget(self.left, 0, 0)
        self.grid.addWidget(self.right, 0 if side_by_side else 1, 1 if side_by_side else 0)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1 if side_by_side else 0)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """As narrow as the wider column: below the side-by-side width the columns stack."""
        width = max(self.left.minimumSizeHint().width(), self.right.minimumSizeHint().width())
        return QSize(width, self.grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._place(event.size().width() >= self._needed())
