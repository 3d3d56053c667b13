"""Run short jobs off the GUI thread and get their result back on it (Anki's QueryOp idea).

    runner.run(load_sessions, on_done=self.show_sessions)
    runner.run(export, path, on_done=..., on_error=..., on_progress=bar.update, cancellable=True)

A job that accepts a keyword argument `task` receives a `TaskContext` with `progress(stage, fraction)`
and `cancelled` (a threading.Event to check per chunk). Errors the user can meet (UserFacingError) go to
`on_error` (default: a plain message); anything else is a bug and goes to the crash hook. The runner
keeps a registry of running jobs; `shutdown()` cancels them and waits, for the window's closeEvent.
"""

from __future__ import annotations

import inspect
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.core.errors import Cancelled, UserFacingError

log = logging.getLogger(__name__)


class TaskContext:
    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self.cancelled = threading.Event()

    def progress(self, stage: str, fraction: float) -> None:
        self._signals.progress.emit(stage, float(fraction))

    def check(self) -> None:
        if self.cancelled.is_set():
            raise Cancelled()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progress = Signal(str, float)


class TaskHandle:
    def __init__(self, name: str, context: TaskContext, signals: _Signals) -> None:
        self.name = name
        self.context = context
        self.signals = signals
        self.finished = threading.Event()

    def cancel(self) -> None:
        self.context.cancelled.set()


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle, self._fn, self._args, self._kwargs = handle, fn, args, kwargs

    def drop(self) -> None:
        """Never run (the runner shut down while it was held)."""
        self._handle.cancel()
        self._handle.finished.set()

    def run(self) -> None:
        signals = self._handle.signals
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Cancelled:
            signals.cancelled.emit()
        except BaseException as error:  # noqa: BLE001 - delivered to the GUI thread
            signals.failed.emit(error)
        else:
            signals.done.emit(result)
        finally:
            self._handle.finished.set()


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[TaskHandle] = set()
        self._held: list[_Runnable] | None = None

    def hold(self) -> None:
        """Queue new jobs instead of starting them, until `release()`.

        At start-up the pages ask for devices, banks and models while they are built; held, that work
        waits until the window has painted instead of competing with it for the two cores.
        """
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the jobs queued since `hold()`, in order; later jobs start at once again."""
        held, self._held = self._held or [], None
        for runnable in held:
            self._pool.start(runnable)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[str, float], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        name: str = "",
        **kwargs: Any,
    ) -> TaskHandle:
        signals = _Signals()
        context = TaskContext(signals)
        handle = TaskHandle(name or getattr(fn, "__name__", "task"), context, signals)
        if "task" in inspect.signature(fn).parameters:
            kwargs["task"] = context
        if on_progress is not None:
            signals.progress.connect(on_progress)
        signals.done.connect(lambda result: self._finish(handle, on_done, result))
        signals.failed.connect(lambda error: self._fail(handle, on_error, error))
        signals.cancelled.connect(lambda: self._cancelled(handle, on_cancelled))
        self._running.add(handle)
        runnable = _Runnable(handle, fn, args, kwargs)
        if self._held is not None:
            self._held.append(runnable)
        else:
            self._pool.start(runnable)
        return handle

    @property
    def running(self) -> list[TaskHandle]:
        return list(self._running)

    def _finish(self, handle: TaskHandle, callback: Callable[[Any], None] | None, result: Any) -> None:
        self._running.discard(handle)
        if callback is not None:
            callback(result)

    def _cancelled(self, handle: TaskHandle, callback: Callable[[], None] | None) -> None:
        self._running.discard(handle)
        if callback is not None:
            callback()

    def _fail(self, handle: TaskHandle, callback: Callable[[BaseException], None] | None, error: BaseException) -> None:
        self._running.discard(handle)
        if isinstance(error, UserFacingError):
            if callback is not None:
                callback(error)
                return
            from app.gui.crash import show_user_error

            show_user_error(None, error)
            return
        if callback is not None and not isinstance(error, Exception):
            callback(error)
            return
        log.error("background task %s failed", handle.name, exc_info=error)
        sys.excepthook(type(error), error, error.__traceback__)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel every running job and wait for the pool (the window is closing)."""
        held, self._held = self._held or [], None
        for runnable in held:  # never started: dropped
            runnable.drop()
        for handle in list(self._running):
            handle.cancel()
        self._running = {handle for handle in self._running if not handle.finished.is_set()}
        return self._pool.waitForDone(timeout_ms)
