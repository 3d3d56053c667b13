"""30 answers in a row (file sources, faster than real time): no growth in threads, files or memory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import psutil
import pytest

from app.core.questions import Category, Question
from app.core.session import AnswerStatus
from app.session.analyse import AnalysisServices
from app.session.engine import SessionEngine
from app.session.headless import run_headless
from app.session.live import file_capture_factory, make_analyzer
from app.session.plan import SessionPlan
from app.storage.database import Database

pytestmark = [pytest.mark.slow, pytest.mark.media]

ANSWERS = 30
WARM_UP = 5  # models, thread pools and caches are created during the first answers


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else len(psutil.Process().open_files())


def test_thirty_answers_do_not_leak(shared_audio: Path, shared_video: Path) -> None:
    services = AnalysisServices()
    factory = file_capture_factory(shared_video / "smile_glasses_480.mp4", shared_audio / "jfk.wav", services,
                                   speed=0, max_seconds=6.0)
    questions = [Question(id=f"soak-{i}", text=f"Question {i}?", category=Category.BEHAVIORAL,
                          competency="teamwork") for i in range(ANSWERS)]
    process = psutil.Process()
    samples: list[tuple[int, int, int]] = []

    def measure(name: str, engine: SessionEngine) -> None:
        if name == "answer-stored":
            samples.append((threading.active_count(), _open_files(), process.memory_info().rss))

    with Database.open() as db:
        engine = SessionEngine(SessionPlan(questions, speak_questions=False, thinking_seconds=0), db, factory,
                               make_analyzer(services))
        run_headless(engine, factory, on_event=measure, timeout_s=1800)
        stored = db.load_session(engine.session.id).answers
    services.close()

    assert len(stored) == ANSWERS and all(a.status == AnswerStatus.ANALYSED for a in stored)
    assert len(samples) == ANSWERS
    threads_after_warm_up, files_after_warm_up, rss_after_warm_up = samples[WARM_UP - 1]
    threads_end, files_end, rss_end = samples[-1]
    assert threads_end <= threads_after_warm_up, f"threads grew {threads_after_warm_up} -> {threads_end}"
    assert files_end <= files_after_warm_up, f"open files grew {files_after_warm_up} -> {files_end}"
    growth_mb = (rss_end - rss_after_warm_up) / 2**20
    assert growth_mb < 100, f"memory grew {growth_mb:.0f} MB over {ANSWERS - WARM_UP} answers"
