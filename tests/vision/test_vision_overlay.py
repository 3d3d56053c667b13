"""The preview overlay: the face outline, shoulders and wrists picked from a real portrait's landmarks."""

from __future__ import annotations

import numpy as np

from app.vision.landmarks import FrameLandmarks, LandmarkEngine
from app.vision.overlay import FACE_OUTLINE, overlay_from_landmarks


def test_overlay_outlines_the_astronauts_face_and_shoulders(
    image_engine: LandmarkEngine, astronaut: np.ndarray
) -> None:
    """Eileen Collins' face spans x 182..268 and rows 50..215 of the 512x512 portrait."""
    overlay = overlay_from_landmarks(image_engine.detect(astronaut, 0.0), time_s=1.5)
    assert overlay.time_s == 1.5 and not overlay.empty
    xs = [x * 512 for x, _y in overlay.face_outline]
    ys = [y * 512 for _x, y in overlay.face_outline]
    assert len(xs) == len(FACE_OUTLINE) == 36
    assert 165 < min(xs) < 200 and 250 < max(xs) < 285, (min(xs), max(xs))
    assert 50 < min(ys) < 100 and 150 < max(ys) < 215, (min(ys), max(ys))
    assert ys.index(max(ys)) == FACE_OUTLINE.index(152)  # the chin is the lowest outline point
    # Both shoulders are in the picture, below and either side of the face; the hands are not.
    (left_x, left_y), (right_x, right_y) = overlay.shoulders
    assert left_x * 512 > max(xs) and right_x * 512 < min(xs)
    assert min(left_y, right_y) * 512 > max(ys) - 10
    assert overlay.wrists == []


def test_no_landmarks_give_an_empty_overlay() -> None:
    overlay = overlay_from_landmarks(FrameLandmarks(640, 480))
    assert overlay.empty and overlay.face_outline == [] and overlay.shoulders == []
