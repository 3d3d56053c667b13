"""Issue 14: body-language times in a live answer are answer times, even when the camera opens late.

One answer is recorded live from a file-backed camera and microphone stamped on the live clock, as real
devices are, with the camera opening 1.5 s after the microphone. Its live cues must agree with a re-run
of the recording it produced: the same look-away episodes (within 0.5 s) and ratios (within 0.05).
Before the fix, the live episodes came out 1.5 s early.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from app.capture.sources import FileAudioSource, FileVideoSource
from app.session.analyse import AnalysisServices
from app.session.live import LiveCapture

pytestmark = [pytest.mark.media, pytest.mark.slow]

CAMERA_DELAY_S = 1.5
AWAY = ((3.0, 6.0), (8.5, 11.0))  # seconds of the camera's clip with nobody facing the camera
CLIP_SECONDS = 13.0


class LateCamera(FileVideoSource):
    """A file-backed camera that takes CAMERA_DELAY_S to open, as a real webcam often does."""

    def _open(self) -> None:
        threading.Event().wait(CAMERA_DELAY_S)
        super()._open()


def _clip(path: Path) -> Path:
    """A real face (scikit-image's astronaut portrait) that leaves the picture during AWAY."""
    import av
    from skimage import data

    face = np.ascontiguousarray(data.astronaut())
    empty = np.full_like(face, 96)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=30, options={"preset": "ultrafast"})
        stream.width, stream.height, stream.pix_fmt = face.shape[1], face.shape[0], "yuv420p"
        for index in range(int(CLIP_SECONDS * 30)):
            t = index / 30
            rgb = empty if any(a <= t < b for a, b in AWAY) else face
            for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_live_look_away_times_match_the_rerun_of_the_recording(shared_audio: Path, tmp_path: Path) -> None:
    from app.vision.offline import analyse_video

    services = AnalysisServices()
    camera = LateCamera(_clip(tmp_path / "camera.mp4"), live_clock=True)
    microphone = FileAudioSource(shared_audio / "jfk.wav", live_clock=True)
    capture = LiveCapture(camera, microphone, services, live_transcription=False)
    try:
        capture.start(tmp_path / "answer.mp4")
        assert camera.wait(timeout=300), "the camera replay did not end"
        captured = capture.finish()
        live = captured.body_language
        assert live is not None and captured.has_video, captured.notices
        rerun = analyse_video(captured.media_path, engine=services.landmark_engine())
    finally:
        services.close()

    # The picture starts ~1.5 s into the answer, so the episodes sit ~1.5 s after their place in the clip.
    expected = [(a + CAMERA_DELAY_S, b + CAMERA_DELAY_S) for a, b in AWAY]
    live_episodes = [(e.start, e.end) for e in live.looking_away]
    rerun_episodes = [(e.start, e.end) for e in rerun.looking_away]
    assert len(live_episodes) == len(rerun_episodes) == 2, (live_episodes, rerun_episodes)
    for (live_start, live_end), (rerun_start, rerun_end), (start, end) in zip(
        live_episodes, rerun_episodes, expected, strict=True
    ):
        assert abs(live_start - rerun_start) <= 0.5 and abs(live_end - rerun_end) <= 0.5
        assert start - 0.1 <= live_start <= start + 0.6  # opening the camera adds its own fraction
        assert end - 0.1 <= live_end <= end + 0.6
    for name in ("face_visible_ratio", "facing_camera_ratio", "smile_ratio"):
        assert getattr(live, name) == pytest.approx(getattr(rerun, name), abs=0.05), name
    assert live.duration_s == pytest.approx(captured.duration_s, abs=0.5)
