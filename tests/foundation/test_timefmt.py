"""The one m:ss formatter and the one definition of an answer's length (issue 17, item 4)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.core.answer_length import AnswerLength
from app.core.timefmt import clock

APP = Path(__file__).resolve().parents[2] / "app"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.0, "0:00"), (5.4, "0:05"), (5.6, "0:06"), (5.5, "0:06"), (59.5, "1:00"), (65.2, "1:05"),
     (48.49, "0:48"), (4500.0, "75:00"), (-2.0, "0:00"), (None, "-")],
)
def test_clock_rounds_to_the_nearest_second(seconds: float | None, shown: str) -> None:
    assert clock(seconds) == shown


def test_countdown_never_reads_zero_early() -> None:
    pytest.importorskip("PySide6")
    from app.gui.widgets.countdown import clock_text

    assert [clock_text(s) for s in (0.2, 0.0, 59.01, 60.0)] == ["0:01", "0:00", "1:00", "1:00"]


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (AnswerLength(5.8, 48.3), "Spoke 0:06 of a 0:48 recording"),
        (AnswerLength(47.9, 48.3), "Spoke 0:48"),  # both read 0:48: nothing to set beside it
        (AnswerLength(None, 30.0), "No speech heard in a 0:30 recording"),
        (AnswerLength(None, 12.0, speech_measured=False), "A 0:12 recording; its speech was not measured"),
        (AnswerLength(None, None, typed=True), "Typed answer: no spoken length"),
    ],
)
def test_length_text(length: AnswerLength, text: str) -> None:
    assert length.text == text


def test_no_other_m_ss_formatter_in_the_app() -> None:
    """Six formatters that rounded differently made 0:48 and 0:49 of the same recording: one is left."""
    pattern = re.compile(r"(//\s*60|divmod\([^)]*60\)).*%\s*60|:02d")
    offenders = []
    for path in APP.rglob("*.py"):
        if path.name == "timefmt.py" or "cli" in path.parts:  # the CLI prints word times with decimals
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and pattern.search(ast.unparse(node)):
                offenders.append(f"{path.relative_to(APP)}:{node.lineno}")
    assert not offenders, offenders
