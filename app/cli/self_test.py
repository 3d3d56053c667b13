"""`mock-interview --self-test`: the installation's end-to-end check; app.session.self_check does the work."""

from __future__ import annotations

import argparse

from app.session import self_check


def run(args: argparse.Namespace | None = None) -> int:
    """Print one line per step and a summary; 0 when no step FAILED."""
    return self_check.run(args)
