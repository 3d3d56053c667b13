"""How well the follow-up rule (app.analysis.follow_up) probes what the labelled answers really left out.

The labels are those of the content data (benchmarks/data/content/, written for the content judge, not for
this rule): for answers to story questions, the probe a fair interviewer would ask is derived from them:

- ``example`` when the answer is a keyword list or nonsense, or its labelled STAR parts hold neither a
  situation nor an action;
- ``outcome`` when the labels hold an action but no result;
- otherwise no probe of these two (the rule may then ask the "personal" or "measure" probe, or the bank's
  follow-up; those two are read from the words themselves and have no label to compare with).

Off-topic answers are left out (the rule asks nothing after them: the question needs asking again).
The rule's one number (MIN_WORDS) was chosen on the dev split; held_out was looked at while building the
content judge, held_back never was. Run: `uv run python -m benchmarks.bench_follow_up [--json OUT]`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from benchmarks.content_data import LabelledAnswer, bank_questions, load_answers

SPLITS = ("dev", "held_out", "held_back")
LABELLED_PROBES = ("example", "outcome")


def expected_probe(answer: LabelledAnswer) -> str:
    parts = set(answer.star_parts)
    if answer.kind in ("stuffed", "nonsense") or not parts & {"situation", "action"}:
        return "example"
    if "action" in parts and "result" not in parts:
        return "outcome"
    return "other"


def evaluate(split: str) -> dict[str, object]:
    from app.session.typed import analyse_typed_text

    questions = bank_questions()
    rows = []
    for answer in load_answers(split):
        question = questions[answer.question_id]
        if not question.star_expected or answer.kind == "off_topic":
            continue
        analysis = analyse_typed_text(answer.text, question, [])
        chosen = analysis.follow_up
        got = chosen.kind if chosen is not None and chosen.kind in LABELLED_PROBES else "other"
        rows.append((answer.id, expected_probe(answer), got, chosen.kind if chosen else "none"))
    result: dict[str, object] = {"split": split, "answers": len(rows),
                                 "agreement": round(sum(e == g for _, e, g, _ in rows) / len(rows), 3)}
    for probe in LABELLED_PROBES:
        fired = [r for r in rows if r[2] == probe]
        wanted = [r for r in rows if r[1] == probe]
        hits = sum(1 for r in fired if r[1] == probe)
        result[f"{probe}_precision"] = round(hits / len(fired), 3) if fired else None
        result[f"{probe}_recall"] = round(hits / len(wanted), 3) if wanted else None
        result[f"{probe}_support"] = len(wanted)
    result["asked"] = dict(Counter(r[3] for r in rows))
    result["disagreements"] = [f"{i}: expected {e}, asked {k}" for i, e, g, k in rows if e != g]
    return result


def run(quick: bool = False) -> list[dict[str, object]]:
    """Rows for `benchmarks.run`: agreement of the chosen probe with the content data's labels, per split."""
    rows: list[dict[str, object]] = []
    for result in (evaluate(split) for split in SPLITS):
        rows.append({
            "area": "follow-up", "metric": f"probe agrees with the labels ({result['split']})",
            "value": result["agreement"], "unit": "", "target": "", "ok": None,
            "notes": f"{result['answers']} answers; example P/R {result['example_precision']}/"
                     f"{result['example_recall']}, outcome P/R {result['outcome_precision']}/"
                     f"{result['outcome_recall']}",
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--verbose", action="store_true",
                        help="list the answers where the rule and the labels differ")
    args = parser.parse_args()
    results = [evaluate(split) for split in SPLITS]
    header = f"{'split':<10} {'answers':>7} {'agree':>6} {'example P/R':>12} {'outcome P/R':>12}  asked"
    print(header)
    for r in results:
        pr = {p: f"{r[f'{p}_precision']}/{r[f'{p}_recall']}" for p in LABELLED_PROBES}
        print(f"{r['split']:<10} {r['answers']:>7} {r['agreement']:>6} {pr['example']:>12} "
              f"{pr['outcome']:>12}  {r['asked']}")
        if args.verbose:
            for line in r["disagreements"]:  # type: ignore[attr-defined]
                print("   ", line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
