"""Cue logic on feature tracks with known motion: nods, glances, slouching, gestures and fidgets.

The real videos have no nodding, slouching or hands in view, so these behaviours are checked on tracks
whose motion is known exactly (the values a real frame would give, in pixels and degrees).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from app.vision.cues import compute_cues
from app.vision.features import FeatureTrack, FrameFeatures

FPS = 10


def _track(seconds: float, change: Callable[[float, FrameFeatures], None]) -> np.ndarray:
    """A seated person facing the camera (shoulders 200 px wide, nose 150 px above them), then `change`."""
    track = FeatureTrack()
    for index in range(int(seconds * FPS)):
        t = index / FPS
        feats = FrameFeatures(
            time=t,
            luminance=120.0,
            face=True,
            yaw=0.0,
            pitch=3.0,
            roll=0.0,
            smile=0.1,
            face_cx=0.5,
            face_cy=0.4,
            face_w=0.25,
            pose=True,
            shoulder_tilt=1.0,
            shoulder_width=200.0,
            torso_height=150.0,
            nose_x=320.0,
            nose_y=200.0,
            blendshapes=np.full(52, 0.1, dtype=np.float32),
        )
        change(t, feats)
        track.append(feats)
    return track.array()


def test_three_nods_and_no_shakes() -> None:
    def nod(t: float, feats: FrameFeatures) -> None:
        if 4.0 <= t < 7.0:
            feats.pitch = 3.0 - 7.0 * math.sin(2 * math.pi * t)  # 1 Hz, +-7 deg

    cues = compute_cues(_track(10, nod), 10.0, 300)
    assert cues.nod_count == 3
    assert cues.shake_count == 0
    assert cues.facing_camera_ratio == 1.0


def test_slow_turn_is_not_a_shake() -> None:
    def turn(t: float, feats: FrameFeatures) -> None:
        feats.yaw = 3.0 * t  # 0 -> 27 deg over 9 s, never back

    cues = compute_cues(_track(9, turn), 9.0, 270)
    assert cues.shake_count == 0
    assert cues.facing_camera_ratio == pytest.approx(20 / 27, abs=0.05)


def test_glances_shorter_than_two_seconds_are_not_looking_away() -> None:
    def glance(t: float, feats: FrameFeatures) -> None:
        if 2.0 <= t < 3.5 or 6.0 <= t < 8.5:
            feats.yaw = 35.0

    cues = compute_cues(_track(10, glance), 10.0, 300)
    assert [(e.start, e.end) for e in cues.looking_away] == [(6.0, 8.5)]
    assert cues.facing_camera_ratio == pytest.approx(0.6, abs=0.03)


def test_sinking_in_the_chair_is_slouching_against_own_baseline() -> None:
    def sink(t: float, feats: FrameFeatures) -> None:
        if t >= 5.0:
            feats.torso_height = 110.0  # nose 27% closer to the shoulders than in the first 3 s

    cues = compute_cues(_track(10, sink), 10.0, 300)
    assert cues.slouch_ratio == pytest.approx(0.5, abs=0.05)
    assert cues.posture_shift == pytest.approx(110 / 150 - 1, abs=0.01)
    assert cues.lean_ratio == 0.0


def test_leaning_in_widens_the_shoulders() -> None:
    def lean(t: float, feats: FrameFeatures) -> None:
        if t >= 6.0:
            feats.shoulder_width, feats.torso_height = 250.0, 187.5  # same proportions, closer

    cues = compute_cues(_track(10, lean), 10.0, 300)
    assert cues.lean_ratio == pytest.approx(0.4, abs=0.05)
    assert cues.slouch_ratio == 0.0


def test_broad_gestures_are_not_fidgeting() -> None:
    def gesture(t: float, feats: FrameFeatures) -> None:
        feats.right_x = 250.0 + 120.0 * math.sin(2 * math.pi * 0.8 * t)  # +-0.6 shoulder widths
        feats.right_y = 420.0

    cues = compute_cues(_track(10, gesture), 10.0, 300)
    assert cues.gesturing_ratio is not None and cues.gesturing_ratio >= 0.8
    assert cues.fidgeting_ratio == 0.0
    assert cues.hands_visible_ratio == 1.0
    assert cues.hands_near_face_count == 0
    assert cues.hand_movement_energy == pytest.approx(4 * 0.8 * 0.6 * 0.9, rel=0.25)


def test_small_fast_movements_are_fidgeting() -> None:
    def fidget(t: float, feats: FrameFeatures) -> None:
        if t >= 5.0:
            feats.left_x = 400.0 + 15.0 * math.sin(2 * math.pi * 2.5 * t)  # +-0.075 widths at 2.5 Hz
            feats.left_y = 430.0 + 8.0 * math.cos(2 * math.pi * 2.5 * t)

    cues = compute_cues(_track(10, fidget), 10.0, 300)
    assert cues.fidgeting_ratio is not None and cues.fidgeting_ratio >= 0.7
    assert cues.gesturing_ratio == 0.0
    assert cues.hands_visible_ratio == pytest.approx(0.5, abs=0.02)


def test_hands_near_face_are_counted_once_per_visit() -> None:
    def touch(t: float, feats: FrameFeatures) -> None:
        if 2.0 <= t < 3.0 or 6.0 <= t < 6.8:
            feats.left_x, feats.left_y = 340.0, 230.0  # at the chin
        elif 8.0 <= t < 8.1:
            feats.left_x, feats.left_y = 340.0, 230.0  # one frame: passing by, not a visit
        else:
            feats.left_x, feats.left_y = 380.0, 480.0  # resting low

    cues = compute_cues(_track(10, touch), 10.0, 300)
    assert cues.hands_near_face_count == 2


def test_no_frames_means_nothing_measured() -> None:
    cues = compute_cues(np.zeros((0, 80)), 5.0, 0)
    assert cues.frames_analyzed == 0 and cues.face_visible_ratio == 0.0
    assert cues.facing_camera_ratio is None and cues.timeline == []
