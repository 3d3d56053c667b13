"""Killing the app mid-session never corrupts the database or loses a completed answer."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import av
import pytest

from app.core.session import AnswerStatus, SessionStatus
from app.session.recovery import recover_interrupted
from app.storage.database import Database
from app.storage.media import absolute_media_path

pytestmark = [pytest.mark.slow, pytest.mark.media]

CHILD = Path(__file__).with_name("session_child.py")
REPO = Path(__file__).resolve().parents[2]


class Child:
    """The session child process, with its stdout lines collected on a thread."""

    def __init__(self, *args: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.process = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, env=env)
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.strip())
                self._changed.notify_all()
        with self._changed:
            self.lines.append("<eof>")
            self._changed.notify_all()

    def wait_for(self, predicate, timeout: float = 180) -> str | None:  # type: ignore[no-untyped-def]
        with self._changed:
            found = self._changed.wait_for(lambda: next((l for l in self.lines if predicate(l)), None) or
                                           "<eof>" in self.lines, timeout)
            return next((line for line in self.lines if predicate(line)), None) if found else None

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()

    def stored(self) -> list[str]:
        return [line.split()[1] for line in self.lines if line.startswith("stored ")]


def test_kill_during_an_answer_keeps_the_recording(shared_audio: Path, shared_video: Path) -> None:
    # An earlier, finished session must survive untouched.
    earlier = Child(str(shared_video / "smile_glasses_480.mp4"), str(shared_audio / "jfk.wav"), "1", "0")
    assert earlier.wait_for(lambda line: line == "finished", timeout=300), earlier.lines
    earlier.process.wait(timeout=60)
    earlier.process.stdout.close()

    child = Child(str(shared_video / "smile_glasses_480.mp4"), str(shared_audio / "jfk.wav"), "2", "1")
    line = child.wait_for(lambda l: l.startswith("recorded ") and float(l.split()[2]) >= 6.0)
    assert line is not None, child.lines
    answer_id, recorded = line.split()[1], float(line.split()[2])
    child.kill()

    with Database.open() as db:
        assert db.integrity_check() == "ok"
        report = recover_interrupted(db)
        assert answer_id in report.answers
        sessions = db.list_sessions()
        finished = [s for s in sessions if s.status == SessionStatus.COMPLETED]
        assert len(finished) == 1 and finished[0].answers[0].status == AnswerStatus.ANALYSED
        interrupted = next(s for s in sessions if s.status == SessionStatus.INTERRUPTED)
        answer = next(a for a in interrupted.answers if a.id == answer_id)
        assert answer.status == AnswerStatus.INTERRUPTED
        path = absolute_media_path(db.paths, answer.media_path)
    with av.open(str(path)) as container:
        frames = [frame.time for frame in container.decode(video=0)]
    assert frames, "nothing of the interrupted answer is playable"
    assert frames[-1] >= recorded - 2.0, f"kept {frames[-1]:.1f} s of {recorded:.1f} s"
    assert answer.duration_s >= recorded - 2.0


def test_twenty_random_kills_never_corrupt_or_lose_completed_answers(shared_audio: Path) -> None:
    rng = random.Random(20261125)
    completed: set[str] = set()
    for _kill in range(20):
        child = Child("-", str(shared_audio / "jfk.wav"), "3", "0")
        assert child.wait_for(lambda l: l.startswith("started "), timeout=120), child.lines
        # Kill somewhere in the session: while recording, transcribing, saving or between answers.
        child.wait_for(lambda l: l == "finished", timeout=rng.uniform(0.2, 6.0))
        child.kill()
        completed.update(child.stored())
        with Database.open() as db:
            assert db.integrity_check() == "ok"
            recover_interrupted(db)
            answers = {a.id: a for s in db.list_sessions() for a in s.answers}
        for answer_id in completed:
            assert answer_id in answers, f"completed answer {answer_id} was lost"
            assert answers[answer_id].status == AnswerStatus.ANALYSED
            assert answers[answer_id].analysis is not None
    assert completed, "no answer completed in 20 runs: the kills came too early to test anything"
