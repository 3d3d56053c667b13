"""Nothing leaves the machine: a whole session and `analyze` run with the network blocked and watched."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.media]

CHILD = Path(__file__).with_name("privacy_child.py")
REPO = Path(__file__).resolve().parents[2]


def test_no_network_connection_is_attempted(shared_video: Path, shared_audio: Path, tmp_path: Path,
                                            app_home: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), MOCK_INTERVIEW_HOME=str(app_home))
    command = [sys.executable, str(CHILD), str(shared_video / "smile_glasses_480.mp4"),
               str(shared_audio / "jfk.wav"), str(tmp_path)]
    trace = tmp_path / "connect.trace"
    strace = shutil.which("strace")
    if strace:  # also catches native code (CTranslate2, MediaPipe, FFmpeg) that bypasses Python
        command = [strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace), *command]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["analyze_exit"] == 0 and report["session_answers"] == 1
    assert report["attempts"] == [], f"the app tried to reach the network: {report['attempts']}"
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    if strace:
        # MediaPipe's usage-log uploader is pointed at a closed loopback port (app/vision/telemetry.py):
        # those refused local connects are the proof it was stopped, everything else is a leak.
        blackhole = 'sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")'
        inet = [line for line in trace.read_text().splitlines()
                if re.search(r"AF_INET6?\b", line) and blackhole not in line]
        assert inet == [], "native code tried to open a network connection:\n" + "\n".join(inet[:10])
    else:
        pytest.skip("strace is not installed: only Python-level network access was checked")
