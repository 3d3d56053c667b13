"""Tailoring to three realistic postings picks the questions a person preparing for that job would pick."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.banks import load_all_banks
from app.banks.tailoring import extract_terms, stem, tailor
from app.cli import main as cli_main
from app.core.questions import Category

POSTINGS = Path(__file__).resolve().parent / "postings"


def _tailor(name: str, count: int = 8):  # type: ignore[no-untyped-def]
    return tailor((POSTINGS / name).read_text(encoding="utf-8"), load_all_banks().questions(), count=count)


def test_nurse_posting() -> None:
    result = _tailor("nurse.txt")
    assert result.track == "nursing"
    for term in (
        "registered nurse",
        "patient safety",
        "deteriorating patient",
        "early warning score",
        "handover",
        "medication administration",
        "safeguarding",
        "multidisciplinary team",
    ):
        assert term in result.term_names
    assert "sql" not in result.term_names
    assert result.tracks == ["nursing"]
    assert {q.track for q in result.questions} <= {"nursing", "core", "posting"}
    assert sum(q.track == "nursing" for q in result.questions) >= 4
    deteriorating = next(q for q in result.questions if q.id == "nurse-deteriorating-patient")
    assert result.questions.index(deteriorating) <= 2  # the best match comes straight after the opener
    assert {"clinical judgement", "patient safety", "handover"} & {q.competency for q in result.questions}
    assert result.questions[-1].category == Category.CLOSING
    assert {"early warning score", "deteriorating patient"} <= set(deteriorating.job_terms)
    assert set(deteriorating.job_terms) <= set(deteriorating.key_terms)


def test_data_analyst_posting() -> None:
    result = _tailor("data_analyst.txt")
    assert result.track == "data_analytics"
    for term in ("sql", "tableau", "a/b testing", "dashboard", "data quality", "dbt", "stakeholder"):
        assert term in result.term_names
    tracks = Counter(q.track for q in result.questions)
    assert set(tracks) <= {"data_analytics", "core", "posting"}
    assert tracks["data_analytics"] >= 4 and tracks["core"] >= 1
    sql = next(q for q in result.questions if q.track == "posting" and "SQL" in q.text)
    assert "sql" in sql.job_terms
    # terms found in the posting are added to the key terms so the report can look for them
    tools = next(q for q in result.questions if q.id == "data-tool-choice")
    assert "looker" in tools.key_terms and "looker" in tools.job_terms


def test_sales_posting() -> None:
    result = _tailor("sales.txt")
    assert result.track == "sales"
    for term in (
        "quota",
        "prospecting",
        "negotiation",
        "objection handling",
        "crm",
        "decision maker",
        "discovery call",
    ):
        assert term in result.term_names
    assert {q.track for q in result.questions} <= {"sales", "core", "posting"}
    bank_questions = [q for q in result.questions if q.track != "posting"]
    assert {q.competency for q in bank_questions} & {
        "closing",
        "prospecting",
        "objection handling",
        "discovery",
    }
    assert len({q.competency for q in bank_questions}) == len(bank_questions)  # no competency twice


def test_unrelated_text_infers_no_track_and_prefers_core() -> None:
    profile = extract_terms("We are a friendly team. Please apply by Friday with your CV and a short letter.")
    assert profile.track is None
    result = tailor(
        "Communication and teamwork matter here. Leadership too.", load_all_banks().questions(), 5
    )
    assert result.track is None
    assert Counter(q.track for q in result.questions).most_common(1)[0][0] == "core"


def test_stemming_joins_forms_but_keeps_fields_apart() -> None:
    assert stem("stakeholders") == stem("stakeholder")
    assert stem("managed") == stem("managing") == stem("manage")
    assert stem("accounting") != stem("account")


def test_tailor_command_reads_a_file_and_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli_main(["tailor", str(POSTINGS / "sales.txt"), "--count", "4"]) == 0
    out = capsys.readouterr().out
    assert "Track: Sales and account management" in out
    assert "quota" in out.splitlines()[1]
    assert out.count("\n   ") >= 4 and "4. [" in out and "5. [" not in out
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO((POSTINGS / "nurse.txt").read_text(encoding="utf-8")))
    assert cli_main(["tailor", "-", "--count", "3"]) == 0
    assert "Track: Healthcare and nursing" in capsys.readouterr().out
