"""Cold start: process start to the main window painted with its event loop idle (issue 18, item 3).

    uv run python -m benchmarks.bench_startup [--quick]

Measured twice, offscreen and on a real X server (a private Xvfb, 1280x800), each as the median of
several fresh processes with a fresh data folder. The baseline, measured in the same run and the same
way, is a bare PySide6 window (QApplication + an empty 1200x760 QMainWindow): what any Qt program pays
before its own code runs. The ratio app / bare window is what transfers to another machine.
The app prints "ready" from its first-paint probe (MOCK_INTERVIEW_READY_PROBE, app/gui/application.py).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

AREA = "startup"
TARGET_S = 1.5

# The baseline: a bare Qt window, reporting its first paint the way the app's probe does.
BARE_WINDOW = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 760)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False
def report():
    print("ready", flush=True)
    app.quit()
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _row(
    metric: str,
    value: float | None,
    unit: str,
    target: str,
    ok: bool | None,
    notes: str = "",
    baseline: dict[str, Any] | None = None,
) -> dict[str, Any]:
    row = {
        "area": AREA,
        "metric": metric,
        "value": None if value is None else round(float(value), 3),
        "unit": unit,
        "target": target,
        "ok": ok,
        "notes": notes,
    }
    if baseline is not None:
        row["baseline"] = baseline
    return row


def _time_to_ready(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `command` to its "ready" line (the process then quits by itself)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - started
            break
    process.stdout.close()
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if elapsed is None:
        raise RuntimeError(f"{command[:3]} never reported ready (exit code {process.returncode})")
    return elapsed


def _median_ready(command: list[str], env: dict[str, str], runs: int) -> tuple[float, list[float]]:
    times = []
    for index in range(runs + 1):
        with tempfile.TemporaryDirectory(prefix="bench_start_") as home:
            elapsed = _time_to_ready(
                command, dict(env, MOCK_INTERVIEW_HOME=home, MOCK_INTERVIEW_READY_PROBE="quit")
            )
        if index > 0:  # the first run warms the disk cache
            times.append(elapsed)
    return statistics.median(times), times


@contextmanager
def xvfb() -> Iterator[str | None]:
    """A private Xvfb display (":N"), or None when Xvfb is not installed."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read_end, 64)
        if not chunk:
            break
        number += chunk
    os.close(read_end)
    try:
        yield f":{number.decode().strip()}" if number.strip() else None
    finally:
        server.terminate()
        server.wait(timeout=30)


def _platform_rows(name: str, env: dict[str, str], runs: int) -> list[dict[str, Any]]:
    bare, _ = _median_ready([sys.executable, "-c", BARE_WINDOW], env, runs)
    app, times = _median_ready([sys.executable, "-m", "app"], env, runs)
    baseline = {"what": f"a bare PySide6 window, {name}", "value": round(bare, 3), "unit": "s"}
    return [
        _row(
            f"GUI cold start to a painted, idle window ({name})",
            app,
            "s",
            f"<= {TARGET_S} s",
            app <= TARGET_S,
            f"median of {len(times)} runs (max {max(times):.2f} s); models load after the window shows",
            baseline,
        )
    ]


def run(quick: bool = False) -> list[dict[str, Any]]:
    runs = 3 if quick else 7
    base_env = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    rows = _platform_rows("offscreen", dict(base_env, QT_QPA_PLATFORM="offscreen"), runs)
    with xvfb() as display:
        if display is None:
            rows.append(
                _row(
                    "GUI cold start on a real X server",
                    None,
                    "s",
                    f"<= {TARGET_S} s",
                    None,
                    "skipped: Xvfb is not installed (apt install xvfb)",
                )
            )
        else:
            rows += _platform_rows("Xvfb", dict(base_env, QT_QPA_PLATFORM="xcb", DISPLAY=display), runs)
    return rows


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        ratio = ""
        if result.get("baseline") and result["value"]:
            ratio = f"  ({result['value'] / result['baseline']['value']:.1f}x {result['baseline']['what']})"
        print(f"{result['metric']}: {result['value']} {result['unit']}{ratio}  {result['notes']}")
