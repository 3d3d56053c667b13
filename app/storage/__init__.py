"""Where things are kept: paths, the SQLite database, media files."""
