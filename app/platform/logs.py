"""Logging: a rotating file in the user's log folder, plus stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app.platform.paths import app_paths, ensure_dir

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is now (test runners and GUIs replace it)."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def log_file() -> Path:
    return app_paths().logs / "mock-interview.log"


def setup_logging(level: int = logging.INFO, console_level: int = logging.WARNING) -> Path:
    """Install the rotating file handler once; return the log file's path."""
    path = log_file()
    root = logging.getLogger()
    if any(getattr(handler, "_mock_interview", False) for handler in root.handlers):
        return path
    root.setLevel(level)
    try:
        ensure_dir(path.parent)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        file_handler.setLevel(level)
    except OSError:
        file_handler = logging.NullHandler()  # a read-only home must not stop the app from starting
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    file_handler._mock_interview = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    console = _StderrHandler()
    console.setLevel(console_level)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console._mock_interview = True  # type: ignore[attr-defined]
    root.addHandler(console)
    return path
