"""Fillers through the app's whole chain (voice activity, Whisper, loudness, filler rules) on real read speech
and on composed spontaneous-style answers whose fillers are known by construction (app.speech.filler_cases).

Real read speech holds clause-initial "And so" (jfk.wav) and "so far like" (two_cities.wav): words, never
fillers. The composed answers hold "um"/"uh" and "so"/"like"/"well"/"and"/"you know" said as fillers between
real pauses, next to the same words used as words; each true filler must be found within 0.3 s of when it
sounded, and nothing else. The held-back cases (never tuned on) are held to: no word counted as a filler,
and every filler found within 0.3 s; their recall is reported by benchmarks/bench_speech.py --fillers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.capture.audio_file import decode_audio
from app.core.delivery import DISCOURSE, Filler
from app.speech.chain import analyse_samples
from app.speech.filler_cases import (
    DEV_CASES,
    HELD_BACK_CASES,
    CaseResult,
    FillerCase,
    compose,
    score,
    shared_loader,
)
from app.speech.synthetic import espeak_available
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
def test_no_discourse_filler_on_any_real_read_clip(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    names = sorted(json.loads((shared_audio / "transcripts.json").read_text()))
    found = {}
    for name in names:
        analysis = analyse_samples(decode_audio(shared_audio / name), whisper.transcribe)
        assert analysis.transcript.words, name
        found[name] = [f for f in analysis.delivery.fillers if f.kind == DISCOURSE]
    assert {name: fillers for name, fillers in found.items() if fillers} == {}


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


@needs_espeak
@pytest.mark.parametrize("case", HELD_BACK_CASES, ids=[case.name for case in HELD_BACK_CASES])
def test_held_back_no_word_taken_for_a_filler_and_times_within_0_3_s(
    case: FillerCase, whisper: WhisperTranscriber, audio_folder: Path | None
) -> None:
    result, found = _run(case, whisper, audio_folder)
    assert result.false == [], (result, found)
    assert max(result.time_errors, default=0.0) <= 0.3, result
