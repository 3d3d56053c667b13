"""Fillers through the app's whole chain (voice activity, Whisper, loudness, filler rules) on real read speech
and on composed spontaneous-style answers whose fillers are known by construction (app.speech.filler_cases).

Real read speech holds clause-initial "And so" (jfk.wav) and "so far like" (two_cities.wav): words, never
fillers, and pauses with no hesitation in them. A hesitation Whisper leaves out is heard on the audio; a word
said alone that sounds like one ("I", "oh") is not taken for one. The composed answers hold "um"/"uh" and
"so"/"like"/"well"/"and"/"you know" said as fillers between real pauses, next to the same words used as
words; each true filler must be found within 0.3 s of when it sounded, and nothing else. The held-back
cases (never tuned on) are held to: no word counted as a filler, and every filler found within 0.3 s; their
recall is reported by benchmarks/bench_speech.py --fillers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.capture.audio_file import decode_audio
from app.core.delivery import HESITATION, Filler
from app.speech.chain import analyse_samples
from app.speech.filler_cases import (
    DEV_CASES,
    HELD_BACK_CASES,
    CaseResult,
    FillerCase,
    compose,
    load_cases,
    parse,
    score,
    shared_loader,
)
from app.speech.filler_timing import Loudness
from app.speech.fillers import find_fillers, hesitation
from app.speech.synthetic import SAMPLE_RATE, Say, Silence, add_noise, build_clip, espeak_available
from app.speech.transcription import WhisperTranscriber
from app.speech.whisper_models import ModelLoader

pytestmark = pytest.mark.slow
needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")


@pytest.fixture(scope="module")
def whisper() -> WhisperTranscriber:
    return WhisperTranscriber(ModelLoader(cpu_threads=2))


@pytest.mark.media
def test_and_so_my_fellow_americans_has_no_filler(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    analysis = analyse_samples(decode_audio(shared_audio / "jfk.wav"), whisper.transcribe)
    assert [w.text.lower().strip(",.") for w in analysis.transcript.words[:2]] == ["and", "so"]
    assert analysis.delivery.fillers == []


@pytest.mark.media
def test_no_filler_of_any_kind_on_any_real_read_clip(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    # Read speech has pauses between phrases but no hesitation: nothing may be heard as one, nor as a word
    # used as a filler.
    names = sorted(json.loads((shared_audio / "transcripts.json").read_text()))
    found = {}
    for name in names:
        analysis = analyse_samples(decode_audio(shared_audio / name), whisper.transcribe)
        assert analysis.transcript.words, name
        found[name] = analysis.delivery.fillers
    assert {name: fillers for name, fillers in found.items() if fillers} == {}


@pytest.mark.media
@needs_espeak
def test_a_hesitation_whisper_left_out_is_heard_on_the_audio(
    whisper: WhisperTranscriber, audio_folder: Path | None
) -> None:
    # Issue 14's kind of clip: a clause-initial "so" used as a word right after an "um", and an "uh" that
    # Whisper does not write at all. Exactly the two fillers, each at its sound; "so" is not one.
    script = (
        "[librivox_0880.wav 0.0 3.0] | 0.5 | {umm:um} | 0.45 | So we moved the launch by one week | 0.6 "
        "| {uh:uh} | 0.4 | and nobody on the team had to work late"
    )
    case = FillerCase("so-word-um-dropped-uh", parse(script), "en-us+m3", 165, 25.0)
    if audio_folder is None:
        pytest.skip("this case cuts real speech from ../shared/media/audio, which is absent")
    clip = compose(case, shared_loader(audio_folder))
    analysis = analyse_samples(clip.audio, whisper.transcribe)
    result = score(analysis.delivery.fillers, clip.fillers)
    assert result.false == [] and result.missed == [], (result, analysis.delivery.fillers)
    assert max(result.time_errors) <= 0.3, result
    # Whisper writes the "uh" for this float copy but not for the 16-bit file the CLI reads; without it in
    # the words, the audio alone must still give it, at its sound.
    words = analysis.transcript.words
    uh = [w for w in words if hesitation(w.text) == "uh"]
    assert len(uh) <= 1
    without = [w for w in words if w not in uh]
    found = find_fillers(without, Loudness.of(clip.audio, SAMPLE_RATE))
    result = score(found, clip.fillers)
    assert result.false == [] and result.missed == [], (result, found)
    assert max(result.time_errors) <= 0.3, result


@needs_espeak
@pytest.mark.parametrize("voice", ["en-us", "en-gb+f3"])
def test_a_word_said_alone_is_never_taken_for_a_hesitation(whisper: WhisperTranscriber, voice: str) -> None:
    # "I", "oh" and "a" said alone between pauses sound much like "uh" (one held vowel): Whisper writes a
    # word there (even if not the right one), so the sound is that word's, not a hesitation left out.
    for word in ("I", "oh", "a"):
        clip = build_clip(
            [
                Say("My main strength is clear communication"),
                Silence(0.5),
                Say(word),
                Silence(0.5),
                Say("and I listen before I answer"),
            ],
            voice,
        )
        audio = add_noise(clip.audio, 30, seed=1)
        analysis = analyse_samples(audio, whisper.transcribe)
        hesitations = [f for f in analysis.delivery.fillers if f.kind == HESITATION]
        assert hesitations == [], (word, analysis.transcript.text, hesitations)


def _run(
    case: FillerCase, whisper: WhisperTranscriber, folder: Path | None
) -> tuple[CaseResult, list[Filler]]:
    if case.needs_recordings and folder is None:
        pytest.skip("this case cuts real speech from ../shared/media/audio, which is absent")
    load = shared_loader(folder) if folder is not None else None
    clip = compose(case, load)
    found = analyse_samples(clip.audio, whisper.transcribe).delivery.fillers
    return score(found, clip.fillers), found


@pytest.fixture(scope="module")
def audio_folder() -> Path | None:
    """../shared/media/audio when present: cases with real segments skip without it, the others run."""
    shared = Path(os.environ.get("MOCK_INTERVIEW_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    folder = shared / "media" / "audio"
    return folder if folder.is_dir() else None


@needs_espeak
@pytest.mark.parametrize("case", DEV_CASES, ids=[case.name for case in DEV_CASES])
def test_exactly_the_true_fillers_each_within_0_3_s(
    case: FillerCase, whisper: WhisperTranscriber, audio_folder: Path | None
) -> None:
    result, found = _run(case, whisper, audio_folder)
    assert result.false == [] and result.missed == [], (result, found)
    assert max(result.time_errors, default=0.0) <= 0.3, result


HELD_BACK_2 = load_cases(
    Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "fillers_held_back_2.txt"
)
"""Written and committed before the method first ran on them (issue 14); never tuned on."""


@needs_espeak
@pytest.mark.parametrize(
    "case", HELD_BACK_CASES + HELD_BACK_2, ids=[case.name for case in HELD_BACK_CASES + HELD_BACK_2]
)
def test_held_back_no_word_taken_for_a_filler_and_times_within_0_3_s(
    case: FillerCase, whisper: WhisperTranscriber, audio_folder: Path | None
) -> None:
    result, found = _run(case, whisper, audio_folder)
    assert result.false == [], (result, found)
    assert max(result.time_errors, default=0.0) <= 0.3, result
