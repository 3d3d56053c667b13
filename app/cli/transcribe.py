"""`mock-interview transcribe FILE`: words with times, fillers and pauses of a recording (no Qt)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from app.core.errors import UserFacingError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="audio or video file (WAV, FLAC, MP3, M4A, MP4, ...)")
    parser.add_argument(
        "--json", type=Path, metavar="OUT", help="also write transcript and delivery metrics as JSON"
    )
    parser.add_argument("--engine", choices=("whisper", "sphinx"), default="whisper", help="default: whisper")
    parser.add_argument(
        "--model",
        default="tiny.en",
        help="Whisper model (default tiny.en; base, also built in, hears other languages)",
    )
    parser.add_argument(
        "--language",
        default="en",
        help="language spoken, a two-letter code (default en; other languages need --model base)",
    )


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:05.2f}"


def run(args: argparse.Namespace) -> int:
    from app.core.serialization import to_dict
    from app.session.tools import transcribe_file

    try:
        speech = transcribe_file(args.file, args.engine, args.model, args.language)
        transcript, metrics = speech.transcript, speech.delivery
    except UserFacingError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        if exc.advice:
            print(exc.advice, file=sys.stderr)
        return 1

    print(f"{args.file.name}: {metrics.duration_s:.1f} s, {transcript.engine} {transcript.model}")
    print()
    print(transcript.text if transcript.words else "(no speech found)")
    print()
    print("Words:")
    for word in transcript.words:
        print(f"  {_clock(word.start)}-{_clock(word.end)}  {word.text}")
    print(f"Fillers ({len(metrics.fillers)}):")
    for filler in metrics.fillers:
        print(f"  {_clock(filler.start)}  {filler.word} ({filler.kind})")
    print(f"Pauses of 1 s or more ({len(metrics.pauses)}):")
    for pause in metrics.pauses:
        print(f"  {_clock(pause.start)}-{_clock(pause.end)}  {pause.duration:.1f} s")
    if metrics.repetitions:
        print("Repetitions: " + ", ".join(f'"{r.text}" at {_clock(r.start)}' for r in metrics.repetitions))
    wpm = f"{metrics.words_per_minute:.0f}" if metrics.words_per_minute is not None else "n/a"
    first = f"{metrics.time_to_first_word_s:.1f} s" if metrics.time_to_first_word_s is not None else "n/a"
    print(f"Pace: {wpm} words/min; first word after {first}; speaking {metrics.speaking_time_s:.1f} s")
    if args.json:
        payload = {"file": str(args.file), "transcript": to_dict(transcript), "delivery": to_dict(metrics)}
        try:
            args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        except OSError as exc:
            print(f"Error: could not write {args.json}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"JSON written to {args.json}")
    return 0
