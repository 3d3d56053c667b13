"""The headless command works without a display and tells the user what is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app import __version__
from app.cli import main


def _run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["MOCK_INTERVIEW_HOME"] = str(home)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_version(app_home: Path) -> None:
    result = _run_cli("--version", home=app_home)
    assert result.returncode == 0
    assert result.stdout.strip() == f"mock-interview {__version__}"


def test_doctor_reports_each_item_without_a_display(app_home: Path) -> None:
    result = _run_cli("doctor", home=app_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    by_name = {}
    for line in lines[1:]:
        if line.startswith(("OK", "MISSING")):
            status, rest = line.split(maxsplit=1)
            by_name[rest.split("  ")[0].strip()] = (status, line)
    expected = {"camera", "microphone", "text-to-speech voice", "transcription", "vision models",
                "question banks", "data folder"}
    assert expected <= set(by_name)
    # This machine (and CI) has no camera and no sound card: both reported missing, with advice.
    assert by_name["camera"][0] == "MISSING" and "->" in by_name["camera"][1]
    assert by_name["data folder"][0] == "OK"
    assert str(app_home) in by_name["data folder"][1]
    # Doctor must not bring Qt in: it runs on machines without a display.
    assert "Traceback" not in result.stderr


def test_doctor_strict_exits_non_zero_when_something_is_missing(capsys: object) -> None:
    # No camera here, so strict mode fails; the plain mode above returns 0.
    assert main(["doctor", "--strict"]) == 1


def test_no_qt_is_imported_by_headless_commands(app_home: Path) -> None:
    code = (
        "import sys; from app.cli import main; main(['doctor']); "
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')"
    )
    env = dict(os.environ, MOCK_INTERVIEW_HOME=str(app_home))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "NOQT"
