"""Practice: setup, the device check, the session screen, rating and results, the CV check."""
