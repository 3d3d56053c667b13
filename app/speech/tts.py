"""Questions spoken aloud: text to a cached WAV with pyttsx3 (eSpeak NG on Linux, SAPI5, macOS voices).

Why it looks like this:
- pyttsx3's `save_to_file(); runAndWait()` can return before the file is written (upstream issue 219), so each
  job waits for the engine's `finished-utterance` callback and then validates the WAV, retrying once.
- The engine lives on ONE dedicated worker thread (created and used only there) and is strongly referenced:
  eSpeak NG initialises once per process and its synthesis callback is process-global, so a second engine or
  a garbage-collected one would steal or cut off the audio. The default engine is therefore shared by
  every `SpeechSynthesizer` in the process; an injected `engine_factory` (tests, other backends) gets its
  own thread.
- Every wait has a timeout, so a stuck engine turns into `VoiceUnavailable` instead of a frozen session.
- `say()` is never used: it plays through `aplay` and silently does nothing without it. Playback is the GUI's
  job (QtMultimedia), which plays the WAV returned here.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.core.diagnostics import Check
from app.core.errors import VoiceUnavailable
from app.platform.paths import app_paths, ensure_dir
from app.speech.tts_wav import VoiceInfo, list_voices, wav_duration, wav_problem
from app.speech.tts_worker import EngineThread, EngineTimeout

log = logging.getLogger(__name__)

DEFAULT_RATE = 165  # words per minute: a calm interviewer
MIN_RATE, MAX_RATE = 80, 400
DEFAULT_TIMEOUT_S = 20.0
# Voices tried in order when none is chosen: an English voice the listener expects from an interviewer.
PREFERRED_VOICES = ("gmw/en-us", "en-us", "gmw/en", "en")
ENGINE_NAMES = {
    "espeak": "eSpeak NG",
    "sapi5": "Windows SAPI5",
    "nsss": "macOS NSSpeechSynthesizer",
    "avspeech": "macOS AVSpeechSynthesizer",
}


class TtsEngine(Protocol):
    """The part of `pyttsx3.Engine` we use (so a fake or another backend can be injected)."""

    def connect(self, topic: str, cb: Callable[..., None]) -> object: ...
    def getProperty(self, name: str) -> object: ...  # noqa: N802 (pyttsx3's names)
    def setProperty(self, name: str, value: object) -> None: ...  # noqa: N802
    def save_to_file(self, text: str, filename: str) -> None: ...
    def runAndWait(self) -> None: ...  # noqa: N802


EngineFactory = Callable[[], TtsEngine]


def install_advice(platform: str = sys.platform) -> str:
    """How to get a voice on this operating system (one sentence for doctor and the notice)."""
    if platform.startswith("win"):
        return (
            "Windows voices come with SAPI5: open Settings > Time & language > Speech > Add voices, "
            "then restart the app."
        )
    if platform == "darwin":
        return (
            "Open System Settings > Accessibility > Spoken Content > System voice > Manage Voices, "
            "download a voice, then restart the app."
        )
    return (
        "Install eSpeak NG: sudo apt install espeak-ng (Fedora: sudo dnf install espeak-ng), "
        "then restart the app."
    )


def _pyttsx3_engine() -> TtsEngine:
    import pyttsx3

    engine = pyttsx3.init()
    if engine.isBusy():
        # A fresh pyttsx3 engine starts "busy": settings queue up until the first run loop, whose stop()
        # then cancels them in eSpeak NG, so the first question came out at the default voice and rate.
        # An empty run loop (no text yet) makes it idle.
        engine.runAndWait()
    typed: TtsEngine = engine
    return typed


_shared_lock = threading.Lock()
_shared_thread: EngineThread | None = None


def _shared_engine_thread() -> EngineThread:
    """The process-wide pyttsx3 worker (see the module docstring for why there is only one)."""
    global _shared_thread
    with _shared_lock:
        if _shared_thread is None or not _shared_thread.usable:
            _shared_thread = EngineThread(_pyttsx3_engine, name="tts-engine")
        return _shared_thread


class SpeechSynthesizer:
    """Turns question text into a WAV file, cached by text, voice, rate and engine.

    Args:
        voice_id: a `VoiceInfo.id`; None picks an English voice.
        rate: words per minute.
        cache_dir: where WAVs go (default: app_paths().tts_cache).
        engine_factory: builds the engine on the worker thread (default: pyttsx3, shared process-wide).
        timeout_s: longest wait for one synthesis before giving up.
    """

    def __init__(
        self,
        voice_id: str | None = None,
        rate: int = DEFAULT_RATE,
        cache_dir: Path | None = None,
        engine_factory: EngineFactory | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self._owns_thread = engine_factory is not None
        self._thread = (
            EngineThread(engine_factory, name="tts-engine") if engine_factory else _shared_engine_thread()
        )
        self._cache_dir = cache_dir
        self._timeout_s = timeout_s
        self._rate = self._checked_rate(rate)
        self._voice_id = voice_id
        self._voices: list[VoiceInfo] | None = None
        self.synthesis_count = 0  # WAVs actually rendered (cache hits excluded)
        self.render_attempts = 0  # including retries: more than synthesis_count means the engine misbehaved
        if voice_id is not None:
            self.select_voice(voice_id)

    def __enter__(self) -> SpeechSynthesizer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker thread if this synthesizer owns it (the shared pyttsx3 one stays for reuse)."""
        if self._owns_thread:
            self._thread.close()

    @property
    def cache_dir(self) -> Path:
        return self._cache_dir if self._cache_dir is not None else app_paths().tts_cache

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def voice_id(self) -> str:
        if self._voice_id is None:
            self._voice_id = self._default_voice()
        return self._voice_id

    @property
    def engine_name(self) -> str:
        """The backend's short name ("espeak", "sapi5", "nsss"...)."""
        return self._call(lambda engine: str(getattr(engine, "driver_name", type(engine).__name__)))

    def voices(self) -> list[VoiceInfo]:
        """Installed voices, as the engine lists them."""
        if self._voices is None:
            self._voices = self._call(list_voices)
        return list(self._voices)

    def select_voice(self, voice_id: str) -> None:
        known = {voice.id for voice in self.voices()}
        if voice_id not in known:
            raise VoiceUnavailable(
                f"The voice {voice_id!r} is not installed on this computer.",
                "Pick another voice in Settings; `mock-interview doctor` shows which voices exist.",
            )
        self._voice_id = voice_id

    def set_rate(self, rate: int) -> None:
        self._rate = self._checked_rate(rate)

    def cache_path(self, text: str) -> Path:
        """Where the WAV for `text` with the current voice, rate and engine lives."""
        key = "\0".join((self.engine_name, self.voice_id, str(self.rate), _clean(text)))
        return self.cache_dir / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.wav"

    def synthesize(self, text: str) -> Path:
        """The WAV of `text` spoken; from the cache when it was rendered before.

        Raises:
            ValueError: empty text.
            VoiceUnavailable: no engine or voice, or the engine failed twice or stopped responding.
        """
        text = _clean(text)
        if not text:
            raise ValueError("nothing to say: the text is empty")
        target = self.cache_path(text)
        if target.exists() and wav_problem(target, text, self.rate) is None:
            return target
        ensure_dir(target.parent)
        voice, rate = self.voice_id, self.rate
        problem = ""
        for attempt in (1, 2):
            handle, temp_name = tempfile.mkstemp(suffix=".wav.part", dir=target.parent)
            os.close(handle)
            temp = Path(temp_name)
            render = functools.partial(
                _render,
                thread=self._thread,
                text=text,
                voice=voice,
                rate=rate,
                target=temp,
                timeout_s=self._timeout_s * 0.8,
            )
            self.render_attempts += 1
            try:
                self._call(render)
                problem = wav_problem(temp, text, rate) or ""
            except _RenderFailed as exc:
                problem = str(exc)
            else:
                if not problem:
                    os.replace(temp, target)
                    self.synthesis_count += 1
                    return target
            finally:
                temp.unlink(missing_ok=True)
            log.warning("synthesis attempt %d for %r gave a bad WAV: %s", attempt, text[:40], problem)
        raise VoiceUnavailable(
            f"The speech engine did not produce usable audio ({problem}).",
            "The question is shown as text instead. " + install_advice(),
        )

    def _default_voice(self) -> str:
        voices = self.voices()
        ids = {voice.id for voice in voices}
        for preferred in PREFERRED_VOICES:
            if preferred in ids:
                return preferred
        for voice in voices:
            if (
                any(lang.lower().startswith("en") for lang in voice.languages)
                or "english" in voice.name.lower()
            ):
                return voice.id
        if voices:
            return voices[0].id
        raise VoiceUnavailable("No text-to-speech voice is installed.", install_advice())

    def _call[T](self, job: Callable[[TtsEngine], T]) -> T:
        try:
            return self._thread.call(job, self._timeout_s)
        except EngineTimeout as exc:
            raise VoiceUnavailable(
                f"The speech engine stopped responding ({exc}).",
                "The question is shown as text instead; restart the app to try again.",
            ) from exc
        except (VoiceUnavailable, _RenderFailed):
            raise
        except Exception as exc:
            raise VoiceUnavailable(
                f"Text to speech is not available: {exc.__class__.__name__}: {exc}",
                "The question is shown as text instead. " + install_advice(),
            ) from exc

    @staticmethod
    def _checked_rate(rate: int) -> int:
        if not MIN_RATE <= rate <= MAX_RATE:
            raise ValueError(f"speech rate {rate} is outside {MIN_RATE}-{MAX_RATE} words per minute")
        return int(rate)


