"""A calm, professional look: Fusion with a light and a dark palette that follow the system's color scheme.

Colours are few and muted (a slate grey base, one blue accent, green/amber/red only for scores and the
recording light). Sizes are in points and layouts use `SPACING`, so the app stays readable at 200%
scaling (QT_SCALE_FACTOR=2). Widgets that need a colour ask `palette_colours()` instead of hard-coding one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from app.core.scores import score_band

log = logging.getLogger(__name__)

SPACING = 12  # between related controls
SECTION_SPACING = 24  # between groups
PAGE_MARGINS = (32, 24, 32, 24)


@dataclass(frozen=True)
class Colours:
    window: str
    surface: str  # cards, inputs
    text: str
    muted: str  # secondary text
    accent: str
    accent_text: str
    border: str
    good: str
    fair: str
    poor: str
    recording: str
    navigation: str
    control: str  # the edge of a check box or radio button: at least 3:1 against surface and window


LIGHT = Colours(
    window="#f4f5f7",
    surface="#ffffff",
    text="#1f2933",
    muted="#52606d",
    accent="#2f6fb3",
    accent_text="#ffffff",
    border="#d3d8de",
    good="#2e7d4f",
    fair="#a86b00",
    poor="#b3261e",
    recording="#c62828",
    navigation="#e8ebef",
    control="#6b7785",
)
DARK = Colours(
    window="#1e2227",
    surface="#272c33",
    text="#e6e9ed",
    muted="#a3acb6",
    accent="#6ea8e6",
    accent_text="#101418",
    border="#3a414a",
    good="#6cc58f",
    fair="#e0a840",
    poor="#ef7a70",
    recording="#ff5c5c",
    navigation="#181b1f",
    control="#95a0ad",
)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve_dark(choice: str) -> bool:
    """`choice` is the THEME setting: "system", "light" or "dark"."""
    if choice == "dark":
        return True
    if choice == "light":
        return False
    return system_is_dark()


_current = LIGHT
_style: QProxyStyle | None = None


def palette_colours() -> Colours:
    """The colours of the theme in use (light before `apply_theme` runs)."""
    return _current


def _palette(colours: Colours) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: colours.window,
        role.WindowText: colours.text,
        role.Base: colours.surface,
        role.AlternateBase: colours.window,
        role.Text: colours.text,
        role.Button: colours.surface,
        role.ButtonText: colours.text,
        role.Highlight: colours.accent,
        role.HighlightedText: colours.accent_text,
        role.ToolTipBase: colours.surface,
        role.ToolTipText: colours.text,
        role.PlaceholderText: colours.muted,
        role.Link: colours.accent,
        role.Mid: colours.border,
        role.Midlight: colours.border,
    }
    for palette_role, value in pairs.items():
        palette.setColor(palette_role, QColor(value))
    disabled = QColor(colours.muted)
    for palette_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, palette_role, disabled)
    return palette


_INDICATORS = {
    # Fusion draws these edges in the window colour made darker by this factor (qfusionstyle.cpp), which
    # on a dark card is nearly black on nearly black.
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: 140,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: 150,
}


class ThemeStyle(QProxyStyle):
    """Fusion with check box and radio button edges in the theme's `control` colour, visible in both themes.

    Only the palette Fusion reads for those edges changes, so the box, the tick, hover and focus are still
    Fusion's own (a style sheet for ::indicator would replace all of them and need images for the tick).
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(  # noqa: N802 - Qt API
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        factor = _INDICATORS.get(element)
        if factor is not None:
            option = type(option)(option)  # a copy: the caller's option stays as it was
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, QColor(_current.control).lighter(factor))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


def _translucent(colour: str, alpha: int = 90) -> str:
    """`colour` see-through: a progress bar's own text stays readable where the bar has filled."""
    value = QColor(colour)
    return f"rgba({value.red()}, {value.green()}, {value.blue()}, {alpha})"


