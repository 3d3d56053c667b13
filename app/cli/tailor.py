"""`mock-interview tailor posting.txt --count 8`: the practice questions that fit a job posting."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.core.questions import track_title
from app.core.serialization import to_dict

MAX_POSTING_BYTES = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "posting", help="a text file with the job posting, or - to read it from standard input"
    )
    parser.add_argument("--count", type=int, default=8, help="how many questions (default 8)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _read_posting(source: str) -> str:
    if source == "-":
        return sys.stdin.read(MAX_POSTING_BYTES)
    path = Path(source)
    with path.open("rb") as handle:
        data = handle.read(MAX_POSTING_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def run(args: argparse.Namespace) -> int:
    from app.banks.loader import load_all_banks
    from app.banks.tailoring import tailor

    try:
        text = _read_posting(args.posting)
    except OSError as error:
        print(f"Cannot read {args.posting}: {error.strerror or error}", file=sys.stderr)
        return 1
    if not text.strip():
        print(
            "The posting is empty: paste the job description into the file (or pipe it with -).",
            file=sys.stderr,
        )
        return 1
    library = load_all_banks()
    result = tailor(text, library.questions(), count=max(1, args.count))
    if args.json:
        print(
            json.dumps(
                {
                    "track": result.track,
                    "tracks": result.tracks,
                    "track_scores": result.track_scores,
                    "terms": to_dict(result.terms),
                    "questions": to_dict(result.questions),
                    "scores": result.scores,
                    "reasons": result.reasons,
                },
                indent=2,
            )
        )
        return 0
    track = track_title(result.track) if result.track else "no clear track (general questions)"
    print(f"Track: {track}")
    print("Terms from the posting: " + (", ".join(result.term_names) or "none found"))
    print()
    for number, question in enumerate(result.questions, start=1):
        print(
            f"{number}. [{track_title(question.track)} / {question.category.value} / {question.competency}]"
        )
        print(f"   {question.text}")
        if question.job_terms:
            print(f"   Posting terms to use: {', '.join(question.job_terms)}")
        print(f"   Why: {result.reasons.get(question.id, '')}")
    return 0
