"""pocketsphinx through SpeechRecognition: the offline fallback engine (split from transcription)."""

from __future__ import annotations

import re
import warnings

import numpy as np

from app.core.errors import ModelUnavailable
from app.core.transcript import TimeSpan, Transcript, Word
from app.speech.guard import GuardSettings, guard_words
from app.speech.vad import SAMPLE_RATE, check_audio, detect_speech

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
        audio = check_audio(audio, sample_rate)
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
