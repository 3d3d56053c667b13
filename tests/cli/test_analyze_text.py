"""`mock-interview analyze --text`: typed answers from text files, the same JSON and report as recordings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.session import SessionStatus
from app.storage.database import Database

QUESTION_ID = "core-conflict-colleague"  # "Tell me about a time you strongly disagreed with a colleague..."

GOOD = """\
In my last job I was a coordinator on a team rolling out a new booking system for our clinics. A senior
colleague, Mark, wanted to switch every clinic over on the same weekend. I disagreed, because two of the
clinics still had staff who hadn't been trained, and I was worried patients would be double-booked on the
Monday.

Rather than argue in the team meeting, I asked him for half an hour one to one. I started by asking him to
walk me through his reasoning, and I really just listened. It turned out his manager was pushing for one
clean cutover so the old licence could be cancelled that month, which made his position make a lot more
sense to me.

So I proposed a compromise: we would switch the eight trained clinics on the planned weekend and the other
two a week later, after I ran extra training sessions for them. I also showed him the numbers from our
pilot, where untrained staff made three times as many booking errors.

He agreed. The first eight clinics went live on schedule, the last two followed a week later with no double
bookings, and we still cancelled the old licence on time. Mark and I worked really well together after
that; he started asking my view early on other changes. Next time I would raise the concern earlier, before
the plan was announced to everyone.
"""

# The question's key terms, repeated, with no story in them.
STUFFED = """\
Disagreement, listened, perspective, compromise, outcome, relationship. I always handle disagreement by
listening and understanding every perspective. Compromise is key to a good outcome and a strong
relationship. I listened to the perspective, found a compromise, and the outcome was a great relationship.
Disagreement leads to compromise, compromise leads to a positive outcome, and a positive outcome builds the
relationship. I am a team player who values every perspective, always listened, and always finds the
compromise that gives the best outcome for the relationship.
"""


@pytest.fixture
def answers(tmp_path: Path) -> tuple[Path, Path]:
    good, stuffed = tmp_path / "good.txt", tmp_path / "stuffed.txt"
    good.write_text(GOOD, encoding="utf-8")
    stuffed.write_text(STUFFED, encoding="utf-8")
    return good, stuffed


def test_two_typed_answers_give_the_recordings_list(answers: tuple[Path, Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    good, stuffed = answers
    out = tmp_path / "typed.json"
    code = main(["analyze", "--text", str(good), str(stuffed), "--question-id", QUESTION_ID,
                 "--json", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "good.txt: typed, 236 words; delivery not measured; body language not measured; content" in printed
    assert "2 analysed, 0 failed." in printed
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "mock-interview-analysis" and doc["schema_version"] == 1
    recordings = doc["recordings"]
    assert [Path(r["file"]).name for r in recordings] == ["good.txt", "stuffed.txt"]
    for record in recordings:
        assert record["typed"] is True
        assert record["has_audio"] is False and record["has_video"] is False
        assert record["duration_s"] is None  # nothing measured how long it took
        assert record["question"]["id"] == QUESTION_ID
        assert record["delivery"] is None and record["body_language"] is None
        assert record["scores"]["delivery"]["score"] is None
        assert record["scores"]["body_language"]["score"] is None
        assert record["scores"]["content"]["score"] is not None
        assert record["transcript"]["engine"] == "typed"
        words = record["transcript"]["words"]
        assert words and all(w["start"] is None and w["end"] is None for w in words)
        assert record["content"]["duration_s"] is None
        assert all(s["start"] is None for s in record["content"]["sentences"])
        assert all(t["time"] is None for t in record["tips"])
    good_doc, stuffed_doc = recordings
    assert good_doc["transcript"]["text"].startswith("In my last job I was a coordinator")
    assert good_doc["content"]["word_count"] == 236
    assert good_doc["scores"]["content"]["score"] > stuffed_doc["scores"]["content"]["score"]


def test_one_typed_answer_with_job_terms_bom_and_html(tmp_path: Path) -> None:
    answer = tmp_path / "notepad.txt"
    answer.write_text(GOOD, encoding="utf-8-sig")  # Windows editors often start UTF-8 with a BOM
    out, html = tmp_path / "one.json", tmp_path / "one.html"
    code = main(["analyze", "--text", str(answer), "--question-id", QUESTION_ID, "--bank", "core",
                 "--job-terms", "scheduling, training", "--json", str(out), "--html", str(html)])
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "recordings" not in doc and doc["typed"] is True  # one file: the document itself, as for media
    assert doc["transcript"]["words"][0]["word"] == "In"
    assert doc["question"]["job_terms"] == ["scheduling", "training"]
    assert {"scheduling", "training"} <= {k["term"] for k in doc["content"]["key_terms"]}
    report = html.read_text(encoding="utf-8")
    assert "not measured: a typed answer has no spoken length" in report


def test_without_a_question_the_generic_one_is_used(answers: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "generic.json"
    assert main(["analyze", "--text", str(answers[0]), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["question"]["id"] == "imported" and doc["question"]["text"] == "(no question given)"
    assert doc["scores"]["content"]["score"] is not None


def test_save_stores_a_typed_session_without_media(answers: tuple[Path, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--text", str(answers[0]), "--question-id", QUESTION_ID, "--save"]) == 0
    assert "saved as session" in capsys.readouterr().out
    with Database.open() as db:
        sessions = db.list_sessions()
    assert [s.status for s in sessions] == [SessionStatus.IMPORTED]
    answer = sessions[0].answers[0]
    assert answer.media_path == "" and answer.has_video is False
    assert answer.analysis.transcript.typed and answer.analysis.delivery is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: ERROR empty.txt is empty: it has no answer in it. Type the answer"),
        ("spaces.txt", b"  \n\t \r\n", "spaces.txt: ERROR spaces.txt is empty"),
        ("marks.txt", b"... -- ?!\n", "marks.txt: ERROR marks.txt has no words in it"),
        ("answer.wav", b"RIFF\x24\x00\x00\x00WAVEfmt ", "answer.wav: ERROR answer.wav is not a text file "
                                                        "(it contains binary data). Give a plain-text"),
        ("latin1.txt", "Café résumé".encode("latin-1"), "latin1.txt: ERROR latin1.txt is not UTF-8 text"),
        ("wide.txt", "An answer".encode("utf-16"), "wide.txt: ERROR wide.txt is saved as UTF-16 text"),
    ],
)
def test_unusable_text_files_are_named_with_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["analyze", "--text", str(path), "--question-id", QUESTION_ID,
                 "--json", str(tmp_path / "x.json")])
    assert code == 1
    captured = capsys.readouterr()
    assert message in captured.out
    assert len(captured.out.strip().splitlines()) == 1 and "Traceback" not in captured.err
    assert not (tmp_path / "x.json").exists()


def test_a_bad_file_does_not_stop_the_others(answers: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "partial.json"
    code = main(["analyze", "--text", str(tmp_path / "missing.txt"), str(answers[0]),
                 "--question-id", QUESTION_ID, "--json", str(out)])
    assert code == 1  # as for recordings: the good ones are written, the exit says something failed
    printed = capsys.readouterr().out
    assert f"missing.txt: ERROR {tmp_path / 'missing.txt'} does not exist. Check the file name" in printed
    assert "1 analysed, 1 failed." in printed
    assert Path(json.loads(out.read_text())["file"]).name == "good.txt"  # one analysed: one document


def test_unknown_question_id_is_a_usage_error(answers: tuple[Path, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", "--text", str(answers[0]), "--question-id", "core-conflict-coleague"])
    assert code == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert len(err.splitlines()) == 1
    assert "No question with id 'core-conflict-coleague' was found in the banks." in err
    assert "Did you mean core-conflict-colleague" in err
    assert "mock-interview banks list" in err and "--question TEXT" in err
    assert captured.out == ""


def test_a_text_file_without_text_flag_says_to_add_it(answers: tuple[Path, Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(answers[0]), "--quiet"]) == 1
    assert "good.txt: ERROR good.txt is a text file, not a recording. Add --text" in capsys.readouterr().out
