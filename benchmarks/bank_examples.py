"""Bank check: do a bank's example phrasings let the content judge recognise a talking point said in
words the bank does not hold?

    uv run python -m benchmarks.bank_examples [--quick] [--banks hr-recruiting project-management ...]

(A diagnostic for bank writers, not one of the timed bench_* benchmarks: ~25 s of CPU per bank.)

Leave one out: for each question and each example index k, the k-th phrasing of every talking point is
removed from the question, and an answer is made of those removed sentences for every point but one
(the point skipped turns with k). The judge (app.analysis.judge, as shipped) then reads the typed answer.
A point said in the answer and marked covered is a hit; the skipped point marked covered is a false alarm.
The held-out sentences were written with the banks, before this was run, and were not edited after it.
Per bank: recall of the points said, and the share of skipped points wrongly marked covered; compare a
new bank with the original ones (nursing, core), which the judge's thresholds were not fitted to either.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from app.banks import load_all_banks
from app.core.questions import Question, QuestionBank

DEFAULT_BANKS = ("hr-recruiting", "project-management", "nursing", "core")


def held_out_cases(question: Question) -> list[tuple[Question, str, list[bool]]]:
    """(question without the held-out phrasings, the answer, which points the answer says)."""
    points = len(question.talking_points)
    depth = min((len(examples) for examples in question.point_examples), default=0)
    if points < 2 or depth < 2:
        return []
    cases = []
    for k in range(depth):
        kept = [[e for i, e in enumerate(examples) if i != k] for examples in question.point_examples]
        reduced = dataclasses.replace(question, point_examples=kept)
        skipped = k % points
        said = [index != skipped for index in range(points)]
        answer = " ".join(question.point_examples[i][k] for i in range(points) if said[i])
        cases.append((reduced, answer, said))
    return cases


def score_bank(bank: QuestionBank, limit: int | None = None) -> dict[str, Any]:
    from app.analysis.judge import judge_answer
    from app.session.typed import typed_transcript

    hits = said_total = false_alarms = skipped_total = answers = not_answers = 0
    for question in bank.questions[:limit]:
        for reduced, answer, said in held_out_cases(question):
            judgement = judge_answer(reduced, typed_transcript(answer))
            answers += 1
            not_answers += judgement.substance.value != "answer"
            for point, was_said in zip(judgement.points, said, strict=True):
                if was_said:
                    said_total += 1
                    hits += point.covered
                else:
                    skipped_total += 1
                    false_alarms += point.covered
    return {
        "bank": bank.id,
        "answers": answers,
        "recall": hits / said_total if said_total else None,
        "false_alarm": false_alarms / skipped_total if skipped_total else None,
        "not_read_as_answer": not_answers,
    }


def run(quick: bool = False, banks: tuple[str, ...] = DEFAULT_BANKS) -> list[dict[str, Any]]:
    library = load_all_banks()
    results = []
    for bank_id in banks:
        bank = library.bank(bank_id)
        if bank is None:
            raise SystemExit(f"No bank with the id {bank_id!r}; `mock-interview banks list` shows the ids.")
        results.append(score_bank(bank, limit=4 if quick else None))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first four questions of each bank")
    parser.add_argument("--banks", nargs="*", default=list(DEFAULT_BANKS), help="bank ids to score")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = run(args.quick, tuple(args.banks))
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{'bank':<24} {'answers':>7} {'recall':>7} {'false alarm':>12} {'not an answer':>14}")
    for r in results:
        print(
            f"{r['bank']:<24} {r['answers']:>7} {r['recall']:>7.3f} {r['false_alarm']:>12.3f} "
            f"{r['not_read_as_answer']:>14}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
