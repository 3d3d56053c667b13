"""File sources stand in for the camera and the microphone: same frames, same sound, file timestamps."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import read_audio, write_wav
from app.capture.clock import SampleClock
from app.capture.sources import (
    END_OF_MEDIA,
    STOPPED,
    AudioSource,
    FileAudioSource,
    FileVideoSource,
    VideoSource,
    check_stand_in,
)
from app.core.errors import MediaFileError


def _collect(source: FileAudioSource | FileVideoSource) -> list[tuple[float, np.ndarray]]:
    received: list[tuple[float, np.ndarray]] = []
    source.subscribe(lambda t, data: received.append((t, data)))
    source.start()
    assert source.wait(60)
    return received


@pytest.mark.media
def test_file_audio_replays_the_whole_speech_with_sample_timestamps(speech_wav: Path) -> None:
    source = FileAudioSource(speech_wav, speed=0)
    assert isinstance(source, AudioSource) and source.sample_rate == 16000
    chunks = _collect(source)

    assert source.end_reason == END_OF_MEDIA
    assert np.array_equal(np.concatenate([c for _, c in chunks]), read_audio(speech_wav).samples)
    assert [t for t, _ in chunks[:3]] == [0.0, 0.1, 0.2]
    assert all(c.dtype == np.float32 and c.ndim == 1 for _, c in chunks)


@pytest.mark.media
def test_file_video_gives_rgb_frames_at_the_file_times(talking_video: Path) -> None:
    source = FileVideoSource(talking_video, speed=0, max_seconds=2)
    assert isinstance(source, VideoSource)
    assert (source.width, source.height, source.fps) == (512, 480, 30.0)
    frames = _collect(source)

    assert len(frames) == 60
    times = np.array([t for t, _ in frames])
    assert np.allclose(np.diff(times), 1 / 30, atol=1e-3) and times[0] == 0.0
    first = frames[0][1]
    assert first.shape == (480, 512, 3) and first.dtype == np.uint8
    assert 40 < first.mean() < 220  # a real picture, not black or white


@pytest.mark.media
def test_looping_audio_continues_the_timeline_and_repeats_the_speech(speech_wav: Path) -> None:
    source = FileAudioSource(speech_wav, speed=0, loop=True, max_seconds=25)
    length = len(source.samples)
    samples = np.concatenate([c for _, c in _collect(source)])

    assert len(samples) == 25 * 16000
    assert np.array_equal(samples[length : 2 * length], source.samples)  # second pass is the same speech


@pytest.mark.media
def test_looping_video_keeps_timestamps_increasing(talking_video: Path) -> None:
    source = FileVideoSource(talking_video, speed=0, loop=True, max_seconds=21)
    times = np.array([t for t, _ in _collect(source)])
    assert np.all(np.diff(times) > 0)
    assert times[-1] == pytest.approx(21 - 1 / 30, abs=0.05)  # past the 19.6 s file: it looped


@pytest.mark.media
def test_a_real_time_replay_stops_when_asked(speech_wav: Path) -> None:
    source = FileAudioSource(speech_wav, speed=1.0)
    first_chunk = threading.Event()
    source.subscribe(lambda t, data: first_chunk.set())
    ended: list[str] = []
    source.on_ended(ended.append)
    source.start()
    assert first_chunk.wait(10)
    source.stop()

    assert source.ended and source.end_reason == STOPPED and ended == [STOPPED]
    assert source.delivered < len(source.samples) / 1600  # it did not run to the end of the 11 s speech


@pytest.mark.media
def test_a_failing_subscriber_does_not_stop_the_others(speech_wav: Path) -> None:
    source = FileAudioSource(speech_wav, speed=0)

    def broken(t: float, data: np.ndarray) -> None:
        raise RuntimeError("consumer bug")

    source.subscribe(broken)
    chunks = _collect(source)
    assert source.end_reason == END_OF_MEDIA and source.subscriber_errors == len(chunks) > 100


@pytest.mark.media
def test_a_file_without_the_needed_track_is_a_clear_error(shared_video: Path, speech_wav: Path) -> None:
    with pytest.raises(MediaFileError, match="no video track"):
        FileVideoSource(speech_wav)
    with pytest.raises(MediaFileError, match="no sound"):
        FileAudioSource(shared_video / "talking_glasses_portrait.mp4")


def _tiny_video(path: Path, frames: int = 10) -> Path:
    import av

    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path


def test_a_file_that_cannot_stand_in_is_refused_with_what_to_pick(tmp_path: Path) -> None:
    """Issue 17: notes.txt as the camera. Each refusal names the file, its role and what to pick instead."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    voice = write_wav(tmp_path / "voice.wav", np.zeros(16000, np.float32), 16000)
    video = _tiny_video(tmp_path / "clip.mp4")
    damaged = tmp_path / "damaged.mp4"
    data = bytearray(video.read_bytes())
    mdat = data.find(b"mdat")
    size = int.from_bytes(data[mdat - 4 : mdat], "big")
    data[mdat + 4 : mdat - 4 + size] = bytes(size - 8)  # the header reads; no picture decodes
    damaged.write_bytes(bytes(data))

    assert check_stand_in(video, "camera").width == 64
    assert check_stand_in(voice, "microphone").has_audio
    not_media = "notes.txt is not an audio or video file that can be read."
    refusals = {
        (notes, "camera"): f"{not_media} It cannot stand in for the camera.",
        (voice, "camera"): "voice.wav has no video track. It cannot stand in for the camera.",
        (damaged, "camera"): "damaged.mp4 is damaged: none of its pictures could be read.",
        (notes, "microphone"): f"{not_media} It cannot stand in for the microphone.",
        (video, "microphone"): "clip.mp4 has no sound. It cannot stand in for the microphone.",
    }
    for (path, role), message in refusals.items():
        with pytest.raises(MediaFileError) as refused:
            check_stand_in(path, role)  # type: ignore[arg-type]
        assert refused.value.message.startswith(message), refused.value.message
        assert f"for the {role}" in refused.value.advice
    with pytest.raises(MediaFileError, match="cannot stand in for the camera"):
        FileVideoSource(notes)
    with pytest.raises(MediaFileError, match="cannot stand in for the microphone"):
        FileAudioSource(video)


def test_sample_clock_anchors_once_then_counts_samples() -> None:
    readings = iter([100.5, 999.0])
    clock = SampleClock(16000, clock=lambda: next(readings))
    assert clock.timestamp(0, 8000) == pytest.approx(100.0)  # 0.5 s waiting when first read at 100.5
    assert clock.timestamp(8000, 1600) == pytest.approx(100.5)  # later chunks follow the count, not the clock
