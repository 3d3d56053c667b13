"""A session with its recordings as one .zip, to move it to another computer and back (the CLI's
`sessions export` / `sessions import`, the GUI's export). Storage does the work; this is the door to it."""

from __future__ import annotations

from app.storage.exchange import ImportFormatError, export_session, import_session

__all__ = ["ImportFormatError", "export_session", "import_session"]
