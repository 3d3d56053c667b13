"""The CV check on a real PDF and a real .docx made here, against a warehouse team leader posting: the
posting's items the CV does not show, the planted slips (and no name, acronym or British spelling), the
questions from the CV with talking points, the CLI, unreadable files, and the "From my CV" question set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cv_files import NOT_SLIPS, PLANTED, POSTING, write_docx, write_pdf

from app.banks.loader import load_all_banks
from app.cli import main as cli_main
from app.core.questions import Category
from app.cv.bank import save_cv_questions
from app.cv.check import CvCheck, check_cv, check_cv_file
from app.cv.parse import CvReadError, read_cv
from app.session.planning import SetupChoice, build_plan

WRITERS = {"pdf": write_pdf, "docx": write_docx}


@pytest.fixture(scope="module", params=sorted(WRITERS))
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> CvCheck:
    path = WRITERS[request.param](tmp_path_factory.mktemp("cv") / f"jane_okafor.{request.param}")
    return check_cv_file(path, POSTING)


def test_the_gaps_are_what_the_posting_asks_and_the_cv_does_not_say(checked: CvCheck) -> None:
    missing = {gap.what for gap in checked.gaps}
    assert {
        "IOSH Managing Safely certificate",  # a qualification the CV never names
        "lean or 5S",
        "investigating stock discrepancies",  # the CV shows the cycle counts of the same duty line, not this
        "health and safety",
    } <= missing
    shown = {gap.what for gap in checked.shown}
    assert {
        "counterbalance forklift licence",
        "Microsoft Excel",  # "Excel" on the CV
        "carrying out cycle counts",  # "Ran cycle counts"
        "leading a team of 15 warehouse operatives on the night shift",  # "Led a team of 12 pickers ..."
        "warehouse management system",  # "WMS" on the CV: the lexicon's alias
    } <= shown
    assert not missing & shown
    iosh = next(gap for gap in checked.gaps if gap.what.startswith("IOSH"))
    assert iosh.kind == "qualification" and iosh.line == "IOSH Managing Safely certificate"


def test_the_planted_slips_are_found_and_nothing_else(checked: CvCheck) -> None:
    spelling = {slip.word: slip.suggestion for slip in checked.slips if slip.kind == "spelling"}
    assert spelling == PLANTED
    repeated = [slip for slip in checked.slips if slip.kind == "repeated word"]
    assert [slip.word.lower() for slip in repeated] == ["the the"]
    assert "returns process" in repeated[0].line
    assert not {slip.word for slip in checked.slips} & NOT_SLIPS


def test_the_questions_come_from_the_cv_with_talking_points(checked: CvCheck) -> None:
    texts = [question.text for question in checked.questions]
    assert texts[:4] == [
        "Walk me through your time at Northgate Logistics.",
        "Walk me through your time at Tesco Distribution.",
        "Tell me about the project Cross-dock pilot on your CV.",
        "Tell me about the project Route Rebalance on your CV.",
    ]
    gap = checked.questions[4]
    assert "Tesco Distribution (August 2020) and Northgate Logistics (March 2021)" in gap.text
    assert gap.category == Category.MOTIVATION and len(checked.questions) == 5
    northgate = checked.questions[0]
    assert northgate.track == "cv" and len(northgate.talking_points) == 4
    assert all(northgate.examples_for(i) for i in range(4))
    # the examples tell the CV's own bullets in the first person, so the content judge hears them as said
    assert "I led a team of 12 pickers on the night shift and hit despatch targets 98% of the time." in (
        northgate.examples_for(1)
    )
    assert "At Northgate Logistics I was a Shift Supervisor from March 2021 to present." in (
        northgate.examples_for(0)
    )
    pilot = checked.questions[2]
    assert pilot.star_expected and pilot.category == Category.BEHAVIORAL
    assert (
        "I set up a cross-dock lane for two suppliers, saving 40 minutes per trailer."
        in pilot.examples_for(2)
    )


def test_without_a_posting_there_are_no_gaps_but_slips_and_questions(tmp_path: Path) -> None:
    result = check_cv(read_cv(write_docx(tmp_path / "cv.docx")))
    assert result.gaps == [] and result.asked == 0
    # without the posting, its words are no longer vouched for: the planted slips are still all there
    assert set(PLANTED) <= {slip.word for slip in result.slips}
    assert len(result.questions) == 5


def test_cli_prints_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cv = write_pdf(tmp_path / "cv.pdf")
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    out = tmp_path / "cv.json"
    assert cli_main(["cv", str(cv), "--posting", str(posting), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "Not shown on your CV:" in printed and "IOSH Managing Safely certificate (qualification)" in printed
    )
    assert "Managd -> managed" in printed
    assert "1. Walk me through your time at Northgate Logistics." in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {gap["what"] for gap in data["gaps"]} >= {"lean or 5S"}
    assert data["questions"][0]["talking_points"][0].startswith("What the job was")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"", "cv.pdf is empty."),
        ("cv.doc", b"an old Word file", "Save it as .docx or PDF"),
        ("cv.pdf", b"this is text, not a PDF at all, " * 10, "could not be read as a PDF"),
        ("cv.docx", b"PK\x03\x04 broken", "could not be read as a Word document"),
        ("cv.txt", b"Jane Okafor\nLeeds\n", "holds almost no text (3 words)"),
        ("missing.txt", None, "Cannot open missing.txt"),
    ],
)
def test_unreadable_files_say_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CvReadError) as raised:
        read_cv(path)
    assert message in str(raised.value) and raised.value.advice
    assert cli_main(["cv", str(path)]) == 1
    assert message in capsys.readouterr().err


def test_a_pdf_without_text_is_refused_with_a_scan_hint(tmp_path: Path) -> None:
    from app.report.pdf import html_to_pdf

    path = tmp_path / "scan.pdf"
    path.write_bytes(html_to_pdf("<html><body><div style='height:5cm;background:#888'></div></body></html>"))
    with pytest.raises(CvReadError, match="scanned PDF"):
        read_cv(path)


def test_the_questions_become_a_question_set_to_practise(checked: CvCheck) -> None:
    bank = save_cv_questions(checked.questions)
    assert bank.title == "From my CV" and len(bank.questions) == 5
    again = save_cv_questions(checked.questions[:2])  # saving again replaces the set
    assert [q.id for q in again.questions] == [q.id for q in checked.questions[:2]]
    library = load_all_banks()
    assert library.track_counts()["cv"] == 2
    plan = build_plan(SetupChoice(track="cv", count=5), library=library)
    assert sorted(q.text for q in plan.questions) == sorted(q.text for q in checked.questions[:2])
    assert plan.questions[0].talking_points and plan.questions[0].point_examples[0]


def test_the_content_judge_judges_answers_to_a_cv_question(checked: CvCheck) -> None:
    from app.session.typed import analyse_typed_text

    question = checked.questions[0]  # "Walk me through your time at Northgate Logistics."
    told = " ".join(
        [
            "At Northgate Logistics I was the shift supervisor on nights from 2021.",
            "I led a team of twelve pickers and we hit our despatch targets 98 percent of the time.",
            "I also ran the cycle counts on the WMS and got stock accuracy up to 99.6 percent.",
            "It taught me to hit tight targets without cutting corners.",
            "I'm ready for more responsibility and this team leader job is the natural next step.",
        ]
    )
    vague = "I worked there for a while. It was fine, I did my job and the people were nice."
    covered = {}
    for name, text in (("told", told), ("vague", vague)):
        content = analyse_typed_text(text, question).content
        assert content is not None
        covered[name] = sum(point.covered for point in content.talking_points)
    assert covered["told"] >= 3 and covered["told"] >= covered["vague"] + 2
