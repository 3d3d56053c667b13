"""Issue 14's "Done when" cases, composed from the shared media and checked through the real CLI.

    uv run python -m benchmarks.data.fillers_issue14 [--out DIR]

Composes five recordings a user could make (in DIR, default a temporary folder), runs
`mock-interview analyze FILE --json ...` on each exactly as a user would, and prints which "Done when"
bullets hold, with the figures:

1. froze.wav: 11 s of JFK, then 100 s of room hiss (core-pressure-deadline, a 2-minute question):
   length <= 2/5 and overall <= 3.0.
2. little.mp4: a 2-minute talking-head video (smile_glasses_480.mp4 looped) in which 10 words (2.3 s of
   Dickens) are said: pace not judged and overall <= 2.5.
3. silent.mp4: the talking-head video without its sound track: no overall.
4. motivation.wav: an answer to --question "Why do you want to work here?": no STAR structure score.
5. fillers.wav: an answer with a clause-initial "so" used as a word next to an "um", and exactly two
   fillers said (an "um" and an "uh"): exactly two fillers reported, each within 0.3 s of its sound.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np

SHARED = (
    Path(os.environ.get("MOCK_INTERVIEW_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "media"
)
RATE = 16000
FILLER_SCRIPT = (
    "[librivox_0880.wav 0.0 3.0] | 0.5 | {umm:um} | 0.45 | So we moved the launch by one week | 0.6 "
    "| {uh:uh} | 0.4 | and nobody on the team had to work late"
)
"""The filler case: read speech, an "um", a sentence opening with "So" as a word, an "uh"."""


def write_wav(path: Path, audio: np.ndarray) -> Path:
    samples = (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return path


def hiss(seconds: float, seed: int) -> np.ndarray:
    """Quiet room noise (about -60 dBFS), as a microphone records when nobody speaks."""
    return np.random.default_rng(seed).normal(0, 30 / 32768, int(seconds * RATE)).astype(np.float32)


def shared_audio(name: str) -> np.ndarray:
    from app.capture.audio_file import decode_audio

    return decode_audio(SHARED / "audio" / name)


def froze(folder: Path) -> Path:
    speech = shared_audio("jfk.wav")[: 11 * RATE]
    return write_wav(folder / "froze.wav", np.concatenate([speech, hiss(100.0, 1)]))


def ten_words() -> np.ndarray:
    """'It was the spring of hope, it was the winter': 10 words in 2.3 s of Dickens (two_cities.wav)."""
    return shared_audio("two_cities.wav")[int(17.45 * RATE) : int(19.75 * RATE)]


def write_video(path: Path, seconds: float, audio: np.ndarray | None, fps: int = 15) -> Path:
    """smile_glasses_480.mp4's picture looped to `seconds` (at `fps`), with `audio` (16 kHz) or no sound."""
    import av

    with av.open(str(SHARED / "video" / "smile_glasses_480.mp4")) as source:
        frames = [
            f.to_ndarray(format="rgb24") for i, f in enumerate(source.decode(video=0)) if i % (30 // fps) == 0
        ]
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = frames[0].shape[1], frames[0].shape[0], "yuv420p"
        video.codec_context.options = {"preset": "ultrafast", "crf": "28"}
        sound = out.add_stream("aac", rate=RATE, layout="mono") if audio is not None else None
        for i in range(int(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(frames[i % len(frames)], format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            out.mux(video.encode(frame))
        out.mux(video.encode())
        if sound is not None and audio is not None:
            pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
            for at in range(0, pcm.size, 1024):
                chunk = av.AudioFrame.from_ndarray(pcm[None, at : at + 1024], format="s16", layout="mono")
                chunk.sample_rate, chunk.pts = RATE, at
                out.mux(sound.encode(chunk))
            out.mux(sound.encode())
    return path


def little(folder: Path) -> Path:
    speech = np.concatenate([hiss(3.0, 2), ten_words(), hiss(114.7, 3)])
    return write_video(folder / "little.mp4", 120.0, speech)


def silent(folder: Path) -> Path:
    return write_video(folder / "silent.mp4", 20.0, None)


def motivation(folder: Path) -> Path:
    from app.speech.synthetic import synthesize

    text = (
        "I want to work here because your team builds tools that nurses use every day, and I spent five "
        "years as a nurse before I moved into software. I know what a slow screen costs on a busy ward. "
        "I also like how openly you write about your engineering decisions, and I would like to learn from "
        "people who care about that. Finally, the role mixes design and data work, which I enjoy most."
    )
    audio = synthesize(text, "en-us", 165)
    return write_wav(folder / "motivation.wav", np.concatenate([hiss(0.5, 4), audio * 0.6, hiss(1.0, 5)]))


def fillers(folder: Path) -> tuple[Path, list[tuple[str, float]]]:
    from app.speech.filler_cases import FillerCase, compose, parse, shared_loader

    case = FillerCase("issue14-so-word-um", parse(FILLER_SCRIPT), "en-us+m3", 165, 25.0)
    clip = compose(case, shared_loader(SHARED / "audio"))
    return write_wav(folder / "fillers.wav", clip.audio), [(t.word, t.start) for t in clip.fillers]


def analyze(path: Path, *question: str) -> dict:
    out = path.with_suffix(".json")
    command = ["mock-interview", "analyze", str(path), *question, "--json", str(out), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    print(f"$ {' '.join(command)}\n  {done.stdout.strip()}", file=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(f"analyze failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(out.read_text())


def _sub(result: dict, dimension: str, key: str) -> dict:
    scores = result["scores"] or {}
    dim = scores.get(dimension) or {}
    return next((s for s in dim.get("sub_scores", []) if s["key"] == key), {})


def _overall(result: dict) -> float | None:
    return (result["scores"] or {}).get("overall")


def check_froze(folder: Path) -> tuple[bool, str]:
    result = analyze(froze(folder), "--question-id", "core-pressure-deadline")
    length, overall = _sub(result, "content", "length").get("score"), _overall(result)
    ok = length is not None and length <= 2 and overall is not None and overall <= 3.0
    spoken = result["delivery"]["spoken_span_s"]
    return ok, f"length {length}/5, overall {overall} (spoken span {spoken} s of {result['duration_s']} s)"


def check_little(folder: Path) -> tuple[bool, str]:
    result = analyze(little(folder), "--question-id", "core-pressure-deadline")
    pace, overall = _sub(result, "delivery", "pace"), _overall(result)
    ok = pace.get("score") is None and overall is not None and overall <= 2.5
    words = result["delivery"]["word_count"]
    return (
        ok,
        f"pace {pace.get('score')} ({pace.get('reason', '')!r}), overall {overall}, {words} words heard",
    )


def check_silent(folder: Path) -> tuple[bool, str]:
    result = analyze(silent(folder), "--question-id", "core-pressure-deadline")
    overall = _overall(result)
    body = (result["scores"] or {}).get("body_language", {}).get("score")
    note = (result["scores"] or {}).get("overall_note", "")
    return overall is None, f"overall {overall}, body language {body}, note {note!r}"


def check_motivation(folder: Path) -> tuple[bool, str]:
    result = analyze(motivation(folder), "--question", "Why do you want to work here?")
    structure = _sub(result, "content", "structure")
    question = result["question"]
    ok = not structure or structure.get("score") is None
    return ok, (
        f"structure sub-score {structure.get('score') if structure else 'absent'}, star_expected "
        f"{question.get('star_expected')}, target {question.get('target_seconds')} s "
        f"({question.get('guidance', '')!r})"
    )


def check_fillers(folder: Path) -> tuple[bool, str]:
    path, truth = fillers(folder)
    result = analyze(path, "--question-id", "core-pressure-deadline")
    found = [(f["word"], f["start"]) for f in result["delivery"]["fillers"]]
    pairs = [(w, s, min((abs(s - t) for tw, t in truth if tw == w), default=99.0)) for w, s in found]
    ok = len(found) == len(truth) and all(error <= 0.3 for _w, _s, error in pairs)
    said = ", ".join(f"{w} at {t:.2f}" for w, t in truth)
    heard = ", ".join(f"{w} at {s:.2f} (off {e:.2f} s)" for w, s, e in pairs) or "none"
    return ok, f"said: {said}; reported: {heard}; transcript {result['transcript'].get('text', '')!r}"


CHECKS: tuple[tuple[str, Callable[[Path], tuple[bool, str]]], ...] = (
    ("11 s + 100 s silence -> length <= 2/5, overall <= 3.0", check_froze),
    ("2.5 s of speech in 2 minutes -> pace not judged, overall <= 2.5", check_little),
    ("video without sound -> no overall", check_silent),
    ('"Why do you want to work here?" -> no STAR structure score', check_motivation),
    ('filler case ("so" as a word, um + uh) -> exactly 2 fillers, each within 0.3 s', check_fillers),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the composed media and JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="issue14-") as temp:
        folder = args.out or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        for label, check in CHECKS:
            ok, figures = check(folder)
            print(f"{'HOLDS' if ok else 'FAILS'}  {label}: {figures}")


if __name__ == "__main__":
    main()
