"""Content benchmark: the numpy all-MiniLM-L6-v2 sentence encoder (app/analysis/encoder.py).

    uv run python -m benchmarks.bench_content [--quick] [--accuracy] [--final]
    uv run python -m benchmarks.run --only content

--final adds the independent test set (benchmarks/data/content/held_back_2.yaml); nothing else judges it.

Rows: model load time in a fresh process (first start, which hashes the weights, and later starts, which
find the verification record), the process memory the model adds, and the time to encode what judging a
2-minute answer needs: its ~20 sentences (~300 words) plus ~40 talking-point texts, with nothing cached
and with the talking points cached from an earlier answer. Targets from issue 13: load <= 1 s, judging a
2-minute answer <= 1 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from app.analysis.encoder import BLAS_THREADS, DIM, SentenceEncoder

AREA = "content"
REPO = Path(__file__).resolve().parent.parent

# A 2-minute spoken answer: 20 sentences, ~300 words.
ANSWER_SENTENCES = [
    "At my last job I was the lead developer on a billing system that about forty thousand customers used.",
    "Two months before a big release our payment provider announced that it would retire the old interface.",
    "That meant we had to move every payment flow to the new interface without slipping the release date.",
    "My task was to plan the migration and keep the team focused on the features we had promised.",
    "First I listed every place in the code that talked to the provider, eleven modules in all.",
    "Then I ranked them by risk, starting with refunds because mistakes there cost customers real money.",
    "I paired each risky module with one developer and one tester so nobody worked alone on the hard parts.",
    "We wrote contract tests against the provider's sandbox before touching any production code.",
    "Every morning we spent ten minutes on a short call to see which modules were blocked and why.",
    "When the refund module slipped by a week, I moved two people from the reporting work to help.",
    "I also told our product manager early, so she could warn the sales team about a smaller report change.",
    "Halfway through we found that the sandbox behaved differently from production for partial refunds.",
    "So I arranged a call with the provider's engineers, and they confirmed the difference in writing.",
    "We added a feature flag so we could switch each flow back to the old interface within minutes.",
    "In the last week we moved traffic over in steps, ten percent, then half, then everything.",
    "As a result we finished the migration four days before the deadline with no failed payments.",
    "Support tickets about payments actually fell by about a third in the month after the switch.",
    "The release itself went out on time, with every feature we had promised.",
    "What I learned is that telling people about a slip early buys far more goodwill than hiding it.",
    "If I did it again, I would ask for the provider's engineers on the first day instead of halfway.",
]

# Talking points of a few questions, each as a coaching note and example phrasings (~40 texts).
TALKING_POINTS = [
    "Describes the situation and why it mattered to the business.",
    "The stakes were high because customers depended on the system.",
    "We had a hard deadline that could not move.",
    "States their own task or responsibility clearly.",
    "I was responsible for planning the work.",
    "My job was to lead the team through the change.",
    "Explains the concrete actions they personally took.",
    "I broke the work into smaller pieces and ranked them by risk.",
    "I set up a short daily meeting to unblock people.",
    "Shows how they dealt with a setback or surprise.",
    "When something went wrong I changed the plan quickly.",
    "We found a problem late and had to adapt.",
    "Mentions communicating with stakeholders.",
    "I kept my manager and the other teams informed.",
    "I told the product owner about the delay early.",
    "Gives a measurable result.",
    "We finished ahead of schedule.",
    "Errors dropped by a large percentage.",
    "Customer complaints went down after the change.",
    "Reflects on what they learned.",
    "Looking back, I would do one thing differently.",
    "The lesson I took from this was to ask for help sooner.",
    "Talks about working with a difficult colleague.",
    "I disagreed with a teammate about the approach.",
    "We sat down together to understand each other's concerns.",
    "Explains why they want this role.",
    "This position matches the skills I have built over the years.",
    "I am excited about the company's mission.",
    "Describes a time they showed leadership without authority.",
    "I convinced the team to try a new process even though I was not the manager.",
    "Handles pressure calmly.",
    "When the pressure rose I focused on what I could control.",
    "Prioritises work by impact.",
    "I worked on the most important tasks first.",
    "Uses data to make decisions.",
    "I looked at the numbers before choosing an option.",
    "Takes ownership of a mistake.",
    "I made an error and owned up to it straight away.",
    "Follows through until the work is done.",
    "I stayed with the project until it was delivered.",
]

_LOAD_SCRIPT = r"""
import json, resource, sys, time
import numpy
import psutil
process = psutil.Process()
rss_before = process.memory_info().rss
started = time.perf_counter()
from app.analysis.encoder import SentenceEncoder
encoder = SentenceEncoder.load()
load_s = time.perf_counter() - started
rss_loaded = process.memory_info().rss
texts = json.loads(sys.stdin.read())
encoder.encode(texts)
rss_encoded = process.memory_info().rss
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"load_s": load_s, "rss_before": rss_before, "rss_loaded": rss_loaded,
                  "rss_encoded": rss_encoded, "peak": peak}))
