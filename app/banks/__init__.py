"""Question banks: loading and validating bank files, the user's own banks, session building,
job-posting tailoring and real-interview debriefs. No Qt here; the GUI calls these functions."""

from __future__ import annotations

from app.banks.loader import BankLibrary, load_all_banks, load_bank, read_bank
from app.core.diagnostics import Check

__all__ = ["BankLibrary", "check_banks", "load_all_banks", "load_bank", "read_bank"]


def check_banks() -> Check:
    """`doctor` line: how many banks and questions loaded, or which bank files are broken."""
    library = load_all_banks()
    questions = sum(len(bank.questions) for bank in library.banks)
    bundled = sum(1 for bank in library.banks if bank.read_only)
    detail = (
        f"{len(library.banks)} banks ({bundled} bundled, {len(library.banks) - bundled} yours), "
        f"{questions} questions in {len(library.track_counts())} tracks"
    )
    if bundled == 0:
        return Check(
            "question banks",
            False,
            "no bundled question banks found",
            "Reinstall the app; its question_banks folder is missing.",
        )
    if library.problems:
        files = sorted({problem.path for problem in library.problems})
        return Check(
            "question banks",
            False,
            f"{detail}; problems in: {', '.join(files)}",
            f"Run `mock-interview banks validate {' '.join(files)}` to see each problem and its line.",
        )
    return Check("question banks", True, detail)
