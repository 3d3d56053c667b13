"""Vision fixtures: real images from scikit-image, warps that turn a real face, shared engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from app.vision.landmarks import LandmarkEngine


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """Eileen Collins' NASA portrait (512x512 RGB): one face, facing the camera, smiling."""
    from skimage import data

    return np.ascontiguousarray(data.astronaut())


def turn_head(
    rgb: np.ndarray, centre_x: float, radius: float, degrees: float, rows: tuple[int, int]
) -> np.ndarray:
    """Mimic a head yaw: map the face band onto a cylinder and rotate it (the outline stays, the
    features slide towards one side and the far half narrows, as when a real head turns)."""
    import cv2

    height, width = rgb.shape[:2]
    xs = np.arange(width, dtype=np.float32)
    angle = np.arcsin(np.clip((xs - centre_x) / radius, -1, 1)) - np.radians(degrees)
    source = np.where(
        np.abs(xs - centre_x) < radius, centre_x + radius * np.sin(np.clip(angle, -np.pi / 2, np.pi / 2)), xs
    )
    map_x = np.tile(xs[None, :], (height, 1))
    map_x[rows[0] : rows[1]] = source.astype(np.float32)
    map_y = np.tile(np.arange(height, dtype=np.float32)[:, None], (1, width))
    return cv2.remap(rgb, map_x, map_y, cv2.INTER_LINEAR)


@pytest.fixture(scope="session")
def turned_astronaut(astronaut: np.ndarray) -> np.ndarray:
    """The astronaut's head turned ~60 deg to one side (her face spans x 182..268, rows 50..215)."""
    return turn_head(astronaut, centre_x=225, radius=60, degrees=60, rows=(50, 215))


@pytest.fixture(scope="session")
def image_engine() -> Iterator[LandmarkEngine]:
    """IMAGE-mode engine (no tracking between calls), loaded once for all single-image tests."""
    engine = LandmarkEngine.load(video_mode=False)
    yield engine
    engine.close()


@pytest.fixture
def smile_video(shared_video: Path) -> Path:
    return shared_video / "smile_glasses_480.mp4"


@pytest.fixture
def talking_video(shared_video: Path) -> Path:
    return shared_video / "talking_glasses_portrait.mp4"
