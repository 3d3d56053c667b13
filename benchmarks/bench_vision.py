"""Vision benchmarks: live rate while a 30 fps source is read in real time, a 2-minute recording, memory.

The test video is built at run time in a temporary folder from the real talking-head clips in
../shared/media/video (padded/resized to 640x480 and looped), so nothing copied from there is committed.
Run alone: `uv run python -m benchmarks.bench_vision [--quick]`.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_VIDEO = REPO_ROOT.parent / "shared" / "media" / "video"
WIDTH, HEIGHT, FPS = 640, 480, 30


def _row(metric: str, value: float, unit: str, target: str, ok: bool | None, notes: str) -> dict[str, Any]:
    return {
        "area": "vision",
        "metric": metric,
        "value": round(float(value), 2),
        "unit": unit,
        "target": target,
        "ok": ok,
        "notes": notes,
    }


def _fit_640x480(rgb: np.ndarray) -> np.ndarray:
    import cv2

    height, width = rgb.shape[:2]
    scale = min(WIDTH / width, HEIGHT / height)
    resized = cv2.resize(rgb, (int(width * scale) // 2 * 2, int(height * scale) // 2 * 2))
    canvas = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
    y, x = (HEIGHT - resized.shape[0]) // 2, (WIDTH - resized.shape[1]) // 2
    canvas[y : y + resized.shape[0], x : x + resized.shape[1]] = resized
    return canvas


def _source_frames() -> Iterator[np.ndarray]:
    from app.capture.video_file import iter_video_frames

    while True:
        for name in ("smile_glasses_480.mp4", "talking_glasses_portrait.mp4"):
            for _time, rgb in iter_video_frames(SHARED_VIDEO / name):
                yield _fit_640x480(rgb)


def build_test_video(path: Path, seconds: float) -> Path:
    """A 640x480 30 fps H.264 MP4 of the real clips, looped to `seconds`."""
    import av

    total = int(seconds * FPS)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=FPS, options={"preset": "ultrafast"})
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        for index, rgb in enumerate(_source_frames()):
            if index >= total:
                break
            for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def _live_run(video: Path, seconds: float, rates: Any) -> dict[str, Any]:
    """Read the file at 30 fps in real time on one thread; the live analyzer works on another."""
    from app.capture.video_file import iter_video_frames
    from app.vision.analyzer import FrameAnalyzer
    from app.vision.landmarks import LandmarkEngine
    from app.vision.live import LiveAnalyzer

    with LandmarkEngine.load(video_mode=True, quiet=True) as engine:
        live = LiveAnalyzer(FrameAnalyzer(engine), rates=rates)
        submit_cost: list[float] = []
        live.start()
        load_before = _load()
        started, cpu = time.monotonic(), time.process_time()
        for time_s, rgb in iter_video_frames(video):
            if time_s >= seconds:
                break
            delay = started + time_s - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # the camera's pace
            before = time.perf_counter()
            live.submit(time_s, rgb)
            submit_cost.append(time.perf_counter() - before)
        elapsed = time.monotonic() - started
        live.stop()
        cpu = time.process_time() - cpu
        stats = live.stats()
    return {"stats": stats, "elapsed": elapsed, "cpu": cpu, "submit_cost": submit_cost, "load": load_before}


def bench_live(video: Path, seconds: float) -> list[dict[str, Any]]:
    """Live analysis before (both models on every frame) and after (face 15 fps, pose 10 fps) issue 18."""
    from app.vision.schedule import AnalysisRates

    rows: list[dict[str, Any]] = []
    runs = {"before": AnalysisRates.every_frame(), "after": AnalysisRates()}
    results = {label: _live_run(video, seconds, rates) for label, rates in runs.items()}
    for label, rates in runs.items():
        result = results[label]
        stats, elapsed, cpu = result["stats"], result["elapsed"], result["cpu"]
        where = f"{label}: {rates.describe()}; 640x480 source read at 30 fps in real time for {elapsed:.0f} s"
        rows += [
            _row(f"live face rate ({label})", stats.face_fps, "fps", "info", None,
                 f"{where}; {stats.face_frames} face frames of {stats.frames_submitted}"),
            _row(f"live pose rate ({label})", stats.pose_fps, "fps", "info", None,
                 f"{stats.pose_frames} pose frames of {stats.frames_submitted}"),
            _row(f"live dropped frames ({label})", stats.dropped_percent, "%", "< 2",
                 stats.dropped_percent < 2,
                 f"{stats.frames_dropped} of the {stats.frames_chosen} frames chosen for analysis; "
                 f"before the run: {result['load']}"),
            _row(f"live CPU per second of answer ({label})", cpu / elapsed, "s/s", "info", None,
                 "process CPU (reading the source + the models) per second of answer; 2 cores give 2.0"),
        ]  # fmt: skip
    before, after = results["before"], results["after"]
    before_cpu = before["cpu"] / before["elapsed"]
    for row in rows:  # the same run's every-frame figure is the baseline of the per-model-rate one
        if row["metric"] == "live CPU per second of answer (after)":
            row["baseline"] = {"what": "both models on every frame", "value": round(before_cpu, 3),
                               "unit": "s/s"}  # fmt: skip
    saving = 1 - (after["cpu"] / after["elapsed"]) / max(1e-9, before_cpu)
    rows.append(
        _row(
            "live CPU saved by per-model rates",
            100 * saving,
            "%",
            "info",
            None,
            "CPU per second of answer, after vs before, same run",
        )
    )
    submit_cost = after["submit_cost"]
    p99 = float(np.percentile(submit_cost, 99))
    rows.append(
        _row(
            "live submit() cost, 99th percentile",
            1000 * p99,
            "ms",
            "never waits for analysis",
            p99 < 0.005,
            f"median {1e6 * float(np.median(submit_cost)):.0f} us, max {1000 * max(submit_cost):.1f} ms "
            "(the max includes the OS preempting the reader on a busy machine; the no-wait guarantee is "
            "structural and tested in tests/vision/test_vision_live.py)",
        )
    )
    return rows


def bench_recorded(video: Path, seconds: float, sample_fps: float) -> list[dict[str, Any]]:
    from app.vision.landmarks import LandmarkEngine
    from app.vision.offline import analyse_video

    with LandmarkEngine.load(video_mode=True, quiet=True) as engine:
        started, cpu = time.perf_counter(), time.process_time()
        cues = analyse_video(video, sample_fps=sample_fps, engine=engine)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    projected = elapsed * 120 / seconds
    notes = (
        f"{seconds:.0f} s 640x480 H.264, sampled at {sample_fps:g} fps ({cues.frames_analyzed} frames), "
        f"face and pose on two threads, decoding included; CPU {cpu:.1f} s; {_load()}"
    )
    if seconds != 120:
        notes += f"; measured {elapsed:.1f} s on {seconds:.0f} s, scaled to 2 min"
    cpu_2min = cpu * 120 / seconds
    return [
        _row("recorded 2-min video analysis time", projected, "s", "<= 30", projected <= 30, notes),
        _row(
            "recorded 2-min video, process CPU time",
            cpu_2min,
            "s",
            "<= 30 (contention-free)",
            cpu_2min <= 30,
            "CPU seconds of all threads: on two otherwise idle cores the wall time is at most about this",
        ),
        _row("recorded speed", 120 / projected, "x real time", ">= 4", 120 / projected >= 4, notes),
    ]


def _load() -> str:
    import os

    return f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def bench_memory(video: Path, stream_seconds: float, sample_fps: float) -> list[dict[str, Any]]:
    """Feed a FrameAnalyzer a long stream (the test video looped) and watch its resident size."""
    from app.capture.video_file import iter_video_frames
    from app.vision.analyzer import FrameAnalyzer
    from app.vision.landmarks import LandmarkEngine

    frames = int(stream_seconds * sample_fps)
    with LandmarkEngine.load(video_mode=True, quiet=True) as engine:
        analyzer = FrameAnalyzer(engine)
        analysed, offset, baseline, peak = 0, 0.0, 0.0, 0.0
        while analysed < frames:
            last = 0.0
            for time_s, rgb in iter_video_frames(video, target_fps=sample_fps):
                analyzer.analyse(offset + time_s, rgb)
                analysed, last = analysed + 1, time_s
                if analysed == 100:
                    gc.collect()
                    baseline = _rss_mb()
                if analysed % 200 == 0:
                    peak = max(peak, _rss_mb())
                if analysed >= frames:
                    break
            offset += last + 1 / FPS
        cues = analyzer.cues()
        gc.collect()
        final = _rss_mb()
        peak = max(peak, final)
    growth = peak - baseline
    notes = (
        f"{stream_seconds / 60:.0f}-min stream at {sample_fps:g} fps = {analysed} frames; RSS after 100 "
        f"frames {baseline:.0f} MB, peak {peak:.0f} MB, features {analyzer.track.nbytes() / 2**20:.1f} MB, "
        f"{cues.frames_analyzed} frames summarised"
    )
    return [_row("analyzer RSS growth over a long stream", growth, "MB", "<= 50", growth <= 50, notes)]


def run(quick: bool = False) -> list[dict[str, Any]]:
    if not SHARED_VIDEO.is_dir():
        return [_row("vision benchmarks", 0, "", "", None, f"skipped: {SHARED_VIDEO} not found")]
    from app.vision.models import quiet_native_stderr

    rows: list[dict[str, Any]] = []
    video_seconds = 30.0 if quick else 120.0
    with tempfile.TemporaryDirectory(prefix="bench_vision_") as tmp, quiet_native_stderr():
        video = build_test_video(Path(tmp) / "interview_640x480.mp4", video_seconds)
        rows += bench_live(video, seconds=10.0 if quick else 30.0)
        rows += bench_recorded(video, video_seconds, sample_fps=8.0)
        rows += bench_memory(video, stream_seconds=60.0 if quick else 600.0, sample_fps=8.0)
    return rows


def _print(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        flag = {True: "ok", False: "MISS", None: "--"}[row["ok"]]
        head = f"{row['metric']:<42} {row['value']:>9} {row['unit']:<12} {row['target']:<26}"
        print(f"{head} {flag:<5} {row['notes']}")


if __name__ == "__main__":
    _print(run(quick="--quick" in sys.argv))
