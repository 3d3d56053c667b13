"""The hallucination guard on every path, and live vs re-run agreement (issue 14, item 6).

Paths: the live path (StreamingTranscriber: pieces transcribed while the person speaks, then
`compute_delivery` as app.session.analyse.analyse_captured does) and the file path (analyse_file: a
re-run from Review, an import, `mock-interview analyze`). Real speech from ../shared/media/audio, followed
by digital silence or by low-level room noise made here (pink and brown noise), through the real
faster-whisper transcriber.
"""

from __future__ import annotations

import difflib
import json
import wave
from pathlib import Path

import numpy as np
import pytest

from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.guard import STOCK_CLOSINGS, join_pieces
from app.speech.streaming import StreamingTranscriber

RATE = 16000


def _bare(words: list[Word]) -> list[str]:
    return [w.text.lower().strip(" .,!?;:\"'") for w in words]


def _ends_in_closing(words: list[Word]) -> bool:
    text = _bare(words)
    return any(len(p) <= len(text) and tuple(text[-len(p) :]) == p for p in STOCK_CLOSINGS)


def room_noise(seconds: float, exponent: float, dbfs: float, seed: int) -> np.ndarray:
    """Stationary noise with a 1/f**exponent spectrum (1: pink, a room's hum and air; 2: brown, a fan's
    rumble) at `dbfs` RMS."""
    n = int(seconds * RATE)
    spectrum = np.fft.rfft(np.random.default_rng(seed).normal(size=n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    freqs[0] = freqs[1]
    noise = np.fft.irfft(spectrum / freqs ** (exponent / 2), n)
    return (noise / np.sqrt(np.mean(noise**2)) * 10 ** (dbfs / 20)).astype(np.float32)


def stream(transcriber, audio: np.ndarray) -> tuple[Transcript, list[TimeSpan]]:  # type: ignore[no-untyped-def]
    """The live path: 100 ms chunks as the microphone delivers them."""
    live = StreamingTranscriber(transcriber)
    for start in range(0, audio.size, RATE // 10):
        live.feed(audio[start : start + RATE // 10])
    return live.finish(), live.speech_segments


def write_wav(path: Path, audio: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def word_error_rate(said: list[str], reference: list[str]) -> float:
    matcher = difflib.SequenceMatcher(a=reference, b=said, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return (max(len(reference), len(said)) - matched) / len(reference)


# ---- the rule at a join, without media -----------------------------------------------------------------


def test_a_piece_that_is_only_a_closing_is_judged_with_the_words_before_it() -> None:
    said = [Word("for", 9.6, 9.8, 0.9), Word("your", 9.8, 10.0, 0.9), Word("country.", 10.0, 10.5, 0.9)]
    invented = [Word("Thank", 13.1, 13.3, 0.8), Word("you.", 13.3, 13.6, 0.8)]  # a piece of its own
    assert [w.text for w in join_pieces(said, invented)] == ["for", "your", "country."]
    said_with_it = [Word("Thank", 10.7, 10.9, 0.9), Word("you.", 10.9, 11.2, 0.9)]  # right after, clearly
    assert [w.text for w in join_pieces(said, said_with_it)][-2:] == ["Thank", "you."]


class _ClosingAfterTheAnswer:
    """A transcriber (put in through the constructor) that writes what the first piece says and, like
    Whisper on room noise, "Thank you." for any later piece."""

    engine, model = "fake", "closing"

    def __init__(self) -> None:
        self.calls = 0

    def transcribe(self, audio: np.ndarray, sample_rate: int = RATE, speech=None) -> Transcript:  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls == 1:
            return Transcript([Word("ask", 1.0, 1.3, 0.9), Word("not.", 1.3, 1.8, 0.9)], "en", "fake", "x")
        start = speech[0].start if speech else 0.5
        words = [Word("Thank", start, start + 0.2, 0.8), Word("you.", start + 0.2, start + 0.5, 0.8)]
        return Transcript(words, "en", "fake", "x")


@pytest.mark.media
def test_live_pieces_are_joined_through_the_guard(shared_audio: Path) -> None:
    from app.capture.audio_file import decode_audio

    speech = decode_audio(shared_audio / "jfk.wav")
    audio = np.concatenate([speech, np.zeros(3 * RATE, np.float32), speech])  # two pieces: a pause between
    fake = _ClosingAfterTheAnswer()
    transcript, _speech = stream(fake, audio)
    assert fake.calls >= 2  # the answer was transcribed in pieces
    assert [w.text for w in transcript.words] == ["ask", "not."]


# ---- real speech, then silence or room noise, through the real transcriber ------------------------------


@pytest.fixture(scope="module")
def whisper():  # type: ignore[no-untyped-def]
    from app.session.analyse import AnalysisServices

    services = AnalysisServices(vision=False)
    yield services
    services.close()


TAILS = {
    "silence": lambda: np.zeros(20 * RATE, np.float32),
    "pink room noise (-45 dBFS)": lambda: room_noise(20, 1.0, -45, 1),
    "brown fan noise (-40 dBFS)": lambda: room_noise(20, 2.0, -40, 2),
}


@pytest.mark.media
@pytest.mark.slow
@pytest.mark.parametrize("tail", list(TAILS))
def test_nothing_is_added_after_real_speech_on_either_path(
    whisper, shared_audio: Path, tmp_path: Path, tail: str
) -> None:  # type: ignore[no-untyped-def]
    from app.capture.audio_file import decode_audio
    from app.session.analyse import analyse_file, generic_question

    speech = decode_audio(shared_audio / "jfk.wav")
    reference = json.loads((shared_audio / "transcripts.json").read_text())["jfk.wav"].split()
    audio = np.concatenate([speech, TAILS[tail]()])
    live, _segments = stream(whisper.transcriber(), audio)
    rerun = analyse_file(write_wav(tmp_path / "answer.wav", audio), generic_question(), whisper)
    assert rerun.analysis.transcript is not None
    for path, words in (("live", live.words), ("re-run", rerun.analysis.transcript.words)):
        assert not _ends_in_closing(words), (path, _bare(words)[-6:])
        assert words[-1].end <= speech.size / RATE + 0.5, path  # nothing placed in the tail
        assert word_error_rate(_bare(words), reference) <= 0.1, (path, _bare(words))
        assert _bare(words)[-3:] == ["for", "your", "country"], path  # the real last words kept


@pytest.mark.media
@pytest.mark.slow
def test_live_and_rerun_agree_on_words_and_pace(whisper, shared_audio: Path) -> None:  # type: ignore[no-untyped-def]
    """44 s of real read speech (A Tale of Two Cities): the words and the pace from the live path and from
    the file path are the same within 5%."""
    from app.capture.audio_file import decode_audio
    from app.session.analyse import analyse_file, generic_question
    from app.speech.delivery import compute_delivery

    path = shared_audio / "two_cities.wav"
    audio = decode_audio(path)
    transcript, segments = stream(whisper.transcriber(), audio)
    live = compute_delivery(transcript, audio, RATE, speech_segments=segments)  # as analyse_captured
    rerun = analyse_file(path, generic_question(), whisper).analysis
    assert rerun.delivery is not None and rerun.transcript is not None
    live_words, rerun_words = _bare(transcript.words), _bare(rerun.transcript.words)
    difference = word_error_rate(live_words, rerun_words)
    print(  # the figures, with -s
        f"live {live.words_per_minute} wpm, {live.word_count} words; re-run "
        f"{rerun.delivery.words_per_minute} wpm, {rerun.delivery.word_count} words; WER {difference:.3f}"
    )
    assert word_error_rate(live_words, rerun_words) <= 0.05, (live_words, rerun_words)
    assert live.words_per_minute is not None and rerun.delivery.words_per_minute is not None
    assert live.words_per_minute == pytest.approx(rerun.delivery.words_per_minute, rel=0.05)
    assert abs(live.word_count - rerun.delivery.word_count) <= 0.05 * rerun.delivery.word_count
    assert 150 < rerun.delivery.words_per_minute < 200  # a brisk reading: the pace is real, not 0 or 400
