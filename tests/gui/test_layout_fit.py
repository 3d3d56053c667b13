"""Every page, view, tab and dialog fits the smallest supported screens (issue 17, item 6).

The smallest supported screens are 1024x700 at 100% and 1280x800 at 125% (QT_SCALE_FACTOR=1.25, which Qt
lays out as 1024x640). Each size and theme runs in its own process, because the scale factor only applies
before Qt starts: tests/gui/layout_walk.py opens the real main window on an offscreen screen of that size,
with real stored sessions (an analysed interview clip and jfk.wav) so Review, History and the results have
content, and reports every text that does not fit its widget and every widget squashed below its minimum
(tests/gui/layout_fit.py says how that is measured).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget
from review_data import interview_clip, jfk_clip, store_session

from app.core.session import SelfRating, SessionStatus
from app.storage.database import Database

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from layout_fit import misfits  # noqa: E402

pytestmark = [pytest.mark.gui]

SCREENS = [
    "Practice / setup (recordings)",
    "Practice / setup (devices)",
    "Practice / pre-check",
    "Practice / interview",
    "Practice / rating",
    "Practice / results",
    "Practice / summary",
    "Review / Scores and tips",
    "Review / What you covered",
    "Review / Notes",
    "History / Scores",
    "History / Key metrics",
    "History / Self-rating",
    "History / Compare two sessions",
    "Settings",
    "Dialog: My question banks",
    "Dialog: Debrief a real interview",
    "Dialog: Import a recording",
    "Dialog: Your report",
    "Dialog: Keyboard shortcuts",
]


def screen_config(path: Path, width: int, height: int) -> Path:
    """A config file for Qt's offscreen platform: one screen of `width` x `height` device pixels."""
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    path.write_text(json.dumps({"screens": [screen]}))
    return path


def store_sessions(shared_dir: Path) -> None:
    """Three sessions as a person would have after a week: an import and two practice sessions."""
    interview = interview_clip(shared_dir / "media" / "video")
    jfk = jfk_clip(shared_dir / "media" / "audio")
    now = datetime.now(UTC)
    with Database.open() as database:
        store_session(
            database,
            [jfk],
            (now - timedelta(days=6)).isoformat(),
            "Imported: jfk.wav",
            SessionStatus.IMPORTED,
            SelfRating(4, None, 4, 4),
        )
        store_session(
            database,
            [interview],
            (now - timedelta(days=3)).isoformat(),
            "Leadership questions",
            rating=SelfRating(3, 3, 4, 3),
        )
        store_session(
            database,
            [interview, jfk],
            (now - timedelta(hours=2)).isoformat(),
            "Mixed practice",
            rating=SelfRating(4, 4, 3, 4),
        )


@pytest.mark.media
@pytest.mark.slow
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height", "scale"), [(1024, 700, "1"), (1280, 800, "1.25")])
def test_every_page_and_dialog_fits(
    shared_dir: Path, app_home: Path, tmp_path: Path, width: int, height: int, scale: str, theme: str
) -> None:
    store_sessions(shared_dir)
    config = screen_config(tmp_path / "screen.json", width, height)
    env = dict(os.environ, MOCK_INTERVIEW_HOME=str(app_home), QT_SCALE_FACTOR=scale)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    run = subprocess.run(
        [sys.executable, str(HERE / "layout_walk.py"), theme],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=HERE.parents[1],
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    missing = [screen for screen in SCREENS if screen not in report]
    assert not missing, f"the walk did not reach {missing}"
    broken = {screen: problems for screen, problems in report.items() if problems}
    assert not broken, f"at {width}x{height}, scale {scale}, {theme}:\n" + "\n".join(
        f"{screen}:\n    " + "\n    ".join(problems) for screen, problems in broken.items()
    )


# ---- the checker itself finds what a person would see as cut off ---------------------------------------


def _row(qtbot, *widgets: QWidget, width: int) -> QWidget:  # type: ignore[no-untyped-def]
    holder = QWidget()
    layout = QHBoxLayout(holder)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(holder)
    holder.setMinimumSize(1, 1)  # as MainWindow's explicit minimum does: lets layouts squash children
    holder.resize(width, 80)
    holder.show()
    qtbot.waitExposed(holder)
    return holder


def test_checker_flags_clipped_buttons_and_squashed_widgets(qtbot) -> None:  # type: ignore[no-untyped-def]
    buttons = [QPushButton(text) for text in ("Export recording…", "Export session…", "Delete answer…")]
    holder = _row(qtbot, *buttons, width=200)
    found = misfits(holder)
    assert any("'Export recording…': text needs" in problem for problem in found), found
    assert any("squashed" in problem for problem in found), found
    holder.resize(600, 80)
    qtbot.waitUntil(lambda: buttons[0].width() >= buttons[0].sizeHint().width())
    assert misfits(holder) == []


def test_checker_reads_labels_as_drawn(qtbot) -> None:  # type: ignore[no-untyped-def]
    long_text = "Practice sessions with at least one answer count, not imported recordings."
    single = QLabel(long_text)
    single.setMinimumWidth(1)
    single.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    holder = _row(qtbot, single, width=200)
    assert any("text needs" in problem and "wide" in problem for problem in misfits(holder))
    single.setText(single.fontMetrics().elidedText(long_text, Qt.TextElideMode.ElideRight, single.width()))
    single.setToolTip(long_text)  # elided, with the whole text a hover away
    assert misfits(holder) == []

    wrapped = QLabel(long_text)
    wrapped.setWordWrap(True)
    box = QCheckBox("Show live cues (one word at most every 20 s)")
    holder = _row(qtbot, wrapped, box, width=700)
    assert misfits(holder) == []
    wrapped.setFixedHeight(wrapped.fontMetrics().height())  # two lines' text in one line's height
    holder.resize(420, 80)
    qtbot.waitUntil(lambda: holder.width() == 420)
    found = misfits(holder)
    assert any("high" in problem for problem in found), found
