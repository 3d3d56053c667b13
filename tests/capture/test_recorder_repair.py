"""Checking and repairing a recording cut short in the middle of a fragment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.capture.recorder import Recorder, VideoSpec
from app.capture.repair import repair_or_check, truncated_tail


def _record_synthetic(path: Path, seconds: float) -> None:
    recorder = Recorder(path, VideoSpec(160, 120, 15), block_when_full=True)
    recorder.start()
    for index in range(int(seconds * 15)):
        frame = np.full((120, 160, 3), (index * 7) % 255, dtype=np.uint8)
        recorder.add_video(index / 15, frame)
    tone = (0.3 * np.sin(np.arange(int(seconds * 16000)) * 0.2)).astype(np.float32)
    recorder.add_audio(0.0, tone)
    recorder.finish()


def test_a_complete_recording_is_reported_as_is(tmp_path: Path) -> None:
    path = tmp_path / "answer.mp4"
    _record_synthetic(path, 4.0)
    before = path.read_bytes()

    recovered = repair_or_check(path)
    assert recovered.ok and not recovered.repaired and recovered.has_video and recovered.has_audio
    assert recovered.playable_seconds == pytest.approx(4.07, abs=0.1)  # 4 s + 64 ms AAC priming
    assert path.read_bytes() == before


def test_a_file_cut_mid_fragment_is_remuxed_into_a_clean_one(tmp_path: Path, decode: Callable) -> None:
    path = tmp_path / "answer.mp4"
    _record_synthetic(path, 6.0)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])  # the crash hit in the middle of a write
    assert truncated_tail(path)

    recovered = repair_or_check(path)
    assert recovered.ok and recovered.repaired and recovered.path == path
    assert 2.5 < recovered.playable_seconds < 5.0
    assert not truncated_tail(path)
    decoded = decode(path)
    assert not decoded.damaged
    assert decoded.video_seconds == pytest.approx(recovered.playable_seconds, abs=0.2)


def test_a_file_with_no_fragment_is_not_playable(tmp_path: Path) -> None:
    path = tmp_path / "answer.mp4"
    _record_synthetic(path, 2.0)
    path.write_bytes(path.read_bytes()[:28])  # only the ftyp box: what a kill without flushing leaves

    recovered = repair_or_check(path)
    assert not recovered.ok and recovered.playable_seconds == 0.0
    missing = repair_or_check(tmp_path / "never_written.mp4")
    assert not missing.ok and "missing" in missing.detail
