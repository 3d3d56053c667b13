"""Recording benchmark: H.264 + AAC encode rate for a 640x480 camera, and A/V drift over 5 minutes.

    uv run python -m benchmarks.bench_recording [--quick]

Frames are drawn with numpy (moving shapes over noise, so the encoder has real work); the drift run
records `FlashClickSignal` (jittered timestamps, dropped and doubled frames, lost audio chunks) as fast
as it encodes and measures flash-to-click offsets in the decoded file. Targets come from issue 6.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from app.capture.recorder import Recorder, VideoSpec
from app.capture.sync_check import FlashClickSignal, measure_offsets

AREA = "recording"


def _row(metric: str, value: float, unit: str, target: str, ok: bool | None, notes: str = "") -> dict:
    return {
        "area": AREA,
        "metric": metric,
        "value": round(value, 3),
        "unit": unit,
        "target": target,
        "ok": ok,
        "notes": notes,
    }


def _frames(count: int, width: int = 640, height: int = 480) -> list[np.ndarray]:
    rng = np.random.default_rng(3)
    base = rng.integers(0, 60, size=(height, width, 3), dtype=np.uint8)
    frames = []
    for index in range(count):
        frame = base.copy()
        x = (index * 9) % (width - 120)
        frame[150:330, x : x + 120] = (200, 160, 120)  # a moving "face"
        frame[::7, :, 1] = (index * 5) % 255
        frames.append(frame)
    return frames


def encode_rate(preset: str, seconds: float) -> tuple[float, int]:
    """Frames per second encoded (640x480 at 30 fps + 16 kHz audio) and the file size in bytes."""
    count = int(seconds * 30)
    frames = _frames(min(count, 90))
    speech = (0.2 * np.sin(np.arange(1600) * 0.3)).astype(np.float32)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mp4"
        recorder = Recorder(path, VideoSpec(640, 480, 30), preset=preset, block_when_full=True)
        recorder.start()
        started = time.perf_counter()
        for index in range(count):
            recorder.add_video(index / 30, frames[index % len(frames)])
            if index % 3 == 0:
                recorder.add_audio(index / 30, speech)
        result = recorder.finish()
        elapsed = time.perf_counter() - started
        return result.video_frames / elapsed, path.stat().st_size


def av_drift(seconds: float) -> tuple[float, float, float]:
    """(largest |offset|, drift first->last, seconds taken) for a recording of `seconds` of media."""
    signal = FlashClickSignal(duration_s=seconds)
    video, audio = signal.video_source(speed=0), signal.audio_source(speed=0)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        recorder = Recorder(Path(folder) / "sync.mp4", VideoSpec.of(video), block_when_full=True)
        recorder.attach(video, audio)
        recorder.start()
        video.start()
        audio.start()
        video.wait()
        audio.wait()
        result = recorder.finish()
        flashes, clicks = measure_offsets(result.path)
        offsets = [c - f for f, c in zip(flashes, clicks, strict=False)]
        return max(abs(o) for o in offsets), abs(offsets[-1] - offsets[0]), time.perf_counter() - started


def run(quick: bool = False) -> list[dict]:
    rows = []
    presets = ["ultrafast"] if quick else ["ultrafast", "veryfast"]
    for preset in presets:
        fps, size = encode_rate(preset, 3.0 if quick else 10.0)
        rows.append(
            _row(
                f"encode rate 640x480 + audio ({preset})",
                fps,
                "fps",
                ">= 30 (live camera)",
                fps >= 30,
                f"{size * 8 / (3.0 if quick else 10.0) / 1000:.0f} kbit/s",
            )
        )
    seconds = 60.0 if quick else 300.0
    worst, drift, took = av_drift(seconds)
    rows.append(
        _row(
            f"A/V offset over {seconds / 60:.0f} min (worst)",
            worst * 1000,
            "ms",
            "< 100",
            worst < 0.1,
            f"drift first->last {drift * 1000:.0f} ms; recorded and measured in {took:.1f} s",
        )
    )
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(json.dumps(row))
