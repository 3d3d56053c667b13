"""The recorded-file schedule (issue 18.2): dense around changes, sparse when steady, pose rechecked.

Features are written by hand here (what the models would have found), so each rule is checked alone;
test_offline_rates_media.py checks that the cues still match full-rate analysis on real clips.
"""

from __future__ import annotations

from collections.abc import Callable

from app.vision.features import FrameFeatures
from app.vision.offline_schedule import AdaptiveSchedule, OfflineRates

STEP = 1 / 8


def _face(time_s: float, yaw: float = 2.0, smile: float = 0.05) -> FrameFeatures:
    return FrameFeatures(time=time_s, luminance=120.0, face=True, yaw=yaw, pitch=1.0, roll=0.0, smile=smile,
                         face_cx=0.5, face_cy=0.4, face_w=0.2)  # fmt: skip


def _body(feats: FrameFeatures, hand_x: float = 300.0) -> FrameFeatures:
    feats.pose, feats.shoulder_width, feats.torso_height = True, 200.0, 90.0
    feats.left_x, feats.left_y, feats.right_x, feats.right_y = hand_x, 400.0, 150.0, 400.0
    return feats


def _play(
    schedule: AdaptiveSchedule, seconds: float, frame_at: Callable[[float], FrameFeatures]
) -> tuple[list[float], list[float]]:
    """Offer 8 fps frames; returns the times the face and the pose model ran."""
    faces: list[float] = []
    poses: list[float] = []
    for index in range(int(seconds * 8)):
        time_s = index * STEP
        face, pose = schedule.due(time_s)
        if not (face or pose):
            continue
        feats = frame_at(time_s)
        feats.face_measured, feats.pose_measured = face, pose
        if not pose:
            feats.pose = False
        schedule.observe(feats)
        if face:
            faces.append(time_s)
        if pose:
            poses.append(time_s)
    return faces, poses


def test_steady_face_and_body_run_at_the_steady_rates() -> None:
    faces, poses = _play(AdaptiveSchedule(), 10.0, lambda t: _body(_face(t)))
    late_faces = [t for t in faces if t >= 1.0]
    late_poses = [t for t in poses if t >= 1.0]
    assert 34 <= len(late_faces) <= 38  # 4 fps over the last 9 s
    assert 22 <= len(late_poses) <= 26  # every third sampled frame


def test_a_head_turn_makes_the_face_model_dense_for_a_while() -> None:
    def frame_at(t: float) -> FrameFeatures:
        return _body(_face(t, yaw=2.0 if t < 5.0 else 30.0))

    faces, _poses = _play(AdaptiveSchedule(), 8.0, frame_at)
    after_turn = [t for t in faces if 5.0 <= t < 5.75]
    before = [t for t in faces if 3.0 <= t < 4.0]
    assert len(before) <= 5  # steady
    assert len(after_turn) >= 5  # every sampled frame after the turn (0.5 s hold), not every other one
    # A head at 30 deg is far from the 20 deg limit: steady again once the hold is over.
    assert len([t for t in faces if 6.5 <= t < 7.5]) <= 5


def test_near_the_facing_limit_the_face_model_stays_dense() -> None:
    faces, _poses = _play(AdaptiveSchedule(), 6.0, lambda t: _body(_face(t, yaw=18.0)))
    assert len([t for t in faces if 2.0 <= t < 6.0]) == 32  # 8 fps: the smoothing decides the flips here


def test_moving_hands_make_the_pose_model_dense() -> None:
    def frame_at(t: float) -> FrameFeatures:
        return _body(_face(t), hand_x=300.0 + (60.0 if int(t * 4) % 2 else 0.0) * (t >= 4.0))

    _faces, poses = _play(AdaptiveSchedule(), 8.0, frame_at)
    assert len([t for t in poses if 2.0 <= t < 4.0]) <= 9
    assert len([t for t in poses if 5.0 <= t < 7.0]) >= 13


def test_without_anybody_pose_is_rechecked_once_a_second_and_back_with_the_face() -> None:
    def frame_at(t: float) -> FrameFeatures:
        if 2.0 <= t < 7.0:
            return FrameFeatures(time=t, luminance=120.0)  # nobody in view
        return _body(_face(t))

    faces, poses = _play(AdaptiveSchedule(), 10.0, frame_at)
    assert len([t for t in poses if 2.5 <= t < 7.0]) <= 5
    assert any(7.0 <= t < 7.2 for t in poses)  # the face came back: the body is looked for at once
    assert len([t for t in faces if 3.0 <= t < 7.0]) <= 17  # an empty picture is steady too


def test_every_sample_runs_both_models_on_each_frame() -> None:
    faces, poses = _play(AdaptiveSchedule(OfflineRates.every_sample()), 3.0, lambda t: _body(_face(t)))
    assert len(faces) == len(poses) == 24


def test_with_no_hand_in_view_a_steady_body_is_measured_at_2_fps_and_a_hand_brings_it_back() -> None:
    """Hands out of the picture (NaN): nothing to difference, so a steady body needs only 2 fps; a hand
    coming into view at 6 s makes the pose model dense again at once."""
    nan = float("nan")

    def frame_at(t: float) -> FrameFeatures:
        feats = _body(_face(t))
        if t < 6.0:
            feats.left_x = feats.left_y = feats.right_x = feats.right_y = nan
        return feats

    _, poses = _play(AdaptiveSchedule(), 9.0, frame_at)
    steady = [t for t in poses if 1.0 <= t < 6.0]
    assert 9 <= len(steady) <= 11  # 2 fps, not the 2.7 fps of a body with hands in view
    assert max(b - a for a, b in zip(steady, steady[1:], strict=False)) <= 0.5  # still differenced
    assert len([t for t in poses if 6.0 <= t < 6.5]) >= 3  # the hand appeared: every sampled frame
