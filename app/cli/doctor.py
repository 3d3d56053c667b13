"""`mock-interview doctor`: one line per thing the app needs, OK or MISSING with what to do.

It runs without a display and exits 0 even when devices are missing: it is how a user finds out why
something does not work.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import logging
import sys
from collections.abc import Callable

from app import __version__
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="exit 1 if anything is missing")


def run_check(label: str, module_name: str, function_name: str) -> Check:
    try:
        function: Callable[[], Check] = getattr(importlib.import_module(module_name), function_name)
        return dataclasses.replace(function(), name=label)
    except Exception as error:  # noqa: BLE001 - a broken check is itself a finding
        log.info("doctor check %s failed", label, exc_info=True)
        return Check(label, False, f"check failed: {error}", "Reinstall the app; see the log file for details.")


def run_checks() -> list[Check]:
    return [run_check(*spec) for spec in CHECKS]


def run(args: argparse.Namespace) -> int:
    print(f"Mock Interview Coach {__version__} — Python {sys.version.split()[0]}")
    checks = run_checks()
    width = max(len(check.name) for check in checks)
    for check in checks:
        status = "OK     " if check.ok else "MISSING"
        line = f"{status}  {check.name:<{width}}  {check.detail}"
        if not check.ok and check.advice:
            line += f" -> {check.advice}"
        print(line)
    missing = [check for check in checks if not check.ok]
    if missing:
        print(f"\n{len(missing)} item(s) missing. The app still starts; the features that need them are off.")
    return 1 if (missing and args.strict) else 0
