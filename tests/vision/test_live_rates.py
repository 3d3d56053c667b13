"""Live analysis at the rate the cues need (issue 18): face at 15 fps, pose at 10 fps on a 30 fps camera,
interleaved; dropped frames never bias a ratio; the overlay eases at the camera's rate; times stay on
the answer's clock (issue 14)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.vision.analyzer import FrameAnalyzer
from app.vision.cues import compute_cues
from app.vision.features import FeatureTrack, FrameFeatures
from app.vision.landmarks import LandmarkEngine
from app.vision.live import LiveAnalyzer
from app.vision.overlay import LandmarkOverlay, OverlaySmoother
from app.vision.schedule import AnalysisRates, ModelSchedule


def test_a_30fps_camera_gets_face_at_15_and_pose_at_10_fps_even_with_jitter() -> None:
    rng = np.random.default_rng(7)
    schedule = ModelSchedule()
    times = np.arange(300) / 30 + rng.uniform(-0.004, 0.004, 300)  # 10 s, frames up to 4 ms off
    due = [schedule.due(float(t)) for t in times]
    face = [t for t, (f, _p) in zip(times, due, strict=True) if f]
    pose = [t for t, (_f, p) in zip(times, due, strict=True) if p]
    assert len(face) == 150 and len(pose) == 100
    assert sum(f or p for f, p in due) == 200  # 100 frames a 10 s answer never analyses at all
    assert np.diff(face).max() < 0.075 and np.diff(pose).max() < 0.11  # evenly spread, no holes


def test_after_a_stall_the_schedule_restarts_instead_of_bursting() -> None:
    schedule = ModelSchedule(AnalysisRates(face_fps=15, pose_fps=10))
    for index in range(30):
        schedule.due(index / 30)
    # The camera delivered nothing for 1 s; the next frames are not all due to catch up.
    after = [schedule.due(2.0 + index / 30) for index in range(6)]
    assert [f for f, _p in after] == [True, False, True, False, True, False]
    assert [p for _f, p in after] == [True, False, False, True, False, False]


def test_every_frame_rates_run_both_models_on_every_frame() -> None:
    schedule = ModelSchedule(AnalysisRates.every_frame())
    assert all(schedule.due(index / 30) == (True, True) for index in range(60))


def _frame(t: float, facing: bool, face_ran: bool = True, pose_ran: bool = True) -> FrameFeatures:
    return FrameFeatures(
        time=t, luminance=120.0, face=face_ran, yaw=0.0 if facing else 45.0, pitch=0.0, roll=0.0, smile=0.1,
        face_cx=0.5, face_cy=0.4, face_w=0.25, pose=pose_ran, shoulder_tilt=1.0, shoulder_width=200.0,
        torso_height=150.0, nose_x=320.0, nose_y=200.0, blendshapes=np.full(52, 0.1, dtype=np.float32),
        face_measured=face_ran, pose_measured=pose_ran,
    )  # fmt: skip


def test_frames_dropped_while_looking_away_do_not_shrink_the_look_away_share() -> None:
    """5 s facing analysed at 15 fps, then 5 s turned away of which the busy machine analysed 3 fps:
    by frame count that is 83% facing; by time, as the answer was, 50%."""
    track = FeatureTrack()
    for index in range(75):
        track.append(_frame(index / 15, facing=True))
    for index in range(15):
        track.append(_frame(5.0 + index / 3, facing=False))
    cues = compute_cues(track.array(), 10.0, 300)
    assert cues.facing_camera_ratio == pytest.approx(0.5, abs=0.02)
    assert len(cues.looking_away) == 1
    assert cues.looking_away[0].start == pytest.approx(5.0, abs=0.1)


def test_frames_where_a_model_did_not_run_are_not_read_as_nothing_found() -> None:
    """Interleaved rows: the face model ran on some, the pose model on others. The face is in every
    frame it was looked for, and the upper body in every frame the pose model saw."""
    track = FeatureTrack()
    for index in range(300):
        face, pose = index % 2 == 0, index % 3 == 0
        if face or pose:
            track.append(_frame(index / 30, facing=index < 150, face_ran=face, pose_ran=pose))
    cues = compute_cues(track.array(), 10.0, 300)
    assert cues.frames_analyzed == 200
    assert cues.frames_with_face == 150 and cues.frames_with_pose == 100
    assert cues.face_visible_ratio == 1.0
    assert cues.facing_camera_ratio == pytest.approx(0.5, abs=0.02)
    assert cues.slouch_ratio == 0.0 and cues.lean_ratio == 0.0


def test_live_analyzer_runs_each_model_only_on_its_frames(
    image_engine: LandmarkEngine, astronaut: np.ndarray
) -> None:
    analysed = threading.Event()
    live = LiveAnalyzer(FrameAnalyzer(image_engine), on_features=lambda _f: analysed.set())
    live.start()
    for index in range(30):  # one second of a 30 fps camera, each due frame analysed before the next
        before = live.stats().frames_chosen
        live.submit(index / 30, astronaut)
        if live.stats().frames_chosen > before:
            assert analysed.wait(60)
            analysed.clear()
    cues = live.stop()
    stats = live.stats()
    assert (stats.face_frames, stats.pose_frames, stats.frames_analysed) == (15, 10, 20)
    assert stats.frames_dropped == 0 and stats.dropped_percent == 0.0
    assert cues.frames_total == 30 and cues.frames_analyzed == 20
    assert cues.face_visible_ratio == 1.0  # the 5 pose-only frames do not count as "no face"
    merged = live.latest_landmarks()
    assert merged is not None and merged[1].face is not None and merged[1].pose is not None


def test_times_stay_on_the_answers_clock_when_the_camera_starts_late(
    image_engine: LandmarkEngine, astronaut: np.ndarray
) -> None:
    """The first frame arrives 1.5 s into the answer; the look-away from 4 to 6.5 s is reported there,
    not 1.5 s early, and the answer lasts until its last frame."""
    live = LiveAnalyzer(FrameAnalyzer(image_engine), rates=AnalysisRates(face_fps=10, pose_fps=10))
    analysed = threading.Event()
    live._on_features = lambda _f: analysed.set()  # noqa: SLF001 - wait per frame, no drops in a test
    live.start()
    blank = np.full_like(astronaut, 90)  # nobody in the picture counts as looking away
    for index in range(15, 90):
        time_s = index / 10
        before = live.stats().frames_chosen
        live.submit(time_s, blank if 4.0 <= time_s < 6.5 else astronaut)
        if live.stats().frames_chosen > before:
            assert analysed.wait(60)
            analysed.clear()
    cues = live.stop()
    assert [(e.start, e.end) for e in cues.looking_away] == [pytest.approx((4.0, 6.5), abs=0.15)]
    assert cues.duration_s == pytest.approx(9.0, abs=0.05)
    assert cues.timeline[0].time == 1.0  # the first second with a picture


def test_overlay_eases_towards_new_landmarks_at_the_camera_rate() -> None:
    smoother = OverlaySmoother(time_constant_s=0.05)
    start = LandmarkOverlay(
        0.0, face_outline=[(0.40, 0.40), (0.60, 0.40)], shoulders=[(0.3, 0.8), (0.7, 0.8)]
    )
    moved = LandmarkOverlay(
        0.1, face_outline=[(0.50, 0.40), (0.70, 0.40)], shoulders=[(0.3, 0.8), (0.7, 0.8)]
    )
    assert smoother.step(start, 0.0) == start
    xs = [smoother.step(moved, index / 30).face_outline[0][0] for index in range(1, 7)]
    assert 0.40 < xs[0] < 0.50 and all(a < b for a, b in zip(xs, xs[1:], strict=False))  # glides, no jump
    assert xs[-1] == pytest.approx(0.50, abs=0.003)  # arrives within ~0.2 s
    assert smoother.step(moved, 6 / 30).face_outline[0][0] == xs[-1]  # no time passed: no movement
    gone = LandmarkOverlay(0.3, face_outline=[], shoulders=[(0.3, 0.8), (0.7, 0.8)])
    assert smoother.step(gone, 7 / 30).face_outline == []  # a face that vanished is not drawn
