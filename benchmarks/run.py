"""Run every benchmark (benchmarks/bench_*.py), print one table, save the results as JSON.

    uv run python -m benchmarks.run            # full run
    uv run python -m benchmarks.run --quick    # shorter inputs, for a smoke check
    uv run python -m benchmarks.run --only speech vision
    uv run python -m benchmarks.run --record   # also store the rows in benchmarks/figures.json (README table)

Each bench module exposes `run(quick: bool = False) -> list[dict]` with rows
{"area", "metric", "value", "unit", "target", "ok", "notes"}. Results go to benchmarks/results/ with the
machine's description, so runs can be compared over time.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import figures

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def machine() -> dict[str, object]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        import psutil

        memory_gb = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def discover(only: list[str] | None) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if only:
        names = [name for name in names if name.removeprefix("bench_") in only]
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="shorter inputs")
    parser.add_argument("--only", nargs="*", help="areas to run, e.g. speech vision")
    parser.add_argument("--output", type=Path, help="JSON file to write (default: benchmarks/results/<time>.json)")
    parser.add_argument("--record", action="store_true",
                        help="store the rows of the areas that ran in benchmarks/figures.json (the README's table)")
    args = parser.parse_args(argv)

    console = Console() if sys.stdout.isatty() else Console(width=220)
    info = machine()
    console.print(f"[bold]Machine:[/] {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, "
                  f"{info['os']}, Python {info['python']}")
    reference_s = figures.reference_workload()
    console.print(f"[bold]Reference workload:[/] {reference_s:.3f} s (baseline for timed rows without their own)")
    rows: list[dict[str, object]] = []
    failures = 0
    for name in discover(args.only):
        started = time.perf_counter()
        console.print(f"running {name} ...")
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            rows.extend(module.run(quick=args.quick))
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            failures += 1
            rows.append({"area": name.removeprefix("bench_"), "metric": "benchmark failed", "value": None,
                         "unit": "", "target": "", "ok": False, "notes": traceback.format_exc(limit=3)[-300:]})
        console.print(f"  {name} took {time.perf_counter() - started:.0f} s")

    rows = figures.with_baselines(rows, reference_s)  # type: ignore[arg-type]
    table = Table(title="Mock Interview Coach benchmarks" + (" (quick)" if args.quick else ""))
    for column in ("area", "metric", "value", "unit", "baseline ratio", "target", "ok", "notes"):
        table.add_column(column, overflow="fold")
    for row in rows:
        value = row.get("value")
        shown = f"{value:.3g}" if isinstance(value, float) else str(value)
        ok = {True: "[green]yes[/]", False: "[red]NO[/]", None: "-"}[row.get("ok")]  # type: ignore[index]
        table.add_row(str(row.get("area")), str(row.get("metric")), shown, str(row.get("unit", "")),
                      figures.ratio_text(row), str(row.get("target", "")), ok, str(row.get("notes", "")))
    console.print(table)

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output = args.output or RESULTS / f"{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    payload = {"created": stamp, "quick": args.quick, "machine": info, "reference_s": reference_s, "results": rows}
    output.write_text(json.dumps(payload, indent=2, default=str))
    (output.parent / "latest.json").write_text(json.dumps(payload, indent=2, default=str))
    console.print(f"saved {output}")
    if args.record:
        figures.record(payload)
        console.print(f"recorded in {figures.FIGURES}; now run `uv run python -m benchmarks.figures`")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
