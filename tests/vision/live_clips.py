"""Clips for the live-analysis tests: a drawn look-away clip and the two ways of analysing a clip.

`full_rate_cues` runs both models on every frame of a file (the reference); `live_cues` plays the file
as a camera in real time (FileVideoSource) into a LiveAnalyzer with the given rates, as a practice
session does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from app.core.body_language import BodyLanguageCues
from app.vision.live import LiveAnalyzer, LiveStats
from app.vision.schedule import AnalysisRates

FPS = 30


def write_clip(path: Path, frame_at: Callable[[float], np.ndarray], seconds: float, fps: int = FPS) -> Path:
    """An H.264 MP4 whose frame at time t is `frame_at(t)`."""
    import av

    first = frame_at(0.0)
    height, width = first.shape[:2]
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"preset": "ultrafast"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(int(round(seconds * fps))):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame_at(index / fps)), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


# Seconds in which the drawn clip shows `away` (each >= LOOK_AWAY_MIN_S).
TURNED = ((3.0, 5.5), (8.0, 10.5))
DRAWN_SECONDS = 12.0


def look_away_clip(path: Path, straight: np.ndarray, away: np.ndarray) -> Path:
    """12 s of a real face: `straight` (facing the camera), and `away` during TURNED."""
    return write_clip(path, lambda t: away if any(a <= t < b for a, b in TURNED) else straight, DRAWN_SECONDS)


def full_rate_cues(path: Path, engine: object) -> BodyLanguageCues:
    """Both models on every frame of the file: the reference the live analysis must match."""
    from app.capture.video_file import iter_video_frames, probe_video
    from app.vision.analyzer import FrameAnalyzer

    analyzer = FrameAnalyzer(engine)  # type: ignore[arg-type]
    for time_s, rgb in iter_video_frames(path):
        analyzer.note_frame()
        analyzer.analyse(time_s, rgb)
    info = probe_video(path)
    return analyzer.cues(duration_s=info.duration_s)


def live_cues(
    path: Path, engine: object, rates: AnalysisRates | None = None
) -> tuple[BodyLanguageCues, LiveStats]:
    """The file played as a 30 fps camera in real time into a LiveAnalyzer."""
    from app.capture.sources import FileVideoSource
    from app.vision.analyzer import FrameAnalyzer

    live = LiveAnalyzer(FrameAnalyzer(engine), rates=rates)  # type: ignore[arg-type]
    camera = FileVideoSource(path, speed=1.0)
    camera.subscribe(live.submit)
    live.start()
    camera.start()
    assert camera.wait(timeout=300), "the file camera did not finish"
    stats = live.stats()
    return live.stop(), stats
