"""Body language from video with MediaPipe: landmarks -> per-frame features -> per-answer cues.

Modules: models (verified bundles, safe loading), landmarks (the engine), features, cues, framing,
analyzer (the shared core), live (newest-frame policy), offline (recorded files), annotate (drawn copy).
Importing this package is cheap: mediapipe, cv2 and av load only when a function needs them.
"""

from __future__ import annotations

from app.core.diagnostics import Check
from app.platform.network import block_mediapipe_telemetry

block_mediapipe_telemetry()  # before any MediaPipe task exists: see app/platform/network.py


def check_vision_models() -> Check:
    """doctor: the shipped model bundles are present, intact, and load within the timeout."""
    from app.core.errors import ModelUnavailable
    from app.vision.landmarks import LandmarkEngine
    from app.vision.models import SHIPPED_MODELS, models_dir

    names = ", ".join(spec.filename for spec in SHIPPED_MODELS)
    try:
        engine = LandmarkEngine.load(video_mode=False, quiet=True)
    except ModelUnavailable as exc:
        return Check("vision models", False, exc.message, exc.advice)
    except ImportError as exc:
        return Check(
            "vision models",
            False,
            f"mediapipe cannot be imported ({exc}).",
            "Reinstall Mock Interview Coach; body-language feedback is off until then.",
        )
    engine.close()
    return Check("vision models", True, f"{names} verified and loaded from {models_dir()}")
