"""Screenshots of every practice screen at 1280x800, taken in the real app window on a real X server.

Regenerate them all with:
    uv run pytest tests/x11/test_screenshots_practice.py -m x11
They land in tests/screenshots/ (not committed); docs/screenshots/practice.png is made from the answering one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.x11, pytest.mark.gui, pytest.mark.media, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parent / "screenshots"
DOCS_SHOT = HERE.parents[1] / "docs" / "screenshots" / "practice.png"
SCREENS = ["setup", "precheck", "practice_thinking", "practice_answering", "rating", "results", "summary"]


def _colours(path: Path) -> int:
    found = subprocess.run(
        ["identify", "-format", "%k %w %h", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert (int(found[1]), int(found[2])) == (1280, 800), f"{path.name} is {found[1]}x{found[2]}"
    return int(found[0])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_practice_screens_under_xvfb(
    xvfb_display: str, app_home: Path, shared_audio: Path, shared_video: Path, theme: str
) -> None:
    if shutil.which("identify") is None:
        pytest.skip("imagemagick is not installed (apt install imagemagick)")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=xvfb_display, MOCK_INTERVIEW_HOME=str(app_home), QT_QPA_PLATFORM="xcb")
    SCREENSHOTS.mkdir(exist_ok=True)
    run = subprocess.run(
        [
            sys.executable,
            str(HERE / "practice_screens.py"),
            str(SCREENSHOTS),
            str(shared_video / "smile_glasses_480.mp4"),
            str(shared_audio / "jfk.wav"),
            theme,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=HERE.parents[1],
    )
    assert run.returncode == 0, run.stderr[-3000:]
    suffix = "" if theme == "light" else f"_{theme}"
    for screen in SCREENS:
        path = SCREENSHOTS / f"{screen}{suffix}.png"
        assert f"saved {path}" in run.stdout
        assert _colours(path) > 50, f"{path.name} looks blank"
    if theme == "light" and DOCS_SHOT.parent.is_dir():
        # The README's screenshot: the answering screen, stripped, 128 colours without dithering (~80 KB).
        subprocess.run(
            [
                "convert",
                str(SCREENSHOTS / "practice_answering.png"),
                "-strip",
                "+dither",
                "-colors",
                "128",
                "-define",
                "png:compression-level=9",
                str(DOCS_SHOT),
            ],
            check=True,
            timeout=120,
        )
        assert DOCS_SHOT.stat().st_size < 150_000
