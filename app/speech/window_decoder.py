"""Whisper's words with times, decoded a window at a time so that fast speech stays whole.

Split from app.speech.transcription (which calls `WindowDecoder.words`); see `WindowDecoder` for why
faster-whisper's own `word_timestamps=True` is not used. Each window's encoder output, computed once
by faster-whisper's decoding, is kept (`_Encodings`) and reused to align the window's words: running the
encoder again for the alignment took about a quarter of the sound's analysis time (issue 18).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from app.core.transcript import TimeSpan
from app.speech.vad import SAMPLE_RATE, speech_overlap

if TYPE_CHECKING:
    from app.speech.transcription import WhisperSettings

log = logging.getLogger(__name__)


_PREPEND_PUNCTUATION = "\"'\u201c\u00bf([{-"
_APPEND_PUNCTUATION = "\"'.\u3002,\uff0c!\uff01?\uff1f:\uff1a\u201d)]}\u3001"
"""faster-whisper's defaults: punctuation joined to the next or previous word."""
_COVER_PAD_S = 0.3
"""Voice activity edges and word times are approximate: a word covers this much speech either side."""
_MIN_PROGRESS_S = 1.0
"""Decoding resumes only this far past a window's start, so that every new call moves on."""
_DENSER = 1.2
"""The first window is decoded without the prompt, if it misses speech with it, and that text is kept
when it has this many times more words per second of speech."""

_Window = tuple[list[Any], float]
"""One decoded window: its segments, and where faster-whisper goes on after it (seconds of the part)."""


class _Encodings:
    """The encoder output of every window faster-whisper decodes in one part of the audio, by the
    window's first frame (its seek), for the alignment of the window's words.

    faster-whisper has no hook for this, so the decoding runs on a shallow copy of the model (sharing
    its weights) whose `encode` keeps each output and whose `_split_segments_by_timestamps` (called once
    per decoded window, with its seek and frame count) files it. The features are the same as the ones
    the alignment computed from the window's own samples before, except at the window's edges (the
    short-time transform pads the slice where the whole part has samples): words and times stay within
    a few milliseconds (compared on the shared recordings, tests/speech).
    """

    def __init__(self, model: Any) -> None:
        self.model = model
        self.by_seek: dict[int, tuple[Any, int]] = {}

    def decoding_model(self) -> Any:
        """A model for one `transcribe` call that files its windows' encoder outputs here. Its first
        window (seek 0) reuses the output filed by an earlier call on the same part, if any."""
        clone = copy.copy(self.model)
        original_encode = self.model.encode
        original_split = self.model._split_segments_by_timestamps
        state: dict[str, Any] = {"last": None, "first": True}

        def encode(features: np.ndarray) -> Any:
            reused = self.by_seek.get(0) if state["first"] else None
            state["first"] = False
            state["last"] = reused[0] if reused is not None else original_encode(features)
            return state["last"]

        def split(*args: Any, **kwargs: Any) -> Any:
            if "seek" in kwargs and "segment_size" in kwargs and state["last"] is not None:
                self.by_seek[kwargs["seek"]] = (state["last"], kwargs["segment_size"])
            return original_split(*args, **kwargs)

        clone.encode = encode
        clone._split_segments_by_timestamps = split
        return clone


