"""A large, calm clock: remaining time of the thinking or answering phase, with a thin progress line."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from app.core.timefmt import clock


def clock_text(seconds: float) -> str:
    """Time left, rounded up (0.2 s left still reads 0:01: the clock never shows 0 early)."""
    return clock(math.ceil(max(0.0, seconds)))


class Countdown(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("")
        self.caption.setObjectName("muted")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock = QLabel("0:00")
        self.clock.setObjectName("bigClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setAccessibleName("Time remaining")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(6)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Time used")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.clock)
        layout.addWidget(self.bar)

    def show_time(self, caption: str, remaining: float | None, total: float | None) -> None:
        self.caption.setText(caption)
        if remaining is None or not total:
            self.clock.setText("")
            self.bar.setValue(0)
            return
        self.clock.setText(clock_text(remaining))
        self.bar.setValue(int(1000 * (1 - remaining / total)))
