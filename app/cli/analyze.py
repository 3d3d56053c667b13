"""`mock-interview analyze FILE...`: the full analysis and report of any recording, headless.

`analyze --text FILE...`: the FILEs are typed answers (UTF-8 text, one answer per file), analysed as the
GUI's typed mode does (app.cli.typed_answers) and reported with the same schema: "typed": true,
"has_audio" and "has_video" false, "duration_s" null (nothing measured the answer's length), every time
in the transcript, content and tips null (a typed word has no time), delivery and body_language null.

JSON output (`--json OUT`; several files: one document with a list under "recordings"), schema
"mock-interview-analysis" version 1 — documented in docs/analysis-json.md:

    {"schema": "mock-interview-analysis", "schema_version": 1, "app_version": "...",
     "file": "...", "duration_s": 118.2, "has_audio": true, "has_video": true, "typed": false,
     "question": {...Question...}, "notices": [...],
     "transcript": {"text": "...", "words": [{"word", "start", "end", "probability"}], "engine", "model"},
     "delivery": {...DeliveryMetrics: words_per_minute, fillers[{word, kind, start, end}],
                  pauses[{start, end}], pitch_variation_semitones, ...},
     "body_language": {...BodyLanguageCues: face_visible_ratio, facing_camera_ratio, smile_ratio, ...},
     "content": {...ContentMetrics...}, "scores": {...ScoreCard...}, "tips": [...], "model_outline": [...],
     "follow_up": {"text", "reason", "source": "probe" | "bank", "kind"} or null}
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from app import __version__
from app.core.answer_length import AnswerLength
from app.core.errors import Cancelled, UserFacingError
from app.core.serialization import to_dict

log = logging.getLogger(__name__)

SCHEMA = "mock-interview-analysis"
SCHEMA_VERSION = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="video or audio recordings (with --text: text files of typed answers)")
    parser.add_argument("--text", action="store_true",
                        help="the FILEs are typed answers, one per UTF-8 text file, not recordings")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--question", help="the question that was answered (text)")
    which.add_argument("--question-id", help="id of a question from the banks")
    parser.add_argument("--bank", help="only look up --question-id in this bank")
    parser.add_argument("--job-terms", help="comma-separated terms from a job posting to listen for")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the analysis as JSON")
    parser.add_argument("--html", type=Path, metavar="OUT", help="write the report as HTML")
    parser.add_argument("--pdf", type=Path, metavar="OUT", help="write the report as PDF")
    parser.add_argument("--save", action="store_true", help="store as an imported session in the history")
    parser.add_argument("--no-video", action="store_true", help="skip body-language analysis")
    parser.add_argument("--engine", choices=("whisper", "sphinx"), default="whisper")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def resolve_question(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.session.analyse import generic_question

    if args.question_id:
        from difflib import get_close_matches

        from app.banks.loader import load_all_banks

        library = load_all_banks()
        ids: list[str] = []
        for bank in library.banks:
            if args.bank and bank.id != args.bank:
                continue
            for question in bank.questions:
                if question.id == args.question_id:
                    return question
                ids.append(question.id)
        where = f"the bank {args.bank!r}" if args.bank else "the banks"
        close = get_close_matches(args.question_id, ids, n=3)
        hint = f"Did you mean {' or '.join(close)}? " if close else ""
        raise UserFacingError(f"No question with id {args.question_id!r} was found in {where}.",
                              f"{hint}Run `mock-interview banks list` to see the banks and "
                              "`mock-interview banks export BANK FILE` to see a bank's question ids, "
                              "or pass --question TEXT.")
    return generic_question(args.question)


def document(path: Path, result, question) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    analysis = result.analysis
    transcript = analysis.transcript
    typed = getattr(result, "typed", False)
    doc = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "file": str(path),
        "duration_s": None if result.duration_s is None else round(result.duration_s, 3),
        "has_audio": result.has_audio,
        "has_video": result.has_video,
        "typed": typed,
        "question": to_dict(question),
        "notices": [*result.notices, *([question.guidance] if question.guidance else [])],
        "transcript": None if transcript is None else {
            "text": transcript.text,
            "words": [{"word": w.text, "start": w.start, "end": w.end, "probability": w.probability}
                      for w in transcript.words],
            "engine": transcript.engine,
            "model": transcript.model,
        },
        "delivery": to_dict(analysis.delivery),
        "body_language": to_dict(analysis.body_language),
        "content": to_dict(analysis.content),
        "scores": to_dict(analysis.scores),
        "tips": to_dict(analysis.tips),
        "model_outline": analysis.model_outline,
        "follow_up": to_dict(analysis.follow_up),
    }
    if typed:  # typed words have placeholder zeros for times: null in the JSON, never shown as moments
        from app.cli.typed_answers import without_times

        for key in ("transcript", "content", "tips"):
            doc[key] = without_times(doc[key])
    return doc


def summary_line(path: Path, result) -> str:  # type: ignore[no-untyped-def]
    analysis = result.analysis
    if getattr(result, "typed", False):
        parts = [f"{path.name}: typed, {result.words} words"]
    else:
        delivery = result.analysis.delivery
        length = AnswerLength(
            delivery.spoken_span_s if delivery is not None else None,
            result.duration_s or None,
            speech_measured=delivery is not None,
        )
        parts = [f"{path.name}: {length.text}"]
    scores = analysis.scores
    if scores is not None:
        for dimension in scores.dimensions():
            shown = "not measured" if dimension.score is None else f"{dimension.score:.1f}/5"
            parts.append(f"{dimension.label.lower()} {shown}")
        if scores.overall is not None:
            parts.append(f"overall {scores.overall:.1f}/5")
    delivery = analysis.delivery
    if delivery is not None and delivery.words_per_minute is not None:
        pace = next((s for s in scores.delivery.sub_scores if s.key == "pace"), None) if scores else None
        if pace is not None and pace.score is None:  # too little speech: a rate would mislead
            parts.append(f"pace not judged ({delivery.word_count} words), {len(delivery.fillers)} fillers")
        else:
            parts.append(f"{delivery.words_per_minute:.0f} wpm, {len(delivery.fillers)} fillers")
    body = analysis.body_language
    if body is not None and body.facing_camera_ratio is not None:
        parts.append(f"facing the camera {body.facing_camera_ratio:.0%}")
    return "; ".join(parts)


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def run(args: argparse.Namespace) -> int:
    try:
        question = resolve_question(args)
    except UserFacingError as error:
        print(f"ERROR {error.message} {error.advice}", file=sys.stderr)
        return 2
    if args.job_terms:
        terms = [t.strip() for t in args.job_terms.split(",") if t.strip()]
        question.job_terms = terms
        question.key_terms = list(dict.fromkeys([*question.key_terms, *terms]))
    try:
        if args.text:
            results, failures = _analyse_typed(args, question)
        else:
            results, failures = _analyse_recordings(args, question)
    except Cancelled:
        return 130
    if len(args.files) > 1:
        print(f"\n{len(results)} analysed, {failures} failed.")
    if not results:
        return 1
    documents = [document(path, result, question) for path, result in results]
    if args.json:
        payload: Any = documents[0] if len(documents) == 1 else {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "recordings": documents}
        _write(args.json, json.dumps(payload, indent=2, ensure_ascii=False))
    if args.html or args.pdf or args.save:
        code = _reports_and_save(args, results, question)
        if code:
            return code
    return 1 if failures else 0


def _failed(path: Path, error: UserFacingError) -> None:
    print(f"{path.name}: ERROR {error.message} {error.advice}".rstrip())


def _analyse_typed(args: argparse.Namespace, question) -> tuple[list[tuple[Path, Any]], int]:  # type: ignore[no-untyped-def]
    from app.cli.typed_answers import analyse_text_file

    results: list[tuple[Path, Any]] = []
    failures = 0
    for path in args.files:
        try:
            result = analyse_text_file(path, question, question.job_terms)
        except UserFacingError as error:
            failures += 1
            _failed(path, error)
            continue
        results.append((path, result))
        print(summary_line(path, result))
    return results, failures


def _analyse_recordings(args: argparse.Namespace, question) -> tuple[list[tuple[Path, Any]], int]:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from app.session.analyse import AnalysisServices, analyse_file

    console = Console(stderr=True)
    services = AnalysisServices(engine=args.engine, vision=not args.no_video)
    results: list[tuple[Path, Any]] = []
    failures = 0
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                        TimeElapsedColumn(), console=console, disable=args.quiet or not console.is_terminal)
    try:
        with progress:
            for path in args.files:
                task = progress.add_task(path.name, total=1.0)
                try:
                    if not path.exists():
                        raise UserFacingError(f"{path} does not exist.", "Check the file name and try again.")
                    if path.suffix.lower() in _TEXT_SUFFIXES:
                        raise UserFacingError(f"{path.name} is a text file, not a recording.",
                                              "Add --text to analyse text files as typed answers.")
                    result = analyse_file(
                        path, question, services, job_terms=question.job_terms,
                        progress=lambda stage, done, t=task, n=path.name: progress.update(
                            t, completed=done, description=f"{n}: {stage}"),
                    )
                except UserFacingError as error:
                    failures += 1
                    progress.remove_task(task)
                    _failed(path, error)
                    continue
                progress.update(task, completed=1.0, description=f"{path.name}: done")
                results.append((path, result))
                print(summary_line(path, result))
    finally:
        services.close()
    return results, failures


_TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})


def _reports_and_save(args: argparse.Namespace, results: list[tuple[Path, Any]], question) -> int:  # type: ignore[no-untyped-def]
    from app.session.importing import save_imported, save_typed
    from app.session.store import Database

    sessions = []
    try:
        with Database.open() as database:
            if args.save:
                sessions = [
                    save_typed(database, path, question, result.analysis) if getattr(result, "typed", False)
                    else save_imported(database, path, question, result)
                    for path, result in results
                ]
                for session in sessions:
                    print(f"saved as session {session.id[:8]} ({session.title})")
            else:
                sessions = [_transient_session(path, question, result) for path, result in results]
            history = database.list_sessions() if args.save else []
    except UserFacingError as error:
        print(f"ERROR {error.message} {error.advice}", file=sys.stderr)
        return 1
    session = sessions[0]
    if len(sessions) > 1:
        for other in sessions[1:]:
            for answer in other.answers:
                answer.position = len(session.answers)
                session.answers.append(answer)
    from app.session.reports import write_report

    try:
        write_report(session, history, args.html, args.pdf)
    except UserFacingError as error:
        print(f"ERROR {error.message} {error.advice}", file=sys.stderr)
        return 1
    return 0


def _transient_session(path: Path, question, result):  # type: ignore[no-untyped-def]
    import uuid
    from datetime import UTC, datetime

    from app.core.session import Answer, AnswerStatus, Session, SessionStatus

    now = datetime.now(UTC).isoformat(timespec="seconds")
    session = Session(id=uuid.uuid4().hex, title=f"Analysis of {path.name}", created_at=now,
                      status=SessionStatus.IMPORTED, ended_at=now)
    session.answers = [Answer(id=uuid.uuid4().hex, session_id=session.id, position=0, question=question,
                              status=AnswerStatus.ANALYSED, duration_s=result.duration_s or 0.0,
                              has_video=result.has_video, analysis=result.analysis)]
    return session
