"""A score on the 1-5 scale, coloured by band, with its dimension name underneath."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.theme import palette_colours, score_colour


class ScoreBadge(QWidget):
    def __init__(self, title: str, score: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.score = score
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._describe()

    def set_score(self, score: float | None) -> None:
        self.score = score
        self._describe()
        self.update()

    @property
    def text(self) -> str:
        return "–" if self.score is None else f"{self.score:.1f}"

    def _describe(self) -> None:
        value = "not measured" if self.score is None else f"{self.score:.1f} out of 5"
        self.setAccessibleName(f"{self.title}: {value}")
        self.setToolTip(f"{self.title}: {value}")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        line = self.fontMetrics().height()
        return QSize(max(110, self.fontMetrics().horizontalAdvance(self.title) + 20), int(line * 5.2))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        colours = palette_colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.fontMetrics().height()
        diameter = min(self.width() - 8, int(line * 3.4))
        circle = QRectF((self.width() - diameter) / 2, 2, diameter, diameter)
        colour = QColor(score_colour(self.score))
        pen = QPen(colour)
        pen.setWidthF(max(3.0, diameter / 16))
        painter.setPen(pen)
        painter.setBrush(QColor(colours.surface))
        painter.drawEllipse(circle)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(colours.text))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.setFont(self.font())
        painter.setPen(QColor(colours.muted))
        below = QRectF(0, circle.bottom() + 4, self.width(), line * 1.4)
        painter.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.title)
