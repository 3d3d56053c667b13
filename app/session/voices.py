"""The interviewer's voice: which voices there are, and questions turned into WAV files (in the background).

The GUI plays the files; making them (10-20 ms each with eSpeak NG) never runs on its thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.core.errors import UserFacingError
from app.core.questions import Question
from app.session.labels import PROBES

log = logging.getLogger(__name__)

DEFAULT_RATE = 165  # words per minute


def spoken_texts(questions: list[Question]) -> list[str]:
    """What the interviewer may say: every question, its bank follow-ups and the follow-up probes."""
    texts = [q.text for q in questions] + [f for q in questions for f in q.follow_ups] + list(PROBES.values())
    return list(dict.fromkeys(t for t in texts if t.strip()))


def synthesize_all(texts: list[str], voice_id: str = "", rate: int = DEFAULT_RATE) -> list[Path]:
    """Background: every text to a cached WAV; a voice that is not installed falls back to the default."""
    from app.speech.tts import MAX_RATE, MIN_RATE, SpeechSynthesizer

    synthesizer = SpeechSynthesizer(rate=min(MAX_RATE, max(MIN_RATE, rate)))
    if voice_id:
        try:
            synthesizer.select_voice(voice_id)
        except UserFacingError:
            log.warning("voice %s is not installed; using the default voice", voice_id)
    return [synthesizer.synthesize(text) for text in texts]


def list_voices() -> list[tuple[str, str]]:
    """Background: (voice id, name) of every installed voice; raises VoiceUnavailable without one."""
    from app.speech.tts import SpeechSynthesizer

    return [(v.id, v.name) for v in SpeechSynthesizer().voices()]


def synthesize_with(voice_id: str, rate: int, text: str) -> Path:
    """Background: `text` in exactly this voice (Settings' "Test voice": a missing voice is an error)."""
    from app.speech.tts import SpeechSynthesizer

    return SpeechSynthesizer(voice_id or None, rate).synthesize(text)
