"""`mock-interview banks`: list the question banks, validate bank files, import or export one, and note
the questions of a real interview (`debrief`) so they can be practised."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.core.errors import BankFormatError, StorageError
from app.core.questions import Category, track_title


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="banks, tracks and question counts (your own banks are marked)")
    validate = actions.add_parser("validate", help="check bank files; prints file:line [field]: problem")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="bank files or folders")
    importer = actions.add_parser("import", help="validate a bank file and add it to your banks")
    importer.add_argument("file", type=Path)
    importer.add_argument("--replace", action="store_true", help="replace your bank with the same id")
    exporter = actions.add_parser("export", help="write a bank (bundled or yours) to a file")
    exporter.add_argument("bank_id")
    exporter.add_argument("out", type=Path)
    debrief = actions.add_parser(
        "debrief", help="add the questions a real interview asked to your \"From my interviews\" bank"
    )
    debrief.add_argument("questions", nargs="+", metavar="QUESTION", help="each question, in quotes")
    debrief.add_argument("--company", default="", help="where you interviewed")
    debrief.add_argument("--role", default="", help="the job you interviewed for")
    debrief.add_argument(
        "--date", type=dt.date.fromisoformat, default=None, help="interview date, YYYY-MM-DD (default: today)"
    )


def run(args: argparse.Namespace) -> int:
    handlers = {
        "list": _list,
        "validate": _validate,
        "import": _import,
        "export": _export,
        "debrief": _debrief,
    }
    return handlers[args.action](args)


def _list(args: argparse.Namespace) -> int:
    from app.banks.loader import load_all_banks

    library = load_all_banks()
    rows = []
    for bank in sorted(library.banks, key=lambda b: (not b.read_only, b.track, b.id)):
        counts = bank.count_by_category()
        mix = " ".join(f"{c.value}:{counts[c]}" for c in Category if counts.get(c))
        origin = "bundled" if bank.read_only else "yours"
        rows.append((bank.id, track_title(bank.track), str(len(bank.questions)), origin, mix))
    headers = ("BANK", "TRACK", "QUESTIONS", "ORIGIN", "CATEGORIES")
    widths = [
        max(len(headers[i]), *(len(row[i]) for row in rows)) if rows else len(headers[i]) for i in range(5)
    ]
    for row in [headers, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    total = sum(len(bank.questions) for bank in library.banks)
    print(f"\n{len(library.banks)} banks, {total} questions, {len(library.track_counts())} tracks.")
    if library.problems:
        print(
            f"\n{len(library.problems)} problem(s); these banks or questions were not loaded:",
            file=sys.stderr,
        )
        for problem in library.problems:
            print(f"  {problem.message}", file=sys.stderr)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from app.banks.loader import bank_files, read_bank

    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            files += bank_files(path)
        else:
            files.append(path)
    if not files:
        print("No bank files found (.yaml or .yml).", file=sys.stderr)
        return 1
    problems = 0
    for path in files:
        if not path.exists():
            print(f"{path}: no such file", file=sys.stderr)
            problems += 1
            continue
        parsed = read_bank(path)
        for problem in parsed.problems:
            print(problem.message)
        problems += len(parsed.problems)
        if not parsed.problems and parsed.bank is not None:
            print(f"{path}: OK ({len(parsed.bank.questions)} questions, track {parsed.bank.track})")
    if problems:
        print(f"\n{problems} problem(s) in {len(files)} file(s).", file=sys.stderr)
    return 1 if problems else 0


def _import(args: argparse.Namespace) -> int:
    from app.banks.user_banks import import_bank_file

    try:
        bank = import_bank_file(args.file, replace=args.replace)
    except (BankFormatError, StorageError) as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"Imported '{bank.title}' ({bank.id}, {len(bank.questions)} questions) to {bank.path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.banks.user_banks import export_bank

    try:
        path = export_bank(args.bank_id, args.out)
    except (BankFormatError, StorageError) as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"Exported {args.bank_id} to {path}")
    return 0


def _debrief(args: argparse.Namespace) -> int:
    from app.banks.debrief import DebriefEntry, record_debrief

    entries = [DebriefEntry(text) for text in args.questions if text.strip()]
    if not entries:
        print("Give at least one question, in quotes.", file=sys.stderr)
        return 1
    try:
        bank = record_debrief(entries, company=args.company, role=args.role, date=args.date)
    except (BankFormatError, StorageError) as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"Added {len(entries)} question(s) to '{bank.title}' ({len(bank.questions)} in all).")
    return 0
