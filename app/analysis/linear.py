"""Logistic and softmax regression in numpy: the small trained parts of the content judge.

Models are fitted by `benchmarks/train_content.py` on the development part of the labelled data and
shipped as plain JSON (assets/models/content_judge.json), so what the judge weighs can be read. Inputs
are standardised with the training mean and spread, stored with the weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class LinearModel:
    """Softmax regression over `labels` (two labels: logistic regression on the second one)."""

    labels: list[str]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    mean: np.ndarray  # (features,) standardisation
    scale: np.ndarray  # (features,)
    feature_names: list[str]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(n, classes) class probabilities for rows of `x` (n, features)."""
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, x: np.ndarray) -> list[str]:
        return [self.labels[i] for i in self.probabilities(x).argmax(axis=1)]

    def to_dict(self) -> dict[str, object]:
        return {
            "labels": self.labels,
            "feature_names": self.feature_names,
            "weights": [[float(f"{v:.6g}") for v in row] for row in self.weights],
            "bias": [float(f"{v:.6g}") for v in self.bias],
            "mean": [float(f"{v:.6g}") for v in self.mean],
            "scale": [float(f"{v:.6g}") for v in self.scale],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LinearModel:
        def arr(key: str) -> np.ndarray:
            return np.asarray(data[key], dtype=np.float32)

        return cls(
            labels=list(data["labels"]),  # type: ignore[call-overload]
            weights=arr("weights"),
            bias=arr("bias"),
            mean=arr("mean"),
            scale=arr("scale"),
            feature_names=list(data["feature_names"]),  # type: ignore[call-overload]
        )


def fit(
    x: np.ndarray,
    y: list[str],
    labels: list[str],
    feature_names: list[str],
    l2: float = 1.0,
    class_weight: str | None = "balanced",
    steps: int = 3000,
    learning_rate: float = 0.5,
) -> LinearModel:
    """Fit softmax regression with an L2 penalty by full-batch gradient descent (small data, convex)."""
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs = (x - mean) / scale
    n, d = xs.shape
    k = len(labels)
    index = np.array([labels.index(label) for label in y])
    onehot = np.eye(k)[index]
    counts = onehot.sum(axis=0)
    sample_w = np.ones(n) if class_weight is None else (n / (k * np.maximum(counts, 1)))[index]
    w = np.zeros((d, k))
    b = np.zeros(k)
    for _ in range(steps):
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None] / n
        w -= learning_rate * (xs.T @ g + l2 * w / n)
        b -= learning_rate * g.sum(axis=0)
    return LinearModel(
        labels,
        w.astype(np.float32),
        b.astype(np.float32),
        mean.astype(np.float32),
        scale.astype(np.float32),
        feature_names,
    )
