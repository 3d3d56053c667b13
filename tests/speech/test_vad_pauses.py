"""Voice activity and pauses: inserted silences found with their edges, answer start measured."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import decode_audio
from app.core.transcript import TimeSpan, Word
from app.speech.synthetic import Say, Silence, add_noise, build_clip, espeak_available
from app.speech.vad import detect_speech, find_pauses, time_to_first_word

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")


@needs_espeak
@pytest.mark.parametrize("voice", ["en-us", "en-gb+f3"])
def test_inserted_silences_found_within_a_quarter_second(voice: str) -> None:
    clip = build_clip(
        [
            Say("I led the migration"),
            Silence(1.0),
            Say("we tested every step"),
            Silence(2.2),
            Say("and nothing was lost"),
            Silence(3.0),
            Say("the team was proud"),
            Silence(0.4),
            Say("and so was I"),
        ],
        voice,
    )
    pauses = find_pauses(detect_speech(add_noise(clip.audio, 20)))
    inserted = [p for p in clip.pauses if p.duration >= 1.0]
    assert len(inserted) == 3  # the 0.4 s silence is phrasing, not a pause
    assert len(pauses) == 3, pauses
    for found, true in zip(pauses, inserted, strict=True):
        assert abs(found.start - true.start) <= 0.25 and abs(found.end - true.end) <= 0.25, (found, true)


def test_silence_and_noise_have_no_speech() -> None:
    rng = np.random.default_rng(1)
    assert detect_speech(np.zeros(16000 * 3, np.float32)) == []
    assert detect_speech(rng.normal(0, 0.02, 16000 * 3).astype(np.float32)) == []


@needs_espeak
def test_time_to_first_word_after_a_hesitant_start() -> None:
    clip = build_clip([Silence(2.5), Say("I would start with the customer")], "en-us")
    speech = detect_speech(clip.audio)
    first_voiced = clip.speech_span.start
    assert abs(speech[0].start - first_voiced) <= 0.15
    word = Word("I", 0.0, first_voiced + 0.2)  # Whisper often stretches the first word back to 0
    assert time_to_first_word(speech, [word]) == pytest.approx(speech[0].start, abs=0.01)


@pytest.mark.media
def test_jfk_pauses(shared_audio: Path) -> None:
    """JFK pauses after "Americans" (~2.25 s to ~3.3 s) and after "not" (~4.35 s to ~5.4 s)."""
    pauses = find_pauses(detect_speech(decode_audio(shared_audio / "jfk.wav")))
    assert len(pauses) == 2, pauses
    assert 2.0 < pauses[0].start < 2.6 and 2.9 < pauses[0].end < 3.5
    assert 4.0 < pauses[1].start < 4.8 and 5.0 < pauses[1].end < 5.6


def test_pauses_from_word_gaps_without_audio() -> None:
    words = [Word("we", 0.0, 0.3), Word("won", 0.3, 0.6), Word("then", 2.1, 2.4), Word("left", 2.5, 2.8)]
    pauses = find_pauses([], words)
    assert [(p.start, p.end) for p in pauses] == [(0.6, 2.1)]
    assert find_pauses([TimeSpan(0.0, 1.0), TimeSpan(1.5, 2.0)]) == []
