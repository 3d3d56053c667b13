"""The live frame-rate policy: capture never waits, the newest frame wins, drops are counted."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from app.capture.video_file import iter_video_frames
from app.vision.analyzer import FrameAnalyzer
from app.vision.features import FrameFeatures
from app.vision.landmarks import LandmarkEngine
from app.vision.live import QUEUE_FRAMES, LiveAnalyzer
from app.vision.schedule import AnalysisRates


def test_stalled_analysis_never_blocks_the_producer(
    image_engine: LandmarkEngine, astronaut: np.ndarray
) -> None:
    """With the analyzer stuck on its first frame, 50 more submits return; all but the queued newest drop."""
    release = threading.Event()
    first_done = threading.Event()
    analysed_times: list[float] = []

    def on_features(feats: FrameFeatures) -> None:
        analysed_times.append(feats.time)
        first_done.set()
        release.wait()

    live = LiveAnalyzer(
        FrameAnalyzer(image_engine), on_features=on_features, rates=AnalysisRates.every_frame()
    )
    live.start()
    try:
        live.submit(0.0, astronaut)
        assert first_done.wait(60)
        for index in range(1, 51):
            live.submit(index / 30, astronaut)  # would hang the test if submit waited for analysis
        stats = live.stats()
        assert stats.frames_submitted == stats.frames_chosen == 51
        assert stats.frames_analysed == 1
        assert stats.frames_dropped == 50 - QUEUE_FRAMES  # the newest QUEUE_FRAMES wait in the queue
    finally:
        release.set()
    cues = live.stop(drain_s=120)
    final = live.stats()
    # The queued frames are analysed before stop() returns, in order: nothing stale, nothing lost at stop.
    queued = [index / 30 for index in range(51 - QUEUE_FRAMES, 51)]
    assert analysed_times == pytest.approx([0.0, *queued])
    assert final.frames_analysed == 1 + QUEUE_FRAMES and final.frames_dropped == 50 - QUEUE_FRAMES
    assert cues.frames_total == 51 and cues.frames_analyzed == 1 + QUEUE_FRAMES
    assert not final.running


def test_stop_does_not_wait_for_a_long_queue(image_engine: LandmarkEngine, astronaut: np.ndarray) -> None:
    """Stop with no drain time: the frames still queued are dropped and counted, not analysed."""
    release = threading.Event()
    first_done = threading.Event()

    def on_features(_feats: FrameFeatures) -> None:
        first_done.set()
        release.wait()

    live = LiveAnalyzer(
        FrameAnalyzer(image_engine), on_features=on_features, rates=AnalysisRates.every_frame()
    )
    live.start()
    live.submit(0.0, astronaut)
    assert first_done.wait(60)
    for index in range(1, 51):
        live.submit(index / 30, astronaut)
    stopper = threading.Thread(target=live.stop, kwargs={"drain_s": 0.0})
    stopper.start()
    while not live._stop.is_set():  # noqa: SLF001 - release the analyzer only once stop() has begun
        stopper.join(0.01)
    release.set()
    stopper.join(60)
    final = live.stats()
    assert final.frames_analysed == 1 and final.frames_dropped == 50
    assert not final.running


@pytest.mark.media
@pytest.mark.slow
def test_fast_producer_of_real_frames_drops_and_counts(smile_video: Path) -> None:
    """Decoding runs at hundreds of frames a second, far faster than analysis: frames must drop."""
    with LandmarkEngine.load(video_mode=True) as engine:
        live = LiveAnalyzer(FrameAnalyzer(engine), rates=AnalysisRates.every_frame())
        live.start()
        submitted = 0
        for time_s, rgb in iter_video_frames(smile_video):
            live.submit(time_s, rgb)
            submitted += 1
        cues = live.stop()
        stats = live.stats()
    assert stats.frames_submitted == submitted == 587
    assert stats.frames_dropped > 0
    assert stats.frames_analysed + stats.frames_dropped == submitted
    assert cues.frames_analyzed == stats.frames_analysed
    assert cues.face_visible_ratio == 1.0
    assert cues.duration_s == pytest.approx(19.57, abs=0.1)


def test_analysis_error_surfaces_on_stop(astronaut: np.ndarray) -> None:
    reached = threading.Event()

    class BrokenEngine:
        def detect(self, rgb: np.ndarray, time_s: float, face: bool = True, pose: bool = True) -> None:
            reached.set()
            raise RuntimeError("model crashed")

    live = LiveAnalyzer(FrameAnalyzer(BrokenEngine()))  # type: ignore[arg-type]
    live.start()
    live.submit(0.0, astronaut)
    assert reached.wait(30)
    with pytest.raises(RuntimeError, match="model crashed"):
        live.stop()
    assert not live.stats().running
