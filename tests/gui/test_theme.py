"""The themes keep controls visible: an unticked check box or radio button stands out from its card in light
and dark (issue 17.7: dark-mode check boxes were hard to see). Measured on the rendered pixels, against the
3:1 contrast that WCAG 1.4.11 asks of a control's boundary."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFrame,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
)

from app.gui.theme import DARK, LIGHT, apply_theme

pytestmark = [pytest.mark.gui]


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def themed(qapp):  # type: ignore[no-untyped-def]
    """Apply a theme for one test, then give the application back its own look."""
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    yield lambda choice: apply_theme(qapp, choice)
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _indicator_contrast(qtbot, button: QAbstractButton, background: str) -> float:  # type: ignore[no-untyped-def]
    card = QFrame()
    card.setObjectName("card")
    QVBoxLayout(card).addWidget(button)
    qtbot.addWidget(card)
    card.resize(240, 60)
    card.show()
    qtbot.waitExposed(card)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(button, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    rect = button.style().subElementRect(element, option, button).translated(button.pos())
    image = card.grab().toImage()
    ratio = image.devicePixelRatio()
    base = QColor(background)
    return max(
        _contrast(image.pixelColor(int(x * ratio), int(y * ratio)), base)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_unticked_controls_stand_out_from_their_card(qtbot, themed, theme: str, kind: type) -> None:  # type: ignore[no-untyped-def]
    themed(theme)
    colours = DARK if theme == "dark" else LIGHT
    button = kind("Show live cues")
    assert _indicator_contrast(qtbot, button, colours.surface) >= 3.0


def test_a_ticked_box_shows_its_tick_in_dark(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    themed("dark")
    box = QCheckBox("Read the questions aloud")
    box.setChecked(True)
    assert _indicator_contrast(qtbot, box, DARK.surface) >= 4.5
    assert QApplication.instance() is not None
