"""The numpy all-MiniLM-L6-v2 encoder: reproduces sentence-transformers, batches exactly, checks its files."""

from __future__ import annotations

import math
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from app.analysis import encoder as encoder_module
from app.analysis import encoder_files, encoder_maths
from app.analysis.encoder import DIM, MAX_TOKENS, SentenceEncoder, cosine, model_dir, shared_encoder
from app.core.errors import ModelUnavailable


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_reproduces_sentence_transformers_reference_cosines(encoder: SentenceEncoder) -> None:
    food, bread, baby = encoder.encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby."]
    )
    # sentence-transformers' published similarities for all-MiniLM-L6-v2.
    assert cosine(food, bread) == pytest.approx(0.7553, abs=2e-3)
    assert cosine(food, baby) == pytest.approx(-0.1050, abs=2e-3)


def test_rows_are_unit_float32_and_empty_input_is_0_by_384(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(["Hello there.", "", "I led the migration to the new billing system."])
    assert vectors.shape == (3, DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    empty = encoder.encode([])
    assert empty.shape == (0, DIM)
    assert empty.dtype == np.float32


def test_paraphrase_scores_higher_than_unrelated(encoder: SentenceEncoder) -> None:
    point, paraphrase, unrelated = encoder.encode(
        [
            "Explains how the conflict with the colleague was resolved.",
            "In the end my coworker and I sat down and worked out our disagreement together.",
            "The quarterly sales figures were published in the newspaper on Monday.",
        ]
    )
    assert cosine(point, paraphrase) > cosine(point, unrelated) + 0.2


def test_batched_equals_one_at_a_time(encoder: SentenceEncoder) -> None:
    sentences = [
        "Yes.",
        "I set up a weekly call with the design team so that problems surfaced early.",
        "As a result we shipped two weeks ahead of schedule and support tickets fell by a third.",
        "My task was to get the release back on track without burning the team out.",
        "Honestly, I think I would do it differently now.",
    ]
    encoder.clear_cache()
    batched = encoder.encode(sentences)
    singles = []
    for sentence in sentences:
        encoder.clear_cache()
        singles.append(encoder.encode([sentence])[0])
    np.testing.assert_allclose(batched, np.stack(singles), atol=1e-5)


def test_cache_is_bounded_and_callers_cannot_corrupt_it(encoder: SentenceEncoder) -> None:
    small = SentenceEncoder.__new__(SentenceEncoder)
    small.__dict__.update(encoder.__dict__)
    small._cache = type(encoder._cache)()
    small._cache_lock = threading.Lock()
    small._cache_size = 3
    first = small.encode(["one", "two", "one"])
    np.testing.assert_array_equal(first[0], first[2])
    first[0] = 0.0  # the caller owns its array
    again = small.encode(["one"])
    np.testing.assert_allclose(np.linalg.norm(again[0]), 1.0, atol=1e-5)
    small.encode(["three", "four", "five"])
    assert small.cache_info() == (3, 3)


def test_blas_thread_limit_is_restored_after_encoding(encoder: SentenceEncoder) -> None:
    from threadpoolctl import threadpool_info

    before = [info["num_threads"] for info in threadpool_info()]
    encoder.clear_cache()
    encoder.encode(["The thread limit only holds while encoding."])
    assert [info["num_threads"] for info in threadpool_info()] == before


def test_long_input_is_truncated_not_rejected(encoder: SentenceEncoder) -> None:
    long_text = " ".join(["we shipped the product"] * 200)
    assert len(encoder._tokenizer.encode(long_text).ids) == MAX_TOKENS
    vector = encoder.encode([long_text])
    assert vector.shape == (1, DIM)
    assert np.isfinite(vector).all()


def test_numpy_erf_is_accurate() -> None:
    x = np.linspace(-6.0, 6.0, 4001)
    reference = np.array([math.erf(v) for v in x])
    assert np.abs(encoder_maths.erf_numpy(x) - reference).max() < 1e-6
    assert np.abs(encoder_maths.erf_numpy(x.astype(np.float32)) - reference).max() < 1e-6


def test_gelu_is_exact_erf_gelu() -> None:
    x = np.linspace(-12.0, 12.0, 100_001)  # more than one chunk
    reference = np.array([v * 0.5 * (1.0 + math.erf(v / math.sqrt(2.0))) for v in x])
    got = encoder_maths.gelu(x.astype(np.float32))
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, reference, atol=2e-6, rtol=1e-6)


def test_shared_encoder_is_one_instance_across_threads(monkeypatch: pytest.MonkeyPatch,
                                                      encoder: SentenceEncoder) -> None:
    loads: list[int] = []

    def fake_load(cls: type[SentenceEncoder]) -> SentenceEncoder:
        loads.append(1)
        return encoder

    monkeypatch.setattr(encoder_module, "_shared", None)
    monkeypatch.setattr(SentenceEncoder, "load", classmethod(fake_load))
    results: list[SentenceEncoder] = []
    threads = [threading.Thread(target=lambda: results.append(shared_encoder())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert all(result is encoder for result in results)


def _copy_small_files(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(model_dir() / name, folder / name)
    return folder


def test_corrupt_weights_are_refused_with_advice(tmp_path: Path) -> None:
    folder = _copy_small_files(tmp_path)
    (folder / "model.safetensors").write_bytes(b"\0" * 1024)
    with pytest.raises(ModelUnavailable) as caught:
        SentenceEncoder.load(folder)
    assert "checksum" in caught.value.message
    assert "Reinstall" in caught.value.advice


def test_missing_files_are_refused_with_advice(tmp_path: Path) -> None:
    folder = _copy_small_files(tmp_path)
    with pytest.raises(ModelUnavailable, match="incomplete"):
        SentenceEncoder.load(folder)
    with pytest.raises(ModelUnavailable, match="incomplete"):
        SentenceEncoder.load(tmp_path / "nowhere")


def test_verification_is_remembered(monkeypatch: pytest.MonkeyPatch, encoder: SentenceEncoder) -> None:
    hashed: list[int] = []
    real_sha256 = encoder_files._sha256

    def counting_sha256(data: bytes) -> str:
        if len(data) > 10_000_000:
            hashed.append(len(data))
        return real_sha256(data)

    monkeypatch.setattr(encoder_files, "_sha256", counting_sha256)
    monkeypatch.setattr(encoder_files, "_verified_in_process", set())
    SentenceEncoder.load()  # no record in this test's private cache folder: hashes the weights
    assert len(hashed) == 1
    monkeypatch.setattr(encoder_files, "_verified_in_process", set())
    SentenceEncoder.load()  # a new process would find the record
    assert len(hashed) == 1
