"""The content judge is trained on development data only: benchmarks/train_content.py never opens a
held-back file (held_back.yaml, kept for reference, and held_back_2.yaml, the independent test)."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import content_data, train_content

HELD_BACK_FILES = {content_data.HELD_BACK.resolve(), content_data.HELD_BACK_2.resolve()}
_opened: list[Path] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | Path):
        _opened.append(Path(args[0]).resolve())


sys.addaudithook(_audit)


def test_training_reads_no_held_back_answers() -> None:
    global _opened
    _opened = []
    try:
        answers = train_content.development_answers()
        corpora = train_content._rows(train_content.CORPUS) + train_content._rows(train_content.REAL_CORPUS)
    finally:
        opened, _opened = _opened, None
    assert answers and corpora
    assert content_data.DATA.resolve() in opened  # the audit saw the development file being read
    assert HELD_BACK_FILES.isdisjoint(opened)
    assert {answer.split for answer in answers} <= {"dev", "held_out"}
    held_back_ids = {a.id for split in ("held_back", "held_back_2") for a in content_data.load_answers(split)}
    assert held_back_ids and held_back_ids.isdisjoint({answer.id for answer in answers})


def test_training_code_names_no_held_back_file() -> None:
    source = Path(train_content.__file__).read_text(encoding="utf-8")
    assert "HELD_BACK" not in source and "held_back_2" not in source
    assert 'load_answers("held_back' not in source
