"""Child process for the privacy test: blocks and records every network attempt while the app works.

    python privacy_child.py VIDEO AUDIO OUT_DIR

Runs `analyze` (JSON, HTML and PDF) and a one-question headless session; prints one JSON line with the
network attempts seen by the audit hook (Python-level: socket.connect to an IP address, getaddrinfo,
gethostbyname, urllib requests). Connections to local UNIX sockets (the sound server) are allowed.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

attempts: list[str] = []


def _audit(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    if event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"connect {address}")
            raise OSError("network access blocked by the privacy test")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "urllib.Request"):
        attempts.append(f"{event} {args[0]!r}")
        raise OSError("network access blocked by the privacy test")


def main() -> None:
    sys.addaudithook(_audit)
    video, audio, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    from app.cli import main as cli

    code = cli(["analyze", str(video), str(audio), "--json", str(out / "a.json"), "--html", str(out / "a.html"),
                "--pdf", str(out / "a.pdf"), "--save", "--quiet"])
    from app.core.questions import Category, Question
    from app.session.analyse import AnalysisServices
    from app.session.engine import SessionEngine
    from app.session.headless import run_headless
    from app.session.live import file_capture_factory, make_analyzer
    from app.session.plan import SessionPlan
    from app.storage.database import Database

    services = AnalysisServices()
    factory = file_capture_factory(video, audio, services, speed=0, max_seconds=11.0)
    question = Question(id="privacy", text="Why this job?", category=Category.MOTIVATION, competency="motivation")
    with Database.open() as database:
        engine = SessionEngine(SessionPlan([question], speak_questions=False, thinking_seconds=0), database,
                               factory, make_analyzer(services))
        run_headless(engine, factory)
        stored = len(database.load_session(engine.session.id).answers)
    print(json.dumps({"analyze_exit": code, "session_answers": stored, "attempts": attempts}), flush=True)


if __name__ == "__main__":
    main()
