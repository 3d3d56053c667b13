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


class FakeSoundDevice(ModuleType):
    """A one-microphone sounddevice whose stream plays `blocks` of a tone, then stays open and silent
    (as a wedged USB device does) until it is stopped."""

    class PortAudioError(Exception):
        pass

    def __init__(self, blocks: int, block_frames: int = 800) -> None:
        super().__init__("fake_sounddevice")
        self.blocks, self.block_frames = blocks, block_frames
        self.delivered = threading.Event()

    def query_devices(self, kind: str | None = None) -> Any:
        device = {
            "index": 0,
            "name": "Fake USB mic",
            "hostapi": 0,
            "max_input_channels": 1,
            "default_samplerate": 16000.0,
        }
        return device if kind == "input" else [device]

    def query_hostapis(self, index: int) -> dict[str, str]:
        return {"name": "Fake"}

    def check_input_settings(self, **settings: Any) -> None:
        pass

    def RawInputStream(self, **settings: Any) -> Any:  # noqa: N802 (sounddevice's name)
        fake = self

        class Stream:
            active = True

            def start(self) -> None:
                self.worker = threading.Thread(target=self.run)
                self.worker.start()

            def run(self) -> None:
                tone = 0.5 * np.sin(np.arange(fake.block_frames) / 3).astype(np.float32)
                for _ in range(fake.blocks):
                    settings["callback"](tone.tobytes(), fake.block_frames, None, None)
                fake.delivered.set()

            def abort(self) -> None:
                self.active = False
                self.worker.join(5)

            def close(self) -> None:
                pass

        return Stream()


def test_buffer_is_bounded_and_counts_what_it_drops() -> None:
    fake = FakeSoundDevice(blocks=40)  # 2 s offered, 1 s allowed
    recorder = MicrophoneRecorder(max_seconds=1.0, sounddevice_module=fake)
    recorder.start()
    assert fake.delivered.wait(10)
    audio = recorder.stop()
    assert len(audio) == 16000 and recorder.dropped_blocks == 20
    assert recorder.level().rms_dbfs == pytest.approx(-9.0, abs=0.5)  # a 0.5 sine: -9 dBFS
    assert recorder.level().peak == pytest.approx(0.5, abs=0.01)


def test_microphone_that_goes_silent_is_reported_lost() -> None:
    fake = FakeSoundDevice(blocks=10)  # 0.5 s, then nothing while the stream still claims to run
    recorder = MicrophoneRecorder(stall_timeout_s=0.3, sounddevice_module=fake)
    recorder.start()
    assert fake.delivered.wait(10)
    assert not recorder.wait_for_audio(5.0, timeout_s=10)  # gives up at the stall, not the timeout
    with pytest.raises(MicrophoneUnavailable, match="no sound arrived"):
        while True:
            recorder.read_available()
    assert recorder.lost is not None and "Fake USB mic" in recorder.lost.message
    assert len(recorder.stop()) == 8000
