"""Single real images (scikit-image's astronaut) and warps of them: face, facing, framing, light."""

from __future__ import annotations

import numpy as np
import pytest

from app.vision.analyzer import FrameAnalyzer
from app.vision.features import extract_features
from app.vision.framing import check_framing
from app.vision.landmarks import LandmarkEngine


def _features(engine: LandmarkEngine, rgb: np.ndarray):  # type: ignore[no-untyped-def]
    return extract_features(engine.detect(rgb, 0.0), rgb, 0.0)


def test_astronaut_face_is_visible_and_facing_the_camera(
    image_engine: LandmarkEngine, astronaut: np.ndarray
) -> None:
    feats = _features(image_engine, astronaut)
    assert feats.face
    assert abs(feats.yaw) <= 10 and abs(feats.pitch) <= 20
    assert feats.smile >= 0.5  # she smiles broadly in the portrait
    # Her face is left of centre in the upper quarter of the picture (x 182..268 of 512).
    assert 0.38 <= feats.face_cx <= 0.50 and 0.15 <= feats.face_cy <= 0.35
    assert feats.pose and abs(feats.shoulder_tilt) < 15


def test_astronaut_framing_passes_the_camera_check(
    image_engine: LandmarkEngine, astronaut: np.ndarray
) -> None:
    framing = check_framing(astronaut, image_engine)
    assert framing.centred is True
    assert framing.distance == "ok"
    assert not framing.too_dark
    assert framing.hints == []


def test_camera_check_loads_its_own_face_model(astronaut: np.ndarray) -> None:
    framing = check_framing(astronaut)
    assert framing.distance == "ok" and framing.centred


@pytest.mark.parametrize("kind", ["noise", "gradient", "black"])
def test_frame_without_a_person_has_no_face_and_no_crash(image_engine: LandmarkEngine, kind: str) -> None:
    rng = np.random.default_rng(5)
    frame = {
        "noise": rng.integers(0, 256, (480, 640, 3), dtype=np.uint8),
        "gradient": np.tile(np.linspace(0, 255, 640, dtype=np.uint8)[None, :, None], (480, 1, 3)),
        "black": np.zeros((480, 640, 3), dtype=np.uint8),
    }[kind]
    feats = _features(image_engine, frame)
    assert not feats.face and not feats.pose
    framing = check_framing(frame, image_engine)
    assert framing.centred is None and framing.distance == "unknown"
    assert any("No face" in hint for hint in framing.hints)

    analyzer = FrameAnalyzer(image_engine)
    for second in range(4):
        analyzer.analyse(float(second), frame)
    cues = analyzer.cues(duration_s=4.0)
    assert cues.face_visible_ratio == 0.0
    assert cues.facing_camera_ratio is None and cues.smile_ratio is None
    assert cues.nod_count is None and cues.shoulder_tilt_deg is None
    assert [(e.start, e.end) for e in cues.looking_away] == [(0.0, 4.0)]


def test_turned_head_reads_as_not_facing_the_camera(
    image_engine: LandmarkEngine, astronaut: np.ndarray, turned_astronaut: np.ndarray
) -> None:
    straight = _features(image_engine, astronaut)
    turned = _features(image_engine, turned_astronaut)
    assert turned.face, "the turned face should still be found"
    assert abs(turned.yaw) > 20 >= abs(straight.yaw)


def test_turning_away_for_three_seconds_is_a_looking_away_episode(
    image_engine: LandmarkEngine, astronaut: np.ndarray, turned_astronaut: np.ndarray
) -> None:
    """4 s facing, 3 s turned, 3 s facing at 5 frames a second: one episode from 4 to 7 s."""
    analyzer = FrameAnalyzer(image_engine)
    for index in range(50):
        time_s = index / 5
        analyzer.analyse(time_s, turned_astronaut if 4.0 <= time_s < 7.0 else astronaut)
    cues = analyzer.cues(duration_s=10.0)
    assert cues.face_visible_ratio == 1.0
    assert cues.facing_camera_ratio == pytest.approx(0.7, abs=0.05)
    assert len(cues.looking_away) == 1
    episode = cues.looking_away[0]
    assert episode.start == pytest.approx(4.0, abs=0.3) and episode.end == pytest.approx(7.0, abs=0.3)
    turned_seconds = [
        s.facing_camera for s in cues.timeline if 4 <= s.time < 7 and s.facing_camera is not None
    ]
    assert turned_seconds and max(turned_seconds) <= 0.2


def test_dark_frame_reads_too_dark(image_engine: LandmarkEngine, astronaut: np.ndarray) -> None:
    dark = (astronaut.astype(np.float32) * 0.15).astype(np.uint8)
    framing = check_framing(dark, image_engine)
    assert framing.too_dark and framing.mean_luminance < 60
    assert any("too dark" in hint for hint in framing.hints)
    assert not check_framing(astronaut, image_engine).too_dark


def test_face_filling_the_picture_is_too_close(image_engine: LandmarkEngine, astronaut: np.ndarray) -> None:
    import cv2

    close = cv2.resize(astronaut[40:220, 135:315], (480, 480))  # the face alone, enlarged
    framing = check_framing(close, image_engine)
    assert framing.distance == "too_close"
    assert any("too close" in hint for hint in framing.hints)


def test_small_face_in_a_wide_picture_is_too_far(image_engine: LandmarkEngine, astronaut: np.ndarray) -> None:
    canvas = np.full((600, 800, 3), 120, dtype=np.uint8)
    canvas[:512, 144:656] = astronaut  # same face, now 11% of the picture width
    framing = check_framing(canvas, image_engine)
    assert framing.distance == "too_far"
    assert any("too far" in hint for hint in framing.hints)


def test_face_at_the_edge_is_not_centred(image_engine: LandmarkEngine, astronaut: np.ndarray) -> None:
    edge = np.ascontiguousarray(astronaut[:, 130:])  # cut the left: her face now sits at 25% of the width
    framing = check_framing(edge, image_engine)
    assert framing.centred is False
    assert any("off to the left" in hint for hint in framing.hints)
    assert framing.distance == "ok"


def test_one_video_engine_serves_answer_after_answer(astronaut: np.ndarray) -> None:
    """Each answer's clock starts at 0 s again; MediaPipe's VIDEO mode must still see time move forward."""
    with LandmarkEngine.load(video_mode=True) as engine:
        analyzer = FrameAnalyzer(engine)
        for _answer in range(2):
            analyzer.reset()
            for index in range(10):
                analyzer.analyse(index / 10, astronaut)
            cues = analyzer.cues(duration_s=1.0)
            assert cues.frames_analyzed == 10 and cues.face_visible_ratio == 1.0
            assert cues.facing_camera_ratio == 1.0


def test_grace_hopper_portrait_from_matplotlib_faces_the_camera(image_engine: LandmarkEngine) -> None:
    """matplotlib's sample photo (Grace Hopper, US Navy, public domain): a face turned slightly, uniformed."""
    import matplotlib.cbook
    import matplotlib.image

    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    rgb = np.ascontiguousarray(matplotlib.image.imread(path)[..., :3])
    assert rgb.dtype == np.uint8
    feats = _features(image_engine, rgb)
    assert feats.face
    assert abs(feats.yaw) <= 20 and abs(feats.pitch) <= 20  # within the facing-the-camera tolerance
    framing = check_framing(rgb, image_engine)
    assert framing.distance in ("ok", "too_close") and not framing.too_dark
