"""Garbage in never crashes: the bank loader and the session import either load or explain, nothing else."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.banks.loader import parse_bank_text
from app.core.errors import BankFormatError, StorageError
from app.platform.paths import bundled_banks_dir
from app.storage.database import Database
from app.storage.exchange import import_session

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CORE_BANK = (bundled_banks_dir() / "core.yaml").read_text(encoding="utf-8")

# Values of every kind YAML can carry, nested.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _check_bank(text: str) -> None:
    parsed = parse_bank_text(text, "fuzz.yaml")
    assert all(isinstance(problem, BankFormatError) for problem in parsed.problems)
    for problem in parsed.problems:
        assert problem.message.startswith("fuzz.yaml")  # every message names the file
    if parsed.bank is not None:
        for question in parsed.bank.questions:
            assert question.text.strip() and 3 <= len(question.talking_points) <= 6


@FUZZ
@given(st.text(max_size=400))
def test_any_text_is_loaded_or_explained(text: str) -> None:
    _check_bank(text)


@FUZZ
@given(json_values)
def test_any_yaml_document_is_loaded_or_explained(document: object) -> None:
    _check_bank(yaml.safe_dump(document))


@FUZZ
@given(st.integers(0, len(CORE_BANK) - 1), st.integers(1, 40), st.text(max_size=20))
def test_a_damaged_real_bank_is_loaded_or_explained(at: int, cut: int, insert: str) -> None:
    _check_bank(CORE_BANK[:at] + insert + CORE_BANK[at + cut :])


@FUZZ
@given(field=st.sampled_from(["text", "category", "competency", "difficulty", "target_seconds", "star_expected",
                              "talking_points", "key_terms", "follow_ups", "id"]),
       value=json_values)
def test_any_value_in_any_question_field_is_loaded_or_explained(field: str, value: object) -> None:
    bank = yaml.safe_load(CORE_BANK)
    bank["questions"][0][field] = value
    _check_bank(yaml.safe_dump(bank))


session_like = st.fixed_dictionaries(
    {"format": st.sampled_from(["mock-interview-session", "other"]), "version": st.sampled_from([1, 2, "1"]),
     "session": st.fixed_dictionaries({
         "id": json_values, "title": json_values, "created_at": json_values, "status": json_values,
         "answers": st.lists(st.fixed_dictionaries({
             "id": json_values, "session_id": json_values, "position": json_values,
             "question": st.fixed_dictionaries({"id": json_values, "text": json_values,
                                                "category": json_values, "competency": json_values}),
             "status": json_values, "analysis": json_values, "self_rating": json_values,
         }), max_size=2)})}
)


@FUZZ
@given(payload=st.one_of(session_like, json_values), raw=st.binary(max_size=64))
def test_session_import_never_crashes_or_half_imports(tmp_path_factory, payload: object, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzz")
    archive = Path(folder) / "session.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("session.json", json.dumps(payload, default=str) if raw[:1] != b"\x00" else raw)
        if raw:
            out.writestr("media/x.mp4", raw)
    with Database.open() as database:
        before = len(database.list_sessions())
        try:
            session = import_session(database, archive)
        except StorageError as error:
            assert "Nothing was changed" in error.advice
            assert len(database.list_sessions()) == before
        else:
            assert database.load_session(session.id).title == session.title
        assert database.integrity_check() == "ok"
