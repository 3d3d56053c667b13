"""Incremental transcription: chunks in, the same words as one pass over the whole recording."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.capture.audio_file import decode_audio
from app.core.errors import Cancelled
from app.speech.fillers import normalize
from app.speech.streaming import StreamingTranscriber
from app.speech.transcription import WhisperTranscriber
from app.speech.whisper_models import ModelLoader

pytestmark = [pytest.mark.media, pytest.mark.slow]


@pytest.fixture(scope="module")
def whisper() -> WhisperTranscriber:
    return WhisperTranscriber(ModelLoader())


def test_chunks_give_the_batch_words_in_answer_time(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    parts = [decode_audio(shared_audio / name) for name in ("jfk.wav", "beckett.wav", "diar_right.wav")]
    gap = np.zeros(16000, np.float32)
    answer = np.concatenate([parts[0], gap, parts[1], gap, parts[2]])
    batch = whisper.transcribe(answer)
    stream = StreamingTranscriber(whisper)
    for start in range(0, answer.size, 1600):  # 100 ms chunks, as from a microphone
        stream.feed(answer[start : start + 1600])
    live = stream.finish()
    assert len(stream.timings()) >= 3  # transcribed in pieces while "speaking", not in one pass at the end
    assert [normalize(w.text) for w in live.words] == [normalize(w.text) for w in batch.words]
    for a, b in zip(live.words, batch.words, strict=True):
        assert abs(a.start - b.start) <= 0.5, (a, b)
    beckett_start = (parts[0].size + gap.size) / 16000
    ever = [w for w in live.words if normalize(w.text) == "ever"]
    assert ever and beckett_start < ever[0].start < beckett_start + 0.8
    assert stream.speech_segments and stream.speech_segments[-1].end <= answer.size / 16000


def test_cancel_stops_feeding(whisper: WhisperTranscriber) -> None:
    stream = StreamingTranscriber(whisper)
    stream.feed(np.zeros(1600, np.float32))
    stream.cancel()
    with pytest.raises(Cancelled):
        stream.feed(np.zeros(1600, np.float32))
    with pytest.raises(Cancelled):
        stream.finish()


def test_pieces_wait_for_the_model_held_elsewhere(whisper: WhisperTranscriber, shared_audio: Path) -> None:
    """Issue 16.3: a live answer's pieces and another caller (a re-run from the GUI) share one loaded
    model; while the other caller holds the model's lock, no piece is transcribed, and none is lost."""
    import threading

    answer = decode_audio(shared_audio / "jfk.wav")
    whisper.load()
    stream = StreamingTranscriber(whisper)
    result: dict[str, object] = {}
    finisher = threading.Thread(target=lambda: result.update(transcript=stream.finish()))
    with whisper.loader.lock(whisper.model):
        for start in range(0, answer.size, 1600):
            stream.feed(answer[start : start + 1600])
        finisher.start()
        finisher.join(timeout=5.0)  # jfk.wav alone is transcribed in well under this
        assert finisher.is_alive()
        assert stream.words_so_far() == []
    finisher.join(timeout=120)
    words = [normalize(w.text) for w in result["transcript"].words]  # type: ignore[attr-defined]
    assert "country" in words and len(words) >= 15
