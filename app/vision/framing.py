"""Framing: is the face centred, at a workable distance, and lit well enough?

`assess_framing` is pure (numbers in, Framing out) and serves the per-answer summary; `check_framing`
takes one camera frame and is the pre-session camera check.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

from app.core.body_language import (
    CENTRED_TOLERANCE,
    FACE_CENTRE_Y_RANGE,
    FACE_TOO_CLOSE_WIDTH,
    FACE_TOO_FAR_WIDTH,
    TOO_DARK_LUMINANCE,
    Framing,
)
from app.vision.features import extract_features
from app.vision.landmarks import LandmarkEngine


def assess_framing(mean_luminance: float, face_cx: float, face_cy: float, face_w: float) -> Framing:
    """Framing from the light level and the face box (fractions of the picture; NaN when no face)."""
    too_dark = mean_luminance < TOO_DARK_LUMINANCE
    hints: list[str] = []
    if too_dark:
        hints.append("The picture is too dark: add light in front of you or face a window.")
    if any(math.isnan(v) for v in (face_cx, face_cy, face_w)):
        hints.append("No face found: sit facing the camera with your whole face in the picture.")
        return Framing(None, "unknown", round(mean_luminance, 1), too_dark, hints)
    dx = face_cx - 0.5
    centred_x = abs(dx) <= CENTRED_TOLERANCE
    centred_y = FACE_CENTRE_Y_RANGE[0] <= face_cy <= FACE_CENTRE_Y_RANGE[1]
    if not centred_x:
        side = "right" if dx > 0 else "left"
        hints.append(f"Your face is off to the {side} of the picture: move or turn the camera to centre it.")
    if not centred_y:
        where = "high" if face_cy < FACE_CENTRE_Y_RANGE[0] else "low"
        hints.append(
            f"Your face sits {where} in the picture: tilt the camera so your eyes are near the top third."
        )
    distance: Literal["ok", "too_close", "too_far"]
    if face_w > FACE_TOO_CLOSE_WIDTH:
        distance = "too_close"
        hints.append("You are too close: sit back so your shoulders are in the picture.")
    elif face_w < FACE_TOO_FAR_WIDTH:
        distance = "too_far"
        hints.append("You are too far away: move closer so your face fills more of the picture.")
    else:
        distance = "ok"
    return Framing(centred_x and centred_y, distance, round(mean_luminance, 1), too_dark, hints)


def check_framing(frame: np.ndarray, engine: LandmarkEngine | None = None) -> Framing:
    """The pre-session camera check on one RGB frame (raises ModelUnavailable if the face model is broken).

    Pass an IMAGE-mode `engine` to check many frames (a live preview); without one, a face-only engine
    is loaded for this call and closed again (~0.2 s), so no model stays loaded behind the caller's back.
    """
    if engine is not None:
        feats = extract_features(engine.detect(frame, 0.0), frame, 0.0)
    else:
        with LandmarkEngine.load(video_mode=False, with_pose=False) as own_engine:
            feats = extract_features(own_engine.detect(frame, 0.0), frame, 0.0)
    return assess_framing(feats.luminance, feats.face_cx, feats.face_cy, feats.face_w)
