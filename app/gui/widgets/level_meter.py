"""An input level meter: a horizontal bar from -60 dBFS (silence) to 0 dBFS, with a readable label."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.theme import palette_colours

FLOOR_DBFS = -60.0
SPEECH_DBFS = -40.0  # normal speech close to a microphone is above this


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Microphone level")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._dbfs = FLOOR_DBFS
        self.peak_dbfs = FLOOR_DBFS  # loudest level since `reset_peak` (tests and the "we hear you" hint)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(200, max(14, self.fontMetrics().height()))

    @property
    def level_dbfs(self) -> float:
        return self._dbfs

    def set_level(self, dbfs: float) -> None:
        dbfs = max(FLOOR_DBFS, min(0.0, float(dbfs)))
        # Fall slowly, rise at once, like a hardware meter, so speech does not flicker.
        self._dbfs = dbfs if dbfs > self._dbfs else max(dbfs, self._dbfs - 3.0)
        self.peak_dbfs = max(self.peak_dbfs, dbfs)
        self.setAccessibleDescription(f"{self._dbfs:.0f} dB")
        self.update()

    def reset_peak(self) -> None:
        self.peak_dbfs = FLOOR_DBFS

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        colours = palette_colours()
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QColor(colours.border))
        painter.setBrush(QColor(colours.surface))
        painter.drawRoundedRect(rect, 4, 4)
        fraction = (self._dbfs - FLOOR_DBFS) / -FLOOR_DBFS
        if fraction > 0:
            colour = colours.good if self._dbfs < -6 else colours.poor
            painter.setPen(QColor(colour))
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(
                QRectF(rect.left(), rect.top(), rect.width() * fraction, rect.height()), 4, 4
            )
