"""The person's data as one thing: deleting every file of it, and opening a fresh, empty store after.

Settings' "Delete all my data" runs `delete_everything` in the background; the open log file is emptied
rather than removed, so the running app keeps logging.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.core.errors import UserFacingError
from app.platform.paths import AppPaths
from app.session.store import Database


def delete_all_data(paths: AppPaths, keep_open: tuple[Path, ...] = ()) -> list[Path]:
    """Remove every file and folder under the app's roots; files in `keep_open` are emptied, not removed.

    Returns the files that remain (only the emptied ones, when all went well).
    """
    for root in paths.all_roots():
        if not root.is_dir():
            continue
        for entry in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):  # deepest first
            if entry in keep_open:
                entry.write_bytes(b"")
            elif entry.is_symlink() or not entry.is_dir():
                entry.unlink()
            elif not any(kept.is_relative_to(entry) for kept in keep_open):
                entry.rmdir()
    return [p for root in paths.all_roots() if root.is_dir() for p in root.rglob("*") if p.is_file()]


def open_log_files() -> tuple[Path, ...]:
    """Log files the running app holds open (emptied rather than removed)."""
    files = []
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name:
            files.append(Path(name).resolve())
    return tuple(files)


def delete_everything(
    old: Database | None, paths: AppPaths, keep_open: tuple[Path, ...]
) -> tuple[Database, list[Path]]:
    """Background: close `old`, delete every file, open a fresh database.

    Returns the new database and the files that could not be deleted (emptied log files do not count).
    """
    if old is not None:
        old.close()
    left_over = [p for p in delete_all_data(paths, keep_open) if p.stat().st_size > 0]
    return Database.open(paths), left_over


def reopen_database() -> Database | None:
    """The database again after a failed deletion (None when it cannot be opened)."""
    try:
        return Database.open()
    except UserFacingError:
        return None
