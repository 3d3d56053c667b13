"""Frames of a recorded video file, as (seconds, RGB numpy array), sampled and downscaled while decoding.

The one video-file decoder: offline analysis reads it directly and FileVideoSource (a file standing in
for the camera) replays it, so both see the picture turned upright as the file's display matrix says.

PyAV decodes every frame (H.264 needs them all), but only the frames kept by `target_fps` are converted
to RGB, and they are scaled by FFmpeg's swscale in the same step, so a 4K 60 fps file read at 15 fps into
640-wide frames costs one small array at a time: memory stays bounded by a single frame.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core.errors import Cancelled, MediaFileError

log = logging.getLogger(__name__)

_ADVICE = "Choose a video file (MP4, MKV, MOV, WebM, AVI) recorded by the app or a camera."


@dataclass(frozen=True)
class VideoInfo:
    path: str
    width: int
    height: int
    fps: float
    duration_s: float
    frame_count: int  # from the container; 0 when it does not say


def _open(path: Path):  # type: ignore[no-untyped-def]
    import av

    if not path.is_file():
        raise MediaFileError(f"Video file {path} does not exist.", _ADVICE)
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise MediaFileError(f"{path} is not a video file FFmpeg can read ({exc}).", _ADVICE) from exc
    if not container.streams.video:
        container.close()
        raise MediaFileError(f"{path} has no video stream (audio only?).", _ADVICE)
    return container


def probe_video(path: str | Path) -> VideoInfo:
    """Size, frame rate and duration from the container, without decoding."""
    path = Path(path)
    container = _open(path)
    try:
        stream = container.streams.video[0]
        fps = float(stream.average_rate or stream.guessed_rate or 0.0)
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        else:
            duration = 0.0
        return VideoInfo(str(path), stream.width, stream.height, fps, duration, int(stream.frames or 0))
    finally:
        container.close()


def scaled_size(width: int, height: int, max_width: int | None) -> tuple[int, int]:
    """Output size keeping the aspect ratio, even dimensions (encoders need them)."""
    if not max_width or width <= max_width:
        return width, height
    return max_width - max_width % 2, max(2, int(round(height * max_width / width / 2)) * 2)


def quarter_turns(frame) -> int:  # type: ignore[no-untyped-def]
    """Counter-clockwise quarter turns (0-3) the file's display matrix asks for (a phone held upright)."""
    return int(round((getattr(frame, "rotation", 0) or 0) / 90)) % 4


def upright_size(width: int, height: int, turns: int) -> tuple[int, int]:
    """The size a picture of `width` x `height` is shown at after `turns` quarter turns."""
    return (height, width) if turns % 2 else (width, height)


def upright_rgb(frame, max_width: int | None = None) -> np.ndarray:  # type: ignore[no-untyped-def]
    """A decoded av.VideoFrame as HxWx3 uint8 RGB, the way up it is meant to be seen.

    The display matrix (rotate side data) of a phone clip says how to turn the stored picture; every
    reader of video files turns it here, so a clip looks the same used as a camera and analysed again.
    `max_width` bounds the stored picture's width (scaled by FFmpeg while converting).
    """
    width, height = scaled_size(frame.width, frame.height, max_width)
    rgb = frame.to_ndarray(format="rgb24", width=width, height=height)
    turns = quarter_turns(frame)
    if turns:
        rgb = np.ascontiguousarray(np.rot90(rgb, k=turns))
    return rgb


def iter_video_frames(
    path: str | Path,
    target_fps: float | None = None,
    max_width: int | None = None,
    cancel: threading.Event | None = None,
) -> Generator[tuple[float, np.ndarray], None, None]:
    """Yield (time in s on the file's clock, HxWx3 uint8 RGB) for the frames kept.

    Times count from the start of the file (its earliest stream), not from the first picture: in an
    answer recorded while the camera was still opening, the sound starts at 0 and the picture later, and
    body-language moments must line up with the words (issue 14). Files whose streams all start
    together give times from the first frame, as before.

    Args:
        target_fps: keep at most this many frames per second of video (None: every frame).
        max_width: downscale wider frames to this width (None: native size).
        cancel: set it to stop; the generator then raises Cancelled.

    Raises:
        MediaFileError: missing file, not media, no video stream, or nothing decodable.
    """
    import av

    path = Path(path)
    container = _open(path)
    produced = 0
    try:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        fps = float(stream.average_rate or 30.0)
        step = 1.0 / target_fps if target_fps else 0.0
        next_time = 0.0
        origin: float | None = container.start_time / 1_000_000 if container.start_time is not None else None
        try:
            for index, frame in enumerate(container.decode(stream)):
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                stamp = frame.time if frame.time is not None else index / fps
                if origin is None:
                    origin = stamp
                time_s = stamp - origin
                if step and time_s + 1e-6 < next_time:
                    continue
                next_time += step
                if next_time <= time_s:
                    next_time = time_s + step
                produced += 1
                yield time_s, upright_rgb(frame, max_width)
        except av.error.FFmpegError as exc:
            if produced == 0:
                raise MediaFileError(f"{path} could not be decoded ({exc}).", _ADVICE) from exc
            log.warning("decoding %s stopped after %d frames: %s", path, produced, exc)
    finally:
        container.close()
    if produced == 0:
        raise MediaFileError(f"{path} contains no decodable video frames.", _ADVICE)
