"""The README's benchmark figures come from the committed results file, not from someone's typing."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import figures

REPO = Path(__file__).resolve().parents[2]


def _stored() -> dict:
    return json.loads(figures.FIGURES.read_text())


def test_readme_table_is_generated_from_the_committed_results_file() -> None:
    readme = (REPO / "README.md").read_text()
    assert figures.updated_readme(readme, _stored()) == readme, (
        "README.md's benchmark table differs from benchmarks/figures.json: run `uv run python -m benchmarks.figures`"
    )


def test_every_area_names_its_machine_and_every_timed_row_has_a_baseline_from_its_run() -> None:
    stored = _stored()
    assert stored["areas"], "benchmarks/figures.json holds no results"
    for name, area in stored["areas"].items():
        assert area["machine"]["cpu"] and area["machine"]["cores"], name
        assert len(area["created"]) >= 8, name
        for row in area["rows"]:
            if figures.is_work_time(row):
                assert row.get("baseline", {}).get("value"), f"{name}: {row['metric']} has no baseline"
            elif row.get("unit") == "s":  # an accuracy in seconds (a time error) is no speed: no ratio
                assert "baseline" not in row, f"{name}: {row['metric']} is not a speed row"


def test_rows_that_miss_their_target_say_no_in_the_readme() -> None:
    table = figures.render(_stored())
    for area in _stored()["areas"].values():
        for row in area["rows"]:
            line = next(
                line for line in table.splitlines() if f"| {row['metric'].replace('|', '/')} |" in line
            )
            assert line.endswith({True: "| yes |", False: "| **NO** |", None: "| — |"}[row.get("ok")]), line


def test_recording_one_area_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "figures.json"
    machine = {"cpu": "Test CPU", "cores": 2, "memory_gb": 4.0, "os": "Linux", "python": "3.12.1"}

    def run(created: str, area: str, value: float) -> dict:
        row = {
            "area": area,
            "metric": f"{area} time",
            "value": value,
            "unit": "s",
            "target": "<= 1 s",
            "ok": value <= 1,
            "notes": "",
        }
        return {
            "created": created,
            "quick": False,
            "machine": machine,
            "results": figures.with_baselines([row], 0.5),
        }

    figures.record(run("20261129T100000Z", "speech", 0.4), path)
    figures.record(run("20261129T110000Z", "vision", 2.0), path)
    figures.record(run("20261129T120000Z", "speech", 0.3), path)
    stored = json.loads(path.read_text())
    assert list(stored["areas"]) == ["speech", "vision"]
    assert stored["areas"]["speech"]["rows"][0]["value"] == 0.3
    assert stored["areas"]["vision"]["created"] == "20261129T110000Z"
    table = figures.render(stored)
    assert "| vision | vision time | 2 s | 4.00x the reference workload (0.5 s) | <= 1 s | **NO** |" in table
    assert "Test CPU" in table
