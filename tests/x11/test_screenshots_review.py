"""Screenshots of Review (a session loaded), History (three sessions) and Settings at 1280x800 under Xvfb.

Run: `uv run pytest tests/x11/test_screenshots_review.py -m x11`; the PNGs land in tests/screenshots/.
The app runs in a subprocess with QT_QPA_PLATFORM=xcb on a private Xvfb, with real analysed sessions.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.x11, pytest.mark.gui, pytest.mark.media, pytest.mark.slow]

TESTS = Path(__file__).resolve().parents[1]
SCREENSHOTS = TESTS / "screenshots"

SCRIPT = r"""
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from review_data import interview_clip, jfk_clip, store_session
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.core.session import SelfRating, SessionStatus
from app.gui.application import create_context, create_main_window
from app.gui.settings.keys import Settings
from app.gui.theme import apply_theme
from app.storage.database import Database

shared, out = Path(sys.argv[2]), Path(sys.argv[3])
interview, jfk = interview_clip(shared / "video"), jfk_clip(shared / "audio")
now = datetime.now(UTC)
with Database.open() as db:
    store_session(db, [jfk], (now - timedelta(days=6)).isoformat(), "Imported: jfk.wav",
                  SessionStatus.IMPORTED, SelfRating(4, None, 4, 4))
    store_session(db, [interview], (now - timedelta(days=3)).isoformat(), "Leadership questions",
                  rating=SelfRating(3, 3, 4, 3))
    store_session(db, [interview, jfk], (now - timedelta(hours=2)).isoformat(), "Mixed practice",
                  rating=SelfRating(4, 4, 3, 4))

app = QApplication(sys.argv[:1])
apply_theme(app, "light")
settings = Settings()
window = create_main_window(settings, create_context(settings))
window.setGeometry(0, 0, 1280, 800)
window.show()


def wait(ms, condition=lambda: True):
    loop_deadline = datetime.now() + timedelta(milliseconds=ms)
    while datetime.now() < loop_deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            break


def shoot(name):
    wait(600)
    image = app.primaryScreen().grabWindow(0)
    assert image.save(str(out / name)), name
    print("saved", name, flush=True)


pages = {window.navigation.item(i).text(): window.pages.widget(i) for i in range(window.navigation.count())}
window.show_page("Review")
review = pages["Review"]
wait(20000, lambda: review.sessions.topLevelItemCount() == 3 and review.answer is not None)
from PySide6.QtMultimedia import QMediaPlayer

player = review.player.player
READY = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia)
wait(10000, lambda: player.mediaStatus() in READY)
review.seek(5.3)
player.play()
wait(5000, lambda: player.position() > 5600)
player.pause()
review.tabs.setCurrentIndex(0)
shoot("review.png")
window.show_page("History")
history = pages["History"]
wait(20000, lambda: history.data is not None)
shoot("history.png")
history.tabs.setCurrentIndex(3)
shoot("history_compare.png")
window.show_page("Settings")
settings_page = pages["Settings"]
wait(20000, lambda: settings_page.camera_box.itemText(0) != "Looking for cameras…")
shoot("settings.png")
window.close()
app.quit()
"""


def test_review_history_settings_screenshots(
    xvfb_display: str, app_home: Path, shared_dir: Path, tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    script = tmp_path / "shoot.py"
    script.write_text(SCRIPT)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=xvfb_display, MOCK_INTERVIEW_HOME=str(app_home), QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, str(script), str(TESTS / "gui"), str(shared_dir / "media"), str(SCREENSHOTS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    for name in ("review.png", "history.png", "history_compare.png", "settings.png"):
        shot = SCREENSHOTS / name
        assert f"saved {name}" in result.stdout
        size = subprocess.run(
            ["identify", "-format", "%wx%h %k", str(shot)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
        assert size[0] == "1280x800" and int(size[1]) > 50, f"{name} looks blank: {size}"
