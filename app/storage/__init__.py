"""Where things are kept: the SQLite database and its migrations, media files, export/import, recovery."""
