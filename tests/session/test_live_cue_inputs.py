"""What the live cues read while an answer is recorded, from real recordings standing in for the devices:
the live transcript's words so far and the newest analysed camera frame (issue 15.6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.questions import Category, Question
from app.session.analyse import AnalysisServices
from app.session.cues import LiveCues, facing_in
from app.session.live import file_capture_factory
from app.speech.fillers import normalize

pytestmark = [pytest.mark.media, pytest.mark.slow]

QUESTION = Question(id="cue-1", text="What does public service mean to you?", category=Category.MOTIVATION,
                    competency="motivation")


def test_live_words_and_head_while_recording(tmp_path: Path, shared_audio: Path, shared_video: Path) -> None:
    services = AnalysisServices()
    factory = file_capture_factory(shared_video / "smile_glasses_480.mp4", shared_audio / "jfk.wav", services,
                                   speed=0, max_seconds=11.0)
    capture = factory(QUESTION)
    assert capture.live_words() == [] and capture.latest_landmarks() is None  # nothing before the start
    capture.start(tmp_path / "answer.mp4")
    try:
        assert capture.audio_source.wait(timeout=120) and capture.video_source.wait(timeout=120)
        streaming = capture._streaming
        assert streaming is not None
        for piece in list(streaming._pieces):  # the stretches closed while "speaking" (test-only peek)
            piece.future.result(timeout=120)
        live = capture.live_words()
        landmarks = capture.latest_landmarks()
    finally:
        captured = capture.finish()
        services.close()
    assert live, "jfk.wav has a pause after 'Americans': a stretch is transcribed before the answer ends"
    final = [normalize(w.text) for w in captured.transcript.words]
    assert [normalize(w.text) for w in live] == final[: len(live)]  # the words so far begin the transcript
    assert "americans" in [normalize(w.text) for w in live]
    assert landmarks is not None and 0.0 <= landmarks[0] <= 11.5
    assert facing_in(landmarks[1])  # the person in the clip faces the camera
    cues = LiveCues(90.0)
    cues.read(live)
    cues.see(landmarks[0], facing_in(landmarks[1]))
    assert cues.cue(landmarks[0]) == ""  # facing the camera, a few seconds of speech: nothing to say
