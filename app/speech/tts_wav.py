"""Voices and WAV files of text to speech (app.speech.tts): which voices exist, is a rendering usable.

A rendering is checked before it is cached or reused: eSpeak NG has written empty, silent and cut-short
files when its settings were dropped (see app.speech.tts), and such a file must never be played.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class VoiceInfo:
    """A voice the user can pick in Settings."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


def list_voices(engine: Any) -> list[VoiceInfo]:
    """The engine's installed voices (pyttsx3's `voices` property)."""
    found = engine.getProperty("voices") or []
    voices = []
    for voice in found:  # type: ignore[attr-defined]
        languages = tuple(
            lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)
            for lang in (getattr(voice, "languages", None) or ())
        )
        voices.append(
            VoiceInfo(id=str(voice.id), name=str(getattr(voice, "name", "") or voice.id), languages=languages)
        )
    return voices


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def wav_problem(path: Path, text: str, rate: int) -> str | None:
    """Why the WAV at `path` is not a usable rendering of `text` (None when it is fine)."""
    if not path.exists():
        return "no file was written"
    if path.stat().st_size <= 44:
        return "the file is empty"
    try:
        with wave.open(str(path), "rb") as wav:
            frames, framerate, width = wav.getnframes(), wav.getframerate(), wav.getsampwidth()
            data = wav.readframes(frames)
    except (wave.Error, EOFError) as exc:
        return f"the file is not a readable WAV ({exc})"
    if frames == 0 or framerate <= 0:
        return "the file holds no audio"
    seconds = frames / framerate
    expected = max(len(text.split()), 1) * 60.0 / rate
    if not 0.25 * expected <= seconds <= 4.0 * expected + 2.0:
        return f"{seconds:.2f} s of audio for {len(text.split())} words at {rate} wpm"
    if width == 2 and not np.any(np.abs(np.frombuffer(data, dtype="<i2")) > 100):
        return "the audio is silent"
    return None
