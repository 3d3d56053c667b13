"""Memory benchmark: peak resident memory of `analyze` on long audio recordings (issue 16).

    uv run python -m benchmarks.bench_memory [--quick]

Recordings of 10 and 60 minutes (read speech, then quiet room noise) are analysed by the real command in
a child process; its peak RSS (getrusage) is the figure. Flat memory means the 60-minute peak is close to
the 10-minute one: the audio is decoded and analysed in windows (app.speech.chain).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

AREA = "memory"
SHARED_AUDIO = Path(__file__).resolve().parents[2] / "shared" / "media" / "audio"
HOUR_TARGET_MB = 800


def _row(metric: str, value: float, unit: str, target: str, ok: bool | None, notes: str = "") -> dict:
    return {
        "area": AREA,
        "metric": metric,
        "value": round(value, 1),
        "unit": unit,
        "target": target,
        "ok": ok,
        "notes": notes,
    }


def _recording(path: Path, minutes: int) -> None:
    from app.capture.audio_file import decode_audio

    speech = (decode_audio(SHARED_AUDIO / "two_cities.wav") * 32767).astype(np.int16)
    rng = np.random.default_rng(7)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(speech.tobytes())
        minute = rng.normal(0, 30, 16000 * 60).astype(np.int16).tobytes()
        for _ in range(minutes):
            out.writeframes(minute)


def peak_analyze(path: Path, home: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of `mock-interview analyze path` in a fresh process."""
    code = (
        "import resource, sys; from app.cli import main; code = main(sys.argv[1:]); "
        # VmHWM, not ru_maxrss: after fork+exec, ru_maxrss still holds the parent's size (a long pytest
        # run's 1.3 GB read as this child's peak), while VmHWM belongs to the child's own memory.
        "import os; status = '/proc/self/status'; "
        "hwm = [int(l.split()[1]) for l in open(status) if l.startswith('VmHWM')] if os.path.exists(status) else []; "
        "print('PEAK_KB', hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); "
        "sys.exit(code)"
    )
    env = dict(os.environ, MOCK_INTERVIEW_HOME=str(home))
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "analyze",
            str(path),
            "--json",
            str(path.with_suffix(".json")),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=True,
    )
    elapsed = time.perf_counter() - started
    peak_kb = next(int(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("PEAK_KB"))
    return peak_kb / 1024, elapsed


def run(quick: bool = False) -> list[dict]:
    if not (SHARED_AUDIO / "two_cities.wav").is_file():
        return [
            _row(
                "analyze 60 min audio: peak memory",
                float("nan"),
                "MB",
                f"<= {HOUR_TARGET_MB}",
                None,
                f"{SHARED_AUDIO} missing",
            )
        ]
    rows = []
    peaks = {}
    with tempfile.TemporaryDirectory() as folder:
        for minutes in (10,) if quick else (10, 60):
            path = Path(folder) / f"long_{minutes}.wav"
            _recording(path, minutes)
            peak, seconds = peak_analyze(path, Path(folder) / "home")
            peaks[minutes] = peak
            target = f"<= {HOUR_TARGET_MB}" if minutes == 60 else ""
            ok = peak <= HOUR_TARGET_MB if minutes == 60 else None
            rows.append(
                _row(
                    f"analyze {minutes} min audio: peak memory",
                    peak,
                    "MB",
                    target,
                    ok,
                    f"analysed in {seconds:.1f} s",
                )
            )
            path.unlink()
    if 60 in peaks:
        growth = peaks[60] - peaks[10]
        rows.append(
            _row(
                "peak memory growth, 10 -> 60 min",
                growth,
                "MB",
                "<= 50",
                growth <= 50,
                "flat memory: windows of 240 s",
            )
        )
    return rows


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(
            f"{result['metric']:<45} {result['value']:>9} {result['unit']:<4} {result['target']:<8}",
            result["notes"],
        )
