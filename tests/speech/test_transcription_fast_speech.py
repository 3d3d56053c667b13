"""Fast answers come through whole: a 45 s answer spoken at 180 words per minute by the app's own voice.

faster-whisper's word timestamps (tiny.en) used to drop most of such answers: its alignment stacked a window's
words at the window's end and decoding went on from there, and after a "uhh..." Whisper ended the window's
text early (app.speech.window_decoder.WindowDecoder).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from app.capture.audio_file import decode_audio
from app.core.errors import VoiceUnavailable
from app.speech.transcription import WhisperTranscriber
from app.speech.tts import SpeechSynthesizer
from app.speech.whisper_models import ModelLoader

pytestmark = pytest.mark.slow

RATE = 180
ANSWER = (
    "Um, so in my second year as a junior accountant I was asked to move the team's month end close from a "
    "shared spreadsheet into the new finance system, and, uh, the deadline was the end of the quarter. I "
    "started by listing every step we did by hand and who did it, and there were forty two of them. Then I "
    "sat with each person for an hour and asked which steps they actually needed, and we cut the list to "
    "twenty six. I built the checklist in the system, tested it on the previous month's numbers, and found "
    "three journals that had been posted twice. We ran both the old way and the new way in parallel for one "
    "month, and the close went from eight working days to five. My manager asked me to show the other "
    "regional teams, and two of them use the same checklist now."
)


def words_of(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]", " ", text.lower()).split()


def test_answer_at_180_wpm_keeps_its_words(tmp_path: Path) -> None:
    try:
        with SpeechSynthesizer(cache_dir=tmp_path, rate=RATE) as voice:
            wav = voice.synthesize(ANSWER)
    except VoiceUnavailable as exc:
        pytest.skip(f"no TTS voice: {exc}")
    audio = decode_audio(wav, 16000)
    duration = audio.size / 16000
    assert 38 < duration < 55, duration  # about 45 s: more than one 30 s Whisper window

    transcript = WhisperTranscriber(ModelLoader(cpu_threads=2)).transcribe(audio)

    written, heard = words_of(ANSWER), words_of(transcript.text)
    matched = sum(
        b.size for b in difflib.SequenceMatcher(a=written, b=heard, autojunk=False).get_matching_blocks()
    )
    assert len(heard) >= 0.9 * len(written), transcript.text
    assert matched >= 0.8 * len(written), transcript.text  # the words themselves, not just as many
    assert transcript.words[-1].end > duration - 3.0  # nothing cut off at the end either
    assert all(a.start <= b.start for a, b in zip(transcript.words, transcript.words[1:], strict=False))
