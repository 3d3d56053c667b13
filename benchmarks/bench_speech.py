"""Speech benchmark: accuracy, speed, fillers, pauses and live latency of the transcription pipeline.

    uv run python -m benchmarks.bench_speech [--quick]
    uv run python -m benchmarks.bench_speech --fillers  # only the filler rows (um/uh, composed answers)

Real read speech from ../shared/media/audio (reference transcripts there) and speech synthesized with
eSpeak NG at run time (known fillers and silences). Targets come from issue 4.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from pathlib import Path

import numpy as np

from app.core.delivery import HESITATION_FILLERS
from app.speech.filler_timing import Loudness
from app.speech.fillers import find_fillers
from app.speech.streaming import StreamingTranscriber
from app.speech.synthetic import (
    HESITATION_SPELLINGS,
    Say,
    Silence,
    add_noise,
    build_clip,
    espeak_available,
    filler_scripts,
)
from app.speech.transcription import WhisperTranscriber
from app.speech.vad import detect_speech, find_pauses
from app.speech.whisper_models import ModelLoader, verify_model

AREA = "speech"
SHARED_AUDIO = (
    Path(os.environ.get("MOCK_INTERVIEW_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    / "media"
    / "audio"
)
FILLER_VOICES = [
    ("en-us", 160),
    ("en-gb+f3", 140),
    ("en-us+m3", 190),
    ("en-gb-x-rp+m2", 175),
    ("en-us+f2", 210),
]
SNR_DB = 20.0
HELD_BACK_2 = Path(__file__).resolve().parent / "data" / "fillers_held_back_2.txt"
"""Composed filler cases written and committed before the method ever ran on them (issue 14)."""
MATCH_TOLERANCE_S = 0.5


def row(metric: str, value: float, unit: str, target: str, ok: bool | None, notes: str = "") -> dict:
    return {
        "area": AREA,
        "metric": metric,
        "value": round(float(value), 4),
        "unit": unit,
        "target": target,
        "ok": ok,
        "notes": notes,
    }


# ---------------------------------------------------------------- word error rate

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ABBREVIATIONS = {"mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint"}


def number_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    return " ".join(_ONES[int(d)] for d in str(n))


def normalize_text(text: str) -> list[str]:
    """Lower case, no punctuation, hyphens split, digits spelled out, common abbreviations expanded."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"\d+", lambda m: " " + number_words(int(m.group())) + " ", text)
    words = re.sub(r"[^a-z' ]+", " ", text).split()
    return [_ABBREVIATIONS.get(w, w) for w in words]


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i]
        for j, h in enumerate(hyp, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = cur
    return prev[-1]


def load_shared() -> dict[str, tuple[np.ndarray, str]]:
    from app.capture.audio_file import decode_audio

    refs = json.loads((SHARED_AUDIO / "transcripts.json").read_text())
    return {name: (decode_audio(SHARED_AUDIO / name), text) for name, text in sorted(refs.items())}


def bench_real(transcriber: WhisperTranscriber, clips: dict[str, tuple[np.ndarray, str]]) -> list[dict]:
    errors = ref_words = fillers = 0
    compute = audio_s = 0.0
    cpu_started = time.process_time()
    worst = ("", 0.0)
    for name, (audio, ref) in clips.items():
        started = time.perf_counter()
        transcript = transcriber.transcribe(audio)
        compute += time.perf_counter() - started
        audio_s += audio.size / 16000
        ref_n, hyp_n = normalize_text(ref), normalize_text(transcript.text)
        err = edit_distance(ref_n, hyp_n)
        errors, ref_words = errors + err, ref_words + len(ref_n)
        if err / len(ref_n) > worst[1]:
            worst = (name, err / len(ref_n))
        found = find_fillers(transcript.words, Loudness.of(audio, 16000))  # with audio: dropped ones too
        fillers += len(found)
        if found:
            print(f"  filler on read speech {name}: {found}", file=sys.stderr)
    wer, rtf = errors / ref_words, compute / audio_s
    cpu_rtf = (
        (time.process_time() - cpu_started) / audio_s / 2
    )  # 2 threads: the uncontended wall-clock estimate
    return [
        row(
            "WER on real read speech",
            100 * wer,
            "%",
            "<= 5",
            wer <= 0.05,
            f"{len(clips)} clips, {audio_s:.0f} s, {ref_words} words; worst {worst[0]} {100 * worst[1]:.0f}%",
        ),
        row(
            "real-time factor (load excluded)",
            rtf,
            "x",
            "<= 0.15",
            rtf <= 0.15,
            f"tiny.en int8, 2 threads, beam 5; wall clock, shared CPU; CPU time / 2 threads = {cpu_rtf:.3f}",
        ),
        row(
            "fillers reported on real read speech",
            fillers,
            "count",
            "0",
            fillers == 0,
            "all ../shared clips; words and audio (hesitations heard on the audio included)",
        ),
    ]


def bench_noise(transcriber: WhisperTranscriber) -> list[dict]:
    rng = np.random.default_rng(7)
    n = 16000 * 8
    brown = np.cumsum(rng.normal(0, 1, n))
    brown -= np.convolve(brown, np.ones(400) / 400, "same")
    clips = {
        "silence": np.zeros(n, np.float32),
        "white -40 dBFS": rng.normal(0, 0.01, n),
        "white -20 dBFS": rng.normal(0, 0.1, n),
        "brown": 0.05 * brown / np.std(brown),
        "hum 50 Hz": 0.1 * np.sin(2 * np.pi * 50 * np.arange(n) / 16000),
        "keyboard clicks": np.where(rng.random(n) < 0.0005, rng.normal(0, 0.5, n), rng.normal(0, 0.003, n)),
    }
    words = fillers = 0
    for name, audio in clips.items():
        samples = np.asarray(audio, np.float32)
        transcript = transcriber.transcribe(samples)
        words += len(transcript.words)
        fillers += len(find_fillers(transcript.words, Loudness.of(samples, 16000)))
        if transcript.words:
            print(f"  words on {name}: {transcript.text}", file=sys.stderr)
    return [
        row(
            "fillers reported on silence/noise clips",
            fillers,
            "count",
            "0",
            fillers == 0,
            f"{len(clips)} clips x 8 s; words reported: {words}",
        )
    ]


# ---------------------------------------------------------------- fillers on synthetic speech


def bench_fillers(transcriber: WhisperTranscriber, quick: bool) -> list[dict]:
    voices = FILLER_VOICES[:2] if quick else FILLER_VOICES
    tp = fp = fn = 0
    start_errors: list[float] = []
    spellings = list(HESITATION_SPELLINGS)
    for vi, (voice, speed) in enumerate(voices):
        for si, script in enumerate(filler_scripts(spellings[vi % 4], spellings[(vi + 1) % 4])):
            clip = build_clip(script, voice, speed)
            audio = add_noise(clip.audio, SNR_DB, seed=100 * vi + si)
            words = transcriber.transcribe(audio).words
            found = [f for f in find_fillers(words, Loudness.of(audio, 16000)) if f.kind == "hesitation"]
            matched: set[int] = set()
            for filler in found:
                hit = next(
                    (
                        i
                        for i, true in enumerate(clip.fillers)
                        if i not in matched
                        and filler.start < true.end + MATCH_TOLERANCE_S
                        and filler.end > true.start - MATCH_TOLERANCE_S
                    ),
                    None,
                )
                if hit is None:
                    fp += 1
                    print(f"  false filler {voice} {speed} script {si}: {filler}", file=sys.stderr)
                else:
                    matched.add(hit)
                    tp += 1
                    start_errors.append(abs(filler.start - clip.fillers[hit].start))
            for i, true in enumerate(clip.fillers):
                if i not in matched:
                    fn += 1
                    print(f"  missed filler {voice} {speed} script {si} at {true.start:.2f}", file=sys.stderr)
    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    notes = (
        f"{len(voices)} eSpeak voices x 5 answers, {tp + fn} fillers (um/uh/er spellings), white noise "
        f"{SNR_DB:.0f} dB SNR; hit = overlap within {MATCH_TOLERANCE_S} s"
    )
    return [
        row("filler recall um/uh/er (synthetic)", recall, "ratio", ">= 0.9", recall >= 0.9, notes),
        row(
            "filler precision um/uh/er (synthetic)",
            precision,
            "ratio",
            ">= 0.95",
            precision >= 0.95,
            f"{fp} false",
        ),
        row(
            "filler start error, max (synthetic)",
            max(start_errors, default=0.0),
            "s",
            "<= 0.3",
            max(start_errors, default=0.0) <= 0.3,
            f"median {np.median(start_errors) if start_errors else 0:.2f} s; times placed on the audio "
            "(app.speech.filler_timing)",
        ),
    ]


# ---------------------------------------------------------------- word fillers and filler times


def bench_word_fillers(transcriber: WhisperTranscriber) -> list[dict]:
    """Hesitations and discourse fillers on composed spontaneous-style answers (app.speech.filler_cases),
    through the app's whole chain (voice activity, Whisper, loudness, filler rules): development and
    held-back cases apart. Synthetic/composed speech (eSpeak NG pieces and shared read-speech segments),
    not spontaneous speech."""
    from app.speech.chain import analyse_samples
    from app.speech.filler_cases import DEV_CASES, HELD_BACK_CASES, compose, load_cases, score, shared_loader

    load = shared_loader(SHARED_AUDIO) if (SHARED_AUDIO / "jfk.wav").is_file() else None
    rows: list[dict] = []
    sets = (("dev", DEV_CASES), ("held-back", HELD_BACK_CASES), ("held-back 2", load_cases(HELD_BACK_2)))
    for label, cases in sets:
        used = [case for case in cases if load is not None or not case.needs_recordings]
        matched = false = missed = discourse_true = discourse_hit = 0
        errors: list[float] = []
        for case in used:
            clip = compose(case, load)
            found = analyse_samples(clip.audio, transcriber.transcribe).delivery.fillers
            result = score(found, clip.fillers)
            matched, false, missed = (
                matched + len(result.matched),
                false + len(result.false),
                missed + len(result.missed),
            )
            errors += result.time_errors
            discourse_true += sum(1 for t in clip.fillers if t.word not in HESITATION_FILLERS)
            discourse_hit += sum(1 for word, _f, _t in result.matched if word not in HESITATION_FILLERS)
            for word, at in result.false + result.missed:
                kind = "false" if (word, at) in result.false else "missed"
                print(f"  {label} {case.name}: {kind} {word!r} at {at:.2f} s", file=sys.stderr)
        precision = matched / (matched + false) if matched + false else 1.0
        recall = matched / (matched + missed) if matched + missed else 0.0
        within = sum(1 for e in errors if e <= 0.3)
        what = (
            f"{len(used)} composed answers ({label}; eSpeak NG pieces + shared read-speech segments, "
            f"33-19 dB SNR), {matched + missed} true fillers ({discourse_true} discourse); "
            "synthetic/composed speech, not spontaneous speech"
        )
        rows += [
            row(
                f"filler precision, um/uh + so/like/well/and ({label})",
                precision,
                "ratio",
                ">= 0.95",
                precision >= 0.95,
                f"{false} false (word uses counted as fillers); {what}",
            ),
            row(
                f"filler recall, um/uh + so/like/well/and ({label})",
                recall,
                "ratio",
                ">= 0.9",
                recall >= 0.9,
                f"{missed} missed; discourse fillers found {discourse_hit}/{discourse_true}",
            ),
            row(
                f"filler time error, mean ({label})",
                float(np.mean(errors)) if errors else float("nan"),
                "s",
                "<= 0.3",
                bool(errors) and float(np.mean(errors)) <= 0.3,
                "start of the reported filler vs the start of its sound",
            ),
            row(
                f"filler time error, max ({label})",
                max(errors, default=float("nan")),
                "s",
                "<= 0.3",
                bool(errors) and max(errors) <= 0.3,
                f"{within}/{len(errors)} within 0.3 s",
            ),
        ]
    return rows


# ---------------------------------------------------------------- pauses


def bench_pauses(quick: bool) -> list[dict]:
    silences = [1.0, 1.3, 1.6, 2.0, 2.5, 3.0]
    voices = FILLER_VOICES[:1] if quick else FILLER_VOICES[:3]
    sentences = [
        "I led the migration to the new database",
        "we tested every step twice",
        "then we switched over on a quiet weekend",
        "and nothing was lost",
        "the team was proud of it",
        "and so was I",
        "we wrote down what we learned",
    ]
    found = expected = 0
    worst = 0.0
    spurious = 0
    for vi, (voice, speed) in enumerate(voices):
        pieces: list[Say | Silence] = []
        for i, sentence in enumerate(sentences):
            pieces.append(Say(sentence))
            if i < len(silences):
                pieces.append(Silence(silences[(i + vi) % len(silences)]))
        clip = build_clip(pieces, voice, speed)
        audio = add_noise(clip.audio, SNR_DB, seed=vi)
        detected = find_pauses(detect_speech(audio))
        for true in clip.pauses:
            expected += 1
            match = min(
                detected, key=lambda p: abs(p.start - true.start) + abs(p.end - true.end), default=None
            )
            if match is not None and match.start < true.end and match.end > true.start:
                found += 1
                worst = max(worst, abs(match.start - true.start), abs(match.end - true.end))
        spurious += max(0, len(detected) - len(clip.pauses))
    return [
        row(
            "inserted silences >= 1 s found",
            found / expected,
            "ratio",
            "1.0",
            found == expected,
            f"{expected} silences 1.0-3.0 s, {len(voices)} voices, {SNR_DB:.0f} dB SNR; {spurious} extra",
        ),
        row("pause start/end error, max", worst, "s", "<= 0.25", worst <= 0.25, "voice activity (Silero)"),
    ]


# ---------------------------------------------------------------- live latency


def two_minute_answer(clips: dict[str, tuple[np.ndarray, str]], seconds: float = 120.0) -> np.ndarray:
    gaps = [0.7, 1.2, 0.9, 1.6]
    parts: list[np.ndarray] = []
    total = 0
    i = 0
    while total < seconds * 16000:
        audio = list(clips.values())[i % len(clips)][0]
        parts += [audio, np.zeros(int(gaps[i % len(gaps)] * 16000), np.float32)]
        total += audio.size + parts[-1].size
        i += 1
    return np.concatenate(parts)[: int(seconds * 16000)]


def bench_latency(
    transcriber: WhisperTranscriber, clips: dict[str, tuple[np.ndarray, str]], quick: bool
) -> list[dict]:
    answer = two_minute_answer(clips)
    chunk = 1600  # 100 ms, as a microphone delivers
    if quick:
        # Virtual clock: transcribe each closed stretch at once, measure its compute time, then replay the
        # single worker's schedule as if the audio had arrived in real time.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            stream = StreamingTranscriber(transcriber, executor=pool)
            for start in range(0, answer.size, chunk):
                stream.feed(answer[start : start + chunk])
                pool.submit(lambda: None).result()  # run each piece now, in stream order
            started = time.perf_counter()
            stream.finish()
            tail_s = time.perf_counter() - started
        worker_free = 0.0
        for piece in stream.timings()[:-1]:
            worker_free = max(worker_free, piece.closed_at) + piece.compute_s
        end_s = answer.size / 16000
        latency = max(worker_free - end_s, 0.0) + tail_s
        how = "virtual real-time clock (measured compute per stretch)"
    else:
        stream = StreamingTranscriber(transcriber)
        ticker = threading.Event()
        t0 = time.perf_counter()
        for start in range(0, answer.size, chunk):
            ticker.wait(max(0.0, t0 + start / 16000 - time.perf_counter()))
            stream.feed(answer[start : start + chunk])
        ticker.wait(max(0.0, t0 + answer.size / 16000 - time.perf_counter()))
        started = time.perf_counter()
        stream.finish()
        latency = time.perf_counter() - started
        how = "fed in real time (100 ms chunks)"
    pieces = len(stream.timings())
    return [
        row(
            "transcript ready after a 2-minute answer",
            latency,
            "s",
            "<= 3",
            latency <= 3.0,
            f"{how}; {pieces} stretches",
        )
    ]


def bench_load() -> tuple[list[dict], ModelLoader]:
    started = time.perf_counter()
    verify_model("tiny.en")  # the first verification hashes model.bin; later ones reuse the record
    verify_s = time.perf_counter() - started
    loader = ModelLoader()
    started = time.perf_counter()
    loader.get("tiny.en")
    load_s = time.perf_counter() - started
    return [
        row(
            "model load time (tiny.en)",
            load_s,
            "s",
            "<= 1",
            load_s <= 1.0,
            f"checksum verified before ({verify_s:.2f} s, then cached by size+mtime)",
        )
    ], loader


def run(quick: bool = False) -> list[dict]:
    rows: list[dict] = []
    load_rows, loader = bench_load()
    rows += load_rows
    transcriber = WhisperTranscriber(loader)
    clips: dict[str, tuple[np.ndarray, str]] = {}
    if (SHARED_AUDIO / "transcripts.json").is_file():
        clips = load_shared()
        rows += bench_real(transcriber, clips)
    else:
        rows.append(
            row("WER on real read speech", float("nan"), "%", "<= 5", None, f"{SHARED_AUDIO} missing")
        )
    rows += bench_noise(transcriber)
    if espeak_available():
        rows += bench_fillers(transcriber, quick)
        rows += bench_word_fillers(transcriber)
        rows += bench_pauses(quick)
    if clips:
        rows += bench_latency(transcriber, clips, quick)
    return rows


def run_fillers() -> list[dict]:
    """Only the filler rows (`--fillers`), saved in benchmarks/results/speech_fillers.json."""
    _load_rows, loader = bench_load()
    transcriber = WhisperTranscriber(loader)
    rows = bench_fillers(transcriber, quick="--quick" in sys.argv) + bench_word_fillers(transcriber)
    out = Path(__file__).resolve().parent / "results" / "speech_fillers.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, default=bool))
    print(f"saved {out}", file=sys.stderr)
    return rows


if __name__ == "__main__":
    results = run_fillers() if "--fillers" in sys.argv else run(quick="--quick" in sys.argv)
    for result in results:
        flag = {True: "ok", False: "MISS", None: "-"}[result["ok"]]
        print(
            f"{result['metric']:<45} {result['value']:>9} {result['unit']:<6} {result['target']:<8} {flag:<4}"
            f" {result['notes']}"
        )
