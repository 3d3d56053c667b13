"""Decoding recorded answers: real files in every container the app accepts, and every way one can be bad."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from app.capture.audio_file import decode_audio, probe_media, read_audio, write_wav
from app.core.errors import MediaFileError

RATE = 16000


def encode(
    samples: np.ndarray, rate: int, path: Path, codec: str, options: dict[str, str] | None = None
) -> Path:
    """Encode mono float samples with PyAV into `path` (container chosen by its extension)."""
    with av.open(str(path), "w", options=options or {}) as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        assert isinstance(stream, av.AudioStream) and stream.codec_context.codec.audio_formats
        fmt = stream.codec_context.codec.audio_formats[0].name
        pts = 0
        for start in range(0, len(samples), 1024):
            block = samples[start : start + 1024].astype(np.float32)
            frame = av.AudioFrame.from_ndarray(block.reshape(1, -1), format="flt", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, pts, Fraction(1, rate)
            pts += len(block)
            resampler = av.AudioResampler(format=fmt, layout="mono", rate=rate)
            for converted in resampler.resample(frame):
                for packet in stream.encode(converted):
                    container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def envelope(samples: np.ndarray, frame: int = 1600) -> np.ndarray:
    usable = len(samples) // frame * frame
    return np.sqrt(np.mean(samples[:usable].reshape(-1, frame) ** 2, axis=1))


@pytest.fixture
def spoken(espeak_wav: Callable[..., Path]) -> np.ndarray:
    wav = espeak_wav("Tell me about a project you are proud of, and what you would do differently.", rate=150)
    return decode_audio(wav)


@pytest.mark.media
def test_decodes_real_speech_wav(shared_audio: Path) -> None:
    samples = decode_audio(shared_audio / "jfk.wav")
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert len(samples) / RATE == pytest.approx(11.0, abs=0.05)
    assert 0.3 < np.abs(samples).max() <= 1.0  # real speech, not silence or clipping garbage


@pytest.mark.media
def test_decodes_and_probes_the_sound_track_of_a_real_video(shared_video: Path) -> None:
    video = shared_video / "smile_glasses_480.mp4"
    info = probe_media(video)
    assert (info.has_audio, info.has_video) == (True, True)
    assert (info.width, info.height, info.fps) == (512, 480, pytest.approx(30.0))
    assert info.duration_s == pytest.approx(19.6, abs=0.05)
    decoded = read_audio(video)
    assert decoded.sample_rate == RATE and not decoded.truncated
    assert decoded.duration_s == pytest.approx(19.6, abs=0.1)  # 44.1 kHz stereo AAC -> 16 kHz mono
    # The quiet room sound of the clip survives downmix and resampling at the same loudness.
    with av.open(str(video)) as container:
        native = np.concatenate([f.to_ndarray().mean(axis=0) for f in container.decode(audio=0)])
    native_rms, decoded_rms = np.sqrt(np.mean(native**2)), np.sqrt(np.mean(decoded.samples**2))
    assert decoded_rms > 1e-4
    assert decoded_rms == pytest.approx(native_rms, rel=0.05)


@pytest.mark.media
def test_max_seconds_bounds_what_is_decoded(shared_audio: Path) -> None:
    decoded = read_audio(shared_audio / "jfk.wav", max_seconds=3.0)
    assert len(decoded.samples) == 3 * RATE and not decoded.truncated


@pytest.mark.parametrize(
    ("suffix", "codec"),
    [
        ("wav", "pcm_s16le"),
        ("flac", "flac"),
        ("mp3", "libmp3lame"),
        ("m4a", "aac"),
        ("mp4", "aac"),
        ("mov", "aac"),
        ("mkv", "libopus"),
        ("webm", "libopus"),
    ],
)
def test_every_accepted_container_decodes_to_the_same_speech(
    spoken: np.ndarray, tmp_path: Path, suffix: str, codec: str
) -> None:
    rate = 48000 if codec == "libopus" else 22050
    original = np.interp(
        np.arange(0, len(spoken) * rate // RATE) * RATE / rate, np.arange(len(spoken)), spoken
    )
    path = encode(original, rate, tmp_path / f"answer.{suffix}", codec)
    decoded = decode_audio(path)
    assert len(decoded) / RATE == pytest.approx(len(spoken) / RATE, abs=0.1)
    reference, got = envelope(spoken), envelope(decoded)
    n = min(len(reference), len(got))
    assert np.corrcoef(reference[:n], got[:n])[0, 1] > 0.9  # the same words at the same times


def test_write_wav_round_trips(tmp_path: Path) -> None:
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE)).astype(np.float32)
    path = write_wav(tmp_path / "tone.wav", tone, RATE)
    back = decode_audio(path)
    assert len(back) == RATE
    assert np.max(np.abs(back - tone)) < 2 / 32767


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(MediaFileError, match="was not found") as caught:
        decode_audio(tmp_path / "nowhere.wav")
    assert "moved or deleted" in caught.value.advice


def test_text_renamed_to_mp4_is_not_media(tmp_path: Path) -> None:
    fake = tmp_path / "answer.mp4"
    fake.write_text("Dear hiring manager, please find my answer attached.\n" * 20)
    with pytest.raises(MediaFileError, match="not an audio or video file") as caught:
        decode_audio(fake)
    assert "MP4" in caught.value.advice
    with pytest.raises(MediaFileError, match="not an audio or video file"):
        probe_media(fake)


def test_empty_file_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "answer.wav"
    empty.touch()
    with pytest.raises(MediaFileError, match="empty"):
        decode_audio(empty)


@pytest.mark.media
def test_recording_cut_off_before_its_index_is_damaged(shared_video: Path, tmp_path: Path) -> None:
    # A camera-style MP4 keeps its index (moov) at the end: an interrupted copy cannot be opened at all.
    data = (shared_video / "smile_glasses_480.mp4").read_bytes()
    cut = tmp_path / "interrupted.mp4"
    cut.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(MediaFileError, match="damaged or incomplete") as caught:
        decode_audio(cut)
    assert "interrupted" in caught.value.advice


@pytest.mark.media
def test_truncated_faststart_mp4_gives_what_is_readable(shared_video: Path, tmp_path: Path) -> None:
    whole = tmp_path / "faststart.mp4"
    with (
        av.open(str(shared_video / "smile_glasses_480.mp4")) as source,
        av.open(str(whole), "w", options={"movflags": "faststart"}) as target,
    ):
        streams = {
            s.index: target.add_stream_from_template(s)
            for s in source.streams
            if s.type in ("audio", "video")
        }
        for packet in source.demux():
            if packet.dts is None or packet.stream.index not in streams:
                continue
            packet.stream = streams[packet.stream.index]
            target.mux(packet)
    data = whole.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])
    decoded = read_audio(cut)
    assert decoded.truncated
    assert decoded.declared_duration_s == pytest.approx(19.6, abs=0.1)
    assert 3.0 < decoded.duration_s < 17.0  # about half the file, not nothing and not all


@pytest.mark.media
def test_truncated_wav_gives_what_is_readable(shared_audio: Path, tmp_path: Path) -> None:
    data = (shared_audio / "jfk.wav").read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: len(data) // 2])
    decoded = read_audio(cut)
    assert decoded.truncated
    assert decoded.duration_s == pytest.approx(5.5, abs=0.05)


def test_video_without_sound_track(tmp_path: Path) -> None:
    path = tmp_path / "silent_camera.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=15)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        for i in range(30):
            pixels = np.full((120, 160, 3), (i * 8) % 255, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    info = probe_media(path)
    assert (info.has_audio, info.has_video, info.width, info.height) == (False, True, 160, 120)
    assert info.duration_s == pytest.approx(2.0, abs=0.1)
    with pytest.raises(MediaFileError, match="no sound track") as caught:
        decode_audio(path)
    assert "microphone" in caught.value.advice
