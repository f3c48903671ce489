"""The theme classifier as plain arrays: features of a text (``analyse``), the linear model
that scores them against the 54 UPR Info issues, and the committed artefact
``data/themes_model.npz`` it is read from and written to. Needs numpy only."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_PATH = DATA_DIR / "themes_model.npz"
# Texts are scored together until they hold this many features: batching amortises numpy's
# per-call cost, the cap bounds the (features x labels) scratch array to ~20 MB.
_FEATURE_BUDGET = 50_000

# Lower-cased runs of letters/digits: "Afro-Brazilian" -> "afro", "brazilian".
_TOKEN = re.compile(r"[^\W_]+")


def analyse(text: str) -> list[str]:
    """Return the classifier's features of ``text``: lower-cased words and word bigrams."""
    words = _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


class ThemeModelMissing(RuntimeError):
    """The classifier artefact is absent; it is built by ``python -m recsearch.themes train``."""


@dataclass
class LinearModel:
    """Sparse TF-IDF + linear scores + per-label thresholds, as plain arrays."""

    labels: list[str]
    terms: list[str]
    idf: np.ndarray  # (n_terms,) float64, scikit-learn's smoothed idf
    weights: np.ndarray  # (n_terms, n_labels) float64, pruned
    bias: np.ndarray  # (n_labels,)
    thresholds: np.ndarray  # (n_labels,)
    meta: dict[str, Any]

    def __post_init__(self) -> None:
        self.index = {term: i for i, term in enumerate(self.terms)}

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return (term ids, l2-normalised sublinear TF-IDF values) of ``text``."""
        counts = Counter(i for i in map(self.index.get, analyse(text)) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[ids]
        return ids, values / np.sqrt(np.dot(values, values))

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Return the decision scores, one row per text, one column per label."""
        out = np.tile(self.bias, (len(texts), 1))
        pending: list[tuple[int, np.ndarray, np.ndarray]] = []
        size = 0
        for i, text in enumerate(texts):
            ids, values = self.features(text)
            if len(ids):
                pending.append((i, ids, values))
                size += len(ids)
            if size >= _FEATURE_BUDGET:
                self._accumulate(out, pending)
                pending, size = [], 0
        self._accumulate(out, pending)
        return out

    def _accumulate(
        self, out: np.ndarray, pending: list[tuple[int, np.ndarray, np.ndarray]]
    ) -> None:
        if not pending:
            return
        ids = np.concatenate([ids for _, ids, _ in pending])
        values = np.concatenate([values for _, _, values in pending])
        lengths = np.array([len(ids) for _, ids, _ in pending])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        rows = np.array([i for i, _, _ in pending])
        out[rows] += np.add.reduceat(self.weights[ids] * values[:, None], starts, axis=0)

    def save(self, path: Path) -> None:
        """Write the model as a compressed NPZ of plain (non-object) arrays."""
        rows, cols = np.nonzero(self.weights)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            terms=np.array(self.terms),
            idf=self.idf,
            weight_rows=rows.astype(np.int32),
            weight_cols=cols.astype(np.int16),
            weight_values=self.weights[rows, cols].astype(np.float32),
            bias=self.bias,
            thresholds=self.thresholds,
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as z:
            labels = [str(x) for x in z["labels"]]
            terms = [str(x) for x in z["terms"]]
            weights = np.zeros((len(terms), len(labels)))
            weights[z["weight_rows"], z["weight_cols"]] = z["weight_values"]
            return cls(
                labels=labels,
                terms=terms,
                idf=z["idf"],
                weights=weights,
                bias=z["bias"],
                thresholds=z["thresholds"],
                meta=json.loads(str(z["meta"])),
            )


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LinearModel:
    """Return the committed classifier (cached)."""
    if not path.exists():
        raise ThemeModelMissing(
            f"theme model {path} is missing: run python -m recsearch.themes train CORPUS"
        )
    return LinearModel.load(path)
