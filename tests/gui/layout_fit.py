"""Does every visible text fit its widget? Used by tests/gui/test_layout_fit.py and the x11 walkthrough.

`misfits(root)` lists what a person would see as broken in the window as it is laid out now:
- a button, check box or radio button whose text is wider than the room its style leaves for it
  (QFontMetrics width against the style's contents rectangle, stylesheet padding included), or that is empty;
- a label whose text is wider (or, word-wrapped, taller) than its contents rectangle, unless it is elided
  ("…" at the end) and carries a tooltip with the whole text;
- a column header whose title is wider than its section, or cut by the pane's edge;
- a page (scroll area) that scrolls sideways: forms and cards fit the width, only lists and tables scroll;
- a widget squashed below the minimum size its layout promises it (the size policy's rule, as QLayout uses).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import (
    QFontMetrics,
    Qt,  # QtGui's Qt namespace also has mightBeRichText
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QWidget,
)

TOLERANCE = 1  # pixels: rounding in font metrics
BUTTON_TOLERANCE = 2  # a button's text is centred: 1 px off each side is the glyphs' own side bearing


def describe(widget: QWidget) -> str:
    """Class, object or accessible name and the first words of its text: enough to find it in the code."""
    name = widget.objectName() or widget.accessibleName()
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = " ".join(widget.text().split())[:50]
    parts = [type(widget).__name__]
    if name:
        parts.append(f"#{name}")
    if text:
        parts.append(repr(text))
    return " ".join(parts)


def _button_need(button: QAbstractButton) -> int:
    """The width the button needs for its text: QFontMetrics' text size plus what its style adds around
    it (stylesheet padding and border, a check box's indicator), computed as QPushButton::sizeHint does."""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    text = QFontMetrics(button.font()).size(Qt.TextFlag.TextShowMnemonic.value, button.text())
    width, height = text.width(), text.height()
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
        height = max(height, button.iconSize().height())
    if isinstance(button, QCheckBox):
        kind = QStyle.ContentsType.CT_CheckBox
    elif isinstance(button, QRadioButton):
        kind = QStyle.ContentsType.CT_RadioButton
    else:
        kind = QStyle.ContentsType.CT_PushButton
        if isinstance(button, QPushButton) and button.menu() is not None:
            width += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    return button.style().sizeFromContents(kind, option, QSize(width, height), button).width()


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(button, QToolButton) and (
        button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly or not text
    ):
        return None if not button.icon().isNull() or text else "shows neither text nor icon"
    if not text:
        return None if not button.icon().isNull() else "is an empty button"
    need = button.sizeHint().width() if isinstance(button, QToolButton) else _button_need(button)
    if button.width() + BUTTON_TOLERANCE < need:
        return f"text needs {need} px with its padding, has {button.width()} px"
    return None


def _rich(label: QLabel) -> bool:
    if label.textFormat() == Qt.TextFormat.RichText:
        return True
    if label.textFormat() == Qt.TextFormat.AutoText:
        return Qt.mightBeRichText(label.text())
    return False


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or not label.pixmap().isNull():
        return None
    if text.endswith("…") and label.toolTip().strip():
        return None  # elided on purpose; the tooltip holds the whole text
    area = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    width, height = area.width(), area.height()
    if _rich(label):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(width)
            need_w, need_h = document.idealWidth(), document.size().height()
        else:
            need_w, need_h = document.idealWidth(), document.size().height()
    else:
        metrics = QFontMetrics(label.font())
        flags = int(label.alignment().value) | (
            int(Qt.TextFlag.TextWordWrap.value) if label.wordWrap() else 0
        )
        bounds = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, text)
        need_w, need_h = bounds.width(), bounds.height()
    if need_w > width + TOLERANCE:
        return f"text needs {need_w:.0f} px wide, has {width} px"
    if need_h > height + TOLERANCE + 1:
        return f"text needs {need_h:.0f} px high, has {height} px"
    return None


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or not header.isVisible():
        return []
    orientation = header.orientation()
    metrics = QFontMetrics(header.font())
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    found = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical) or orientation != Qt.Orientation.Horizontal:
            continue
        text = str(model.headerData(logical, orientation, Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        need = metrics.horizontalAdvance(text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            need += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        size = header.sectionSize(logical)
        start = header.sectionViewportPosition(logical)
        shown = min(size, header.width() - start) if start < header.width() else size
        if need > size + TOLERANCE:
            found.append(f"column {text!r} needs {need} px, has {size} px")
        elif start < header.width() and need > shown + TOLERANCE:  # the pane's edge cuts the title
            found.append(f"column {text!r} is cut by the pane's edge: {shown} of {need} px shown")
    return found


def _smallest(widget: QWidget) -> tuple[int, int]:
    """The size below which a layout would be squashing `widget` (qSmartMinSize in qlayoutengine.cpp)."""
    hint, least = widget.sizeHint(), widget.minimumSizeHint()
    policy = widget.sizePolicy()
    result = []
    for horizontal in (True, False):
        kind = policy.horizontalPolicy() if horizontal else policy.verticalPolicy()
        explicit = widget.minimumWidth() if horizontal else widget.minimumHeight()
        preferred = hint.width() if horizontal else hint.height()
        minimum = least.width() if horizontal else least.height()
        if explicit > 0:
            value = explicit
        elif kind == QSizePolicy.Policy.Ignored:
            value = 0
        elif kind.value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
            value = minimum
        else:
            value = max(preferred, minimum)
        ceiling = widget.maximumWidth() if horizontal else widget.maximumHeight()
        result.append(max(min(value, ceiling), 0))  # a maximum below the hint is a choice (a thin line)
    return result[0], result[1]


def _squashed(widget: QWidget) -> str | None:
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if layout is None or layout.indexOf(widget) < 0:
        return None  # placed by a splitter, a stack or a scroll area: they keep to their own rules
    if isinstance(widget, QLabel) and widget.wordWrap():
        return None  # a wrapped label's height depends on its width; the text check covers it
    least_w, least_h = _smallest(widget)
    if widget.width() + TOLERANCE < least_w or widget.height() + TOLERANCE < least_h:
        return f"squashed to {widget.width()}x{widget.height()}, needs at least {least_w}x{least_h}"
    return None


def misfits(root: QWidget) -> list[str]:
    """Every visible widget under `root` (itself included) whose text does not fit or that is squashed."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        problems: list[str] = []
        if isinstance(widget, QAbstractButton):
            problems.append(_button_problem(widget) or "")
        elif isinstance(widget, QLabel):
            problems.append(_label_problem(widget) or "")
        elif isinstance(widget, QHeaderView):
            problems.extend(_header_problems(widget))
        elif isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            content = widget.widget()
            need = content.minimumSizeHint().width() if content is not None else 0
            problems.append(f"scrolls sideways: its page needs {need} px, has {widget.viewport().width()} px")
        if not isinstance(widget, QHeaderView) and not _inside_viewport_only(widget):
            problems.append(_squashed(widget) or "")
        found.extend(f"{describe(widget)}: {problem}" for problem in problems if problem)
    return found


def _inside_viewport_only(widget: QWidget) -> bool:
    """Scroll bars and viewports of scroll areas are sized by the area itself."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractScrollArea) or (
        parent is not None
        and isinstance(parent.parentWidget(), QAbstractScrollArea)
        and parent.objectName() in ("qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer")
    )
