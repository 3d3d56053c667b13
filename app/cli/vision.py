"""`mock-interview vision FILE [--json OUT] [--annotated OUT.mp4]`: body-language cues for a video.

Prints each cue with its value, unit, definition and the number of frames it rests on. No Qt; mediapipe
and PyAV are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.core.body_language import CUE_DEFINITIONS, BodyLanguageCues
from app.core.errors import Cancelled, UserFacingError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="video file (MP4, MKV, MOV, WebM, ...)")
    parser.add_argument(
        "--json", type=Path, metavar="OUT", help="write the cues as JSON to OUT ('-' for stdout)"
    )
    parser.add_argument(
        "--annotated",
        type=Path,
        metavar="OUT.mp4",
        help="write a copy with landmarks and cue labels drawn on the analysed frames",
    )
    parser.add_argument(
        "--sample-fps",
        type=float,
        default=8.0,
        help="frames analysed per second of video (default 8; 0 = every frame)",
    )


def _value_text(name: str, value: Any) -> str:
    if value is None:
        return "not measurable"
    if name == "looking_away":
        return ", ".join(f"{e.start:.1f}-{e.end:.1f} s" for e in value) or "none"
    if name == "framing":
        distance = value.distance.replace("_", " ")
        centred = {True: "centred", False: "off-centre", None: "no face"}[value.centred]
        light = "too dark" if value.too_dark else "light ok"
        return f"{centred}, distance {distance}, {light} (luminance {value.mean_luminance:.0f})"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def format_cues(cues: BodyLanguageCues) -> str:
    """The human-readable table the command prints."""
    basis = {"all": cues.frames_analyzed, "face": cues.frames_with_face, "pose": cues.frames_with_pose}
    lines = [
        f"Analysed {cues.frames_analyzed} of {cues.frames_total} frames over {cues.duration_s:.1f} s "
        f"({cues.analysis_fps:.1f} per second); a face in {cues.frames_with_face}, "
        f"an upper body in {cues.frames_with_pose}.",
        "",
    ]
    for name, definition in CUE_DEFINITIONS.items():
        value = getattr(cues, name)
        lines.append(
            f"{definition.label}: {_value_text(name, value)}  [{definition.unit}; "
            f"{basis[definition.based_on]} frames]"
        )
        lines.append(f"    {definition.definition}")
    lines.extend(f"Hint: {hint}" for hint in cues.framing.hints)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from app.core.serialization import to_dict
    from app.session.tools import video_cues

    try:
        found = video_cues(args.file, args.sample_fps or None, args.annotated)
    except Cancelled:
        print("Cancelled.", file=sys.stderr)
        return 130
    except UserFacingError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        if exc.advice:
            print(exc.advice, file=sys.stderr)
        return 1
    cues = found.cues
    data = to_dict(cues)
    if args.json and str(args.json) == "-":
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    print(format_cues(cues))
    if args.json:
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
        print(f"\nCues written to {args.json}")
    if args.annotated is not None:
        print(f"Annotated copy ({found.annotated_frames} frames) written to {args.annotated}")
    return 0
