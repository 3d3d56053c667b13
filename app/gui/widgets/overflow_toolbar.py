"""A row of buttons that keeps the ones that fit and moves the rest, in order, into a "More" menu.

A page's toolbar with seven buttons needs ~850 px; in a 1024 px window (or at 125% scale) Qt would squeeze
every button below its text ("port recording", "elete answer.."). Here the buttons keep their full size:
those at the end that do not fit are hidden and offered, with their enabled state, in the More menu.
The buttons themselves stay the page's objects, so their signals, shortcuts and tests are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QMenu, QSizePolicy, QToolButton, QWidget


class OverflowToolbar(QWidget):
    """Buttons left to right; what does not fit goes into `more` (a menu button at the end)."""

    def __init__(self, buttons: Sequence[QAbstractButton], spacing: int = 6, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons = list(buttons)
        self.spacing = spacing
        self.more = QToolButton()
        self.more.setText("More")
        self.more.setAccessibleName("More actions")
        self.more.setToolTip("The actions that do not fit in this window's width")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.more)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.more.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        layout.addStretch(1)  # right-aligned, each button at its own width
        for button in self.buttons:
            layout.addWidget(button)
        layout.addWidget(self.more)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._arrange(self.sizeHint().width())

    def _height(self) -> int:
        return max(w.sizeHint().height() for w in [*self.buttons, self.more])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        widths = [button.sizeHint().width() for button in self.buttons]
        return QSize(sum(widths) + self.spacing * max(len(widths) - 1, 0), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Only the More button must fit: everything else can move into its menu."""
        return QSize(self.more.sizeHint().width(), self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def hidden_buttons(self) -> list[QAbstractButton]:
        """The buttons now offered in the More menu."""
        return [button for button in self.buttons if button.isHidden()]

    def _arrange(self, width: int) -> None:
        widths = [button.sizeHint().width() for button in self.buttons]
        if sum(widths) + self.spacing * max(len(widths) - 1, 0) <= width:
            keep = len(self.buttons)
        else:
            room = width - self.more.sizeHint().width()
            keep, used = 0, 0
            for button_width in widths:
                if used + button_width + self.spacing > room:
                    break
                used += button_width + self.spacing
                keep += 1
        for index, button in enumerate(self.buttons):
            button.setVisible(index < keep)
        self.more.setVisible(keep < len(self.buttons))

    def _fill_menu(self) -> None:
        self.menu.clear()
        for button in self.hidden_buttons():
            action = self.menu.addAction(button.text())
            action.setToolTip(button.toolTip())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        self.menu.setToolTipsVisible(True)
