"""The `mock-interview` command: the desktop app with no arguments, headless subcommands otherwise.

Subcommands live in their own modules, imported only when used, so `--version` and `doctor` start fast
and never load Qt, models or media libraries they do not need. Each module provides
`add_arguments(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import sys
from collections.abc import Sequence

from app import __version__

# name -> (module, one-line help). Add a subcommand by adding its module here.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "doctor": ("app.cli.doctor", "check camera, microphone, voice, models and data folder"),
    "banks": ("app.cli.banks", "list or validate question banks"),
    "tailor": ("app.cli.tailor", "pick practice questions for a job posting"),
    "cv": ("app.cli.cv", "check your CV against a job posting: gaps, slips and questions about it"),
    "transcribe": ("app.cli.transcribe", "transcribe a recording with word times, fillers and pauses"),
    "vision": ("app.cli.vision", "body-language cues for a video"),
    "analyze": ("app.cli.analyze", "full analysis and report for recordings"),
    "report": ("app.cli.report", "write a stored session's report as HTML and/or PDF"),
    "sessions": ("app.cli.sessions", "list, export, import or delete stored sessions"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mock-interview",
        description=(
            "Mock Interview Coach: practise job interviews offline. Run without arguments to open the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"mock-interview {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="load every model, run a tiny job, exit 0 if all work"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(_module=module_name)
        importlib.import_module(module_name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    from app.platform.memory import limit_malloc_arenas

    limit_malloc_arenas()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-psn"):  # macOS passes -psn_... when launched from Finder
        from app.gui.application import run_gui

        return run_gui([sys.argv[0]])
    parser = build_parser()
    args = parser.parse_args(argv)
    from app.platform.logs import setup_logging

    setup_logging()
    if args.self_test:
        from app.cli.self_test import run as run_self_test

        return run_self_test(args)
    if args.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("Cancelled.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `mock-interview ... | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
