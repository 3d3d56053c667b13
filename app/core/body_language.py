"""Body-language cues for one answer: observable behaviours with a definition and a unit, never emotions.

The cues describe what a camera can see reliably (is a face there, is the head turned towards the camera,
are the mouth corners raised, do the shoulders drop) and nothing it cannot (gaze, confidence, "hireability").
Every number is None when it could not be measured (no face, no upper body in view), never guessed.
`CUE_DEFINITIONS` is the one place that says what each cue means, in what unit and from which frames, so the
CLI, the report and the GUI all show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.core.transcript import TimeSpan

# Thresholds the definitions refer to. The vision package uses these exact values.
FACING_MAX_YAW_DEG = 20.0
FACING_MAX_PITCH_DEG = 20.0
LOOK_AWAY_MIN_S = 2.0
SMILE_THRESHOLD = 0.5
SLOUCH_DROP = 0.12
UPRIGHT_HEIGHT = 0.41
"""Upper-body height (nose above the shoulder line, in shoulder widths) of the lowest typical upright
sitter seen from the front: seated nose height minus seated shoulder height over shoulder breadth,
about 17/41 cm for men and 16/36.5 cm for women (adult anthropometric medians). Not tuned on video; the two
real talking-head videos of ../shared/media/video measure 0.46 and 0.55 (tests/vision)."""
LOW_POSTURE_HEIGHT = round(UPRIGHT_HEIGHT * (1 - SLOUCH_DROP), 2)
"""Below this the person sits low however they started: SLOUCH_DROP under the upright reference."""
LEAN_CHANGE = 0.12
BASELINE_S = 3.0
TOO_DARK_LUMINANCE = 60.0
FACE_TOO_CLOSE_WIDTH = 0.45
FACE_TOO_FAR_WIDTH = 0.12
CENTRED_TOLERANCE = 0.18
FACE_CENTRE_Y_RANGE = (0.2, 0.65)
NOD_MIN_DEG = 5.0
SHAKE_MIN_DEG = 8.0
OSCILLATION_MAX_S = 1.5
GESTURE_MIN_RANGE = 0.5
FIDGET_MAX_RANGE = 0.25
HAND_FAST_PATH = 0.6
HAND_NEAR_FACE = 0.6
HAND_NEAR_FACE_MIN_S = 0.3


@dataclass(frozen=True)
class LookAway(TimeSpan):
    """A stretch of at least LOOK_AWAY_MIN_S seconds with the head turned away or the face out of view."""


@dataclass(frozen=True)
class CueSample:
    """One second of the body-language timeline (fractions of that second's analysed frames, 0..1)."""

    time: float
    face_visible: float
    facing_camera: float | None
    smiling: float | None
    movement: float | None  # head rotation speed, deg/s (see head_restlessness)


@dataclass
class Framing:
    """How the person sits in the picture; also the pre-session camera check."""

    centred: bool | None
    distance: Literal["ok", "too_close", "too_far", "unknown"]
    mean_luminance: float
    too_dark: bool
    hints: list[str] = field(default_factory=list)


@dataclass
class BodyLanguageCues:
    """What the camera saw during one answer. Ratios are 0..1 over the frames each cue is based on."""

    duration_s: float
    frames_total: int
    frames_analyzed: int
    analysis_fps: float
    frames_with_face: int = 0
    frames_with_pose: int = 0
    face_visible_ratio: float = 0.0
    facing_camera_ratio: float | None = None
    looking_away: list[LookAway] = field(default_factory=list)
    smile_ratio: float | None = None
    expressiveness: float | None = None
    nod_count: int | None = None
    shake_count: int | None = None
    head_restlessness: float | None = None
    shoulder_tilt_deg: float | None = None
    posture_shift: float | None = None
    slouch_ratio: float | None = None
    sinking_ratio: float | None = None
    low_posture_ratio: float | None = None
    upper_body_height: float | None = None
    lean_ratio: float | None = None
    hand_movement_energy: float | None = None
    gesturing_ratio: float | None = None
    fidgeting_ratio: float | None = None
    hands_near_face_count: int | None = None
    hands_visible_ratio: float | None = None
    framing: Framing = field(default_factory=lambda: Framing(None, "unknown", 0.0, False))
    timeline: list[CueSample] = field(default_factory=list)


@dataclass(frozen=True)
class CueDefinition:
    label: str
    unit: str
    definition: str
    based_on: Literal["all", "face", "pose"]  # which frames the value is computed over


CUE_DEFINITIONS: dict[str, CueDefinition] = {
    "face_visible_ratio": CueDefinition(
        "Face visible", "fraction of frames", "Share of analysed frames in which a face was found.", "all"
    ),
    "facing_camera_ratio": CueDefinition(
        "Facing the camera",
        "fraction of frames",
        f"Share of frames with a face whose head is turned at most {FACING_MAX_YAW_DEG:.0f} deg left/right "
        f"and {FACING_MAX_PITCH_DEG:.0f} deg up/down from the camera (head pose, not gaze: a webcam "
        "cannot tell where the eyes look).",
        "face",
    ),
    "looking_away": CueDefinition(
        "Looking away",
        "episodes (start-end, s)",
        f"Stretches of at least {LOOK_AWAY_MIN_S:.0f} s with the head turned away or the face out of view.",
        "all",
    ),
    "smile_ratio": CueDefinition(
        "Smiling",
        "fraction of frames",
        f"Share of frames with a face whose mouth-corner raise (mean of the mouthSmileLeft/Right "
        f"blendshapes, 0..1) is at least {SMILE_THRESHOLD}.",
        "face",
    ),
    "expressiveness": CueDefinition(
        "Expressiveness",
        "mean blendshape std (0..1)",
        "How much the face moves over the answer: the standard deviation of each facial blendshape "
        "(brows, eyes, mouth, cheeks), averaged. About 0.02 is a still face, 0.08 or more a lively one.",
        "face",
    ),
    "nod_count": CueDefinition(
        "Nods",
        "count",
        f"Up-down head swings of at least {NOD_MIN_DEG:.0f} deg and back within {OSCILLATION_MAX_S} s.",
        "face",
    ),
    "shake_count": CueDefinition(
        "Head shakes",
        "count",
        f"Left-right head swings of at least {SHAKE_MIN_DEG:.0f} deg and back within {OSCILLATION_MAX_S} s.",
        "face",
    ),
    "head_restlessness": CueDefinition(
        "Head restlessness",
        "deg/s",
        "Mean speed of head rotation (yaw, pitch and roll together) after light smoothing; nods and "
        "shakes count too. Under about 10 deg/s is a calm head, over 30 deg/s a restless one.",
        "face",
    ),
    "shoulder_tilt_deg": CueDefinition(
        "Shoulder tilt",
        "deg",
        "Median angle of the line between the shoulders against the horizontal.",
        "pose",
    ),
    "posture_shift": CueDefinition(
        "Posture change",
        "fraction of baseline",
        f"Change of the upper-body height (shoulders to nose, in shoulder widths) between the first "
        f"{BASELINE_S:.0f} s and the last third of the answer; negative means sinking lower.",
        "pose",
    ),
    "slouch_ratio": CueDefinition(
        "Slouching",
        "fraction of frames",
        f"Share of frames in which the upper-body height (nose above the shoulder line, in shoulder widths) "
        f"is more than {SLOUCH_DROP:.0%} below the person's own first {BASELINE_S:.0f} s, or below "
        f"{LOW_POSTURE_HEIGHT:.2f}, {SLOUCH_DROP:.0%} under a typical upright posture seen from the front "
        "(so sitting slouched from the start counts too). A camera far above or below eye level shifts "
        "the second measure.",
        "pose",
    ),
    "sinking_ratio": CueDefinition(
        "Sinking lower than at the start",
        "fraction of frames",
        f"Share of frames in which the upper-body height is more than {SLOUCH_DROP:.0%} below the "
        f"person's own first {BASELINE_S:.0f} s.",
        "pose",
    ),
    "low_posture_ratio": CueDefinition(
        "Sitting lower than upright",
        "fraction of frames",
        f"Share of frames in which the upper-body height is below {LOW_POSTURE_HEIGHT:.2f} shoulder widths: "
        f"{SLOUCH_DROP:.0%} under a typical upright posture seen from the front ({UPRIGHT_HEIGHT:.2f}), "
        "whatever the start was.",
        "pose",
    ),
    "upper_body_height": CueDefinition(
        "Upper-body height",
        "shoulder widths",
        f"Median height of the nose above the shoulder line, in shoulder widths; about {UPRIGHT_HEIGHT:.2f} "
        "or more when sitting upright facing a camera at eye level.",
        "pose",
    ),
    "lean_ratio": CueDefinition(
        "Leaning in or back",
        "fraction of frames",
        f"Share of frames in which the shoulder width on screen differs by more than {LEAN_CHANGE:.0%} "
        "from the baseline (closer to or further from the camera).",
        "pose",
    ),
    "hand_movement_energy": CueDefinition(
        "Hand movement",
        "shoulder widths/s",
        "Mean speed of the visible hands (pose wrist, index, pinky and thumb points), relative to the "
        "shoulder width so it does not depend on the distance to the camera.",
        "pose",
    ),
    "gesturing_ratio": CueDefinition(
        "Gesturing",
        "fraction of frames",
        f"Share of frames with a hand visible in which a hand travels at least {HAND_FAST_PATH} shoulder "
        f"widths within 1 s over a range of at least {GESTURE_MIN_RANGE}: broad movements that go with "
        "speech.",
        "pose",
    ),
    "fidgeting_ratio": CueDefinition(
        "Fidgeting",
        "fraction of frames",
        f"Share of frames with a hand visible in which a hand travels at least {HAND_FAST_PATH} shoulder "
        f"widths within 1 s but stays within {FIDGET_MAX_RANGE}: tapping, rubbing, playing with things.",
        "pose",
    ),
    "hands_near_face_count": CueDefinition(
        "Hands near face",
        "count",
        f"Times a hand came within {HAND_NEAR_FACE} shoulder widths of the nose and stayed at least "
        f"{HAND_NEAR_FACE_MIN_S} s.",
        "pose",
    ),
    "hands_visible_ratio": CueDefinition(
        "Hands visible",
        "fraction of frames",
        "Share of frames with a body in view in which at least one hand is in the picture.",
        "pose",
    ),
    "framing": CueDefinition(
        "Framing",
        "centred / distance / light",
        f"Face centre within {CENTRED_TOLERANCE:.0%} of the picture width from the middle and between "
        f"{FACE_CENTRE_Y_RANGE[0]:.0%} and {FACE_CENTRE_Y_RANGE[1]:.0%} of its height; face width over "
        f"{FACE_TOO_CLOSE_WIDTH:.0%} of the picture is too close, under {FACE_TOO_FAR_WIDTH:.0%} too far; "
        f"mean luminance under {TOO_DARK_LUMINANCE:.0f} (0-255) is too dark.",
        "all",
    ),
}
