"""Fillers on speech with known hesitations (eSpeak NG pieces joined with numpy), found within 0.3 s of
when they sounded, and a repeated word."""

from __future__ import annotations

import pytest

from app.speech.filler_timing import Loudness
from app.speech.fillers import find_fillers, find_repetitions
from app.speech.synthetic import SAMPLE_RATE, Hesitate, Say, Silence, add_noise, build_clip, espeak_available
from app.speech.transcription import WhisperTranscriber
from app.speech.whisper_models import ModelLoader

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed"),
]


@pytest.fixture(scope="module")
def whisper() -> WhisperTranscriber:
    return WhisperTranscriber(ModelLoader())


@pytest.mark.parametrize(("voice", "spelling"), [("en-us", "umm"), ("en-us+m3", "uh"), ("en-gb+f3", "erm")])
def test_hesitation_found_at_the_right_second(whisper: WhisperTranscriber, voice: str, spelling: str) -> None:
    clip = build_clip(
        [
            Say("I think my main strength is clear communication"),
            Silence(0.3),
            Hesitate(spelling),
            Silence(0.3),
            Say("and I listen before I answer"),
        ],
        voice,
    )
    said_at = clip.fillers[0].start
    audio = add_noise(clip.audio, 30)
    found = find_fillers(whisper.transcribe(audio).words, Loudness.of(audio, SAMPLE_RATE))
    assert [f.kind for f in found] == ["hesitation"], found
    assert abs(found[0].start - said_at) <= 0.3, (found, said_at)


def test_no_filler_in_the_same_answer_without_hesitation(whisper: WhisperTranscriber) -> None:
    clip = build_clip(
        [
            Say("I think my main strength is clear communication"),
            Silence(0.6),
            Say("and I listen before I answer"),
        ],
        "en-us",
    )
    audio = add_noise(clip.audio, 30)
    transcript = whisper.transcribe(audio)
    assert "communication" in transcript.text.lower()
    assert find_fillers(transcript.words, Loudness.of(audio, SAMPLE_RATE)) == []


def test_repeated_word_in_speech_is_reported(whisper: WhisperTranscriber) -> None:
    clip = build_clip(
        [Say("we shipped it on time and"), Silence(0.25), Say("and the customer was happy")], "en-us"
    )
    found = find_repetitions(whisper.transcribe(clip.audio).words)
    assert [r.text for r in found] == ["and"], found
