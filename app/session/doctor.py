"""What `mock-interview doctor` checks: one Check per thing the app needs, each imported only when it runs.

The checks live with the layers that know the devices and models (capture, speech, vision, storage); this
module names them so the CLI prints them without importing those layers itself.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Callable

from app.core.diagnostics import Check

log = logging.getLogger(__name__)

# (label, module, function): each function returns a Check and is imported only when doctor runs.
CHECKS: list[tuple[str, str, str]] = [
    ("camera", "app.capture.camera", "check_camera"),
    ("microphone", "app.capture.microphone", "check_microphone"),
    ("text-to-speech voice", "app.speech.tts", "check_voice"),
    ("transcription", "app.speech.transcription", "check_transcription"),
    ("vision models", "app.vision", "check_vision_models"),
    ("question banks", "app.banks", "check_banks"),
    ("PDF reports", "app.report.pdf", "pdf_available"),
    ("data folder", "app.storage.health", "check_data_folder"),
]


def run_check(label: str, module_name: str, function_name: str) -> Check:
    try:
        function: Callable[[], Check] = getattr(importlib.import_module(module_name), function_name)
        return dataclasses.replace(function(), name=label)
    except Exception as error:  # noqa: BLE001 - a broken check is itself a finding
        log.info("doctor check %s failed", label, exc_info=True)
        advice = "Reinstall the app; see the log file for details."
        return Check(label, False, f"check failed: {error}", advice)


def run_checks() -> list[Check]:
    return [run_check(*spec) for spec in CHECKS]
