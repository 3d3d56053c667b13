"""Charts as inline SVG strings, drawn in Python so the HTML, the PDF and the app show the same picture.

No charting library: a few lines of SVG per chart render identically in Chromium and WeasyPrint, keep the
report one self-contained file, and need nothing at runtime. Every chart has a <title> for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from app.analysis.text import format_time
from app.core.body_language import CueSample, LookAway
from app.core.content import StarMarker
from app.core.delivery import Filler, Pause, RateSample

WIDTH = 720
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
INK = "#334155"
MUTED = "#94a3b8"
GRID = "#e2e8f0"
ACCENT = "#2f6f8f"
GOOD_BAND = "#e6f2ec"
WARN = "#c2703d"
DIMENSION_COLOURS = {
    "delivery": "#2f6f8f",
    "body_language": "#8a6fb0",
    "content": "#3f8f6b",
    "overall": "#334155",
}
STAR_COLOURS = {"situation": "#9bb7d4", "task": "#b7a6d6", "action": "#8fc1a9", "result": "#e3b47a"}


def _svg(height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" class="chart" font-family="{FONT}" font-size="11">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _time_axis(x0: float, x1: float, y: float, duration: float) -> list[str]:
    """Tick labels every 10, 15 or 30 s (whichever gives at most ~10 ticks)."""
    step = next(s for s in (10, 15, 30, 60, 120) if duration / s <= 10)
    parts = [f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="{GRID}"/>']
    t = 0.0
    while t <= duration + 0.01:
        x = x0 + (x1 - x0) * t / duration
        parts.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 4}" stroke="{MUTED}"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle" fill="{MUTED}">{format_time(t)}</text>'
        )
        t += step
    return parts


def pace_chart(samples: Sequence[RateSample], duration: float, low: float = 100, high: float = 165) -> str:
    """Words per minute over time, with the comfortable band shaded."""
    x0, x1, top, bottom = 44, WIDTH - 12, 24, 142
    peak = max([high + 40, *(s.words_per_minute for s in samples)])
    y_max = ((peak // 50) + 1) * 50

    def y(v: float) -> float:
        return bottom - (bottom - top) * v / y_max

    def x(t: float) -> float:
        return x0 + (x1 - x0) * t / duration

    body = [
        f'<rect x="{x0}" y="{y(high):.1f}" width="{x1 - x0}" height="{y(low) - y(high):.1f}" '
        f'fill="{GOOD_BAND}"/>',
        f'<rect x="{x1 - 170}" y="4" width="12" height="10" fill="{GOOD_BAND}" stroke="#b9d9c8"/>',
        f'<text x="{x1 - 152}" y="13" fill="#3f8f6b">comfortable {low:.0f}-{high:.0f} wpm</text>',
        f'<text x="{x0 - 6}" y="13" text-anchor="end" fill="{MUTED}">wpm</text>',
    ]
    for v in range(0, int(y_max) + 1, 50):
        body.append(f'<text x="{x0 - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>')
        body.append(
            f'<line x1="{x0}" y1="{y(v):.1f}" x2="{x1}" y2="{y(v):.1f}" stroke="{GRID}" stroke-width="0.5"/>'
        )
    if samples:
        points = " ".join(f"{x(s.time):.1f},{y(s.words_per_minute):.1f}" for s in samples)
        body.append(f'<polyline points="{points}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
        body += [
            f'<circle cx="{x(s.time):.1f}" cy="{y(s.words_per_minute):.1f}" r="2.5" fill="{ACCENT}"/>'
            for s in samples
        ]
    body += _time_axis(x0, x1, bottom, duration)
    return _svg(bottom + 22, "Speaking pace over time (words per minute)", body)


def filler_timeline(
    fillers: Sequence[Filler], pauses: Sequence[Pause], duration: float, long_pause: float
) -> str:
    """Each filler as a tick with its word, long pauses as shaded blocks, on one time line."""
    x0, x1, mid = 20, WIDTH - 20, 44

    def x(t: float) -> float:
        return x0 + (x1 - x0) * min(t, duration) / duration

    body = [
        f'<line x1="{x0}" y1="{mid}" x2="{x1}" y2="{mid}" stroke="{GRID}" stroke-width="6" '
        f'stroke-linecap="round"/>'
    ]
    for p in pauses:
        if p.duration >= long_pause:
            body.append(
                f'<rect x="{x(p.start):.1f}" y="{mid - 14}" width="{max(2.0, x(p.end) - x(p.start)):.1f}" '
                f'height="28" fill="#cbd5e1" rx="3"><title>pause {p.duration:.1f} s at '
                f"{format_time(p.start)}</title></rect>"
            )
            body.append(
                f'<text x="{x(p.start):.1f}" y="{mid + 26}" fill="{MUTED}">{p.duration:.0f} s pause</text>'
            )
    for i, f in enumerate(fillers):
        xf = x(f.start)
        body.append(
            f'<line x1="{xf:.1f}" y1="{mid - 10}" x2="{xf:.1f}" y2="{mid + 10}" stroke="{WARN}" '
            f'stroke-width="2"/>'
        )
        label_y = mid - 16 - (i % 2) * 12
        body.append(
            f'<text x="{xf:.1f}" y="{label_y}" text-anchor="middle" fill="{WARN}" font-size="10">'
            f"{escape(f.word)}</text>"
        )
    body += _time_axis(x0, x1, mid + 34, duration)
    return _svg(mid + 56, "Fillers and long pauses on the answer's timeline", body)


def star_timeline(markers: Sequence[StarMarker], duration: float) -> str:
    """Where each STAR part begins and how long it runs (until the next part or the end)."""
    x0, x1, top, h = 20, WIDTH - 20, 30, 18

    def x(t: float) -> float:
        return x0 + (x1 - x0) * min(t, duration) / duration

    body = [f'<rect x="{x0}" y="{top}" width="{x1 - x0}" height="{h}" fill="#f1f5f9" rx="4"/>']
    last_label_x = -1000.0
    row = 0
    for i, m in enumerate(markers):
        end = markers[i + 1].start if i + 1 < len(markers) else duration
        colour = STAR_COLOURS.get(m.part.value, MUTED)
        body.append(
            f'<rect x="{x(m.start):.1f}" y="{top}" width="{max(2.0, x(end) - x(m.start)):.1f}" height="{h}" '
            f'fill="{colour}" rx="4"/>'
        )
        row = 1 - row if x(m.start) - last_label_x < 110 else 0  # stagger labels that would overlap
        last_label_x = x(m.start)
        label_y = top - 6 - row * 13
        body.append(
            f'<line x1="{x(m.start):.1f}" y1="{label_y + 2}" x2="{x(m.start):.1f}" y2="{top}" '
            f'stroke="{MUTED}" stroke-width="0.7"/>'
        )
        body.append(
            f'<text x="{x(m.start) + 3:.1f}" y="{label_y}" fill="{INK}">{m.part.value.capitalize()} '
            f"{format_time(m.start)}</text>"
        )
    body += _time_axis(x0, x1, top + h + 4, duration)
    return _svg(top + h + 26, "STAR parts of the answer and when each begins", body)


def _runs(
    timeline: Sequence[CueSample], value: Callable[[CueSample], float | None], duration: float
) -> list[tuple[float, float, float]]:
    """Consecutive one-second samples with the same value (to 0.05) merged into (start, end, value)."""
    runs: list[tuple[float, float, float]] = []
    for s in timeline:
        v = value(s)
        if v is None or s.time >= duration:
            continue
        v = round(v * 20) / 20
        end = min(s.time + 1.0, duration)
        if runs and runs[-1][2] == v and abs(runs[-1][1] - s.time) < 1e-6:
            runs[-1] = (runs[-1][0], end, v)
        else:
            runs.append((s.time, end, v))
    return runs


def body_timeline(timeline: Sequence[CueSample], looking_away: Sequence[LookAway], duration: float) -> str:
    """Two strips, one cell per second: facing the camera (dark = facing) and smiling; look-aways marked."""
    x0, x1 = 96, WIDTH - 12
    rows: list[tuple[str, Callable[[CueSample], float | None], str]] = [
        ("Facing camera", lambda s: s.facing_camera, "47,111,143"),
        ("Smiling", lambda s: s.smiling, "63,143,107"),
    ]
    body: list[str] = []
    cell = (x1 - x0) / max(duration, 1.0)
    for r, (label, value, rgb) in enumerate(rows):
        y = 8 + r * 30
        body.append(f'<text x="{x0 - 8}" y="{y + 15}" text-anchor="end" fill="{INK}">{label}</text>')
        body.append(f'<rect x="{x0}" y="{y}" width="{x1 - x0}" height="22" fill="#f1f5f9"/>')
        for start, end, v in _runs(timeline, value, duration):  # one rect per run: no hairline seams
            body.append(
                f'<rect x="{x0 + start * cell:.1f}" y="{y}" width="{(end - start) * cell:.1f}" height="22" '
                f'fill="rgb({rgb})" fill-opacity="{0.12 + 0.88 * v:.2f}"/>'
            )
    for a in looking_away:
        xa, wa = x0 + a.start * cell, max(2.0, a.duration * cell)
        body.append(f'<rect x="{xa:.1f}" y="66" width="{wa:.1f}" height="8" fill="{WARN}" rx="2"/>')
        body.append(
            f'<text x="{xa:.1f}" y="88" fill="{WARN}" font-size="10">looked away '
            f"{format_time(a.start)}-{format_time(a.end)}</text>"
        )
    body += _time_axis(x0, x1, 96, duration)
    return _svg(118, "Body language per second: facing the camera, smiling, looking away", body)


def score_history(dates: Sequence[str], series: dict[str, list[float | None]], labels: dict[str, str]) -> str:
    """Per-dimension session scores (1-5) across sessions, oldest left, the current session last."""
    x0, x1, top, bottom = 36, WIDTH - 150, 12, 150
    n = len(dates)

    def x(i: int) -> float:
        return x0 + (x1 - x0) * (i / (n - 1) if n > 1 else 0.5)

    def y(v: float) -> float:
        return bottom - (bottom - top) * (v - 1) / 4

    body = []
    for v in range(1, 6):
        body.append(
            f'<line x1="{x0}" y1="{y(v):.1f}" x2="{x1}" y2="{y(v):.1f}" stroke="{GRID}" stroke-width="0.7"/>'
        )
        body.append(f'<text x="{x0 - 8}" y="{y(v) + 4:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>')
    for i, day in enumerate(dates):
        if n <= 8 or i % max(1, n // 8) == 0 or i == n - 1:
            body.append(
                f'<text x="{x(i):.1f}" y="{bottom + 16}" text-anchor="middle" fill="{MUTED}">'
                f"{escape(day[5:])}</text>"
            )
    for row, (key, values) in enumerate(series.items()):
        colour = DIMENSION_COLOURS.get(key, INK)
        pts = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(pts) > 1:
            body.append(
                f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" fill="none" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        body += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>' for a, b in pts]
        ly = top + 6 + row * 18
        body.append(f'<rect x="{x1 + 24}" y="{ly - 8}" width="12" height="4" fill="{colour}"/>')
        body.append(f'<text x="{x1 + 42}" y="{ly - 3}" fill="{INK}">{escape(labels.get(key, key))}</text>')
    return _svg(bottom + 24, "Scores of this and previous sessions (1-5)", body)
