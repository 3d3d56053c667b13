"""Speech to words with times: faster-whisper (default) and pocketsphinx (fallback), one interface.

Audio always arrives as float32 mono 16 kHz numpy (decode files with app.capture.audio_file): with av 19
faster-whisper's own file decoding fails, and the live path has arrays anyway. Every engine's words go
through the same voice-activity guard (app.speech.guard), so a word with no speech under it is dropped.

Whisper's words are timed by `WindowDecoder` (app.speech.window_decoder) rather than by faster-whisper's
`word_timestamps=True`, which lost most of some fast answers (tiny.en, eSpeak at 165-190 words per minute:
157 words -> 75, 71 -> 20): see there. pocketsphinx lives in app.speech.sphinx.

One loaded model serves every caller (the file analysis, a live answer's streaming pieces, the GUI's
re-runs): `transcribe` holds the model's lock (`ModelLoader.lock`) while it decodes, so two callers never
use one model at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from app.core.diagnostics import Check
from app.core.errors import ModelUnavailable
from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.guard import GuardSettings, guard_words
from app.speech.sphinx import SphinxTranscriber
from app.speech.vad import SAMPLE_RATE, check_audio, detect_speech
from app.speech.whisper_models import (
    DEFAULT_MODEL,
    ModelLoader,
    cached_model_dir,
    model_info,
    verify_model,
)
from app.speech.window_decoder import WindowDecoder

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


__all__ = [
    "ENGINES",
    "FILLER_PROMPT",
    "SphinxTranscriber",
    "Transcriber",
    "WhisperSettings",
    "WhisperTranscriber",
    "check_transcription",
    "make_transcriber",
    "whisper_chunks",
]


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
        audio = check_audio(audio, sample_rate)
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
        with self.loader.lock(self.model):
            decoder = WindowDecoder(model, s, self._suppress_tokens(model), language)
            found = decoder.words(spoken, spoken_speech)
        raw = []
        for w in found:
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
