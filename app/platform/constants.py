"""Constants more than one layer must agree on."""

from __future__ import annotations

SPEECH_SAMPLE_RATE = 16000
"""Hz. Every audio path (microphone, files, voice activity, Whisper, the recorder's AAC track) works at this rate."""
