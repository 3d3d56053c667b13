"""Where things are kept: the SQLite database with its migrations, media files, export/import, recovery bookkeeping."""
