"""Slouching is judged against a typical upright posture as well as the person's own start (issue 14.7).

Before, the only reference was the first 3 s of the answer, so someone slouched from the start read
"upright". Drawn feature tracks (the values a real frame would give, in pixels) check each case; a real
talking-head video checks that an upright person is not called slouched by the new reference.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.analysis.feedback import body_tips
from app.analysis.scoring import score_answer
from app.core.body_language import LOW_POSTURE_HEIGHT, UPRIGHT_HEIGHT, BodyLanguageCues
from app.vision.cues import compute_cues
from app.vision.features import FeatureTrack, FrameFeatures

FPS = 10
SHOULDERS_PX = 200.0


def _track(seconds: float, nose_above_shoulders: Callable[[float], float]) -> np.ndarray:
    """A person facing the camera, shoulders 200 px wide, nose `nose_above_shoulders(t)` px above them."""
    track = FeatureTrack()
    for index in range(int(seconds * FPS)):
        t = index / FPS
        track.append(
            FrameFeatures(
                time=t,
                luminance=120.0,
                face=True,
                yaw=0.0,
                pitch=3.0,
                roll=0.0,
                smile=0.1,
                face_cx=0.5,
                face_cy=0.45,
                face_w=0.25,
                pose=True,
                shoulder_tilt=1.0,
                shoulder_width=SHOULDERS_PX,
                torso_height=nose_above_shoulders(t),
                nose_x=320.0,
                nose_y=220.0,
                blendshapes=np.full(52, 0.1, dtype=np.float32),
            )
        )
    return track.array()


def _posture(cues: BodyLanguageCues) -> tuple[int | None, list[str]]:
    card = score_answer(None, cues, None)
    posture = next(s for s in card.body_language.sub_scores if s.key == "posture")
    return posture.score, [tip.text for tip in body_tips(cues, card) if tip.metric == "posture"]


def test_slouched_from_the_start_is_not_upright() -> None:
    # The nose 0.30 shoulder widths above the shoulders for the whole answer: the head sunk towards the
    # chest. Against the person's own start nothing changed; against an upright posture it is low.
    cues = compute_cues(_track(12, lambda t: 0.30 * SHOULDERS_PX), 12.0, 360)
    assert cues.sinking_ratio == 0.0  # the old measure alone: "upright"
    assert cues.low_posture_ratio == 1.0 and cues.slouch_ratio == 1.0
    assert cues.upper_body_height == pytest.approx(0.30)
    score, tips = _posture(cues)
    assert score == 1  # "mostly slouched"
    assert len(tips) == 1 and "lower than a typical upright posture from the start for 100%" in tips[0]
    assert f"upright is about {UPRIGHT_HEIGHT:.2f}" in tips[0]


def test_sinking_from_an_upright_start_is_labelled_as_sinking() -> None:
    # Upright (0.60) for 6 s, then 0.45: 25% lower than the start, but still above the upright floor.
    cues = compute_cues(_track(12, lambda t: (0.60 if t < 6 else 0.45) * SHOULDERS_PX), 12.0, 360)
    assert cues.low_posture_ratio == 0.0
    assert cues.sinking_ratio == pytest.approx(0.5, abs=0.05) and cues.slouch_ratio == cues.sinking_ratio
    score, tips = _posture(cues)
    assert score == 2  # "often slouched (40-60%)"
    assert len(tips) == 1 and tips[0].startswith("You sank lower in your seat than at the start for 50%")


def test_upright_at_a_typical_height_is_upright() -> None:
    # 0.46: what the real portrait video measures; small wobble of +-3%.
    cues = compute_cues(_track(12, lambda t: (0.46 + 0.014 * np.sin(t)) * SHOULDERS_PX), 12.0, 360)
    assert cues.slouch_ratio == 0.0 and cues.low_posture_ratio == 0.0
    score, tips = _posture(cues)
    assert score == 5 and tips == []


def test_sinking_below_the_upright_floor_counts_once() -> None:
    # Starts at 0.40 (already a little low, above the floor), then drops to 0.30 after 4 s: both references
    # agree for those frames, which count once.
    cues = compute_cues(_track(10, lambda t: (0.40 if t < 4 else 0.30) * SHOULDERS_PX), 10.0, 300)
    assert LOW_POSTURE_HEIGHT < 0.40
    assert cues.low_posture_ratio == pytest.approx(0.6, abs=0.05)
    assert cues.sinking_ratio == pytest.approx(0.6, abs=0.05)
    assert cues.slouch_ratio == pytest.approx(0.6, abs=0.05)


@pytest.mark.media
@pytest.mark.slow
def test_a_real_upright_speaker_is_not_called_slouched(shared_video: Path) -> None:
    """talking_glasses_portrait.mp4: a man sitting upright and talking to the camera (watched)."""
    from app.vision.offline import analyse_video

    cues = analyse_video(shared_video / "talking_glasses_portrait.mp4")
    assert cues.upper_body_height is not None and cues.upper_body_height > LOW_POSTURE_HEIGHT + 0.05
    assert cues.low_posture_ratio == 0.0 and cues.slouch_ratio == 0.0
