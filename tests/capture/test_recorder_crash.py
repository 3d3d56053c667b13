"""A recording process killed with SIGKILL leaves a file that plays all but the last second or two."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.capture.repair import repair_or_check

CHILD = Path(__file__).with_name("record_child.py")
REPO_ROOT = Path(__file__).resolve().parents[2]


def _record_then_kill(output: Path, video: str, audio: Path, kill_after_s: float) -> float:
    """Run the child in real time, SIGKILL it once it reports `kill_after_s`; return its last report."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    last = 0.0
    with subprocess.Popen(
        [sys.executable, str(CHILD), str(output), video, str(audio), "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            for line in child.stdout:
                if line.startswith("recorded "):
                    last = float(line.split()[1])
                    if last >= kill_after_s:
                        child.send_signal(signal.SIGKILL)
                        break
            errors = child.stderr.read()
        finally:
            if child.poll() is None:
                child.kill()
            child.wait(30)
    assert child.returncode == -signal.SIGKILL, errors
    return last


@pytest.mark.media
@pytest.mark.slow
@pytest.mark.timeout(90)
def test_killed_recording_keeps_video_and_sound_up_to_the_last_seconds(
    talking_video: Path, speech_wav: Path, tmp_path: Path, decode: Callable
) -> None:
    output = tmp_path / "answer.mp4"
    recorded = _record_then_kill(output, str(talking_video), speech_wav, kill_after_s=6.0)

    assert recorded >= 6.0
    decoded = decode(output)  # as left on disk, before any repair
    print(
        f"killed at {recorded:.2f} s; kept {decoded.video_seconds:.2f} s video,"
        f" {decoded.audio_seconds:.2f} s audio"
    )
    assert decoded.video_codec == "h264" and decoded.audio_codec == "aac"
    assert recorded - 2.0 <= decoded.video_seconds <= recorded + 0.3
    assert recorded - 2.0 <= decoded.audio_seconds <= recorded + 0.3

    recovered = repair_or_check(output)
    assert recovered.ok and recovered.has_video and recovered.has_audio
    assert recorded - 2.0 <= recovered.playable_seconds <= recorded + 0.3
    after = decode(recovered.path)
    assert not after.damaged  # repaired (or already clean): plays to the end without errors
    assert after.video_seconds >= decoded.video_seconds - 0.1


@pytest.mark.media
@pytest.mark.slow
@pytest.mark.timeout(90)
def test_killed_audio_only_recording_keeps_the_sound(
    speech_wav: Path, tmp_path: Path, decode: Callable
) -> None:
    output = tmp_path / "answer.m4a"
    recorded = _record_then_kill(output, "-", speech_wav, kill_after_s=6.0)

    decoded = decode(output)
    print(f"killed at {recorded:.2f} s recorded; {decoded.audio_seconds:.2f} s audio kept")
    assert decoded.video_codec is None and decoded.audio_codec == "aac"
    assert recorded - 2.0 <= decoded.audio_seconds <= recorded + 0.3
    recovered = repair_or_check(output)
    assert recovered.ok and not recovered.has_video
    assert recorded - 2.0 <= recovered.playable_seconds <= recorded + 0.3
