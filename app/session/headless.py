"""Drive a session without a GUI: file sources stand in for the devices, answers end with their files.

Used by soak and crash tests, benchmarks and demos. The loop ticks the engine like the GUI's timer does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from app.core.session import SelfRating
from app.session.engine import Phase, SessionEngine
from app.session.live import LiveCaptureFactory

Event = Callable[[str, SessionEngine], None]  # ("answer-started" | "answer-stored" | "finished", engine)


def run_headless(engine: SessionEngine, factory: LiveCaptureFactory, on_event: Event | None = None,
                 rating: SelfRating | None = None, tick_seconds: float = 0.02,
                 cancel: threading.Event | None = None, timeout_s: float = 3600) -> None:
    """Run every question: answer until the sources end, rate, wait for the analysis, next.

    Raises the UserFacingError of a source that cannot be used (after ending the session).
    """
    notify = on_event or (lambda _name, _engine: None)
    deadline = time.monotonic() + timeout_s
    engine.start()
    answered = False
    while engine.phase != Phase.FINISHED:
        if cancel is not None and cancel.is_set():
            engine.abort()
            return
        if time.monotonic() > deadline:
            raise TimeoutError("headless session did not finish in time")
        engine.tick()
        phase = engine.phase
        if phase == Phase.SPEAKING:
            engine.question_spoken()
        elif phase == Phase.THINKING:
            engine.start_answer()
            if engine.phase == Phase.ANSWERING:
                notify("answer-started", engine)
        elif phase == Phase.ANSWERING:
            capture = factory.current
            if capture is not None and capture.audio_source.ended and (
                capture.video_source is None or capture.video_source.ended
            ):
                engine.stop_answer()
                answered = True
        elif phase == Phase.RATING:
            engine.rate(rating or SelfRating())
        elif phase == Phase.RESULTS:
            if answered:
                notify("answer-stored", engine)
                answered = False
            engine.next_question()
        elif phase == Phase.FAILED:  # a file that cannot be used fails every answer alike: stop here
            failure = engine.failure
            engine.finish()
            assert failure is not None
            raise failure
        time.sleep(tick_seconds)
    notify("finished", engine)
