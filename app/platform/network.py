"""Keep MediaPipe offline: its Tasks library posts usage logs to Google, so we route them nowhere.

mediapipe >= 0.10.3x (1.2.x here) contains an HTTP client (libcurl, "logging/google_internal/
HttpAsyncClient") that sends usage events to play.googleapis.com from a background thread whenever a
task is created or run (seen with strace here; also google-ai-edge/mediapipe issue 6291). There is no
documented switch to turn it off. libcurl honours the standard proxy variables, so before MediaPipe
loads we point `https_proxy`/`http_proxy` at a closed port on the loopback interface: the upload then
fails at once on this machine, with no DNS query and no packet leaving it. The user's own proxy settings
are kept in `ORIGINAL_PROXIES` for the one download we do make (a Whisper model the user asked for).
"""

from __future__ import annotations

import os
import threading

BLACKHOLE = "http://127.0.0.1:9"  # the "discard" port; nothing listens, so connects are refused locally
_VARIABLES = ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")
ORIGINAL_PROXIES: dict[str, str] = {}
_lock = threading.Lock()
_done = False


def block_mediapipe_telemetry() -> None:
    """Idempotent; call before the first MediaPipe task is created (app.vision does it on import)."""
    global _done
    with _lock:
        if _done:
            return
        for name in _VARIABLES:
            if name in os.environ and os.environ[name] != BLACKHOLE:
                ORIGINAL_PROXIES[name] = os.environ[name]
            os.environ[name] = BLACKHOLE
        for name in ("no_proxy", "NO_PROXY"):
            value = os.environ.get(name, "")
            if value:
                ORIGINAL_PROXIES[name] = value
                # googleapis must not bypass the proxy; local addresses still may.
                kept = [part for part in value.split(",") if "google" not in part and part.strip() != "*"]
                os.environ[name] = ",".join(kept)
        _done = True


def user_proxies() -> dict[str, str]:
    """The proxies the user had configured (scheme -> URL) for downloads the user asked for."""
    if not _done:
        import urllib.request

        return {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https")}
    proxies = {}
    for scheme in ("https", "http"):
        value = ORIGINAL_PROXIES.get(f"{scheme}_proxy") or ORIGINAL_PROXIES.get(f"{scheme.upper()}_PROXY")
        if value:
            proxies[scheme] = value
    return proxies
