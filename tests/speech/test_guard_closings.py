"""Stock closings Whisper writes on silence ("Thank you.", "We'll see you next time") are not kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.transcript import TimeSpan, Word
from app.speech.guard import guard_words


def _words(spec: list[tuple[str, float, float, float]]) -> list[Word]:
    return [Word(text, start, end, p) for text, start, end, p in spec]


SAID = [("and", 0.0, 0.3, 0.9), ("that", 0.3, 0.6, 0.9), ("was", 0.6, 0.9, 0.9), ("it.", 0.9, 1.2, 0.9)]


def test_a_closing_after_a_gap_is_dropped_even_with_speech_under_it() -> None:
    words = _words([*SAID, ("Thank", 3.0, 3.2, 0.8), ("you", 3.2, 3.3, 0.8), ("very", 3.3, 3.5, 0.8),
                    ("much.", 3.5, 3.8, 0.8)])
    speech = [TimeSpan(0.0, 1.2), TimeSpan(2.9, 3.9)]  # room noise read as speech
    assert [w.text for w in guard_words(words, speech)] == ["and", "that", "was", "it."]


def test_repeated_and_improbable_closings_are_dropped() -> None:
    repeated = _words([*SAID, ("Thank", 1.3, 1.4, 0.9), ("you.", 1.4, 1.6, 0.9), ("Thank", 1.7, 1.8, 0.9),
                       ("you.", 1.8, 2.0, 0.9)])
    assert [w.text for w in guard_words(repeated, [TimeSpan(0.0, 2.0)])] == ["and", "that", "was", "it."]
    unsure = _words([*SAID, ("We'll", 1.3, 1.4, 0.3), ("see", 1.4, 1.5, 0.3), ("you", 1.5, 1.6, 0.3),
                     ("next", 1.6, 1.7, 0.3), ("time.", 1.7, 1.9, 0.3)])
    assert [w.text for w in guard_words(unsure, [TimeSpan(0.0, 2.0)])] == ["and", "that", "was", "it."]


def test_a_clear_thank_you_right_after_the_answer_stays() -> None:
    words = _words([*SAID, ("Thank", 1.3, 1.45, 0.9), ("you.", 1.45, 1.7, 0.9)])
    assert [w.text for w in guard_words(words, [TimeSpan(0.0, 1.8)])][-2:] == ["Thank", "you."]


@pytest.mark.media
@pytest.mark.slow
def test_real_speech_followed_by_silence_and_room_noise_ends_with_what_was_said(shared_audio: Path) -> None:
    import numpy as np

    from app.capture.audio_file import decode_audio
    from app.speech.chain import analyse_samples
    from app.speech.guard import STOCK_CLOSINGS
    from app.speech.transcription import make_transcriber

    speech = decode_audio(shared_audio / "two_cities.wav")
    rng = np.random.default_rng(5)
    silence = np.zeros(16000 * 15, dtype=np.float32)
    noise = (rng.normal(0, 0.01, 16000 * 15)).astype(np.float32)  # a fan or a busy room, about -40 dBFS
    transcriber = make_transcriber("whisper")
    for tail in (silence, noise):
        words = analyse_samples(np.concatenate([speech, tail]), transcriber.transcribe).transcript.words
        text = [w.text.lower().strip(".,!?") for w in words]
        assert not any(tuple(text[-len(p):]) == p for p in STOCK_CLOSINGS), text[-6:]
        assert words[-1].end <= speech.size / 16000 + 0.5  # nothing placed in the silence or the noise
