"""The built-in Whisper models side by side: tiny.en (English only) and base (multilingual).

    uv run python -m benchmarks.bench_models [--quick]

English: word error rate and real-time factor of both models, in one run, on the real read speech in
../shared/media/audio (reference transcripts there), plus checksum and load times. Other languages: base
on answers synthesized with eSpeak NG's Spanish and German voices (LANGUAGE_CASES); the "dev" sentences
set the bound that tests/speech/test_transcription_languages.py asserts, the held-back ones were not looked
at when choosing it and are reported apart. Prints a table and saves benchmarks/results/models.json.
Speed on a shared machine moves with its load: compare the two models' ratio, measured in the same run.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

from app.speech.synthetic import espeak_available, synthesize
from app.speech.transcription import WhisperTranscriber
from app.speech.whisper_models import ModelLoader, verify_model
from benchmarks.bench_speech import SHARED_AUDIO, edit_distance, load_shared, normalize_text

AREA = "models"
MODELS = ("tiny.en", "base")

LANGUAGE_CASES: dict[str, dict[str, object]] = {
    "es": {
        "voice": "es",
        "dev": [
            "Me llamo Laura y trabajo como enfermera desde hace cinco años.",
            "Cuando el equipo tenía un problema, hablé con cada persona y buscamos una solución juntos.",
            "Quiero este puesto porque me gusta ayudar a los clientes y aprender cosas nuevas.",
        ],
        "held_back": [
            "Mi mayor fortaleza es la organización, siempre planifico mi semana con cuidado.",
            "En mi trabajo anterior atendía a muchos clientes por teléfono cada día.",
            "Aprendí que es importante escuchar antes de tomar una decisión difícil.",
        ],
    },
    "de": {
        "voice": "de",
        "dev": [
            "Ich heiße Thomas und arbeite seit drei Jahren als Lagerleiter.",
            "Als es im Team einen Konflikt gab, habe ich mit allen gesprochen und eine Lösung gefunden.",
            "Ich möchte diese Stelle, weil ich gerne mit Menschen arbeite und Verantwortung übernehme.",
        ],
        "held_back": [
            "Meine größte Stärke ist, dass ich auch unter Druck ruhig und freundlich bleibe.",
            "In meiner letzten Stelle habe ich neue Kollegen eingearbeitet und geschult.",
            "Ich habe gelernt, Aufgaben besser zu planen und früher um Hilfe zu bitten.",
        ],
    },
}
ESPEAK_SPEED = 150


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


def normalize_words(text: str, language: str) -> list[str]:
    """Words to compare: the English rules of bench_speech for English; otherwise lower case without
    punctuation, letters (accents included) kept as written."""
    if language == "en":
        return normalize_text(text)
    text = unicodedata.normalize("NFC", text.lower()).replace("-", " ")
    return re.sub(r"[^\w' ]+", " ", text).split()


def word_errors(reference: str, heard: str, language: str) -> tuple[int, int]:
    """(word edits, reference words)."""
    ref, hyp = normalize_words(reference, language), normalize_words(heard, language)
    return edit_distance(ref, hyp), len(ref)


def language_clip(text: str, language: str) -> np.ndarray:
    voice = str(LANGUAGE_CASES[language]["voice"])
    return synthesize(text, voice=voice, speed=ESPEAK_SPEED)


def _timed(transcriber: WhisperTranscriber, audio: np.ndarray) -> tuple[str, float, float]:
    """(text, wall seconds, CPU seconds) of one transcription."""
    wall, cpu = time.perf_counter(), time.process_time()
    text = transcriber.transcribe(audio).text
    return text, time.perf_counter() - wall, time.process_time() - cpu


def bench_load(loader: ModelLoader) -> list[dict]:
    rows = []
    for name in MODELS:
        started = time.perf_counter()
        verify_model(name)
        verify_s = time.perf_counter() - started
        started = time.perf_counter()
        loader.get(name)
        load_s = time.perf_counter() - started
        rows.append(
            row(
                f"{name}: model load time",
                load_s,
                "s",
                "<= 3",
                load_s <= 3.0,
                f"checksum {verify_s:.2f} s before",
            )
        )
    return rows


def bench_english(loader: ModelLoader, clips: dict[str, tuple[np.ndarray, str]]) -> list[dict]:
    """Both models on the same clips, one after the other, in one run."""
    rows = []
    audio_s = sum(audio.size for audio, _ in clips.values()) / 16000
    for name in MODELS:
        transcriber = WhisperTranscriber(loader, name, language="en")
        errors = words = 0
        wall = cpu = 0.0
        for audio, reference in clips.values():
            text, wall_s, cpu_s = _timed(transcriber, audio)
            err, n = word_errors(reference, text, "en")
            errors, words, wall, cpu = errors + err, words + n, wall + wall_s, cpu + cpu_s
        wer = errors / words
        rows.append(
            row(
                f"{name}: WER on real read English",
                100 * wer,
                "%",
                "<= 5",
                wer <= 0.05,
                f"{len(clips)} clips, {audio_s:.0f} s, {words} words",
            )
        )
        rows.append(
            row(
                f"{name}: real-time factor (English)",
                wall / audio_s,
                "x",
                "<= 0.5",
                wall / audio_s <= 0.5,
                f"int8, 2 threads, beam 5, wall clock on a shared CPU; CPU time / 2 = {cpu / audio_s / 2:.3f}",
            )
        )
    return rows


def bench_languages(loader: ModelLoader, quick: bool) -> list[dict]:
    """base on eSpeak NG speech in each language, dev and held-back sentences reported apart."""
    rows = []
    for language, case in LANGUAGE_CASES.items():
        transcriber = WhisperTranscriber(loader, "base", language=language)
        for part in ("dev", "held_back"):
            sentences = list(case[part])[: 1 if quick else None]  # type: ignore[call-overload]
            errors = words = 0
            wall = audio_s = 0.0
            worst = (0.0, "")
            for sentence in sentences:
                audio = language_clip(sentence, language)
                text, wall_s, _cpu = _timed(transcriber, audio)
                err, n = word_errors(sentence, text, language)
                errors, words, wall, audio_s = (
                    errors + err,
                    words + n,
                    wall + wall_s,
                    audio_s + audio.size / 16000,
                )
                if err / n > worst[0]:
                    worst = (err / n, text)
                print(f"  {language} {part}: {text!r} ({err}/{n})", file=sys.stderr)
            wer = errors / words
            rows.append(
                row(
                    f"base: WER on eSpeak {language} ({part})",
                    100 * wer,
                    "%",
                    "<= 25",
                    wer <= 0.25,
                    f"{len(sentences)} sentences, {audio_s:.0f} s, {words} words, RTF {wall / audio_s:.2f}",
                )
            )
    return rows


def run(quick: bool = False) -> list[dict]:
    loader = ModelLoader()
    rows = bench_load(loader)
    if (SHARED_AUDIO / "transcripts.json").is_file():
        clips = load_shared()
        if quick:
            clips = dict(list(clips.items())[:3])
        rows += bench_english(loader, clips)
    else:
        rows.append(
            row("WER on real read English", float("nan"), "%", "<= 5", None, f"{SHARED_AUDIO} missing")
        )
    if espeak_available():
        rows += bench_languages(loader, quick)
    else:
        rows.append(row("base: WER on eSpeak speech", float("nan"), "%", "<= 25", None, "espeak-ng missing"))
    return rows


if __name__ == "__main__":
    results = run(quick="--quick" in sys.argv)
    for result in results:
        flag = {True: "ok", False: "MISS", None: "-"}[result["ok"]]
        print(
            f"{result['metric']:<42} {result['value']:>9} {result['unit']:<3} {result['target']:<6} {flag:<4}"
            f" {result['notes']}"
        )
    out = Path(__file__).resolve().parent / "results" / "models.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=bool))
    print(f"saved {out}", file=sys.stderr)
