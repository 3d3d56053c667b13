"""One dedicated thread that owns a text-to-speech engine: created there, used only there, never dropped.

pyttsx3 engines are not thread-safe and eSpeak NG keeps process-global state, so every engine call is
sent to this thread as a job and the caller waits with a timeout. A job that never returns marks the
thread as hung; later calls fail at once instead of queueing behind it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

log = logging.getLogger(__name__)


class EngineTimeout(Exception):
    """The engine did not answer in time (it may be stuck for good)."""


class Utterance:
    """Completion of one `save_to_file`, signalled by the engine's finished-utterance callback.

    pyttsx3's eSpeak driver also sends a spurious `completed=False` around a real completion (its
    stop flag leaks from one run into the next), so "not completed" only counts if no real
    completion follows within `CANCEL_GRACE_S`.
    """

    CANCEL_GRACE_S = 1.0

    def __init__(self) -> None:
        self.done = threading.Event()
        self.cancelled_at: float | None = None
        self.error: BaseException | None = None

    def wait(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.done.wait(0.05):
            now = time.monotonic()
            if self.cancelled_at is not None and now - self.cancelled_at > self.CANCEL_GRACE_S:
                raise RuntimeError("the engine stopped before the end of the text")
            if now >= deadline:
                raise EngineTimeout(f"no finished-utterance signal within {timeout_s:.0f} s")
        if self.error is not None:
            raise RuntimeError(f"the engine reported an error: {self.error}") from self.error


class EngineThread:
    """Runs jobs `job(engine)` one at a time on a private daemon thread that built `engine`."""

    def __init__(self, factory: Callable[[], Any], name: str = "tts-engine") -> None:
        self._factory = factory
        self._jobs: queue.SimpleQueue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.SimpleQueue()
        self._engine: Any = None  # strong reference for the thread's lifetime (see app.speech.tts)
        self._engine_error: BaseException | None = None
        self._current: Utterance | None = None
        self._hung = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def usable(self) -> bool:
        return not (self._hung or self._closed)

    def call[T](self, job: Callable[[Any], T], timeout_s: float) -> T:
        """Run `job(engine)` on the engine thread and return its result; raises what it raised."""
        if self._closed:
            raise RuntimeError("the speech engine was closed")
        if self._hung:
            raise EngineTimeout("an earlier request to the speech engine never finished")
        future: Future[T] = Future()
        self._jobs.put((job, future))
        try:
            return future.result(timeout_s)
        except FutureTimeout as exc:
            if not future.cancel():
                self._hung = True
                log.error("text-to-speech engine hung; it will not be used again in this process")
            raise EngineTimeout(f"no answer within {timeout_s:.0f} s") from exc

    def begin_utterance(self) -> Utterance:
        """Called by a job before `save_to_file`: the engine's callbacks will complete this utterance."""
        self._current = Utterance()
        return self._current

    def close(self, timeout_s: float = 2.0) -> None:
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job(self._ensure_engine()))
            except BaseException as exc:  # noqa: BLE001 (delivered to the caller)
                future.set_exception(exc)
        self._engine = None

    def _ensure_engine(self) -> Any:
        if self._engine_error is not None:
            raise self._engine_error
        if self._engine is None:
            try:
                engine = self._factory()
            except Exception as exc:
                log.warning("text-to-speech engine failed to start: %s", exc)
                self._engine_error = exc
                raise
            engine.connect("finished-utterance", self._on_finished)
            engine.connect("error", self._on_error)
            self._engine = engine
        return self._engine

    def _on_finished(self, name: object = None, completed: bool = True, **_: object) -> None:
        utterance = self._current
        if utterance is None:
            return
        if completed:
            utterance.done.set()
        elif utterance.cancelled_at is None:
            utterance.cancelled_at = time.monotonic()

    def _on_error(self, name: object = None, exception: BaseException | None = None, **_: object) -> None:
        utterance = self._current
        if utterance is not None:
            utterance.error = exception or RuntimeError("unknown engine error")
            utterance.done.set()
