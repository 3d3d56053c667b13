"""A disk cache of sentence embeddings for training and evaluating the content judge on a busy machine.

Training reads ~3,500 corpus sentences and ~200 answers; encoding them all takes minutes on two shared
cores, and most of them do not change between runs. The cache is keyed by the exact text (the encoder's
weights are pinned by sha256, see app.analysis.encoder), lives in the system's temporary folder, and is
only used by benchmarks/train_content.py: the app and the benchmark figures always encode afresh.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from app.analysis.encoder import SentenceEncoder, shared_encoder


class DiskCachedEncoder:
    """`encode` as SentenceEncoder's, with every embedding kept on disk between runs."""

    def __init__(self, encoder: SentenceEncoder | None = None, path: Path | None = None) -> None:
        self._encoder = encoder or shared_encoder()
        self._path = path or Path(tempfile.gettempdir()) / "mock_interview_embeddings.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if self._path.exists():
            with np.load(self._path, allow_pickle=False) as data:
                self._vectors = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(s for s in sentences if s not in self._vectors))
        if missing:
            for text, vector in zip(missing, self._encoder.encode(missing), strict=True):
                self._vectors[text] = vector
            self._dirty = True
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vectors[s] for s in sentences])

    def save(self) -> None:
        if not self._dirty:
            return
        texts = list(self._vectors)
        np.savez(self._path, texts=np.array(texts), vectors=np.stack([self._vectors[t] for t in texts]))
        self._dirty = False
