"""Child process for crash tests: runs a headless session with file sources and reports on stdout.

    python session_child.py VIDEO AUDIO QUESTIONS SPEED

Prints "started <session id>", "answer-started <answer id>", "recorded <answer id> <seconds>" (every
0.5 s while answering), "stored <answer id>" once an answer is completely saved, "finished".
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from app.core.questions import Category, Question
from app.session.analyse import AnalysisServices
from app.session.engine import Phase, SessionEngine
from app.session.headless import run_headless
from app.session.live import file_capture_factory, make_analyzer
from app.session.plan import SessionPlan
from app.storage.database import Database


def main() -> None:
    video, audio, count, speed = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    services = AnalysisServices(vision=video != "-")
    factory = file_capture_factory(None if video == "-" else Path(video), Path(audio), services, speed=speed,
                                   max_seconds=11.0, live_vision=False)
    questions = [Question(id=f"crash-{i}", text=f"Question {i}", category=Category.BEHAVIORAL,
                          competency="teamwork") for i in range(count)]
    database = Database.open()
    engine = SessionEngine(SessionPlan(questions, speak_questions=False, thinking_seconds=0), database, factory,
                           make_analyzer(services))
    print(f"started {engine.session.id}", flush=True)
    stop = threading.Event()

    def report_progress() -> None:
        while not stop.wait(0.5):
            capture = factory.current
            if engine.phase == Phase.ANSWERING and capture is not None and engine.current_answer is not None:
                print(f"recorded {engine.current_answer.id} {capture.recorded_seconds():.2f}", flush=True)

    threading.Thread(target=report_progress, daemon=True).start()

    def on_event(name: str, eng: SessionEngine) -> None:
        if name == "answer-started":
            print(f"answer-started {eng.current_answer.id}", flush=True)
        elif name == "answer-stored":
            print(f"stored {eng.current_answer.id}", flush=True)
        elif name == "finished":
            print("finished", flush=True)

    run_headless(engine, factory, on_event=on_event)
    stop.set()


if __name__ == "__main__":
    main()
