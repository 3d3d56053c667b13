"""The domain: plain dataclasses for questions, answers, transcripts, metrics and scores.

Nothing in this package does I/O or imports anything else of the app, so every other layer (a live
session, a recorded file, a test, a benchmark) can share it.
"""
