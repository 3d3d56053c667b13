"""The body-language rules of the scoring rubric (app.analysis.rubric collects every rule): facing the
camera, posture, fidgeting, gestures and smiling, each with its bands and the source or rationale."""

from __future__ import annotations

from app.analysis.rubric_bands import INF, MetricRule
from app.analysis.rubric_bands import bands as _b
from app.core.body_language import CUE_DEFINITIONS
from app.core.scores import Dimension

# --- Body language -------------------------------------------------------------------------------------

FACING_CAMERA = MetricRule(
    key="facing_camera",
    label="Facing the camera",
    dimension=Dimension.BODY_LANGUAGE,
    metric="facing_camera_share",
    unit="%",
    definition="Share of all analysed frames in which the face is visible and turned to the camera "
    "(facing_camera_ratio x face_visible_ratio, so time out of the picture counts as not facing). "
    + CUE_DEFINITIONS["facing_camera_ratio"].definition,
    source="Speakers look at their listener roughly 40-60% of the time and listeners more (Argyle & Cook "
    "1976); facing the camera is a looser test than gaze, so we expect more of it: 80%+ is the top band "
    "(our choice).",
    bands=_b(
        (0, 0.35, 1, "mostly turned away (< 35%)"),
        (0.35, 0.5, 2, "often turned away (35-50%)"),
        (0.5, 0.65, 3, "half the time (50-65%)"),
        (0.65, 0.8, 4, "mostly (65-80%)"),
        (0.8, INF, 5, "steady (80%+)"),
    ),
)

POSTURE = MetricRule(
    key="posture",
    label="Posture",
    dimension=Dimension.BODY_LANGUAGE,
    metric="slouch_ratio",
    unit="%",
    definition=CUE_DEFINITIONS["slouch_ratio"].definition,
    source="Interview coaching advises sitting upright, and slouching is easy to see on camera; we report it "
    "as a visible behaviour only. We cite no study for an effect on the interviewer or on you (the "
    "'power posing' findings did not replicate). Bands are our choice.",
    bands=_b(
        (0, 0.1, 5, "upright (< 10% slouched)"),
        (0.1, 0.25, 4, "mostly upright (10-25%)"),
        (0.25, 0.4, 3, "sometimes slouched (25-40%)"),
        (0.4, 0.6, 2, "often slouched (40-60%)"),
        (0.6, INF, 1, "mostly slouched (60%+)"),
    ),
)

FIDGETING = MetricRule(
    key="fidgeting",
    label="Fidgeting",
    dimension=Dimension.BODY_LANGUAGE,
    metric="fidgeting_ratio",
    unit="%",
    definition=CUE_DEFINITIONS["fidgeting_ratio"].definition,
    source="Self-touching and fidgeting are read as nervousness (interview coaching; Knapp & Hall, "
    "'Nonverbal Communication in Human Interaction'). Bands are our choice.",
    bands=_b(
        (0, 0.05, 5, "calm (< 5%)"),
        (0.05, 0.12, 4, "a little (5-12%)"),
        (0.12, 0.2, 3, "noticeable (12-20%)"),
        (0.2, 0.35, 2, "frequent (20-35%)"),
        (0.35, INF, 1, "constant (35%+)"),
    ),
)

GESTURES = MetricRule(
    key="gestures",
    label="Gestures",
    dimension=Dimension.BODY_LANGUAGE,
    metric="gesturing_ratio",
    unit="%",
    definition=CUE_DEFINITIONS["gesturing_ratio"].definition,
    source="Moderate, open hand gestures make speakers look more engaged and help listeners follow "
    "(McNeill 1992; presentation coaching); constant motion distracts. Still hands are not a fault, so "
    "they score 3. Bands are our choice.",
    bands=_b(
        (0, 0.02, 3, "hands still (< 2%)"),
        (0.02, 0.1, 4, "some gestures (2-10%)"),
        (0.1, 0.6, 5, "natural gestures (10-60%)"),
        (0.6, INF, 4, "near-constant motion (60%+)"),
    ),
)

SMILING = MetricRule(
    key="smiling",
    label="Smiling",
    dimension=Dimension.BODY_LANGUAGE,
    metric="smile_ratio",
    unit="%",
    definition=CUE_DEFINITIONS["smile_ratio"].definition,
    source="Ruben, Hall & Schmid Mast (2015, 'Smiling in a job interview: when less is more') found that "
    "smiling less can be better in an interview, depending on the job; so a serious face is not scored "
    "low (3) and constant smiling is not the top band. Cut-offs are our choice.",
    bands=_b(
        (0, 0.03, 3, "no smile seen (< 3%)"),
        (0.03, 0.1, 4, "a little (3-10%)"),
        (0.1, 0.5, 5, "warm (10-50%)"),
        (0.5, INF, 4, "almost constant (50%+)"),
    ),
)
