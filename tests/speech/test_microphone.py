"""Microphone capture through a real audio stack: a private PulseAudio whose virtual microphone hears a WAV.

The tests marked audio_server start the server themselves (tests/speech/conftest.py `pulse_server`).
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from app.capture.microphone import (
    Level,
    MicrophoneRecorder,
    check_microphone,
    list_input_devices,
    load_sounddevice,
)
from app.core.errors import MicrophoneUnavailable

JFK_WORDS = "ask not what your country can do for you"


def words_of(text: str) -> str:
    return " ".join(re.sub(r"[^a-z' ]", " ", text.lower()).split())


class RefusesSixteenKilohertz(ModuleType):
    """sounddevice, except that the device rejects 16 kHz (as many USB microphones do)."""

    def __init__(self, real: ModuleType) -> None:
        super().__init__("sounddevice_refusing_16k")
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def check_input_settings(self, **settings: Any) -> None:
        if settings.get("samplerate") == 16000:
            raise self._real.PortAudioError("Invalid sample rate [PaErrorCode -9997]")
        self._real.check_input_settings(**settings)


def record_while_playing(recorder: MicrophoneRecorder, player: subprocess.Popen[bytes]) -> list[Level]:
    """Read the recorder like the GUI does (level meter every 50 ms) until the player has finished."""
    levels: list[Level] = []
    tick = threading.Event()
    while player.poll() is None:
        recorder.read_available()
        levels.append(recorder.level())
        tick.wait(0.05)
    assert player.returncode == 0
    # The sink's monitor delivers the last played block a moment later: take another half second.
    assert recorder.wait_for_audio(recorder.seconds_captured + 0.5, timeout_s=10)
    return levels


def test_no_microphone_is_a_clear_error() -> None:
    if list_input_devices():
        pytest.skip("this machine has an input device, so the no-microphone case cannot be shown")
    with pytest.raises(MicrophoneUnavailable, match="No microphone was found") as caught:
        MicrophoneRecorder().start()
    assert "Connect a microphone" in caught.value.advice
    check = check_microphone()
    assert not check.ok and check.detail == "No microphone was found."
    assert "Connect a microphone" in check.advice


@pytest.mark.audio_server
def test_virtual_microphone_is_listed_and_selectable(pulse_server: Any) -> None:
    devices = list_input_devices()
    names = [device.name for device in devices]
    assert "pulse" in names and "default" in names
    assert sum(device.is_default for device in devices) == 1
    with pytest.raises(MicrophoneUnavailable, match="'USB headset' is not connected") as caught:
        MicrophoneRecorder("USB headset").start()
    assert "pulse" in caught.value.advice
    recorder = MicrophoneRecorder("puls")  # part of a name is enough
    recorder.start()
    try:
        assert recorder.device is not None and recorder.device.name == "pulse"
        assert recorder.wait_for_audio(0.3, timeout_s=10)
    finally:
        recorder.stop()


@pytest.mark.audio_server
def test_doctor_finds_the_virtual_microphone(pulse_server: Any) -> None:
    check = check_microphone()
    assert check.ok, check.detail
    assert "16000 Hz" in check.detail


@pytest.mark.audio_server
@pytest.mark.media
@pytest.mark.slow
@pytest.mark.parametrize("refuses_16k", [False, True], ids=["device-at-16k", "device-refuses-16k"])
def test_spoken_answer_is_captured_and_transcribed(
    pulse_server: Any, shared_audio: Path, transcribe_text: Callable[[np.ndarray], str], refuses_16k: bool
) -> None:
    sd = RefusesSixteenKilohertz(load_sounddevice()) if refuses_16k else None
    recorder = MicrophoneRecorder(sounddevice_module=sd)
    recorder.start()
    try:
        assert recorder.wait_for_audio(0.2, timeout_s=10)  # the stream runs before the answer starts
        before_answer = recorder.level()
        levels = record_while_playing(recorder, pulse_server.play(shared_audio / "jfk.wav"))
    finally:
        audio = recorder.stop()
    assert recorder.device_rate == (44100 if refuses_16k else 16000)
    assert recorder.lost is None and recorder.dropped_blocks == 0
    assert len(audio) / 16000 > 11.0  # the whole 11 s of speech, plus the lead-in
    assert max(level.rms_dbfs for level in levels) > -30  # the meter moved while he spoke
    assert before_answer.rms_dbfs < -60 and before_answer.peak < 0.01  # and rested before he spoke
    assert JFK_WORDS in words_of(transcribe_text(audio))


@pytest.mark.audio_server
@pytest.mark.media
def test_microphone_lost_mid_answer_keeps_what_was_said(
    pulse_server: Any, shared_audio: Path, wait_until: Callable[..., bool]
) -> None:
    recorder = MicrophoneRecorder()
    recorder.start()
    try:
        pulse_server.play(shared_audio / "jfk.wav")
        assert recorder.wait_for_audio(4.0, timeout_s=20)
        heard_before = recorder.seconds_captured
        pulse_server.kill()  # the microphone is unplugged mid-sentence
        errors: list[MicrophoneUnavailable] = []

        def reports_loss() -> bool:
            try:
                recorder.read_available()
            except MicrophoneUnavailable as exc:
                errors.append(exc)
            return bool(errors)

        assert wait_until(reports_loss, timeout_s=15)
    finally:
        audio = recorder.stop()
    assert "stopped working after" in errors[0].message and "kept" in errors[0].advice
    assert recorder.lost is errors[0]
    assert len(audio) / 16000 >= heard_before - 0.1  # nothing said before the loss went missing
    speech = audio[int(1.0 * 16000) :]
    assert np.sqrt(np.mean(speech**2)) > 0.01  # it is the speech, not silence
