"""Body-language cues for a recorded file, with the same analyzer core as the live session.

Speed choice (issue 18): frames are sampled at 8 fps and downscaled to 640 wide while decoding (only kept
frames are converted), and each model runs only where its cues need it (offline_schedule.py): face on
every sampled frame around changes and near a cue's threshold and at 4 fps in steady stretches, pose at
2.7 fps (2 fps with no hand in view, 8 fps while the hands or shoulders move), and only once a second
with no upper body in view. Per
640x480 frame the models cost ~9 ms (face) + ~17 ms (pose) of CPU, so a 2-minute answer's 960 sampled
frames cost ~25 s with both models on each, and about half that with the schedule. The file analysis
runs beside the transcription (app.session.analyse), so the two models run one after the other on one
thread (`parallel=False`) and the transcriber has the other core. Every cue is defined over time windows,
not frame counts, and 8 fps still resolves a nod (a down-up swing takes 0.5-1 s); fidgeting faster than
~4 Hz is beyond it (live: face 15 fps, pose 10 fps, schedule.py).
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
from app.vision.offline_schedule import AdaptiveSchedule, OfflineRates

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
    rates: OfflineRates | None = None,
    parallel: bool = True,
) -> BodyLanguageCues:
    """Analyse a video file's frames and summarise them.

    Args:
        sample_fps: frames analysed per second of video (None: every frame).
        progress: called with the fraction done after each analysed frame.
        cancel: set it to stop; raises Cancelled.
        engine: a VIDEO-mode LandmarkEngine to reuse (otherwise one is loaded and closed here).
        on_frame: called with (time, rgb, features, analyzer) after each frame (annotated copies).
        rates: which model runs on which sampled frame (default: the adaptive schedule;
            `OfflineRates.every_sample()` runs both on every sampled frame, as before issue 18).
        parallel: run face and pose on two threads for each frame (off when another analysis, such as
            the transcription, has the second core).

    Raises:
        MediaFileError, ModelUnavailable, Cancelled.
    """
    info = probe_video(path)
    own_engine = engine is None
    engine = engine or LandmarkEngine.load(video_mode=True, parallel=parallel)
    if not sample_fps:  # every frame of the file: both models on each
        schedule = AdaptiveSchedule(OfflineRates.every_sample(), info.fps or 30.0)
    else:
        schedule = AdaptiveSchedule(rates, sample_fps)
    try:
        analyzer = FrameAnalyzer(engine)
        last_time = 0.0
        for time_s, rgb in iter_video_frames(path, target_fps=sample_fps, max_width=max_width, cancel=cancel):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            analyzer.note_frame()
            last_time = time_s
            face, pose = schedule.due(time_s)
            if not (face or pose):
                continue
            feats = analyzer.analyse(time_s, rgb, face=face, pose=pose)
            schedule.observe(feats)
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
    log.info(
        "analysed %s: %d of %d frames (%d sampled; face on %d, pose on %d)",
        path, cues.frames_analyzed, frames_total, schedule.frames, schedule.face_runs, schedule.pose_runs,
    )  # fmt: skip
    return cues
