"""The labelled content data (benchmarks/data/content/) and how the judge is measured on it.

Three files: answers.yaml (splits `dev` and `held_out`; both are development data since the second set was
written, because `held_out` was looked at while diagnosing the judge), held_back.yaml (split `held_back`:
development data too since the third set was written) and held_back_2.yaml (split `held_back_2`: written
by someone who never saw the judge, committed before the judge ever ran on it; the independent test, read
only by `benchmarks.bench_content --final`). Shared by benchmarks/train_content.py (which tunes on
answers.yaml only) and benchmarks/bench_content.py (which reports on them). Answers are judged as typed
text through the same path as `mock-interview analyze --text`, so the figures are those of the app.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.core.questions import Question

DATA = Path(__file__).resolve().parent / "data" / "content" / "answers.yaml"
HELD_BACK = DATA.with_name("held_back.yaml")
HELD_BACK_2 = DATA.with_name("held_back_2.yaml")
FILES = {"held_back": HELD_BACK, "held_back_2": HELD_BACK_2}
NOT_ANSWERS = ("stuffed", "nonsense", "off_topic")
STAR_PARTS = ("situation", "task", "action", "result")


@dataclass
class LabelledAnswer:
    id: str
    question_id: str
    kind: str
    split: str
    grade: int
    covered_points: list[int]
    star_parts: list[str]
    text: str
    base_kind: str = ""

    @property
    def is_answer(self) -> bool:
        return self.kind not in NOT_ANSWERS


def load_answers(split: str | None = None) -> list[LabelledAnswer]:
    """The labelled answers of `split` (dev, held_out, held_back or held_back_2), or of answers.yaml when
    None. Each held-back split has a file of its own; dev and held_out share answers.yaml."""
    path = FILES.get(split or "", DATA)
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers = [
        LabelledAnswer(
            id=r["id"], question_id=r["question_id"], kind=r["kind"], split=r["split"], grade=int(r["grade"]),
            covered_points=list(r.get("covered_points") or []), star_parts=list(r.get("star_parts") or []),
            text=r["text"], base_kind=r.get("base_kind", ""),
        )
        for r in rows
    ]
    return [a for a in answers if split is None or a.split == split]


def bank_questions() -> dict[str, Question]:
    from app.banks.loader import load_all_banks

    library = load_all_banks()
    return {q.id: q for bank in library.banks for q in bank.questions}


@dataclass
class Figures:
    """How the judge did on a set of labelled answers."""

    point_tp: int = 0
    point_fp: int = 0
    point_fn: int = 0
    star_tp: int = 0
    star_fp: int = 0
    star_fn: int = 0
    scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    by_question: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    answer_correct: int = 0
    answers: int = 0

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def points(self) -> tuple[float, float, float]:
        return self._f1(self.point_tp, self.point_fp, self.point_fn)

    @property
    def star(self) -> tuple[float, float, float]:
        return self._f1(self.star_tp, self.star_fp, self.star_fn)

    def mean_score(self, kind: str) -> float | None:
        values = self.scores.get(kind) or []
        return round(statistics.fmean(values), 2) if values else None

    def ranking(self) -> tuple[int, int]:
        """(questions ranked strong > partial > stuffed and nonsense, questions with all four kinds)."""
        good = total = 0
        for kinds in self.by_question.values():
            if not all(k in kinds for k in ("strong", "partial", "stuffed", "nonsense")):
                continue
            total += 1
            good += kinds["strong"] > kinds["partial"] > max(kinds["stuffed"], kinds["nonsense"])
        return good, total


def evaluate(answers: list[LabelledAnswer], questions: dict[str, Question]) -> Figures:
    """Judge every answer through the app's typed-answer path and compare with the labels."""
    from app.session.typed import analyse_typed_text

    figures = Figures()
    for answer in answers:
        question = questions[answer.question_id]
        analysis = analyse_typed_text(answer.text, question)
        content = analysis.content
        assert content is not None
        covered = {i for i, p in enumerate(content.talking_points) if p.covered}
        truth = set(answer.covered_points)
        figures.point_tp += len(covered & truth)
        figures.point_fp += len(covered - truth)
        figures.point_fn += len(truth - covered)
        if question.star_expected:
            found = {m.part.value for m in content.star_parts}
            wanted = set(answer.star_parts)
            figures.star_tp += len(found & wanted)
            figures.star_fp += len(found - wanted)
            figures.star_fn += len(wanted - found)
        score = analysis.scores.content.score if analysis.scores else None
        value = float(score) if score is not None else 1.0
        kind = answer.kind
        figures.scores[kind].append(value)
        if answer.kind != "spoken":
            figures.by_question[answer.question_id][kind] = value
        figures.answers += 1
        figures.answer_correct += (content.substance.value == "answer") == answer.is_answer
    return figures


def table(name: str, figures: Figures) -> list[tuple[str, str]]:
    p, r, f = figures.points
    sp, sr, sf = figures.star
    good, total = figures.ranking()
    rows = [
        (f"{name}: talking points P/R/F1", f"{p:.2f} / {r:.2f} / {f:.2f}"),
        (f"{name}: STAR parts P/R/F1", f"{sp:.2f} / {sr:.2f} / {sf:.2f}"),
        (f"{name}: questions ranked strong > partial > stuffed, nonsense", f"{good} of {total}"),
        (f"{name}: answer / not an answer correct", f"{figures.answer_correct} of {figures.answers}"),
    ]
    for kind in ("strong", "partial", "spoken", "rambling", "off_topic", "stuffed", "nonsense"):
        rows.append((f"{name}: mean content score, {kind}", str(figures.mean_score(kind))))
    return rows