def check_voice(engine_factory: EngineFactory | None = None) -> Check:
    """`doctor`: can the app speak a question? Says how to install a voice when it cannot."""
    name = "Text-to-speech voice"
    try:
        with (
            tempfile.TemporaryDirectory(prefix="mic-tts-check-") as folder,
            SpeechSynthesizer(
                cache_dir=Path(folder), engine_factory=engine_factory, timeout_s=10.0
            ) as synthesizer,
        ):
            wav = synthesizer.synthesize("Tell me about yourself.")
            seconds = wav_duration(wav)
            engine = ENGINE_NAMES.get(synthesizer.engine_name, synthesizer.engine_name)
            detail = (
                f"{engine}: {len(synthesizer.voices())} voices, using {synthesizer.voice_id} "
                f"at {synthesizer.rate} wpm (test phrase {seconds:.1f} s)"
            )
    except VoiceUnavailable as exc:
        return Check(name, False, exc.message, exc.advice or install_advice())
    return Check(name, True, detail)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _render(
    engine: TtsEngine, thread: EngineThread, text: str, voice: str, rate: int, target: Path, timeout_s: float
) -> None:
    """Runs on the engine thread: render `text` into `target` and wait until the engine says it is done."""
    _wait_until_idle(engine, timeout_s)
    engine.setProperty("voice", voice)
    engine.setProperty("rate", rate)
    _wait_until_idle(engine, timeout_s)
    utterance = thread.begin_utterance()
    engine.save_to_file(text, str(target))
    # pyttsx3's eSpeak driver prints "Audio saved to ..." on every file; keep it out of CLI output.
    with contextlib.redirect_stdout(io.StringIO()):
        engine.runAndWait()
        try:
            utterance.wait(timeout_s)
        except RuntimeError as exc:
            raise _RenderFailed(str(exc)) from exc
    applied = (engine.getProperty("voice"), engine.getProperty("rate"))
    if applied[0] is not None and (str(applied[0]).lower() != voice.lower() or applied[1] != rate):
        raise _RenderFailed(f"rendered with voice/rate {applied}, not {(voice, rate)}")


class _RenderFailed(Exception):
    """One rendering went wrong in a way worth one retry (dropped settings, utterance cut short)."""


def _wait_until_idle(engine: TtsEngine, timeout_s: float) -> None:
    """Let eSpeak NG finish its command queue before we queue more.

    In its asynchronous mode eSpeak NG queues SetVoice/SetParameter behind the utterance still finishing,
    and pyttsx3's runAndWait calls espeak_Cancel when it sees the engine busy, dropping those settings.
    Measured here: without this wait, 51 of 150 back-to-back questions came out with the previous rate (or
    an empty file); with it, none. Other engines apply settings synchronously and need no wait.
    """
    if getattr(engine, "driver_name", None) != "espeak":
        return
    from pyttsx3.drivers import _espeak

    idle = threading.Event()
    deadline = time.monotonic() + timeout_s
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        idle.wait(0.001)
