"""Speech test fixtures: eSpeak NG speech on demand, a private PulseAudio with a virtual microphone, Whisper.

The PulseAudio recipe (verified on Debian 12, no sound card): a daemon in a temporary folder with a null sink
and a remap-source `virtmic` on its monitor; clients reach it with PULSE_SERVER=unix:<dir>/native, and
PortAudio (sounddevice) through ALSA's pulse plugin, configured by an ALSA_CONFIG_PATH file that first
includes the system alsa.conf (ALSA_CONFIG_PATH replaces the default search, and an empty config aborts
PortAudio) and then makes pulse the default pcm/ctl. PortAudio reads devices only when it initialises, so
the fixture re-initialises it (app.capture.microphone.rescan_devices) after setting the variables and again
after restoring them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

SYSTEM_ALSA_CONF = Path("/usr/share/alsa/alsa.conf")


def poll_until(condition: Callable[[], bool], timeout_s: float, interval_s: float = 0.05) -> bool:
    """Poll `condition` until it holds or `timeout_s` passes (no time.sleep: an Event wait per round)."""
    ticker = threading.Event()
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() >= deadline:
            return False
        ticker.wait(interval_s)
    return True


@pytest.fixture
def wait_until() -> Callable[..., bool]:
    """`wait_until(condition, timeout_s, interval_s=0.05) -> bool`, for audio that arrives in real time."""
    return poll_until


@pytest.fixture
def espeak_wav(tmp_path: Path) -> Callable[..., Path]:
    """`espeak_wav(text, voice="en-us", rate=160) -> Path`: speech synthesized by the espeak-ng program."""
    program = shutil.which("espeak-ng")
    if program is None:
        pytest.skip("espeak-ng is not installed (apt install espeak-ng)")
    counter = iter(range(1_000_000))

    def make(text: str, voice: str = "en-us", rate: int = 160) -> Path:
        out = tmp_path / f"espeak_{next(counter):03d}_{voice.replace('/', '_')}_{rate}.wav"
        subprocess.run(
            [program, "-v", voice, "-s", str(rate), "-w", str(out), text],
            check=True,
            timeout=60,
            capture_output=True,
        )
        return out

    return make


class PulseServer:
    """A private PulseAudio daemon with `nullsink` (play into it) and `virtmic` (record from it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "native"
        self.server = f"unix:{self.socket}"
        self.asoundrc = folder / "asoundrc"
        self.log = folder / "pulseaudio.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._players: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        (self.folder / "default.pa").write_text(
            f"load-module module-native-protocol-unix socket={self.socket} auth-anonymous=1\n"
            "load-module module-null-sink sink_name=nullsink\n"
            "load-module module-remap-source master=nullsink.monitor source_name=virtmic\n"
            "set-default-source virtmic\n"
            "set-default-sink nullsink\n"
        )
        self.asoundrc.write_text(
            f"<{SYSTEM_ALSA_CONF}>\npcm.!default {{ type pulse }}\nctl.!default {{ type pulse }}\n"
        )
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.folder), "HOME": str(self.folder)}
        env.pop("PULSE_SERVER", None)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    "pulseaudio",
                    "-n",
                    "-F",
                    str(self.folder / "default.pa"),
                    "--exit-idle-time=-1",
                    "--daemonize=no",
                    "--use-pid-file=no",
                    "--disable-shm=yes",
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        if not poll_until(self._answers, timeout_s=15.0, interval_s=0.1):
            self.stop()
            raise RuntimeError(f"PulseAudio did not start; log:\n{self.log.read_text(errors='replace')}")

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"PulseAudio exited; log:\n{self.log.read_text(errors='replace')}")
        result = subprocess.run(["pactl", "--server", self.server, "info"], capture_output=True, timeout=10)
        return result.returncode == 0

    def play(self, wav: Path) -> subprocess.Popen[bytes]:
        """Play `wav` into the null sink, i.e. speak it into the virtual microphone (returns at once)."""
        player = subprocess.Popen(
            ["paplay", "--server", self.server, "-d", "nullsink", str(wav)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._players.append(player)
        return player

    def kill(self) -> None:
        """Make the 'device' vanish: the server dies as if the USB microphone were pulled."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        for player in self._players:
            if player.poll() is None:
                player.kill()
            player.wait(10)
            if player.stderr is not None:
                player.stderr.close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@pytest.fixture
def pulse_server(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PulseServer]:
    """A running private PulseAudio whose `virtmic` is sounddevice's default microphone in this process."""
    for program in ("pulseaudio", "pactl", "paplay"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (apt install pulseaudio pulseaudio-utils)")
    if not SYSTEM_ALSA_CONF.exists():
        pytest.skip(f"{SYSTEM_ALSA_CONF} not found (ALSA is needed for PortAudio to reach PulseAudio)")
    from app.capture.microphone import rescan_devices

    # A short folder name: unix socket paths are limited to ~107 bytes.
    server = PulseServer(Path(tmp_path_factory.mktemp("pa", numbered=True)))
    server.start()
    monkeypatch.setenv("PULSE_SERVER", server.server)
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(server.asoundrc))
    rescan_devices()
    try:
        yield server
    finally:
        server.stop()
        monkeypatch.undo()
        rescan_devices()


@pytest.fixture(scope="session")
def transcribe_text() -> Callable[[np.ndarray], str]:
    """`transcribe_text(samples_16k) -> str` with the app's Whisper transcriber (tiny.en), loaded once."""
    from app.speech.transcription import WhisperTranscriber
    from app.speech.whisper_models import ModelLoader

    transcriber = WhisperTranscriber(ModelLoader(cpu_threads=2))

    def run(samples: np.ndarray) -> str:
        return transcriber.transcribe(np.asarray(samples, dtype=np.float32)).text

    return run
