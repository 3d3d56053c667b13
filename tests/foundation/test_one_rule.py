"""Rules live once (issue 16.3): the score bands and the dBFS level have one home each."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from app.capture.levels import rms_dbfs
from app.core.scores import score_band

APP = Path(__file__).resolve().parents[2] / "app"


def _sources_matching(pattern: str) -> list[str]:
    found = []
    for path in APP.rglob("*.py"):
        if re.search(pattern, path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(APP)))
    return sorted(found)


def test_score_bands_are_defined_once_and_read_the_same_on_screen_and_in_the_report() -> None:
    assert _sources_matching(r">=\s*3\.75|>=\s*2\.75") == []
    from app.report.context import score_class

    bands = [score_band(s) for s in (None, 1.0, 2.75, 3.7, 3.75, 5.0)]
    assert bands == ["na", "low", "mid", "mid", "high", "high"]
    assert all(score_class(s) == score_band(s) for s in (None, 2.0, 3.0, 4.0))


def test_dbfs_is_computed_in_one_place() -> None:
    assert _sources_matching(r"20(\.0)?\s*\*\s*(float\()?np\.log10\(rms\)") == ["capture/levels.py"]
    sine = np.sin(np.linspace(0, 200 * np.pi, 16000)).astype(np.float32)
    assert abs(rms_dbfs(sine) - (-3.01)) < 0.02 and rms_dbfs(np.zeros(10, np.float32)) == -90.0
