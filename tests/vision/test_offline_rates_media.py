"""Issue 18.2: a recorded file analysed with the adaptive schedule gives the cues and scores of full rate.

`analyse_video` samples 8 fps and runs each model only where its cues need it (offline_schedule.py). Its
cues are compared with both models run on every frame of the same file, with the tolerances of the live
analysis (test_live_rates_media.py): ratios within 0.03, look-away episodes within 0.5 s, the same
body-language sub-scores. The schedule must also really have skipped work, or the test proves nothing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from live_clips import TURNED, full_rate_cues, look_away_clip, write_clip

from app.analysis.scoring import score_body_language
from app.core.body_language import BodyLanguageCues
from app.vision.analyzer import FrameAnalyzer
from app.vision.features import FrameFeatures
from app.vision.landmarks import LandmarkEngine
from app.vision.offline import analyse_video

pytestmark = [pytest.mark.media, pytest.mark.slow]

FACE_RATIOS = ("face_visible_ratio", "facing_camera_ratio", "smile_ratio")
POSE_RATIOS = ("slouch_ratio", "lean_ratio", "hands_visible_ratio", "gesturing_ratio", "fidgeting_ratio")


class _Runs:
    """Counts the frames each model ran on, and when (from the features analyse_video hands out)."""

    def __init__(self) -> None:
        self.face: list[float] = []
        self.pose: list[float] = []

    def __call__(self, time_s: float, _rgb: object, feats: FrameFeatures, _analyzer: FrameAnalyzer) -> None:
        if feats.face_measured:
            self.face.append(time_s)
        if feats.pose_measured:
            self.pose.append(time_s)


def _adaptive(path: Path) -> tuple[BodyLanguageCues, _Runs]:
    runs = _Runs()
    with LandmarkEngine.load(video_mode=True) as engine:
        cues = analyse_video(path, engine=engine, on_frame=runs)
    return cues, runs


def _full(path: Path) -> BodyLanguageCues:
    with LandmarkEngine.load(video_mode=True) as engine:
        return full_rate_cues(path, engine)


def _compare(fast: BodyLanguageCues, full: BodyLanguageCues, names: tuple[str, ...]) -> None:
    for name in names:
        fast_value, full_value = getattr(fast, name), getattr(full, name)
        assert (fast_value is None) == (full_value is None), name
        if full_value is not None:
            assert fast_value == pytest.approx(full_value, abs=0.03), name
    fast_episodes = [(e.start, e.end) for e in fast.looking_away]
    full_episodes = [(e.start, e.end) for e in full.looking_away]
    assert len(fast_episodes) == len(full_episodes), (fast_episodes, full_episodes)
    for (a, b), (c, d) in zip(fast_episodes, full_episodes, strict=True):
        assert abs(a - c) <= 0.5 and abs(b - d) <= 0.5, (fast_episodes, full_episodes)


@pytest.mark.parametrize("name", ["smile_glasses_480.mp4", "talking_glasses_portrait.mp4"])
def test_adaptive_schedule_matches_full_rate_on_real_clips(shared_video: Path, name: str) -> None:
    full = _full(shared_video / name)
    fast, runs = _adaptive(shared_video / name)
    sampled = full.duration_s * 8
    assert len(runs.pose) <= 0.75 * sampled  # pose really ran below the 8 fps sampling
    assert len(runs.face) + len(runs.pose) <= 0.85 * 2 * sampled  # and the two together saved work
    assert fast.duration_s == pytest.approx(full.duration_s, abs=0.05)
    _compare(fast, full, FACE_RATIOS + POSE_RATIOS)
    fast_score, full_score = score_body_language(fast), score_body_language(full)
    assert [s.score for s in fast_score.sub_scores] == [s.score for s in full_score.sub_scores]
    assert fast_score.score == full_score.score


def test_adaptive_schedule_finds_the_same_look_aways(tmp_path: Path, astronaut: np.ndarray) -> None:
    """A real face that leaves the picture twice for 2.5 s: the same episodes, at the same times."""
    clip = look_away_clip(tmp_path / "away.mp4", astronaut, np.full_like(astronaut, 96))
    full = _full(clip)
    fast, runs = _adaptive(clip)
    assert [(e.start, e.end) for e in full.looking_away] == [pytest.approx(span, abs=0.1) for span in TURNED]
    _compare(fast, full, FACE_RATIOS)
    for turn in (t for span in TURNED for t in span):  # dense around each change: every sampled frame
        assert len([t for t in runs.face if turn <= t < turn + 0.5]) >= 3, (turn, runs.face)


def test_pose_is_only_rechecked_while_nobody_is_in_view(tmp_path: Path, astronaut: np.ndarray) -> None:
    """6 s of an empty grey picture between two stretches of a real portrait: pose is tried about once a
    second there, and comes back as soon as the face does; nobody's presence is measured as at full rate."""
    empty = np.full_like(astronaut, 96)
    clip = write_clip(tmp_path / "empty.mp4", lambda t: empty if 3.0 <= t < 9.0 else astronaut, 12.0)
    full = _full(clip)
    fast, runs = _adaptive(clip)
    in_empty = [t for t in runs.pose if 4.0 <= t < 9.0]
    assert len(in_empty) <= 6  # about 1 a second instead of 8
    assert any(9.0 <= t < 9.3 for t in runs.pose)  # the body is looked for again when the face is back
    assert fast.face_visible_ratio == pytest.approx(full.face_visible_ratio, abs=0.03)
    assert fast.frames_with_pose > 0 and full.frames_with_pose > 0
