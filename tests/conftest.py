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
    """Every test gets its own data/cache/log/settings folders (see app.platform.paths)."""
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
    """A private Xvfb server (1280x800x24) for tests marked x11; yields its DISPLAY string.

    Xvfb picks a free display itself and writes its number to `-displayfd` once it accepts clients,
    so there is nothing to guess and nothing to poll.
    """
    import select
    import shutil
    import subprocess

    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt install xvfb)")
    read_end, write_end = os.pipe()
    log = (tmp_path / "xvfb.log").open("w")
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=log, stderr=log, pass_fds=(write_end,),
    )
    os.close(write_end)
    received = b""
    while not received.endswith(b"\n") and select.select([read_end], [], [], 30)[0]:
        chunk = os.read(read_end, 64)  # Xvfb writes the number, then the newline: keep reading to it
        if not chunk:
            break
        received += chunk
    number = received.decode().strip()
    if not number.isdigit():
        server.kill()
        server.wait()
        os.close(read_end)
        log.close()
        pytest.fail(f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text()}")
    try:
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
