"""`mock-interview doctor`: one line per thing the app needs, OK or MISSING with what to do.

It runs without a display and exits 0 even when devices are missing: it is how a user finds out why
something does not work. The checks themselves are app.session.doctor's.
"""

from __future__ import annotations

import argparse
import sys

from app import __version__
from app.session.doctor import run_checks


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="exit 1 if anything is missing")


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
