"""Whisper transcription on real read speech, silence and noise; the sphinx fallback; the doctor check."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import decode_audio
from app.core.errors import ModelUnavailable
from app.speech import whisper_models
from app.speech.fillers import find_fillers, normalize
from app.speech.transcription import SphinxTranscriber, WhisperTranscriber, check_transcription
from app.speech.whisper_models import ModelLoader, bundled_model_dir, verify_model

JFK_WORDS = (
    "and so my fellow americans ask not what your country can do for you ask what you can do for your country"
)


@pytest.fixture(scope="module")
def whisper() -> WhisperTranscriber:
    return WhisperTranscriber(ModelLoader())


def words_of(transcript) -> list[str]:  # type: ignore[no-untyped-def]
    return [normalize(w.text) for w in transcript.words]


@pytest.mark.media
@pytest.mark.slow
def test_jfk_words_and_times(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    transcript = whisper.transcribe(decode_audio(shared_audio / "jfk.wav"))
    assert " ".join(words_of(transcript)) == JFK_WORDS
    times = {normalize(w.text): w for w in transcript.words}
    # "Americans" ends before the long pause; the last "country" is said at about 10.2-10.5 s.
    assert 1.5 < times["americans"].start < 2.3
    assert 9.9 < transcript.words[-1].start < 10.6
    assert all(w.start <= w.end for w in transcript.words)


@pytest.mark.media
@pytest.mark.slow
def test_no_filler_on_any_real_read_clip(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    names = sorted(json.loads((shared_audio / "transcripts.json").read_text()))
    said = {}
    for name in names:
        transcript = whisper.transcribe(decode_audio(shared_audio / name))
        assert transcript.words, name
        said[name] = find_fillers(transcript.words)
    assert {name: f for name, f in said.items() if f} == {}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["silence", "white", "brown", "hum", "clicks"])
def test_nothing_transcribed_on_silence_or_noise(whisper: WhisperTranscriber, kind: str) -> None:
    rng = np.random.default_rng(3)
    n = 16000 * 6
    audio = {
        "silence": np.zeros(n),
        "white": rng.normal(0, 0.05, n),
        "brown": np.cumsum(rng.normal(0, 0.002, n)) % 0.2 - 0.1,
        "hum": 0.1 * np.sin(2 * np.pi * 50 * np.arange(n) / 16000),
        "clicks": np.where(rng.random(n) < 0.0005, rng.normal(0, 0.5, n), 0.0),
    }[kind].astype(np.float32)
    transcript = whisper.transcribe(audio)
    assert transcript.words == []
    assert find_fillers(transcript.words) == []


@pytest.mark.media
@pytest.mark.slow
def test_sphinx_fallback_gets_most_jfk_words_with_times(shared_audio: Path) -> None:
    transcript = SphinxTranscriber().transcribe(decode_audio(shared_audio / "jfk.wav"))
    assert transcript.engine == "sphinx"
    said = set(words_of(transcript))
    assert {"fellow", "americans", "country", "ask"} <= said
    assert all(0.0 <= w.start < w.end <= 11.1 for w in transcript.words)


def test_audio_at_other_rates_is_refused(whisper: WhisperTranscriber) -> None:
    with pytest.raises(ValueError, match="16000"):
        whisper.transcribe(np.zeros(44100, np.float32), 44100)


def test_doctor_check_reports_verified_builtin_model() -> None:
    check = check_transcription()
    assert check.ok, check
    assert "tiny.en" in check.detail and "checksum ok" in check.detail


def test_verification_is_cached_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name in whisper_models.MODEL_FILES:
        (folder / name).symlink_to(bundled_model_dir() / name)
    calls: list[Path] = []
    real_hash = whisper_models.sha256_file
    monkeypatch.setattr(whisper_models, "sha256_file", lambda p, cancel=None: calls.append(p) or real_hash(p))
    verify_model("tiny.en", folder)
    verify_model("tiny.en", folder)
    assert len(calls) == 1  # the second start does not re-hash 75 MB


def test_corrupt_model_fails_its_checksum(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name in whisper_models.MODEL_FILES:
        (folder / name).write_bytes(b"not the model")
    with pytest.raises(ModelUnavailable, match="checksum"):
        verify_model("tiny.en", folder)
    (folder / "model.bin").unlink()
    with pytest.raises(ModelUnavailable, match="missing model.bin"):
        verify_model("tiny.en", folder)