"""


def _row(
    metric: str, value: float, unit: str, target: str, ok: bool | None, notes: str = ""
) -> dict[str, Any]:
    return {
        "area": AREA,
        "metric": metric,
        "value": round(float(value), 4),
        "unit": unit,
        "target": target,
        "ok": ok,
        "notes": notes,
    }


def _load_in_fresh_process(home: Path) -> dict[str, float]:
    env = dict(os.environ, MOCK_INTERVIEW_HOME=str(home))
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT], input=json.dumps(ANSWER_SENTENCES + TALKING_POINTS),
        capture_output=True, text=True, cwd=REPO, env=env, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"encoder load failed in a subprocess: {result.stderr[-500:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def bench_load(quick: bool) -> list[dict[str, Any]]:
    runs = 2 if quick else 5
    with tempfile.TemporaryDirectory(prefix="bench_content_") as tmp:
        first = _load_in_fresh_process(Path(tmp))  # no verification record yet: hashes the 91 MB file
        later = [_load_in_fresh_process(Path(tmp)) for _ in range(runs)]
    load_s = statistics.median(r["load_s"] for r in later)
    mb = 2**20
    added = statistics.median((r["rss_loaded"] - r["rss_before"]) / mb for r in later)
    after_encode = statistics.median((r["rss_encoded"] - r["rss_before"]) / mb for r in later)
    peak = statistics.median((r["peak"] - r["rss_before"]) / mb for r in later)
    return [
        _row("model load, first start (import + load + sha256 of the weights)", first["load_s"], "s", "<= 1",
             first["load_s"] <= 1.0, "fresh process, no verification record yet"),
        _row("model load (fresh process, import + load)", load_s, "s", "<= 1", load_s <= 1.0,
             f"median of {runs} fresh processes; verification record found, small files re-hashed"),
        _row("RSS added by loading the model", added, "MB", "", None,
             f"after encoding 60 texts: +{after_encode:.0f} MB; peak during load: +{peak:.0f} MB "
             "(the file is read whole, then parsed)"),
    ]


def bench_encode(quick: bool) -> list[dict[str, Any]]:
    encoder = SentenceEncoder.load()
    texts = ANSWER_SENTENCES + TALKING_POINTS
    tokens = sum(len(e.ids) for e in encoder._tokenizer.encode_batch(texts))
    words = sum(len(s.split()) for s in ANSWER_SENTENCES)
    runs = 3 if quick else 7
    encoder.encode(["warm up the BLAS threads."])

    cold: list[float] = []
    for _ in range(runs):
        encoder.clear_cache()
        started = time.perf_counter()
        encoder.encode(texts)
        cold.append(time.perf_counter() - started)

    warm: list[float] = []
    for run in range(runs):
        encoder.clear_cache()
        encoder.encode(TALKING_POINTS)  # as after an earlier answer to the same questions
        answer = [f"{sentence} ({run})" for sentence in ANSWER_SENTENCES]  # new text, not cached
        started = time.perf_counter()
        encoder.encode(answer + TALKING_POINTS)
        warm.append(time.perf_counter() - started)

    single: list[float] = []
    for _ in range(runs):
        encoder.clear_cache()
        started = time.perf_counter()
        encoder.encode([ANSWER_SENTENCES[0]])
        single.append(time.perf_counter() - started)

    # Baseline on this machine: the model's matrix products alone (same shapes, same BLAS threads), so the
    # encode time can be read as a ratio that carries across machines.
    rng = np.random.default_rng(0)
    shapes = [(DIM, 3 * DIM), (DIM, DIM), (DIM, 4 * DIM), (4 * DIM, DIM)]
    weights = [rng.standard_normal(shape).astype(np.float32) for shape in shapes]
    x = rng.standard_normal((tokens, DIM)).astype(np.float32)
    x4 = rng.standard_normal((tokens, 4 * DIM)).astype(np.float32)
    gemm: list[float] = []
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        for _ in range(runs):
            started = time.perf_counter()
            for _layer in range(6):
                for weight in weights:
                    (x4 if weight.shape[0] == 4 * DIM else x) @ weight
            gemm.append(time.perf_counter() - started)

    cold_s, warm_s, gemm_s = statistics.median(cold), statistics.median(warm), statistics.median(gemm)
    inputs = (
        f"{len(ANSWER_SENTENCES)} answer sentences ({words} words) + {len(TALKING_POINTS)} "
        f"talking-point texts = {tokens} tokens"
    )
    return [
        _row("encode a 2-minute answer + talking points, nothing cached", cold_s, "s", "<= 1", cold_s <= 1.0,
             f"{inputs}; median of {runs}; {tokens / cold_s:.0f} tokens/s"),
        _row("encode a 2-minute answer, talking points cached", warm_s, "s", "<= 1", warm_s <= 1.0,
             f"median of {runs}"),
        _row("encode one sentence", statistics.median(single), "s", "", None,
             f"{len(ANSWER_SENTENCES[0].split())} words; median of {runs}"),
        _row("nothing-cached encode / its matrix products alone", cold_s / gemm_s, "x", "", None,
             f"baseline: the 24 weight products for {tokens} tokens took {gemm_s:.3f} s "
             f"({2 * tokens * 6 * 12 * DIM * DIM / gemm_s / 1e9:.0f} GFLOP/s); BLAS threads {BLAS_THREADS}"),
    ]


def bench_judging(quick: bool) -> list[dict[str, Any]]:
    """The whole content analysis of a 2-minute spoken answer (judge + wording rules), model loaded."""
    from app.analysis.content import analyze_content
    from app.analysis.encoder import shared_encoder
    from app.core.questions import Category, Question
    from app.core.transcript import Transcript, Word

    words, clock = [], 0.0
    for sentence in ANSWER_SENTENCES:
        for text in sentence.split():
            words.append(Word(text, clock, clock + 0.3))
            clock += 0.4
    transcript = Transcript(words=words)
    question = Question(
        id="bench", text="Tell me about a project that was at risk. What did you do?",
        category=Category.BEHAVIORAL, competency="delivery", star_expected=True, target_seconds=120,
        talking_points=TALKING_POINTS[:5],
        point_examples=[TALKING_POINTS[5 + 3 * i : 8 + 3 * i] for i in range(5)],
        key_terms=["deadline", "risk", "plan"],
    )
    analyze_content(transcript, question)  # loads the judge's model file
    cold, warm = [], []
    for _ in range(2 if quick else 5):
        shared_encoder().clear_cache()
        started = time.perf_counter()
        analyze_content(transcript, question)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        analyze_content(transcript, question)
        warm.append(time.perf_counter() - started)
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    return [
        _row("judge a 2-minute answer (content analysis, nothing cached)", cold_s, "s", "<= 1", cold_s <= 1.0,
             f"{len(words)} words, {len(ANSWER_SENTENCES)} sentences, 5 points x 4 texts"),
        _row("judge a 2-minute answer (question's texts cached)", warm_s, "s", "<= 1", warm_s <= 1.0),
    ]


# The labelled sets, as reported. held_back_2 (written by someone who never saw the judge) carries the
# targets of issue 13 and is the independent test: it is judged only with --final (never by default, never
# by benchmarks.run), so nobody tunes on its figures. The older sets have been looked at while improving
# the judge, so they are labelled as seen.
FINAL_SPLIT = ("held_back_2", "held-back 2 (independent, never seen)", True)
SPLITS = (
    ("held_back", "old held-back (seen, tuned on)", False),
    ("held_out", "old held-out (seen, tuned on)", False),
    ("dev", "dev (tuned on)", False),
)


def bench_accuracy(final: bool = False) -> list[dict[str, Any]]:
    """Figures on the labelled answers (benchmarks/data/content): the seen sets, and with `final` the
    independent held_back_2 set as well (first, with the targets)."""
    from benchmarks.content_data import bank_questions, evaluate, load_answers

    questions = bank_questions()
    rows: list[dict[str, Any]] = []
    for key, split, targeted in ((FINAL_SPLIT,) if final else ()) + SPLITS:
        answers = load_answers(key)
        figures = evaluate(answers, questions)
        n = f"{len(answers)} answers, {len({a.question_id for a in answers})} questions"
        _p, _r, f1 = figures.points
        _sp, _sr, star_f1 = figures.star
        good, total = figures.ranking()
        strong = figures.mean_score("strong") or 0.0
        bad = max(figures.mean_score("stuffed") or 5.0, figures.mean_score("nonsense") or 5.0)

        def target(text: str, ok: bool, targeted: bool = targeted) -> tuple[str, bool | None]:
            return (text, ok) if targeted else ("", None)

        p, r, _ = figures.points
        sp, sr, _ = figures.star
        rows += [
            _row(f"{split}: talking-point F1", f1, "", *target(">= 0.80", f1 >= 0.80),
                 f"P {p:.2f} R {r:.2f}; {n}"),
            _row(f"{split}: STAR-part F1", star_f1, "", *target(">= 0.85", star_f1 >= 0.85),
                 f"P {sp:.2f} R {sr:.2f}"),
            _row(f"{split}: questions ranked strong > partial > stuffed, nonsense", good / max(1, total), "",
                 *target("1.0", good == total), f"{good} of {total}"),
            _row(f"{split}: mean content score, strong", strong, "/5", *target(">= 4.0", strong >= 4.0)),
            _row(f"{split}: mean content score, worst of stuffed and nonsense", bad, "/5",
                 *target("<= 2.0", bad <= 2.0)),
        ]
        for kind in ("partial", "spoken", "rambling", "off_topic", "stuffed", "nonsense"):
            value = figures.mean_score(kind)
            if value is not None:
                rows.append(_row(f"{split}: mean content score, {kind}", value, "/5", "", None))
    return rows


def run(quick: bool = False, final: bool = False) -> list[dict[str, Any]]:
    """Every row; the independent held_back_2 set only with `final` (benchmarks.run never passes it)."""
    return bench_load(quick) + bench_encode(quick) + bench_judging(quick) + bench_accuracy(final)


def _print(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(f"{row['metric']:<70} {row['value']!s:>10} {row['unit']:<3} target {row['target']:<6} "
              f"ok={row['ok']}  {row['notes']}")


if __name__ == "__main__":
    # --accuracy: only the figures on the labelled answers (no timing runs); --final: also the independent
    # held_back_2 set (run it once, at the end: its figures must not steer the judge).
    final = "--final" in sys.argv
    quick = "--quick" in sys.argv
    _print(bench_accuracy(final) if "--accuracy" in sys.argv else run(quick=quick, final=final))
