"""Answers that say little never score well, and overall compares like with like (issue 14), on real media.

Each case is a recording a person could really make: someone who froze after a sentence, someone who said
ten words in two minutes, a camera recording without sound, a free-text motivation question.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import decode_audio
from app.session.analyse import AnalysisServices, analyse_file, generic_question

pytestmark = [pytest.mark.media, pytest.mark.slow]


@pytest.fixture(scope="module")
def services() -> AnalysisServices:
    return AnalysisServices(vision=True)


def _bank_question(question_id: str):  # type: ignore[no-untyped-def]
    from app.banks.loader import load_all_banks

    return next(q for bank in load_all_banks().banks for q in bank.questions if q.id == question_id)


def _speech_then_silence(shared_audio: Path, path: Path, speech_s: float, total_s: float) -> Path:
    speech = decode_audio(shared_audio / "jfk.wav")[: int(speech_s * 16000)]
    rng = np.random.default_rng(3)
    quiet = rng.normal(0, 30 / 32768, int((total_s - speech_s) * 16000)).astype(np.float32)
    samples = (np.concatenate([speech, quiet]) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(samples.tobytes())
    return path


def _subs(card, dimension: str) -> dict:  # type: ignore[no-untyped-def]
    return {s.key: s for s in getattr(card, dimension).sub_scores}


def test_an_answer_that_froze_after_eleven_seconds_is_far_too_short(
    shared_audio: Path, tmp_path: Path, services: AnalysisServices
) -> None:
    path = _speech_then_silence(shared_audio, tmp_path / "froze.wav", 11.0, 111.0)
    result = analyse_file(path, _bank_question("core-pressure-deadline"), services)
    analysis = result.analysis
    assert analysis.delivery is not None and analysis.scores is not None
    assert analysis.delivery.spoken_span_s == pytest.approx(10.2, abs=1.0)
    assert analysis.delivery.silence_after_s == pytest.approx(100.0, abs=1.5)
    length = _subs(analysis.scores, "content")["length"]
    assert length.score is not None and length.score <= 2
    assert analysis.scores.overall is not None and analysis.scores.overall <= 3.0
    stopped = next(tip for tip in analysis.tips if tip.metric == "silence_after")
    assert stopped.text.startswith("You stopped speaking at 0:1") and "the recording ran to 1:51" in stopped.text


def test_ten_words_in_two_minutes_are_not_judged_for_pace(
    shared_audio: Path, tmp_path: Path, services: AnalysisServices
) -> None:
    path = _speech_then_silence(shared_audio, tmp_path / "little.wav", 4.0, 120.0)
    analysis = analyse_file(path, _bank_question("core-pressure-deadline"), services).analysis
    assert analysis.delivery is not None and analysis.scores is not None
    assert 5 <= analysis.delivery.word_count < 20
    pace = _subs(analysis.scores, "delivery")["pace"]
    assert pace.score is None and pace.reason.startswith("Too little speech to judge")
    assert analysis.scores.overall is not None and analysis.scores.overall <= 2.0
    assert "Only" in analysis.scores.overall_note
    assert any(tip.metric == "too_little_speech" for tip in analysis.tips)


def test_a_video_without_sound_gets_no_overall(shared_video: Path, tmp_path: Path, services: AnalysisServices) -> None:
    import av

    silent = tmp_path / "silent.mp4"
    with av.open(str(shared_video / "smile_glasses_480.mp4")) as source, av.open(str(silent), "w") as out:
        video_in = source.streams.video[0]
        video_out = out.add_stream_from_template(video_in)
        for packet in source.demux(video_in):
            if packet.dts is None:
                continue
            packet.stream = video_out
            out.mux(packet)
    result = analyse_file(silent, _bank_question("core-pressure-deadline"), services)
    scores = result.analysis.scores
    assert not result.has_audio and scores is not None
    assert scores.body_language.score is not None  # measured, and shown on its own
    assert scores.overall is None
    assert "overall needs both" in scores.overall_note


def test_a_motivation_question_given_as_text_expects_no_star_story() -> None:
    question = generic_question("Why do you want to work here?")
    assert not question.star_expected
    assert "closest bank question" in question.guidance
    story = generic_question("Tell me about a time you missed a deadline.")
    assert story.star_expected and story.target_seconds >= 90


def test_a_typed_answer_has_content_but_no_overall() -> None:
    from app.session.typed import analyse_typed_text

    analysis = analyse_typed_text(
        "At my last job our release slipped because a supplier was late. My task was to protect the launch "
        "date. So I split the release in two and shipped the parts that did not depend on them. As a result "
        "we launched on time and the rest followed a week later.",
        _bank_question("core-pressure-deadline"),
    )
    assert analysis.scores is not None and analysis.scores.content.score is not None
    assert analysis.scores.overall is None
