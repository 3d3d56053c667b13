"""Delivery metrics from words and audio: pace, pitch variation, loudness variation, the full bundle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import decode_audio
from app.core.delivery import DeliveryMetrics
from app.core.serialization import from_dict, to_dict
from app.core.transcript import Transcript, Word
from app.speech.delivery import compute_delivery, rate_over_time, words_per_minute
from app.speech.prosody import loudness_variation, pitch_stats
from app.speech.synthetic import Hesitate, Say, Silence, build_clip, espeak_available
from app.speech.transcription import WhisperTranscriber
from app.speech.whisper_models import ModelLoader

SR = 16000


def voiced_tone(f0: np.ndarray, amplitude: np.ndarray | float = 0.3) -> np.ndarray:
    """A buzzy vowel-like sound (harmonics 1-8) following the F0 contour `f0` (one value per sample)."""
    phase = 2 * np.pi * np.cumsum(f0) / SR
    wave = sum(np.sin(k * phase) / k for k in range(1, 9))
    return (amplitude * wave / 2).astype(np.float32)


def test_monotone_voice_has_less_pitch_variation_than_a_lively_one() -> None:
    t = np.arange(4 * SR) / SR
    monotone = voiced_tone(np.full(t.size, 120.0))
    lively = voiced_tone(120.0 * 2 ** (4 * np.sin(2 * np.pi * 0.5 * t) / 12))  # +-4 semitones glide
    median_m, var_m = pitch_stats(monotone, SR)
    median_l, var_l = pitch_stats(lively, SR)
    assert median_m == pytest.approx(120, abs=2) and var_m is not None and var_m < 0.3
    assert (
        median_l == pytest.approx(120, abs=8) and var_l is not None and 2.4 < var_l < 3.4
    )  # 4/sqrt(2) = 2.83


def test_loudness_variation_in_db() -> None:
    t = np.arange(4 * SR) / SR
    steady = voiced_tone(np.full(t.size, 150.0), 0.3)
    swelling = voiced_tone(np.full(t.size, 150.0), 0.3 * 10 ** (np.where((t % 1) < 0.5, 0, -12) / 20))
    steady_db, swelling_db = loudness_variation(steady, SR), loudness_variation(swelling, SR)
    assert steady_db is not None and steady_db < 1.0
    assert swelling_db is not None and 4.5 < swelling_db < 7.0  # a square +-6 dB pattern has std 6 dB


def test_silence_gives_no_pitch_rather_than_zero() -> None:
    assert pitch_stats(np.zeros(SR, np.float32), SR) == (None, None)
    assert loudness_variation(np.zeros(SR, np.float32), SR) is None


def test_rate_from_word_times() -> None:
    words = [Word(f"w{i}", i * 0.5, i * 0.5 + 0.4) for i in range(60)]  # 60 words over 29.9 s
    assert words_per_minute(words) == pytest.approx(60 / (29.9 / 60), abs=0.2)
    samples = rate_over_time(words)
    assert samples and all(110 < s.words_per_minute < 130 for s in samples)
    slow_then_fast = [Word("a", i * 1.0, i * 1.0 + 0.5) for i in range(20)] + [
        Word("b", 20 + i * 0.25, 20 + i * 0.25 + 0.2) for i in range(80)
    ]
    rates = rate_over_time(slow_then_fast)
    assert rates[0].words_per_minute < 80 and rates[-1].words_per_minute > 200
    assert words_per_minute([Word("um", 0, 1), Word("yes", 1, 2)]) is None  # one real word: no rate


@pytest.fixture(scope="module")
def whisper() -> WhisperTranscriber:
    return WhisperTranscriber(ModelLoader())


@pytest.mark.media
@pytest.mark.slow
def test_jfk_pace(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    """22 words from 0.3 s to 10.5 s: about 130 words per minute."""
    audio = decode_audio(shared_audio / "jfk.wav")
    metrics = compute_delivery(whisper.transcribe(audio), audio, SR)
    assert metrics.word_count == 22
    assert 120 <= (metrics.words_per_minute or 0) <= 140
    assert metrics.fillers == [] and metrics.repetitions == []
    assert len(metrics.pauses) == 2 and metrics.longest_pause_s is not None and metrics.longest_pause_s > 1.0
    assert metrics.time_to_first_word_s is not None and 0.1 < metrics.time_to_first_word_s < 0.5
    assert metrics.pitch_median_hz is not None and 80 < metrics.pitch_median_hz < 250  # a man's voice
    assert metrics.pitch_variation_semitones is not None and metrics.pitch_variation_semitones > 1.0


@pytest.mark.slow
@pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")
def test_full_metrics_of_a_synthetic_answer(whisper: WhisperTranscriber) -> None:
    clip = build_clip(
        [
            Silence(1.5),
            Say("In my last job I ran the support team"),
            Silence(0.3),
            Hesitate("umm"),
            Silence(0.3),
            Say("and we cut the waiting time in half"),
            Silence(2.0),
            Say("I am proud of that result"),
        ],
        "en-us",
        lead_in_s=0.0,
    )
    transcript = whisper.transcribe(clip.audio)
    metrics = compute_delivery(transcript, clip.audio, SR)
    assert [f.word for f in metrics.fillers] in (["um"], ["uh"])
    assert abs(metrics.fillers[0].start - clip.fillers[0].start) <= 0.5 or (
        metrics.fillers[0].start <= clip.fillers[0].start <= metrics.fillers[0].end
    )
    pause = [p for p in clip.pauses if p.duration >= 1.0]
    assert len(metrics.pauses) == 1 and abs(metrics.pauses[0].start - pause[0].start) <= 0.25
    assert metrics.time_to_first_word_s == pytest.approx(clip.speech_span.start, abs=0.25)
    assert metrics.duration_s == pytest.approx(clip.duration, abs=0.01)
    round_trip = from_dict(DeliveryMetrics, to_dict(metrics))
    assert round_trip == metrics


def test_no_words_no_rates() -> None:
    metrics = compute_delivery(Transcript(words=[]), np.zeros(3 * SR, np.float32), SR)
    assert metrics.word_count == 0 and metrics.words_per_minute is None and metrics.fillers_per_minute is None
    assert metrics.time_to_first_word_s is None and metrics.pauses == []
