"""A phone clip held upright (stored landscape, a display matrix that turns it) is seen upright on both
paths that read video files: analysed again (iter_video_frames) and standing in for the camera
(FileVideoSource), so its body language is measured on the same picture either way."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from app.capture.sources import FileVideoSource, check_stand_in
from app.capture.video_file import iter_video_frames

STORED_W, STORED_H = 64, 32  # the sensor's landscape picture: red left half, blue right half
RED, BLUE = np.array([255, 0, 0]), np.array([0, 0, 255])


def _phone_clip(path: Path, display_rotation: int, frames: int = 10) -> Path:
    """An H.264 MP4 whose display matrix turns the stored picture by `display_rotation` degrees
    counter-clockwise (-90: what a phone writes for a clip shot upright, 'rotate=90')."""
    stored = np.zeros((STORED_H, STORED_W, 3), np.uint8)
    stored[:, : STORED_W // 2] = RED
    stored[:, STORED_W // 2 :] = BLUE
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = STORED_W, STORED_H, "yuv420p"
        stream.set_display_rotation(display_rotation)
        for _ in range(frames):
            for packet in stream.encode(av.VideoFrame.from_ndarray(stored, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def _colour(rgb: np.ndarray, rows: slice, cols: slice) -> str:
    mean = rgb[rows, cols].reshape(-1, 3).mean(axis=0)
    if np.abs(mean - RED).max() < 40:
        return "red"
    if np.abs(mean - BLUE).max() < 40:
        return "blue"
    return f"other {mean.round()}"


def _layout(rgb: np.ndarray) -> dict[str, str]:
    """The colour of each edge's middle: which way up the picture is."""
    h, w = rgb.shape[:2]
    return {
        "top": _colour(rgb, slice(0, 4), slice(w // 4, 3 * w // 4)),
        "bottom": _colour(rgb, slice(h - 4, h), slice(w // 4, 3 * w // 4)),
        "left": _colour(rgb, slice(h // 4, 3 * h // 4), slice(0, 4)),
        "right": _colour(rgb, slice(h // 4, 3 * h // 4), slice(w - 4, w)),
    }


def _source_frames(path: Path) -> tuple[FileVideoSource, list[np.ndarray]]:
    source = FileVideoSource(path, speed=0)
    frames: list[np.ndarray] = []
    source.subscribe(lambda _t, rgb: frames.append(rgb))
    source.start()
    assert source.wait(30)
    return source, frames


@pytest.mark.parametrize(
    ("display_rotation", "shape", "upright"),
    [
        # Turned a quarter clockwise: the stored left edge (red) becomes the top.
        (-90, (STORED_W, STORED_H, 3), {"top": "red", "bottom": "blue"}),
        # A quarter counter-clockwise: the left edge goes to the bottom.
        (90, (STORED_W, STORED_H, 3), {"top": "blue", "bottom": "red"}),
        # Upside down: left and right swap.
        (180, (STORED_H, STORED_W, 3), {"left": "blue", "right": "red"}),
        # No display matrix turn: as stored.
        (0, (STORED_H, STORED_W, 3), {"left": "red", "right": "blue"}),
    ],
)
def test_both_readers_show_a_rotated_clip_upright(
    tmp_path: Path, display_rotation: int, shape: tuple[int, int, int], upright: dict[str, str]
) -> None:
    clip = _phone_clip(tmp_path / f"phone_{display_rotation}.mp4", display_rotation)

    analysed = [rgb for _t, rgb in iter_video_frames(clip)]
    source, replayed = _source_frames(clip)

    assert len(analysed) == len(replayed) == 10
    for frames in (analysed, replayed):
        for rgb in frames:
            assert rgb.shape == shape
            layout = _layout(rgb)
            assert {edge: layout[edge] for edge in upright} == upright
    # The camera stand-in announces the size its frames have, which the recorder and preview rely on.
    assert (source.height, source.width) == shape[:2]
    info = check_stand_in(clip, "camera")
    assert (info.height, info.width) == shape[:2]
    # Same pictures on both paths, not merely the same way up.
    assert all(np.array_equal(a, b) for a, b in zip(analysed, replayed, strict=True))
