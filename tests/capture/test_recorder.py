"""Recording an answer into one MP4 from file sources standing in for camera and microphone."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import read_audio
from app.capture.recorder import Recorder, RecordingFailed, VideoSpec, media_suffix
from app.capture.sources import FileAudioSource, FileVideoSource
from app.core.errors import StorageError


def _record(video: FileVideoSource | None, audio: FileAudioSource, path: Path) -> Recorder:
    recorder = Recorder(path, VideoSpec.of(video) if video else None, block_when_full=True)
    recorder.attach(video, audio)
    recorder.start()
    for source in (video, audio):
        if source is not None:
            source.start()
    for source in (video, audio):
        if source is not None:
            assert source.wait(120)
    return recorder


def _envelope(samples: np.ndarray, window: int = 1600) -> np.ndarray:
    usable = len(samples) // window * window
    return np.sqrt((samples[:usable].reshape(-1, window) ** 2).mean(axis=1))


@pytest.mark.media
def test_ten_seconds_of_video_and_speech_make_one_playable_mp4(
    talking_video: Path, tmp_path: Path, decode: Callable
) -> None:
    video = FileVideoSource(talking_video, speed=0, max_seconds=10)
    audio = FileAudioSource(talking_video, speed=0, max_seconds=10)
    result = _record(video, audio, tmp_path / "answer.mp4").finish()

    assert result.has_video and result.dropped_frames == 0
    assert result.video_frames == 300  # 10 s of a 30 fps video
    assert result.duration_s == pytest.approx(10.0, abs=0.05)
    decoded = decode(result.path, keep_frames=True)
    assert decoded.video_codec == "h264" and decoded.audio_codec == "aac"
    assert len(decoded.frames) == 300
    assert decoded.video_seconds == pytest.approx(10.0, abs=0.1)
    assert decoded.audio_seconds == pytest.approx(10.0, abs=0.15)
    assert decoded.frames[0].shape == (480, 512, 3)

    # The picture is the person's, not a blank: frame 150 matches the source's frame 150.
    source_frames = list(FileVideoSource(talking_video, speed=0, max_seconds=5.1)._frames())
    assert np.abs(decoded.frames[150].astype(int) - source_frames[150][1].astype(int)).mean() < 8
    # The speech is there, where it was said: loudness envelopes line up (AAC priming is 64 ms).
    original = _envelope(read_audio(talking_video, max_seconds=10).samples)
    recorded = _envelope(decoded.audio[1024:])[: len(original)]
    assert np.corrcoef(original[: len(recorded)], recorded)[0, 1] > 0.95


@pytest.mark.media
def test_audio_only_answer_is_an_m4a_with_the_whole_speech(
    speech_wav: Path, tmp_path: Path, decode: Callable
) -> None:
    path = tmp_path / f"answer{media_suffix(has_video=False)}"
    audio = FileAudioSource(speech_wav, speed=0)
    result = _record(None, audio, path).finish()

    assert path.suffix == ".m4a" and not result.has_video and result.video_frames == 0
    decoded = decode(path)
    assert decoded.video_codec is None and decoded.audio_codec == "aac"
    assert decoded.audio_seconds == pytest.approx(len(audio.samples) / 16000, abs=0.15)
    original, recorded = _envelope(audio.samples), _envelope(decoded.audio[1024:])
    size = min(len(original), len(recorded))
    assert np.corrcoef(original[:size], recorded[:size])[0, 1] > 0.95


@pytest.mark.media
def test_a_portrait_video_is_scaled_down_to_fit_640_by_480(
    shared_video: Path, speech_wav: Path, tmp_path: Path, decode: Callable
) -> None:
    video = FileVideoSource(shared_video / "talking_glasses_portrait.mp4", speed=0, max_seconds=2)
    audio = FileAudioSource(speech_wav, speed=0, max_seconds=2)
    assert (video.width, video.height) == (720, 1280)
    result = _record(video, audio, tmp_path / "portrait.mp4").finish()

    decoded = decode(result.path, keep_frames=True)
    assert decoded.frames[0].shape == (640, 360, 3)
    assert len(decoded.frames) == result.video_frames > 0


class _StalledRecorder(Recorder):
    """A recorder whose encoder is stuck (a slow disk) until `gate` opens."""

    gate = threading.Event()

    def _write_frame(self, rgb: np.ndarray, index: int) -> None:
        self.gate.wait(60)
        super()._write_frame(rgb, index)


def test_a_stalled_encoder_never_blocks_the_camera_and_keeps_the_sound(
    tmp_path: Path, decode: Callable
) -> None:
    recorder = _StalledRecorder(tmp_path / "stalled.mp4", VideoSpec(64, 48, 30), queue_seconds=1.0)
    recorder.gate.clear()
    recorder.start()
    frame = np.zeros((48, 64, 3), dtype=np.uint8)
    accepted = [recorder.add_video(i / 30, frame) for i in range(300)]  # 10 s of camera, encoder stuck
    speech = np.sin(np.arange(160000) / 10).astype(np.float32) * 0.3
    sound_kept = [recorder.add_audio(i / 10, speech[i * 1600 : (i + 1) * 1600]) for i in range(100)]

    assert all(sound_kept)  # the sound has its own room in the queue
    assert (
        accepted.count(True) <= 32
    )  # 1 s of frames (+ the one being encoded): the rest dropped, not waited on
    assert recorder.dropped_frames == accepted.count(False) >= 268
    recorder.gate.set()
    result = recorder.finish()
    assert result.dropped_frames == recorder.dropped_frames
    assert result.audio_seconds == pytest.approx(10.0, abs=0.07)
    assert len(decode(result.path).frame_times) == result.video_frames


def _mount_tiny_filesystem(where: Path, size: str) -> None:
    import subprocess

    where.mkdir()
    completed = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        pytest.skip(f"cannot mount a tiny tmpfs to fill the disk (needs root): {completed.stderr.strip()}")


@pytest.mark.media
def test_a_full_disk_stops_with_a_plain_message_and_keeps_what_was_written(
    talking_video: Path, tmp_path: Path, decode: Callable
) -> None:
    import subprocess

    tiny = tmp_path / "tiny"
    _mount_tiny_filesystem(tiny, "300k")
    reported: list[StorageError] = []
    try:
        video = FileVideoSource(talking_video, speed=0)
        audio = FileAudioSource(talking_video, speed=0)
        recorder = Recorder(
            tiny / "answer.mp4", VideoSpec.of(video), block_when_full=True, on_error=reported.append
        )
        recorder.attach(video, audio)
        recorder.start()
        video.start()
        audio.start()
        assert video.wait(60) and audio.wait(60)  # the sources never hang on a failed recorder
        with pytest.raises(RecordingFailed) as failure:
            recorder.finish()

        assert isinstance(failure.value, StorageError)
        assert reported and reported[0] is recorder.error
        assert "disk is full" in failure.value.message
        assert "Free some disk space" in failure.value.advice
        kept = failure.value.result
        assert kept is not None and 1.0 < kept.duration_s < 19
        assert f"The first {kept.duration_s:.0f} s were saved" in failure.value.message
        decoded = decode(tiny / "answer.mp4")
        assert decoded.video_codec == "h264" and decoded.video_seconds > 1.0
        # The part written before the disk filled still plays, as long as the message says.
        assert max(decoded.video_seconds, decoded.audio_seconds) == pytest.approx(kept.duration_s, abs=0.2)
    finally:
        subprocess.run(["umount", str(tiny)], check=False)


def test_a_folder_that_cannot_be_written_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        Recorder(blocker / "answer.mp4", VideoSpec(64, 48, 30)).start()
