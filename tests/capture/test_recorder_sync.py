"""Picture and sound stay together over a five-minute answer, despite camera hiccups and lost audio."""

from __future__ import annotations

from pathlib import Path

from app.capture.recorder import Recorder, VideoSpec
from app.capture.sync_check import FlashClickSignal, measure_offsets


def test_flash_and_click_stay_within_100_ms_over_five_minutes(tmp_path: Path) -> None:
    # Jittered timestamps, dropped and doubled frames, lost audio chunks: as a real camera and microphone.
    signal = FlashClickSignal(duration_s=300.0)
    video, audio = signal.video_source(speed=0), signal.audio_source(speed=0)
    recorder = Recorder(tmp_path / "sync.mp4", VideoSpec.of(video), block_when_full=True)
    recorder.attach(video, audio)
    recorder.start()
    video.start()
    audio.start()
    assert video.wait(120) and audio.wait(120)
    result = recorder.finish()

    assert result.video_frames == 9000 and result.repeated_frames > 0  # dropped frames were filled, CFR kept
    flashes, clicks = measure_offsets(result.path)
    assert len(flashes) == len(clicks) == len(signal.event_times()) == 30
    offsets = [click - flash for flash, click in zip(flashes, clicks, strict=True)]
    assert flashes[-1] > 290
    assert max(abs(offset) for offset in offsets) < 0.1
    assert abs(offsets[-1] - offsets[0]) < 0.1  # no drift from the first minute to the last
