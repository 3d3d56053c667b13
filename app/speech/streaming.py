"""Transcribe while the person is still speaking, so the transcript is ready seconds after they stop.

Audio arrives in 16 kHz chunks (live microphone, or a file replayed in real time). Voice activity runs on
the still-open stretch of the stream; once a speech segment is followed by enough silence, the stretch up
to the middle of that silence is closed and transcribed in a worker thread while the person keeps
speaking. At `finish()` only the last open stretch is left to transcribe. Word times are in answer time
(seconds from the first sample fed).

Voice activity runs on the open stretch as it grows; a closed piece keeps the segments found before its
cut rather than detecting them again, and only the last piece (closed by `finish`) is looked at afresh.

Every piece goes through the transcriber's hallucination guard (app.speech.guard), and the pieces are
joined by `guard.join_pieces`, so a stock closing ("Thank you.") that makes up a whole piece is judged with
the words before it, as in a file analysed in one piece. tests/speech/test_guard_paths.py checks that a
recording analysed live and re-run from its file give the same words and pace.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from app.core.errors import Cancelled
from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.guard import GuardSettings, join_pieces
from app.speech.transcription import Transcriber
from app.speech.vad import SAMPLE_RATE, detect_speech

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PieceTiming:
    """One closed stretch: its place in the answer, when it was closed (stream time), compute seconds."""

    start: float
    end: float
    closed_at: float
    compute_s: float


@dataclass
class _Piece:
    start: float
    end: float
    closed_at: float
    future: Future[tuple[list[Word], list[TimeSpan], float]]


class StreamingTranscriber:
    """Feed chunks with `feed()`, call `finish()` for the whole answer's Transcript.

    Args:
        transcriber: the engine (loaded once elsewhere and shared).
        cut_silence_s: a silence this long after speech closes the stretch before it...
        min_piece_s: ...once the stretch is at least this long (Whisper invents words like "Thank you"
            on very short clips, and each call has a fixed cost).
        max_open_s: a stretch longer than this is cut at its last silence even if shorter.
        check_every_s: how much new audio triggers another voice-activity look.
        executor: runs the transcriptions (one worker thread by default, so pieces finish in order).
    """

    def __init__(
        self,
        transcriber: Transcriber,
        cut_silence_s: float = 0.6,
        min_piece_s: float = 6.0,
        max_open_s: float = 12.0,
        check_every_s: float = 1.0,
        executor: Executor | None = None,
    ) -> None:
        self.transcriber = transcriber
        self.cut_silence_s = cut_silence_s
        self.min_piece_s = min_piece_s
        self.max_open_s = max_open_s
        self.check_every_s = check_every_s
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="transcribe")
        self._chunks: list[np.ndarray] = []
        self._total = 0  # samples fed
        self._open_start = 0  # first sample of the open stretch
        self._last_check = 0
        self._pieces: list[_Piece] = []
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self.speech_segments: list[TimeSpan] = []

    @property
    def fed_seconds(self) -> float:
        return self._total / SAMPLE_RATE

    def feed(self, chunk: np.ndarray) -> None:
        """Add float32 mono 16 kHz samples; may close a stretch and queue it for transcription."""
        if self._cancel.is_set():
            raise Cancelled()
        chunk = np.asarray(chunk, dtype=np.float32).reshape(-1)
        with self._lock:
            self._chunks.append(chunk)
            self._total += chunk.size
            if self._total - self._last_check >= self.check_every_s * SAMPLE_RATE:
                self._last_check = self._total
                self._maybe_close()

    def _audio(self, start: int, end: int) -> np.ndarray:
        if len(self._chunks) > 1:
            self._chunks = [np.concatenate(self._chunks)]
        return self._chunks[0][start:end] if self._chunks else np.zeros(0, np.float32)

    def _maybe_close(self) -> None:
        open_audio = self._audio(self._open_start, self._total)
        segments = detect_speech(open_audio)
        open_s = open_audio.size / SAMPLE_RATE
        cut: float | None = None
        for i, seg in enumerate(segments):
            next_start = segments[i + 1].start if i + 1 < len(segments) else open_s
            if seg.end >= self.min_piece_s and next_start - seg.end >= self.cut_silence_s:
                cut = (
                    (seg.end + next_start) / 2 if i + 1 < len(segments) else seg.end + self.cut_silence_s / 2
                )
        if cut is None and open_s >= self.max_open_s and len(segments) > 1:
            gaps = [(segments[i + 1].start - segments[i].end, i) for i in range(len(segments) - 1)]
            _, i = max(gaps)
            cut = (segments[i].end + segments[i + 1].start) / 2
        if cut is None and open_s >= 2 * self.max_open_s:
            cut = open_s  # no silence at all for a long time: cut anyway rather than fall behind
        if cut is not None:
            end = self._open_start + int(cut * SAMPLE_RATE)
            cut_s = (end - self._open_start) / SAMPLE_RATE
            # The cut falls in silence, so the open stretch's voice activity before it is the piece's.
            speech = [TimeSpan(s.start, min(s.end, cut_s)) for s in segments if s.start < cut_s]
            self._close(end, speech)

    def _close(self, end: int, speech: list[TimeSpan] | None = None) -> None:
        """Queue samples [open start, end) for transcription; `speech`: their voice activity if known."""
        start = self._open_start
        if end <= start:
            return
        audio = self._audio(start, end).copy()
        offset = start / SAMPLE_RATE
        future = self._executor.submit(self._transcribe_piece, audio, offset, speech)
        self._pieces.append(_Piece(offset, end / SAMPLE_RATE, self.fed_seconds, future))
        self._open_start = end
        log.debug("closed stretch %.2f-%.2f s at %.2f s", offset, end / SAMPLE_RATE, self.fed_seconds)

    def _transcribe_piece(
        self, audio: np.ndarray, offset: float, speech: list[TimeSpan] | None
    ) -> tuple[list[Word], list[TimeSpan], float]:
        """The piece's words and voice activity in answer time. The transcriber holds its model's lock
        (app.speech.transcription), so a re-run elsewhere in the app waits rather than sharing the model."""
        if self._cancel.is_set():
            return [], [], 0.0
        started = time.perf_counter()
        if speech is None:
            speech = detect_speech(audio)
        transcript = self.transcriber.transcribe(audio, SAMPLE_RATE, speech)
        words = [
            Word(w.text, round(w.start + offset, 3), round(w.end + offset, 3), w.probability)
            for w in transcript.words
        ]
        spans = [TimeSpan(round(s.start + offset, 3), round(s.end + offset, 3)) for s in speech]
        return words, spans, time.perf_counter() - started

    def finish(self, timeout_s: float | None = None) -> Transcript:
        """Transcribe what is still open, wait for every piece; the answer's transcript.

        The voice-activity segments of the whole answer are then in `speech_segments`.
        """
        if self._cancel.is_set():
            raise Cancelled()
        with self._lock:
            self._close(self._total)
        words: list[Word] = []
        speech: list[TimeSpan] = []
        guard = getattr(self.transcriber, "guard", None) or GuardSettings()
        try:
            for piece in self._pieces:
                piece_words, piece_speech, _ = piece.future.result(timeout=timeout_s)
                words = join_pieces(words, piece_words, guard)  # each piece's closing judged in context
                speech.extend(piece_speech)
        finally:
            if self._own_executor:
                self._executor.shutdown(wait=True)
        if self._cancel.is_set():
            raise Cancelled()
        self.speech_segments = _merge(speech)
        return Transcript(words, "en", self.transcriber.engine, self.transcriber.model)

    def words_so_far(self) -> list[Word]:
        """Words of the stretches already transcribed, in order, while the answer goes on (never waits).

        For live cues (app.session.cues); the answer's transcript is still `finish()`'s.
        """
        words: list[Word] = []
        for piece in list(self._pieces):
            future = piece.future
            if not future.done() or future.cancelled() or future.exception() is not None:
                break
            words.extend(future.result()[0])
        return words

    def timings(self) -> list[PieceTiming]:
        """Per closed stretch (after `finish`): where it lies, when it was closed, compute time."""
        return [PieceTiming(p.start, p.end, p.closed_at, p.future.result()[2]) for p in self._pieces]

    def cancel(self) -> None:
        """Stop: pending stretches are skipped; `feed`/`finish` raise Cancelled."""
        self._cancel.set()
        if self._own_executor:
            self._executor.shutdown(wait=False, cancel_futures=True)


def _merge(spans: list[TimeSpan], gap: float = 0.0) -> list[TimeSpan]:
    """Join segments that touch across a cut (the cut falls in silence, so this is rare)."""
    merged: list[TimeSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start - merged[-1].end <= gap:
            merged[-1] = TimeSpan(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged
