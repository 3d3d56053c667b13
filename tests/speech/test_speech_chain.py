"""The audio chain in windows: a long recording is cut in its silences, and gives the words of one piece."""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import AudioReader, decode_audio
from app.core.transcript import TimeSpan
from app.speech.chain import _cut_time, analyse_samples, analyse_speech

pytestmark = [pytest.mark.media, pytest.mark.slow]


@pytest.fixture(scope="module")
def transcriber():  # type: ignore[no-untyped-def]
    from app.speech.transcription import make_transcriber

    return make_transcriber("whisper")


def _words(analysis) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text.lower().strip(",.?!") for w in analysis.transcript.words]


def test_windows_cut_in_silence_and_keep_every_word(shared_audio: Path, transcriber) -> None:  # type: ignore[no-untyped-def]
    # 44 s of read speech in 15-second windows: each window must end in a pause, and the words of the
    # pieces must be those of the whole (none lost at a cut, none said twice).
    audio = decode_audio(shared_audio / "two_cities.wav")
    whole = analyse_samples(audio, transcriber.transcribe)
    windows: list[float] = []
    pieces = analyse_speech(
        (audio[i : i + 8000] for i in range(0, audio.size, 8000)),
        transcriber.transcribe,
        window_s=15.0,
        on_window=windows.append,
    )
    assert len(windows) >= 3  # really analysed in pieces
    # Cuts fall in silences (a window with no pause in its second half is cut at its end: one at most here).
    inside = [cut for cut in windows[:-1] if any(s.start + 0.05 < cut < s.end - 0.05 for s in whole.speech)]
    assert len(inside) <= 1, (windows, whole.speech)
    matcher = difflib.SequenceMatcher(a=_words(whole), b=_words(pieces), autojunk=False)
    assert matcher.ratio() > 0.95, (_words(whole), _words(pieces))
    assert abs(len(_words(pieces)) - len(_words(whole))) <= 1
    assert pieces.duration_s == pytest.approx(audio.size / 16000, abs=1e-3)
    assert [w.start for w in pieces.transcript.words] == sorted(w.start for w in pieces.transcript.words)
    assert pieces.delivery.words_per_minute == pytest.approx(whole.delivery.words_per_minute, rel=0.05)
    assert pieces.delivery.pitch_median_hz == pytest.approx(whole.delivery.pitch_median_hz, rel=0.05)
    assert len(pieces.delivery.pauses) == pytest.approx(len(whole.delivery.pauses), abs=1)


def test_reader_streams_blocks_of_the_asked_size(shared_audio: Path) -> None:
    reader = AudioReader(shared_audio / "jfk.wav")
    sizes = [block.size for block in reader.blocks(2.0)]
    assert sizes[:-1] == [32000] * (len(sizes) - 1)
    assert 0 < sizes[-1] <= 32000
    assert reader.duration_s == pytest.approx(sum(sizes) / 16000)
    assert not reader.truncated
    assert np.array_equal(
        np.concatenate(list(AudioReader(shared_audio / "jfk.wav").blocks(3.0))),
        decode_audio(shared_audio / "jfk.wav"),
    )


def test_cut_falls_in_the_last_silence_of_the_search_region() -> None:
    speech = [TimeSpan(0.0, 3.0), TimeSpan(3.5, 7.0), TimeSpan(8.0, 9.8)]
    assert _cut_time(speech, 10.0, search_from=5.0) == pytest.approx(7.5)  # gap 7.0-8.0
    assert _cut_time(speech, 10.0, search_from=8.0) == 10.0  # no silence after 8 s: the whole window
    assert _cut_time([], 10.0, search_from=5.0) == 10.0  # silence: nothing to split
    assert _cut_time([TimeSpan(0.0, 2.0)], 10.0, search_from=5.0) == pytest.approx(5.75)  # trailing silence
