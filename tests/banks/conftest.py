"""Fixtures for the question-bank tests: a good user bank to load beside broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MALFORMED = HERE / "malformed"
POSTINGS = HERE / "postings"

GOOD_BANK = """\
format: 1
id: good-user-bank
title: My good bank
track: consulting
licence: CC-BY-4.0
questions:
  - id: good-user-q1
    text: Tell me about a time a client rejected your recommendation.
    category: behavioral
    competency: influence
    difficulty: hard
    target_seconds: 120
    star_expected: true
    talking_points: [The recommendation, The objection, What changed their mind]
    key_terms: [client, recommendation, evidence]
"""


@pytest.fixture
def user_banks(app_home: Path) -> Path:
    """The user's bank folder (inside the private test home), holding one valid bank."""
    from app.platform.paths import app_paths

    folder = app_paths().user_banks
    folder.mkdir(parents=True)
    (folder / "good-user-bank.yaml").write_text(GOOD_BANK, encoding="utf-8")
    return folder
