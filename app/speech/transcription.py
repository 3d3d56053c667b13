"""Speech to words with times: faster-whisper (default) and pocketsphinx (fallback), one interface.

Audio always arrives as float32 mono 16 kHz numpy (decode files with app.capture.audio_file): with av 19
faster-whisper's own file decoding fails, and the live path has arrays anyway. Every engine's words go
through the same voice-activity guard (app.speech.guard), so a word with no speech under it is dropped.

Whisper's words are timed by `_WindowDecoder` rather than by faster-whisper's `word_timestamps=True`, which
lost most of some fast answers (tiny.en, eSpeak at 165-190 words per minute: 157 words -> 75, 71 -> 20):
see there.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from app.core.diagnostics import Check
from app.core.errors import ModelUnavailable
from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.guard import GuardSettings, guard_words
from app.speech.vad import SAMPLE_RATE, detect_speech, speech_overlap
from app.speech.whisper_models import (
    DEFAULT_MODEL,
    ModelLoader,
    cached_model_dir,
    model_info,
    verify_model,
)

log = logging.getLogger(__name__)

FILLER_PROMPT = "Umm, let me think like, uhh... Okay, here's what I'm, like, thinking."
"""Whisper copies the style of its prompt: written with fillers, it writes the fillers it hears
instead of cleaning them away (tiny.en drops nearly all "um"/"uh" without it)."""

ENGINES = ("whisper", "sphinx")


@dataclass(frozen=True)
class WhisperSettings:
    """Decoding setup (benchmarks/bench_speech.py measures each change)."""

    beam_size: int = 5
    initial_prompt: str | None = FILLER_PROMPT
    condition_on_previous_text: bool = False  # no runaway repetition loops across windows
    vad_filter: bool = True  # decode only speech: faster, and nothing to hallucinate on in silence
    vad_min_silence_ms: int = 1000
    vad_speech_pad_ms: int = 300
    suppress_ellipsis: bool = True
    """Never write "...": after "uhh..." (the filler prompt's style) tiny.en often ends a window's text,
    leaving the rest of the window undecoded."""
    align_margin_s: float = 1.0
    """A window's words are aligned over the stretch its text covers (to its last timestamp) plus this."""
    min_missed_speech_s: float = 1.0
    """Speech (by voice activity) left without words in a window, at least this long, is decoded again."""


class Transcriber(Protocol):
    """Anything that turns 16 kHz float32 mono audio into a guarded `Transcript`."""

    engine: str
    model: str

    def transcribe(
        self, audio: np.ndarray, sample_rate: int = SAMPLE_RATE, speech: list[TimeSpan] | None = None
    ) -> Transcript:
        """Words with times in seconds from the start of `audio`. `speech`: known VAD segments."""
        ...


def _check_audio(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"transcription needs {SAMPLE_RATE} Hz audio, got {sample_rate} (use decode_audio)")
    if audio.ndim != 1:
        raise ValueError("transcription needs mono audio")
    return np.ascontiguousarray(audio, dtype=np.float32)


class WhisperTranscriber:
    """faster-whisper with word timestamps, the filler prompt and the hallucination guard."""

    engine = "whisper"

    def __init__(
        self,
        loader: ModelLoader,
        model: str = DEFAULT_MODEL,
        settings: WhisperSettings = WhisperSettings(),
        guard: GuardSettings | None = None,
        language: str = "en",
    ) -> None:
        self.loader = loader
        self.model = model
        self.settings = settings
        self.guard = guard or GuardSettings()
        self._suppress: dict[str, list[int]] = {}
        self.language = "en"
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Transcribe in `language` (a bank's two-letter code) from the next call on. Raises
        ModelUnavailable with a plain message when the model cannot hear it (tiny.en: English only)."""
        from app.speech.languages import language_problem

        language = (language or "en").lower()
        problem = language_problem(self.model, language)
        if problem is not None:
            raise ModelUnavailable(*problem)
        self.language = language

    def load(self) -> None:
        """Load (or reuse) the model now, e.g. in a worker before the first answer."""
        self.loader.get(self.model)

    def transcribe(
        self, audio: np.ndarray, sample_rate: int = SAMPLE_RATE, speech: list[TimeSpan] | None = None
    ) -> Transcript:
        audio = _check_audio(audio, sample_rate)
        if speech is None:
            speech = detect_speech(audio, sample_rate)
        language = self.language  # read once: set_language may be called from another thread
        transcript = Transcript(words=[], language=language, engine=self.engine, model=self.model)
        if not speech:
            return transcript  # silence or noise: nothing was said, nothing to invent
        from faster_whisper.vad import SpeechTimestampsMap

        s = self.settings
        chunks = whisper_chunks(speech, audio.size, sample_rate, s.vad_min_silence_ms, s.vad_speech_pad_ms)
        if not chunks:
            return transcript
        if s.vad_filter:
            # Decode only the speech, found once by our own voice activity (faster-whisper's vad_filter
            # would run Silero again over the same samples): the same joining and padding it applies.
            spoken = np.concatenate([audio[c["start"] : c["end"]] for c in chunks])
            timeline = SpeechTimestampsMap(chunks, sample_rate)
            spoken_speech = _speech_in_chunks(speech, chunks, sample_rate)
        else:
            spoken, timeline, spoken_speech = audio, None, list(speech)
        model = self.loader.get(self.model)
        if language != "en":
            # The filler prompt is English: it would pull another language's answer towards English.
            s = replace(s, initial_prompt=None)
        decoder = _WindowDecoder(model, s, self._suppress_tokens(model), language)
        raw = []
        for w in decoder.words(spoken, spoken_speech):
            if not w["word"].strip():
                continue
            start, end = float(w["start"]), float(w["end"])
            if timeline is not None:
                chunk = timeline.get_chunk_index((start + end) / 2)
                start = timeline.get_original_time(start, chunk)
                end = timeline.get_original_time(end, chunk)
            raw.append(
                Word(w["word"].strip(), round(start, 3), round(end, 3), round(float(w["probability"]), 3))
            )
        transcript.words = guard_words(raw, speech, self.guard)
        return transcript

    def _suppress_tokens(self, model: Any) -> list[int]:
        """faster-whisper's suppress_tokens: its default (-1) and, if set, every token holding ".." or "…"."""
        if not self.settings.suppress_ellipsis:
            return [-1]
        if self.model not in self._suppress:
            vocabulary = model.hf_tokenizer
            self._suppress[self.model] = [-1] + [
                token
                for token in range(vocabulary.get_vocab_size())
                if ".." in (text := vocabulary.decode([token])) or "\u2026" in text
            ]
        return self._suppress[self.model]


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


class _WindowDecoder:
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
        segments, _info = self.model.transcribe(
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
        from faster_whisper.audio import pad_or_trim

        extractor = self.model.feature_extractor
        seek = window[0].seek
        samples = part[seek * extractor.hop_length : (seek + extractor.nb_max_frames) * extractor.hop_length]
        features = extractor(samples)
        size = min(extractor.nb_max_frames, features.shape[-1] - 1)
        encoder_output = self.model.encode(pad_or_trim(features[:, :size]))
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


def _speech_in_chunks(
    speech: list[TimeSpan], chunks: list[dict[str, int]], sample_rate: int
) -> list[TimeSpan]:
    """`speech` in the time of the chunks' concatenation."""
    inside: list[TimeSpan] = []
    at = 0.0
    for chunk in chunks:
        lo, hi = chunk["start"] / sample_rate, chunk["end"] / sample_rate
        for seg in speech:
            start, end = max(seg.start, lo), min(seg.end, hi)
            if end > start:
                inside.append(TimeSpan(start - lo + at, end - lo + at))
        at += hi - lo
    return inside


def whisper_chunks(
    speech: list[TimeSpan], total_samples: int, sample_rate: int, min_silence_ms: int, pad_ms: int
) -> list[dict[str, int]]:
    """Stretches of audio (in samples) for Whisper: speech joined across silences shorter than
    `min_silence_ms`, each widened by `pad_ms` (split halfway where two widened stretches would meet)."""
    joined: list[list[float]] = []
    for seg in sorted(speech, key=lambda span: span.start):
        if joined and seg.start - joined[-1][1] < min_silence_ms / 1000:
            joined[-1][1] = max(joined[-1][1], seg.end)
        else:
            joined.append([seg.start, seg.end])
    pad = pad_ms / 1000
    chunks: list[dict[str, int]] = []
    for i, (start, end) in enumerate(joined):
        lo = start - pad if i == 0 else max(start - pad, (joined[i - 1][1] + start) / 2)
        hi = end + pad if i == len(joined) - 1 else min(end + pad, (end + joined[i + 1][0]) / 2)
        lo_sample = max(0, int(lo * sample_rate))
        hi_sample = min(total_samples, int(hi * sample_rate))
        if hi_sample > lo_sample:
            chunks.append({"start": lo_sample, "end": hi_sample})
    return chunks


_SPHINX_SKIP = re.compile(r"^(<s>|</s>|<sil>|\[.*\]|\+\+.*\+\+)$", re.IGNORECASE)
_SPHINX_ALT = re.compile(r"\(\d+\)$")


class SphinxTranscriber:
    """pocketsphinx through SpeechRecognition: offline, weaker (WER ~29%), but needs no model download."""

    engine = "sphinx"
    model = "pocketsphinx-en-us"

    def __init__(self, guard: GuardSettings | None = None) -> None:
        # pocketsphinx's word probabilities are on another scale (a correct word can be 0.01).
        self.guard = guard or GuardSettings(min_filler_probability=0.0, min_trailing_probability=0.0)

    def transcribe(
        self, audio: np.ndarray, sample_rate: int = SAMPLE_RATE, speech: list[TimeSpan] | None = None
    ) -> Transcript:
        audio = _check_audio(audio, sample_rate)
        if speech is None:
            speech = detect_speech(audio, sample_rate)
        transcript = Transcript(words=[], language="en", engine=self.engine, model=self.model)
        if not speech:
            return transcript
        try:
            with warnings.catch_warnings():  # it imports the deprecated aifc/audioop modules
                warnings.simplefilter("ignore", DeprecationWarning)
                import speech_recognition as sr
        except ImportError as exc:
            raise ModelUnavailable(
                "The pocketsphinx engine is not installed.", "Use the Whisper engine."
            ) from exc
        pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        try:
            decoder = sr.Recognizer().recognize_sphinx(sr.AudioData(pcm, sample_rate, 2), show_all=True)
        except sr.RequestError as exc:
            raise ModelUnavailable(f"pocketsphinx failed: {exc}", "Use the Whisper engine.") from exc
        frame_s = 0.01  # pocketsphinx reports 100 frames per second
        raw = [
            Word(
                _SPHINX_ALT.sub("", seg.word),
                round(seg.start_frame * frame_s, 3),
                round((seg.end_frame + 1) * frame_s, 3),
                round(float(seg.prob), 3),
            )
            for seg in decoder.seg()
            if not _SPHINX_SKIP.match(seg.word)
        ]
        transcript.words = guard_words(raw, speech, self.guard)
        return transcript


def make_transcriber(
    engine: str, loader: ModelLoader | None = None, model: str = DEFAULT_MODEL, language: str = "en"
) -> Transcriber:
    """The transcriber for `engine` ("whisper" or "sphinx") hearing `language` (ModelUnavailable, with
    what to do, when the model cannot: tiny.en and pocketsphinx hear English only)."""
    if engine == "whisper":
        return WhisperTranscriber(loader or ModelLoader(), model, language=language)
    if engine == "sphinx":
        from app.speech.languages import language_problem

        problem = language_problem(SphinxTranscriber.model, language, engine)
        if problem is not None:
            raise ModelUnavailable(*problem)
        return SphinxTranscriber()
    raise ValueError(f"unknown transcription engine {engine!r}; choose one of {', '.join(ENGINES)}")


def check_transcription(model: str = DEFAULT_MODEL) -> Check:
    """doctor: is the speech model present, intact (sha256) and is faster-whisper importable?"""
    name = "Transcription"
    try:
        import faster_whisper

        folder = verify_model(model)
    except ImportError as exc:
        return Check(
            name, False, f"faster-whisper is not installed ({exc})", "Reinstall Mock Interview Coach."
        )
    except ModelUnavailable as exc:
        return Check(name, False, exc.message, exc.advice)
    info = model_info(model)
    where = "built in" if info.bundled and folder != cached_model_dir(model) else str(folder)
    return Check(name, True, f"faster-whisper {faster_whisper.__version__}, {model} ({where}), checksum ok")
