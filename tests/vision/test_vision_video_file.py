"""Reading video files: sampling, downscaling, bounded memory, and clear errors for bad input."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from app.capture.video_file import iter_video_frames, probe_video, scaled_size
from app.core.errors import MediaFileError


def _write_video(path: Path, frames: int, fps: int, width: int, height: int, base: np.ndarray) -> Path:
    """An H.264 MP4 of `base` resized, with a moving bar so every frame differs."""
    import av
    import cv2

    picture = np.asarray(cv2.resize(base, (width, height)), dtype=np.uint8)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"preset": "ultrafast"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(frames):
            frame = picture.copy()
            x = index * width // frames
            frame[:, x : x + width // 50] = 255
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.mark.media
def test_probe_and_read_every_frame(smile_video: Path) -> None:
    info = probe_video(smile_video)
    assert (info.width, info.height) == (512, 480)
    assert info.fps == pytest.approx(30.0)
    assert info.duration_s == pytest.approx(19.57, abs=0.05)
    frames = list(iter_video_frames(smile_video))
    assert len(frames) == info.frame_count == 587
    time_s, rgb = frames[-1]
    assert rgb.shape == (480, 512, 3) and rgb.dtype == np.uint8
    assert time_s == pytest.approx(586 / 30, abs=0.01)


@pytest.mark.media
def test_sampling_and_downscale(talking_video: Path) -> None:
    frames = list(iter_video_frames(talking_video, target_fps=10, max_width=360))
    times = np.array([t for t, _ in frames])
    assert len(frames) == pytest.approx(11.73 * 10, abs=2)
    assert np.all(np.diff(times) > 0)
    assert np.median(np.diff(times)) == pytest.approx(0.1, abs=0.02)
    assert frames[0][1].shape == (640, 360, 3)  # portrait 720x1280 halved, aspect kept


@pytest.mark.slow
def test_4k_60fps_file_is_read_small_and_sparse_with_bounded_memory(tmp_path: Path) -> None:
    from skimage import data

    path = _write_video(
        tmp_path / "uhd.mp4", frames=30, fps=60, width=3840, height=2160, base=data.astronaut()
    )
    tracemalloc.start()
    try:
        count, shapes, times = 0, set(), []
        for time_s, rgb in iter_video_frames(path, target_fps=15, max_width=640):
            count += 1
            shapes.add(rgb.shape)
            times.append(time_s)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert shapes == {(360, 640, 3)}
    assert count == 8  # 0.5 s of 60 fps at 15 fps: 0, 1/15, ... 7/15 s
    assert np.median(np.diff(times)) == pytest.approx(1 / 15, abs=0.01)
    assert peak < 8_000_000, f"peak Python-side allocation {peak:,} bytes: a full 4K frame is 24.9 MB"


def test_scaled_size_keeps_aspect_and_even_sizes() -> None:
    assert scaled_size(3840, 2160, 640) == (640, 360)
    assert scaled_size(720, 1280, 360) == (360, 640)
    assert scaled_size(640, 480, 1280) == (640, 480)
    assert scaled_size(1001, 751, 501) == (500, 376)


def test_missing_file_is_a_media_error(tmp_path: Path) -> None:
    with pytest.raises(MediaFileError, match="does not exist"):
        list(iter_video_frames(tmp_path / "nope.mp4"))


def test_text_file_is_not_media(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp4"
    path.write_text("Tell me about yourself.\n" * 100, encoding="utf-8")
    with pytest.raises(MediaFileError, match="not a video file"):
        probe_video(path)


def test_audio_only_file_has_no_video_stream(tmp_path: Path) -> None:
    import wave

    path = tmp_path / "answer.wav"
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        tone = (np.sin(np.arange(16000) * 2 * np.pi * 440 / 16000) * 8000).astype(np.int16)
        handle.writeframes(tone.tobytes())
    with pytest.raises(MediaFileError, match="no video stream"):
        list(iter_video_frames(path))
