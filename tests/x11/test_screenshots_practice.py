"""Screenshots of every practice screen at 1280x800, taken in the real app window on a real X server.

Regenerate them all with:
    uv run pytest tests/x11/test_screenshots_practice.py -m x11
They land in tests/screenshots/ (not committed). With MOCK_INTERVIEW_UPDATE_DOCS=1 the README's
docs/screenshots/practice.png is remade from the answering one. The "camera" is a video made at test time
from scikit-image's astronaut photo (NASA, public domain), so no third-party face ends up in the docs.
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


def _camera_stand_in(path: Path, seconds: float = 20.0, fps: int = 15) -> Path:
    """A 640x480 video of the astronaut portrait with a gentle sway, like a person on a webcam."""
    import av
    import numpy as np
    from skimage import data

    portrait = data.astronaut()  # 512x512 RGB
    canvas = np.full((560, 760, 3), 235, dtype=np.uint8)
    canvas[24:536, 124:636] = portrait
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 640, 480, "yuv420p"
        for index in range(int(seconds * fps)):
            dx = int(round(40 + 12 * np.sin(index / fps * 1.3)))
            dy = int(round(40 + 6 * np.sin(index / fps * 0.9)))
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(canvas[dy : dy + 480, dx : dx + 640]), "rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_practice_screens_under_xvfb(
    xvfb_display: str, app_home: Path, shared_audio: Path, tmp_path: Path, theme: str
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
            str(_camera_stand_in(tmp_path / "astronaut.mp4")),
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
    if theme == "light" and os.environ.get("MOCK_INTERVIEW_UPDATE_DOCS") == "1":
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
