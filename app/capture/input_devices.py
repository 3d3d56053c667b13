"""Sound input devices as PortAudio (sounddevice) lists them: which there are, which to record from.

PortAudio enumerates devices only when it initialises, and cannot re-initialise while a stream is open;
`streams` counts the open ones (app.capture.microphone's recorders) so a rescan waits for none.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import ModuleType

from app.core.errors import MicrophoneUnavailable


class _OpenStreams:
    """How many microphone streams are open (PortAudio cannot be re-initialised while one is)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def opened(self) -> None:
        with self.lock:
            self.count += 1

    def closed(self) -> None:
        with self.lock:
            self.count -= 1


streams = _OpenStreams()


@dataclass(frozen=True)
class InputDevice:
    """A device the user can record from; `index` is PortAudio's and valid until the next rescan."""

    index: int
    name: str
    host_api: str
    channels: int
    default_sample_rate: float
    is_default: bool


def no_device_advice() -> str:
    return (
        "Connect a microphone or headset and check that it is enabled in the system's sound settings "
        "and that the app may use it (Windows: Privacy > Microphone; macOS: Privacy & Security > Microphone; "
        "Linux: the sound server runs, see `pactl info`)."
    )


def load_sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio library into MicrophoneUnavailable."""
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError("PortAudio library not found")
        raise MicrophoneUnavailable(
            "Sound input is not available: the PortAudio library is missing.",
            "On Linux: sudo apt install libportaudio2, then restart the app.",
        ) from exc
    return sounddevice


def rescan_devices(sd: ModuleType | None = None) -> None:
    """Re-initialise PortAudio so it sees devices plugged in (or sound servers started) since start-up.

    PortAudio enumerates devices only when it initialises, which sounddevice does at import.
    """
    sd = sd or load_sounddevice()
    with streams.lock:
        if streams.count:
            raise RuntimeError("cannot rescan audio devices while a microphone is recording")
        sd._terminate()  # noqa: SLF001 (sounddevice has no public re-initialise)
        sd._initialize()  # noqa: SLF001


def list_input_devices(sd: ModuleType | None = None) -> list[InputDevice]:
    """Every device with at least one input channel (empty when there is none)."""
    sd = sd or load_sounddevice()
    default_index = _default_input_index(sd)
    devices = []
    for info in sd.query_devices():
        if info["max_input_channels"] < 1:
            continue
        devices.append(
            InputDevice(
                index=int(info["index"]),
                name=str(info["name"]),
                host_api=str(sd.query_hostapis(info["hostapi"])["name"]),
                channels=int(info["max_input_channels"]),
                default_sample_rate=float(info["default_samplerate"]),
                is_default=info["index"] == default_index,
            )
        )
    return devices


def find_input_device(device: int | str | None = None, sd: ModuleType | None = None) -> InputDevice:
    """The device to record from: by PortAudio index, by (part of) its name, or the default one."""
    devices = list_input_devices(sd)
    if not devices:
        raise MicrophoneUnavailable("No microphone was found.", no_device_advice())
    if device is None:
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(device, int):
        match = [d for d in devices if d.index == device]
    else:
        match = [d for d in devices if d.name == device] or [
            d for d in devices if device.lower() in d.name.lower()
        ]
    if not match:
        names = ", ".join(d.name for d in devices)
        raise MicrophoneUnavailable(
            f"The microphone {device!r} is not connected.", f"Pick one of: {names} (Settings > Microphone)."
        )
    return match[0]


def _default_input_index(sd: ModuleType) -> int | None:
    try:
        return int(sd.query_devices(kind="input")["index"])
    except (sd.PortAudioError, ValueError):
        return None  # PortAudio: "Error querying device -1" when there is no default input
