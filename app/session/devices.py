"""The cameras and microphones this machine has, for the setup screen and Settings (one listing for both).

Listing runs in the background: probing a camera opens it. It never raises: a missing or broken device is
a normal answer here, said in `microphone_problem` or an empty list.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.core.errors import UserFacingError

log = logging.getLogger(__name__)


@dataclass
class Devices:
    """What the machine has."""

    cameras: list[tuple[int, str]] = field(default_factory=list)  # (index, name)
    microphones: list[str] = field(default_factory=list)
    microphone_problem: str = ""  # why sound input is not available at all (e.g. PortAudio missing)


def list_devices() -> Devices:
    """Cameras and microphones (background: probing a camera opens it)."""
    from app.capture.camera import list_cameras
    from app.capture.microphone import list_input_devices

    devices = Devices()
    try:
        devices.cameras = [(camera.index, camera.name) for camera in list_cameras()]
    except Exception:  # noqa: BLE001 - no camera list means no camera, never a crash
        log.exception("listing cameras failed")
    try:
        devices.microphones = [device.name for device in list_input_devices()]
    except UserFacingError as error:
        devices.microphone_problem = error.message
    except Exception as error:  # noqa: BLE001 - a broken driver must not break the page
        log.exception("listing microphones failed")
        devices.microphone_problem = str(error)
    return devices
