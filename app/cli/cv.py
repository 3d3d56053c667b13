"""`mock-interview cv CV_FILE --posting POSTING.txt [--json OUT]`: your CV against a job posting.

Prints what the posting asks for that the CV does not show, possible spelling slips, and the questions an
interviewer would ask about the CV (with their talking points). Everything runs on this computer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.core.serialization import to_dict

MAX_POSTING_BYTES = 1024 * 1024
_KIND = {"duty": "duty", "skill": "skill", "qualification": "qualification", "term": "key term"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cv", metavar="CV_FILE", help="your CV: a .pdf, .docx or .txt file")
    parser.add_argument(
        "--posting",
        metavar="POSTING.txt",
        help="a text file with the job posting (without it: slips and questions)",
    )
    parser.add_argument("--json", metavar="OUT", help="also write everything found to this JSON file")


def _read_posting(path: Path) -> str:
    with path.open("rb") as handle:
        data = handle.read(MAX_POSTING_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def run(args: argparse.Namespace) -> int:
    from app.cv.check import check_cv_file
    from app.cv.parse import CvReadError

    posting = ""
    if args.posting:
        try:
            posting = _read_posting(Path(args.posting))
        except OSError as error:
            print(f"Cannot read the posting {args.posting}: {error.strerror or error}", file=sys.stderr)
            return 1
        if not posting.strip():
            print("The posting file is empty: paste the job description into it.", file=sys.stderr)
            return 1
    try:
        result = check_cv_file(Path(args.cv), posting)
    except CvReadError as error:
        print(str(error), file=sys.stderr)
        return 1
    _print(result, bool(posting))
    if args.json:
        data = {
            "words": result.words,
            "gaps": to_dict(result.gaps),
            "shown": to_dict(result.shown),
            "slips": to_dict(result.slips),
            "jobs": to_dict(result.jobs),
            "projects": to_dict(result.projects),
            "questions": to_dict(result.questions),
        }
        try:
            Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError as error:
            print(f"Cannot write {args.json}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"\nWritten to {args.json}")
    return 0


def _print(result, has_posting: bool) -> None:  # type: ignore[no-untyped-def]
    if has_posting:
        print(f"The posting asks for {result.asked} things; your CV shows {len(result.shown)}.")
        print("Not shown on your CV:" if result.gaps else "Your CV shows everything the posting lists.")
        for gap in result.gaps:
            print(f"  - {gap.what} ({_KIND.get(gap.kind, gap.kind)})")
            if gap.line:
                print(f"      posting: “{gap.line}”")
    else:
        print("No posting given (--posting POSTING.txt): only slips and questions.")
    print()
    print("Possible slips:" if result.slips else "No spelling slips found.")
    for slip in result.slips:
        fix = f" -> {slip.suggestion}" if slip.suggestion else ""
        print(
            f"  - line {slip.line_number}: {slip.word}{fix}"
            + (" (repeated word)" if slip.kind != "spelling" else "")
        )
    print()
    if not result.questions:
        print("No questions from your CV: it has no dated jobs or projects this check could read.")
        return
    print("Questions an interviewer may ask about your CV:")
    for number, question in enumerate(result.questions, start=1):
        print(f"{number}. {question.text}")
        for index, point in enumerate(question.talking_points):
            examples = question.examples_for(index)
            print(f"     * {point}" + (f" (e.g. “{examples[0]}”)" if examples else ""))
