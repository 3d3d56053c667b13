"""MediaPipe's usage logging is routed to a closed local port; the user's own proxy is remembered."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_importing_vision_blocks_telemetry_and_keeps_user_proxy() -> None:
    code = (
        "import json, os; import app.vision; from app.platform.network import user_proxies; "
        "print(json.dumps({'https': os.environ['https_proxy'], 'HTTP': os.environ['HTTP_PROXY'], "
        "'no_proxy': os.environ['no_proxy'], 'user': user_proxies()}))"
    )
    env = dict(os.environ, https_proxy="http://proxy.example:3128", no_proxy="localhost,.googleapis.com")
    env.pop("HTTP_PROXY", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    result = json.loads(out.stdout)
    assert result["https"] == "http://127.0.0.1:9" and result["HTTP"] == "http://127.0.0.1:9"
    assert result["no_proxy"] == "localhost"  # googleapis may not bypass the black hole
    assert result["user"] == {"https": "http://proxy.example:3128"}
