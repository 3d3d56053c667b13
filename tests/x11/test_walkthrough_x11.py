"""A person's walk through the real app window on a real X server, at the smallest supported size (1024x700).

tests/x11/walkthrough.py drives the window with mouse clicks and key presses: setup with "Use recordings
instead" (a real clip from ../shared/media), the pre-check, one answer (Space to start, Space to stop), the
rating, the results, the summary, Review (Play), History (every tab) and Settings (a changed thinking time
that the setup page then shows). A second walk picks a text file as the video: the pre-check must refuse,
with no storm of message boxes and nothing written to the database.

The walk runs at 1024x700 (light and dark) and on a 1280x800 screen at 125% (QT_SCALE_FACTOR=1.25).
Screenshots of every screen land in tests/screenshots/<screen>_<size>[_125][_dark].png (remade each run):
    uv run pytest tests/x11/test_walkthrough_x11.py -m x11
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.session import AnswerStatus
from app.storage.database import Database

pytestmark = [pytest.mark.x11, pytest.mark.gui, pytest.mark.media, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parent / "screenshots"
SCREENS = [
    "setup", "precheck", "practice_thinking", "practice_answering", "rating", "results", "summary",
    "review", "history", "history_metrics", "history_self_rating", "history_compare", "settings",
]  # fmt: skip


def _walk(display: str, home: Path, *arguments: str, scale: str = "1") -> dict:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, MOCK_INTERVIEW_HOME=str(home), QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale)
    SCREENSHOTS.mkdir(exist_ok=True)
    run = subprocess.run(
        [sys.executable, str(HERE / "walkthrough.py"), arguments[0], str(SCREENSHOTS), *arguments[1:]],
        env=env, capture_output=True, text=True, timeout=900, cwd=HERE.parents[1],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def _image(path: Path) -> tuple[str, int]:
    found = subprocess.run(
        ["identify", "-format", "%wx%h %k", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    return found[0], int(found[1])


@pytest.fixture
def tools() -> None:
    if shutil.which("identify") is None:
        pytest.skip("imagemagick is not installed (apt install imagemagick)")


@pytest.mark.parametrize(
    ("theme", "size", "scale"),
    [("light", "1024x700", "1"), ("dark", "1024x700", "1"), ("light", "1280x800", "1.25"),
     ("dark", "1280x800", "1.25")],
)
def test_a_person_practises_reviews_and_changes_a_setting(
    tools: None, xvfb_display: str, app_home: Path, shared_dir: Path, theme: str, size: str, scale: str
) -> None:
    video = shared_dir / "media" / "video" / "smile_glasses_480.mp4"
    audio = shared_dir / "media" / "audio" / "jfk.wav"
    width, height = size.split("x")
    result = _walk(xvfb_display, app_home, "full", str(video), str(audio), theme, width, height, scale=scale)

    suffix = ("" if scale == "1" else "_125") + ("" if theme == "light" else "_dark")
    for screen in SCREENS:
        name = f"{screen}_{size}{suffix}.png"
        assert name in result["saved"], f"the walk did not reach {screen}"
        shown, colours = _image(SCREENSHOTS / name)
        assert shown == size and colours > 50, f"{name}: {shown}, {colours} colours"
    broken = {screen: problems for screen, problems in result["misfits"].items() if problems}
    assert not broken, "cut-off or squashed in the real window:\n" + json.dumps(broken, indent=1)

    assert result["played_to"] > 2.0  # Play in Review played the recording
    assert result["message_boxes"] == 0
    assert result["thinking_on_setup"] == 7  # changed in Settings, shown on the setup page at once
    # At 1024 px the Review toolbar keeps what fits; the rest is in its More menu, delete last.
    if result["more_menu"]:
        assert result["more_menu"][-1] == "Delete session…"
    with Database.open() as database:
        sessions = database.list_sessions()
        assert [s.id for s in sessions] == [result["session"]]
        answers = sessions[0].answers
        assert [a.status for a in answers] == [AnswerStatus.ANALYSED, AnswerStatus.ANALYSED]  # two answers
        for answer in answers:
            assert answer.analysis is not None and answer.analysis.transcript is not None
            said = " ".join(w.text for w in answer.analysis.transcript.words).lower()
            assert "fellow americans" in said  # jfk.wav's words, heard through the "microphone" file


def test_a_text_file_as_the_video_is_refused_without_a_message_storm(
    tools: None, xvfb_display: str, app_home: Path, shared_dir: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Questions to ask them: team size, on-call, how they review code.\n")
    audio = shared_dir / "media" / "audio" / "jfk.wav"
    result = _walk(xvfb_display, app_home, "bad_source", str(notes), str(audio))

    assert "notes.txt" in result["refusal"] and "video file" in result["refusal"]
    assert result["start_enabled"] is False
    assert result["still_on_precheck"] and not result["driver_started"]  # Ctrl+Return did not start it
    assert result["most_message_boxes"] <= 1
    assert result["misfits"] == {"precheck_bad_source": []}
    size, _colours = _image(SCREENSHOTS / "precheck_bad_source_1024x700.png")
    assert size == "1024x700"
    with Database.open() as database:
        assert database.list_sessions() == []  # no session, so no junk answers to recover
