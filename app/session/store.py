"""The practice history as the GUI and the CLI reach it: the database and the answers' media files.

app/gui and app/cli do not import app.storage themselves (an import-linter contract); they open and pass the
store they get here. Storage stays the one implementation; this module is the door to it.
"""

from __future__ import annotations

from app.storage import media
from app.storage.database import Database

__all__ = ["Database", "media"]
