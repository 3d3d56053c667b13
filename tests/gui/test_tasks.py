"""Background jobs deliver results, progress, errors and cancellation on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from app.core.errors import MediaFileError
from app.gui.tasks import TaskContext, TaskRunner

pytestmark = pytest.mark.gui


def test_result_and_progress_arrive_on_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}
    gui_thread = QThread.currentThread()

    def job(n: int, task: TaskContext) -> int:
        seen["worker_thread"] = threading.current_thread().name
        task.progress("counting", 0.5)
        return n * 2

    def done(result: int) -> None:
        seen["result"] = result
        seen["on_gui_thread"] = QThread.currentThread() is gui_thread

    progress: list[tuple[str, float]] = []
    runner.run(job, 21, on_done=done, on_progress=lambda s, f: progress.append((s, f)))
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42 and seen["on_gui_thread"] is True
    assert progress == [("counting", 0.5)]
    assert runner.shutdown()


def test_user_error_goes_to_on_error(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def job() -> None:
        raise MediaFileError("bad.mp4 is not a recording.", "Pick another file.")

    runner.run(job, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], MediaFileError)
    assert runner.running == []


def test_cancel_is_its_own_outcome(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    outcome: list[str] = []

    def job(task: TaskContext) -> None:
        started.set()
        while True:
            task.check()
            task.cancelled.wait(0.01)

    handle = runner.run(job, on_done=lambda _r: outcome.append("done"), on_cancelled=lambda: outcome.append("cancelled"))
    assert started.wait(10)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]


def test_held_jobs_wait_for_release_and_start_in_order(qtbot) -> None:
    """Start-up: jobs the pages ask for while being built wait until the window has painted."""
    runner = TaskRunner(max_threads=1)
    runner.hold()
    order: list[str] = []
    runner.run(lambda: order.append("devices"), name="devices")
    runner.run(lambda: order.append("banks"), name="banks")
    qtbot.wait(200)
    assert order == []
    runner.release()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["devices", "banks"]
    runner.run(lambda: order.append("later"))  # after release, jobs start at once again
    qtbot.waitUntil(lambda: len(order) == 3)
    assert runner.shutdown()


def test_shutdown_while_held_drops_the_jobs_without_running_them(qtbot) -> None:
    runner = TaskRunner()
    runner.hold()
    ran: list[str] = []
    handle = runner.run(lambda: ran.append("ran"))
    assert runner.shutdown(timeout_ms=5000)
    qtbot.wait(100)
    assert ran == [] and handle.finished.is_set() and runner.running == []
