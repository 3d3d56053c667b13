"""Issue 18: live analysis at face 15 fps / pose 10 fps gives the cues and scores of full-rate analysis.

Each clip is played as a 30 fps camera in real time (a file-backed camera) into the live analyzer at its
default rates, and compared with both models run on every frame of the same file: ratios within 0.03,
look-away episodes within 0.5 s, the same body-language sub-scores. The two real talking-head clips have
no look-aways, so a drawn clip (a real face that leaves the picture twice) checks the episodes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from live_clips import TURNED, full_rate_cues, live_cues, look_away_clip

from app.analysis.scoring import score_body_language
from app.core.body_language import BodyLanguageCues
from app.vision.landmarks import LandmarkEngine

pytestmark = [pytest.mark.media, pytest.mark.slow]

FACE_RATIOS = ("face_visible_ratio", "facing_camera_ratio", "smile_ratio")
POSE_RATIOS = ("slouch_ratio", "lean_ratio", "hands_visible_ratio", "gesturing_ratio", "fidgeting_ratio")


def _compare(live: BodyLanguageCues, full: BodyLanguageCues, names: tuple[str, ...]) -> None:
    for name in names:
        live_value, full_value = getattr(live, name), getattr(full, name)
        assert (live_value is None) == (full_value is None), name
        if full_value is not None:
            assert live_value == pytest.approx(full_value, abs=0.03), name
    live_episodes = [(e.start, e.end) for e in live.looking_away]
    full_episodes = [(e.start, e.end) for e in full.looking_away]
    assert len(live_episodes) == len(full_episodes), (live_episodes, full_episodes)
    for (a, b), (c, d) in zip(live_episodes, full_episodes, strict=True):
        assert abs(a - c) <= 0.5 and abs(b - d) <= 0.5, (live_episodes, full_episodes)


@pytest.mark.parametrize("name", ["smile_glasses_480.mp4", "talking_glasses_portrait.mp4"])
def test_live_rates_match_full_rate_on_real_clips(shared_video: Path, name: str) -> None:
    with LandmarkEngine.load(video_mode=True) as engine:
        full = full_rate_cues(shared_video / name, engine)
    with LandmarkEngine.load(video_mode=True) as engine:
        live, stats = live_cues(shared_video / name, engine)
    assert stats.face_frames < 0.6 * stats.frames_submitted  # the face model really ran at ~half rate
    assert stats.pose_frames < 0.4 * stats.frames_submitted
    assert live.frames_total == full.frames_analyzed  # every camera frame was offered
    assert live.duration_s == pytest.approx(full.duration_s, abs=0.05)
    _compare(live, full, FACE_RATIOS + POSE_RATIOS)
    live_score, full_score = score_body_language(live), score_body_language(full)
    assert [s.score for s in live_score.sub_scores] == [s.score for s in full_score.sub_scores]
    assert live_score.score == full_score.score


def test_live_rates_find_the_same_look_aways(tmp_path: Path, astronaut: np.ndarray) -> None:
    """A real face that leaves the picture twice for 2.5 s: the same two episodes, at the same times.

    Only face measures are compared: the clip is one still portrait, so the pose model sees no motion
    and its measures are landmark jitter, which depends on the sampling rate by construction.
    """
    clip = look_away_clip(tmp_path / "away.mp4", astronaut, np.full_like(astronaut, 96))
    with LandmarkEngine.load(video_mode=True) as engine:
        full = full_rate_cues(clip, engine)
    with LandmarkEngine.load(video_mode=True) as engine:
        live, _stats = live_cues(clip, engine)
    assert [(e.start, e.end) for e in full.looking_away] == [pytest.approx(span, abs=0.1) for span in TURNED]
    _compare(live, full, FACE_RATIOS)
