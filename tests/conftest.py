"""Fixtures shared by every test: a private app home, offscreen Qt, and the shared media folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must never try to reach a display in tests unless a test starts its own Xvfb (marker x11).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("MOCK_INTERVIEW_SHARED", REPO_ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data/cache/log/settings folders (see app.storage.paths)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MOCK_INTERVIEW_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (real recordings, models). Tests that need it skip with a reason when it is absent."""
    if not (SHARED_DIR / "media").is_dir():
        pytest.skip(f"shared media folder not found at {SHARED_DIR} (set MOCK_INTERVIEW_SHARED)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def shared_audio(shared_dir: Path) -> Path:
    return shared_dir / "media" / "audio"


@pytest.fixture(scope="session")
def shared_video(shared_dir: Path) -> Path:
    return shared_dir / "media" / "video"


@pytest.fixture
def xvfb_display(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A private Xvfb server (1280x800x24) for tests marked x11; yields its DISPLAY string."""
    import shutil
    import subprocess
    import time

    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt install xvfb)")
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    else:
        pytest.fail("no free X display number")
    display = f":{number}"
    log = (tmp_path / "xvfb.log").open("w")
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], stdout=log, stderr=log
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 20
    while not socket.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text()}")
        time.sleep(0.05)  # waiting for an external server, not for our own code
    try:
        yield display
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
