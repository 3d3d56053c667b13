"""The rubric's building blocks (app.analysis.rubric): a band of values with its score, and a metric's
rule (what is measured, why, and its bands)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core.scores import Dimension

INF = math.inf


@dataclass(frozen=True)
class Band:
    """Values in [low, high) score `score` and are described by `label`."""

    low: float
    high: float
    score: int
    label: str


@dataclass(frozen=True)
class MetricRule:
    key: str
    label: str
    dimension: Dimension
    metric: str  # the measured field the score comes from
    unit: str
    definition: str
    source: str
    bands: tuple[Band, ...]

    def band_for(self, value: float) -> Band:
        for band in self.bands:
            if band.low <= value < band.high:
                return band
        return self.bands[-1] if value >= self.bands[-1].low else self.bands[0]


def bands(*rows: tuple[float, float, int, str]) -> tuple[Band, ...]:
    return tuple(Band(*row) for row in rows)
