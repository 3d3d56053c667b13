"""The content judge is trained on development data only: benchmarks/train_content.py never opens the
independent test set (held_back_2.yaml); answers.yaml and the first held-back set are development data."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import content_data, train_content

INDEPENDENT = content_data.HELD_BACK_2.resolve()
_opened: list[Path] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | Path):
        _opened.append(Path(args[0]).resolve())


sys.addaudithook(_audit)


def test_training_reads_no_independent_answers() -> None:
    global _opened
    _opened = []
    try:
        answers = train_content.development_answers()
        corpora = train_content._rows(train_content.CORPUS) + train_content._rows(train_content.REAL_CORPUS)
    finally:
        opened, _opened = _opened, None
    assert answers and corpora
    assert content_data.DATA.resolve() in opened  # the audit saw the development file being read
    assert INDEPENDENT not in opened
    assert {answer.split for answer in answers} <= {"dev", "held_out", "held_back"}
    independent_ids = {a.id for a in content_data.load_answers("held_back_2")}
    assert independent_ids and independent_ids.isdisjoint({answer.id for answer in answers})


def test_training_code_names_no_independent_file() -> None:
    source = Path(train_content.__file__).read_text(encoding="utf-8")
    assert "HELD_BACK_2" not in source and "held_back_2" not in source
