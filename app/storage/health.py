"""Checks on the data folder: writable, enough free space."""

from __future__ import annotations

import os
import shutil
import tempfile

from app.core.diagnostics import Check
from app.platform.paths import app_paths, ensure_dir

MIN_FREE_BYTES = 500 * 1024 * 1024  # about 10 minutes of recorded answers plus reports


def check_data_folder() -> Check:
    paths = app_paths()
    try:
        ensure_dir(paths.data)
        with tempfile.NamedTemporaryFile(dir=paths.data, prefix=".write-test-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        return Check(
            "data folder",
            False,
            f"{paths.data} is not writable ({error.strerror or error})",
            "Choose another data folder in Settings or set MOCK_INTERVIEW_HOME to a writable folder.",
        )
    free = shutil.disk_usage(paths.data).free
    detail = f"{paths.data} (writable, {free / 1e9:.1f} GB free)"
    if free < MIN_FREE_BYTES:
        return Check("data folder", False, detail, "Free some disk space: recordings need about 50 MB per hour of answers and more with video.")
    return Check("data folder", True, detail)