def _style_sheet(c: Colours) -> str:
    return f"""
    QListWidget#navigation {{ background: {c.navigation}; border: none; border-right: 1px solid {c.border};
        padding-top: 12px; font-size: 11pt; outline: none; }}
    QListWidget#navigation::item {{ padding: 6px 14px; border-radius: 6px; margin: 2px 8px; }}
    QListWidget#navigation::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
    QLabel#pageTitle {{ font-size: 18pt; font-weight: 600; }}
    QLabel#sectionTitle {{ font-size: 12pt; font-weight: 600; }}
    QLabel#muted, QLabel#notice {{ color: {c.muted}; }}
    QLabel#fieldError {{ color: {c.poor}; }}
    QLabel#questionText {{ font-size: 17pt; font-weight: 500; }}
    QLabel#bigClock {{ font-size: 26pt; font-weight: 300; }}
    QLabel#liveCue {{ font-size: 16pt; font-weight: 600; color: {c.accent}; }}
    QLabel#recording {{ color: {c.recording}; font-weight: 600; }}
    QFrame#card {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px; }}
    QFrame#noticeBar {{ background: {c.surface}; border: 1px solid {c.border};
        border-left: 4px solid {c.fair};
        border-radius: 4px; }}
    QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid {c.border};
        background: {c.surface}; }}
    QPushButton:hover {{ border-color: {c.accent}; }}
    QPushButton:focus {{ border: 2px solid {c.accent}; }}
    QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
        font-weight: 600; }}
    QPushButton#primary:disabled {{ background: {c.border}; color: {c.muted};
        border-color: {c.border}; }}
    QProgressBar {{ border: 1px solid {c.border}; border-radius: 4px; background: {c.surface};
        text-align: center; }}
    QProgressBar::chunk {{ background: {c.accent}; border-radius: 3px; }}
    QProgressBar[textVisible="true"]::chunk {{ background: {_translucent(c.accent)}; }}
    QToolTip {{ padding: 4px; }}
    """


def apply_theme(app: QApplication, choice: str = "system") -> bool:
    """Apply the light or dark theme; returns True when dark. Safe to call again when the system changes."""
    global _current, _style
    dark = resolve_dark(choice)
    _current = DARK if dark else LIGHT
    _style = ThemeStyle()  # the application owns it (and deletes the one before); this keeps its Python side
    app.setStyle(_style)
    app.setPalette(_palette(_current))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    app.setStyleSheet(_style_sheet(_current))
    log.debug("theme: %s", "dark" if dark else "light")
    return dark


def follow_system(app: QApplication, choice_reader: object) -> None:
    """Re-apply the theme when the system switches between light and dark (only for the "system" choice)."""

    def changed(_scheme: Qt.ColorScheme) -> None:
        choice = choice_reader() if callable(choice_reader) else "system"
        if choice == "system":
            apply_theme(app, choice)

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)


def label(text: str, name: str = "", wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A plain-text label with an object name the style sheet knows (pageTitle, sectionTitle, muted...)."""
    widget = QLabel(text, parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    return widget


class ElidedLabel(QLabel):
    """One line of plain text cut to the label's width with "…", the whole text then in the tooltip.

    For titles beside narrow panes (Review's "Tips (click one to play that moment)" at 125% scale), where
    wrapping would need height the pane does not have.
    """

    def __init__(self, text: str = "", name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            self.setObjectName(name)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self.fontMetrics().horizontalAdvance("Tips…") + 2 * self.margin()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def score_colour(score: float | None) -> str:
    """Green/amber/red by the report's bands (app.core.scores.score_band), muted when not measured."""
    c = _current
    return {"high": c.good, "mid": c.fair, "low": c.poor, "na": c.muted}[score_band(score)]


def fit_to_screen(window: QWidget, width: int, height: int, share: float = 0.9) -> None:
    """Resize a dialog to `width` x `height`, or to `share` of its screen when that is smaller.

    A 1080x760 dialog on a 1024x700 screen (or 1280x800 at 125%, 1024x640 in Qt's units) would open with
    its buttons off the screen; its layouts scroll instead.
    """
    parent = window.parentWidget()
    screen = (parent or window).screen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(min(width, int(room.width() * share)), min(height, int(room.height() * share)))
