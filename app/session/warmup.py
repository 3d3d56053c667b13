"""Warm-up before a practice session: the models and the modules the first answer needs, loaded in the
background so that the first answer does not load them on the GUI thread.
"""

from __future__ import annotations


def import_answer_modules() -> None:
    """Import what recording and live analysis use (PyAV, the recorder, streaming speech, live vision)."""
    import av  # noqa: F401

    import app.capture.recorder  # noqa: F401
    import app.speech.streaming  # noqa: F401
    import app.vision.analyzer  # noqa: F401
    import app.vision.live  # noqa: F401
