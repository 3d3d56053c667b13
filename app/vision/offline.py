"""Body-language cues for a recorded file, with the same analyzer core as the live session.

Speed choice: both. Frames are sampled (8 fps by default) and downscaled to 640 wide while decoding
(only kept frames are converted), and face and pose run on two threads for each sampled frame (see
LandmarkEngine). Per 640x480 frame the models cost 8.9 ms (face) + 17.3 ms (pose) of CPU, so a 2-minute
30 fps recording is 3,600 frames: all of them would be ~95 s of CPU, 960 sampled frames are ~25 s, and
with the two models overlapping on two cores the wall time drops towards 17 ms a frame (~17 s). Every
cue is defined over time windows, not frame counts, and 8 fps still resolves a nod (a down-up swing
takes 0.5-1 s); fidgeting faster than ~4 Hz is beyond it (live: face 15 fps, pose 10 fps, schedule.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from app.capture.video_file import iter_video_frames, probe_video
from app.core.body_language import BodyLanguageCues
from app.core.errors import Cancelled
from app.vision.analyzer import FrameAnalyzer
from app.vision.features import FrameFeatures
from app.vision.landmarks import LandmarkEngine

log = logging.getLogger(__name__)

DEFAULT_SAMPLE_FPS = 8.0
ANALYSIS_WIDTH = 640

Progress = Callable[[float], None]  # fraction done, 0..1


def analyse_video(
    path: str | Path,
    sample_fps: float | None = DEFAULT_SAMPLE_FPS,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    engine: LandmarkEngine | None = None,
    on_frame: Callable[[float, object, FrameFeatures, FrameAnalyzer], None] | None = None,
    max_width: int | None = ANALYSIS_WIDTH,
) -> BodyLanguageCues:
    """Analyse a video file's frames and summarise them.

    Args:
        sample_fps: frames analysed per second of video (None: every frame).
        progress: called with the fraction done after each analysed frame.
        cancel: set it to stop; raises Cancelled.
        engine: a VIDEO-mode LandmarkEngine to reuse (otherwise one is loaded and closed here).
        on_frame: called with (time, rgb, features, analyzer) after each frame (annotated copies).

    Raises:
        MediaFileError, ModelUnavailable, Cancelled.
    """
    info = probe_video(path)
    own_engine = engine is None
    engine = engine or LandmarkEngine.load(video_mode=True)
    try:
        analyzer = FrameAnalyzer(engine)
        last_time = 0.0
        for time_s, rgb in iter_video_frames(path, target_fps=sample_fps, max_width=max_width, cancel=cancel):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            analyzer.note_frame()
            feats = analyzer.analyse(time_s, rgb)
            last_time = time_s
            if on_frame is not None:
                on_frame(time_s, rgb, feats, analyzer)
            if progress is not None and info.duration_s > 0:
                progress(min(1.0, time_s / info.duration_s))
    finally:
        if own_engine:
            engine.close()
    duration = max(info.duration_s, last_time)
    frames_total = info.frame_count or int(round(duration * info.fps))
    cues = analyzer.cues(duration_s=duration, frames_total=frames_total)
    if progress is not None:
        progress(1.0)
    log.info("analysed %s: %d of %d frames", path, cues.frames_analyzed, frames_total)
    return cues