class WindowDecoder:
    """faster-whisper's transcription with word times, made to keep fast speech whole.

    With `word_timestamps=True` and the filler prompt, tiny.en lost most of some fast answers (eSpeak at
    165-190 wpm, real speech sped up 1.3 times: 157 words -> 75, 71 -> 20, 253 -> 167):
    - faster-whisper 1.2 (like openai-whisper) aligns a window's words by DTW over the whole 30 s window
      even when Whisper's text covers only its first seconds (it closed a segment and would go on from
      that timestamp); the alignment piles the words up, zero-length, at the window's end, and decoding
      goes on from that last word, so everything in between is never decoded;
    - in the first window, the only one that gets the prompt (condition_on_previous_text is off), Whisper
      may end the text early, typically on "uhh..." (then faster-whisper jumps to the window's end), or
      start it late, leaving out the first 10-20 s of the answer.
    Here each call decodes without word timestamps (faster-whisper goes on from Whisper's own last
    timestamp), each window's words are aligned over the stretch its segments cover only, and:
    - the first window is decoded again without the prompt when speech (by our voice activity) is left
      without words, or its text runs to the window's end with no closing timestamp (where the alignment
      cannot be trusted); the denser text is kept;
    - where a window's text runs to the window's end with no closing timestamp, decoding goes on from its
      last word (faster-whisper's seek with word timestamps) by a new call on the rest of the audio, and
      so it does after a window that ended with `min_missed_speech_s` of speech after its last word.

    Relies on faster-whisper 1.2 internals (pyproject pins <1.3): `feature_extractor`, `encode`,
    `add_word_timestamps`, `frames_per_second`, `hf_tokenizer`.
    """

    def __init__(
        self, model: Any, settings: WhisperSettings, suppress_tokens: list[int], language: str = "en"
    ) -> None:
        from faster_whisper.tokenizer import Tokenizer

        self.model = model
        self.settings = settings
        self.suppress_tokens = suppress_tokens
        self.language = language
        self.tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=language
        )
        self.fps: int = model.frames_per_second
        self.last_speech_s = 0.0
        self._encodings = _Encodings(model)

    def words(self, audio: np.ndarray, speech: list[TimeSpan]) -> list[dict[str, Any]]:
        """faster-whisper word dicts (word, start, end, probability), times in seconds of `audio`.
        `speech`: voice activity in `audio`'s own time."""
        total_s = audio.size / SAMPLE_RATE
        words: list[dict[str, Any]] = []
        offset = 0.0
        for call in range(2 + int(total_s / 15)):
            resume = self._decode(audio, offset, speech, words, first=call == 0)
            if resume is None or total_s - resume < 0.1:
                break
            log.debug("whisper resumes at %.2f s", resume)
            words[:] = [w for w in words if w["end"] <= resume + 0.01]
            offset = resume
        return words

    def _decode(
        self,
        audio: np.ndarray,
        offset: float,
        speech: list[TimeSpan],
        words: list[dict[str, Any]],
        first: bool,
    ) -> float | None:
        """Decode audio[offset:] into `words`; None, or where to go on if a window left speech behind."""
        part = audio[round(offset * SAMPLE_RATE) :]
        self._encodings = _Encodings(self.model)
        here = [TimeSpan(s.start - offset, s.end - offset) for s in speech if s.end > offset]
        prompted = first and self.settings.initial_prompt is not None
        windows = self._windows(part, prompt=prompted)
        for index, (window, next_s) in enumerate(windows):
            found = self._align(part, window, offset)
            if index == 0 and prompted and self._suspect(window, found, next_s, here):
                alternative = self._windows(part, prompt=False)
                other = next(alternative, None)
                if other is not None:
                    other_found = self._align(part, other[0], offset)
                    if self._density(other_found, other[1], here) > _DENSER * self._density(
                        found, next_s, here
                    ):
                        log.debug("first window: the text without the prompt kept")
                        return self._follow(alternative, other, other_found, part, offset, here, words)
            resume = self._keep(window, found, next_s, part, offset, here, words)
            if resume is not None:
                return resume
        return None

    def _follow(
        self,
        windows: Iterator[_Window],
        first: _Window,
        found: list[dict[str, Any]],
        part: np.ndarray,
        offset: float,
        speech: list[TimeSpan],
        words: list[dict[str, Any]],
    ) -> float | None:
        resume = self._keep(first[0], found, first[1], part, offset, speech, words)
        for window, next_s in windows:
            if resume is not None:
                break
            resume = self._keep(
                window, self._align(part, window, offset), next_s, part, offset, speech, words
            )
        return resume

    def _windows(self, part: np.ndarray, prompt: bool) -> Iterator[_Window]:
        """faster-whisper's segments of `part`, a window at a time (lazily: a window is decoded when the
        previous one has been used, or at most one ahead)."""
        s = self.settings
        segments, _info = self._encodings.decoding_model().transcribe(
            part,
            language=self.language,
            beam_size=s.beam_size,
            word_timestamps=False,
            initial_prompt=s.initial_prompt if prompt else None,
            condition_on_previous_text=s.condition_on_previous_text,
            vad_filter=False,
            suppress_tokens=list(self.suppress_tokens),
        )
        window: list[Any] = []
        for segment in segments:
            if window and segment.seek != window[0].seek:
                yield window, segment.seek / self.fps
                window = []
            window.append(segment)
            if segment.tokens and segment.tokens[-1] < self.tokenizer.timestamp_begin:
                # Text up to the window's end and no closing timestamp: the window is complete, and
                # faster-whisper goes on at its very end.
                yield window, self._window_end(part, window)
                window = []
        if window:
            yield window, part.size / SAMPLE_RATE

    def _window_end(self, part: np.ndarray, window: list[Any]) -> float:
        extractor = self.model.feature_extractor
        return min(part.size / SAMPLE_RATE, (window[0].seek + extractor.nb_max_frames) / self.fps)

    def _align(self, part: np.ndarray, window: list[Any], offset: float) -> list[dict[str, Any]]:
        """The window's words, aligned over the stretch its segments cover (times in seconds of `part`,
        which starts `offset` seconds into the audio)."""
        seek = window[0].seek
        filed = self._encodings.by_seek.get(seek)
        encoder_output, size = filed if filed is not None else self._encode(part, seek)
        covered = round((max(seg.end for seg in window) + self.settings.align_margin_s) * self.fps) - seek
        subsegments = [
            {"seek": seek, "start": seg.start, "end": seg.end, "tokens": list(seg.tokens)} for seg in window
        ]
        last_speech_s = self.model.add_word_timestamps(
            [subsegments],
            self.tokenizer,
            encoder_output,
            max(1, min(size, covered)),
            _PREPEND_PUNCTUATION,
            _APPEND_PUNCTUATION,
            max(0.0, self.last_speech_s - offset),
        )
        self.last_speech_s = offset + last_speech_s
        return [w for sub in subsegments for w in sub["words"]]

    def _encode(self, part: np.ndarray, seek: int) -> tuple[Any, int]:
        """The window's encoder output computed from its own samples (when faster-whisper's was not kept)."""
        from faster_whisper.audio import pad_or_trim

        extractor = self.model.feature_extractor
        samples = part[seek * extractor.hop_length : (seek + extractor.nb_max_frames) * extractor.hop_length]
        features = extractor(samples)
        size = min(extractor.nb_max_frames, features.shape[-1] - 1)
        return self.model.encode(pad_or_trim(features[:, :size])), size

    def _runs_to_end(self, window: list[Any]) -> bool:
        tokens = window[-1].tokens
        return bool(tokens) and tokens[-1] < self.tokenizer.timestamp_begin

    def _suspect(
        self, window: list[Any], found: list[dict[str, Any]], next_s: float, speech: list[TimeSpan]
    ) -> bool:
        """Did Whisper leave speech of this window without words (or can the alignment not tell)?"""
        if self._runs_to_end(window):
            return True
        start_s = window[0].seek / self.fps
        return _uncovered(found, speech, start_s, next_s) >= self.settings.min_missed_speech_s

    def _density(self, found: list[dict[str, Any]], next_s: float, speech: list[TimeSpan]) -> float:
        return len(found) / max(0.5, speech_overlap(0.0, next_s, speech))

    def _keep(
        self,
        window: list[Any],
        found: list[dict[str, Any]],
        next_s: float,
        part: np.ndarray,
        offset: float,
        speech: list[TimeSpan],
        words: list[dict[str, Any]],
    ) -> float | None:
        """Add the window's words to `words`; where to resume (seconds of the whole audio) if decoding
        should go on from its last word instead of where faster-whisper goes on."""
        words.extend(dict(w, start=w["start"] + offset, end=w["end"] + offset) for w in found)
        start_s = window[0].seek / self.fps
        last_end = max((w["end"] for w in found), default=start_s)
        if last_end - start_s < _MIN_PROGRESS_S or last_end >= next_s - 0.01:
            return None
        if self._runs_to_end(window) and next_s < part.size / SAMPLE_RATE - 0.1:
            return offset + last_end
        if speech_overlap(last_end + _COVER_PAD_S, next_s, speech) >= self.settings.min_missed_speech_s:
            return offset + last_end
        return None


def _uncovered(words: list[dict[str, Any]], speech: list[TimeSpan], start: float, end: float) -> float:
    """Seconds of `speech` within [start, end] that no word (widened by _COVER_PAD_S) covers."""
    covers = sorted((w["start"] - _COVER_PAD_S, w["end"] + _COVER_PAD_S) for w in words)
    total = 0.0
    for seg in speech:
        at, stop = max(seg.start, start), min(seg.end, end)
        for lo, hi in covers:
            if at >= stop:
                break
            if hi <= at:
                continue
            total += max(0.0, min(lo, stop) - at)
            at = max(at, hi)
        total += max(0.0, stop - at)
    return total
