"""Themes: assign values of the project's theme vocabulary to a paragraph, and say why.

Two mechanisms, both described in ``data/themes.json`` and docs/themes.md:

- the 54 UPR Info issue categories come from a supervised linear classifier
  (TF-IDF of word 1-2 grams, one linear SVM per category, per-category
  thresholds tuned on a held-out UPR session), trained on UPR Info's human
  coding by ``python -m recsearch.themes train CORPUS`` and stored as plain
  arrays in ``data/themes_model.npz``;
- finer themes for CERD's work (racial profiling, hate speech, ...) come from
  the transparent keyword rules listed with them in the vocabulary file.

Inference needs numpy only; scikit-learn is imported by training alone.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import itertools
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY_PATH = DATA_DIR / "themes.json"
MODEL_PATH = DATA_DIR / "themes_model.npz"

# The UPR Info exports, relative to the corpus root: MacRoman, CR line endings.
UPR_INFO_GLOB = "upr/UPRInfo_recommendations_sessions_*.csv"
# Session 18 tunes the thresholds; the evaluation holds out 19-20 as well.
VALIDATION_SESSIONS = (18,)
SVM_C = 1.0
# Weights below this magnitude are dropped: the artefact shrinks ~5x and
# held-out micro-F1 moves by less than 0.001 (measured on sessions 19-20).
PRUNE_BELOW = 0.1
# Candidate decision thresholds per category; on session 18 every chosen one lies within
# -0.7 .. 0.05, well inside the grid.
THRESHOLD_GRID = np.round(np.arange(-1.0, 1.0001, 0.05), 2)
EXPLAIN_TOP = 5
# Function words do carry weight in the model ("by" leans towards state agents), but a
# reader learns nothing from them, so explanations skip terms made only of these.
_FUNCTION_WORDS = frozenset(
    "a an and are as at be by for from has have in is its it of on or that the their this "  # noqa: SIM905
    "to with all any".split()
)
# Texts are scored together until they hold this many features: batching amortises numpy's
# per-call cost, the cap bounds the (features x labels) scratch array to ~20 MB.
_FEATURE_BUDGET = 50_000

# In UPR recommendations "Committee" signals the "Treaty bodies" category; in a
# treaty body's own paragraphs "the Committee recommends" is the author speaking,
# so that self-reference is removed before classification (rules still see it).
TREATY_BODIES = frozenset({"CERD", "CCPR", "CESCR", "CEDAW", "CRC", "CAT", "CMW", "CRPD", "CED"})
_SELF_REFERENCE = re.compile(r"\b(?:the\s+)?Committee(?:['’]s)?\b(?!\s+(?:on|against|for)\b)", re.I)
# Likewise a special procedure's report ("the Special Rapporteur recommends") would read
# as the "Special procedures" category; its body is the mandate ("Special Rapporteur on ...").
MANDATE_PREFIXES = ("SPECIAL RAPPORTEUR", "INDEPENDENT EXPERT", "WORKING GROUP ON")
_MANDATE_SELF_REFERENCE = re.compile(
    r"\b(?:the\s+)?(?:Special\s+Rapporteur|Independent\s+Expert|Working\s+Group)(?:['’]s)?\b"
    r"(?!\s+on\b)",
    re.I,
)

# Lower-cased runs of letters/digits: "Afro-Brazilian" -> "afro", "brazilian".
_TOKEN = re.compile(r"[^\W_]+")


def analyse(text: str) -> list[str]:
    """Return the classifier's features of ``text``: lower-cased words and word bigrams."""
    words = _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _body_code(body: object) -> str:
    # Bodies arrive from JSON Lines input, so anything may turn up; compare upper-cased codes.
    return str(body).strip().upper() if body else ""


@dataclass(frozen=True)
class Rule:
    """One keyword rule of a finer theme."""

    theme: str
    pattern: re.Pattern[str]
    bodies: frozenset[str] | None
    cues: tuple[str, ...]  # one of these occurs in any match; a cheap test before the regex

    def applies(self, body: str | None) -> bool:
        """Say whether the rule is in force for a text from ``body``."""
        return self.bodies is None or _body_code(body) in self.bodies


@lru_cache(maxsize=1)
def _vocabulary_file() -> dict[str, Any]:
    return json.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))


def vocabulary() -> list[dict]:
    """Return the vocabulary entries (name, description, source, and rules for finer themes)."""
    return copy.deepcopy(_vocabulary_file()["themes"])


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    rules = []
    for entry in _vocabulary_file()["themes"]:
        for spec in entry.get("rules", []):
            flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
            bodies = spec.get("bodies")
            rules.append(
                Rule(
                    theme=entry["name"],
                    pattern=re.compile(spec["pattern"], flags),
                    bodies=frozenset(b.upper() for b in bodies) if bodies else None,
                    cues=tuple(spec["cues"]),
                )
            )
    return tuple(rules)


@lru_cache(maxsize=1)
def _all_cues() -> frozenset[str]:
    return frozenset(cue for rule in _rules() for cue in rule.cues)


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


def classifier_text(text: str, body: str | None = None) -> str:
    """Return ``text`` as the classifier sees it: the author's references to itself removed."""
    code = _body_code(body)
    if code in TREATY_BODIES:
        return _SELF_REFERENCE.sub(" ", text)
    if code.startswith(MANDATE_PREFIXES):
        return _MANDATE_SELF_REFERENCE.sub(" ", text)
    return text


def _classified(model: LinearModel, scores: np.ndarray) -> list[list[str]]:
    out = []
    for row in scores:
        margin = row - model.thresholds
        picked = np.flatnonzero(margin > 0)
        out.append([model.labels[j] for j in picked[np.argsort(-margin[picked], kind="stable")]])
    return out


def _rule_matches(text: str, body: str | None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    lowered = text.lower()
    present = {cue for cue in _all_cues() if cue in lowered}
    for rule in _rules():
        if present.isdisjoint(rule.cues) or not rule.applies(body):
            continue
        for match in rule.pattern.finditer(text):
            phrases = found.setdefault(rule.theme, [])
            if match.group(0) not in phrases:
                phrases.append(match.group(0))
    return found


def assign_themes(
    texts: list[str], bodies: list[str | None] | None = None, model: LinearModel | None = None
) -> list[list[str]]:
    """Return each text's themes: classifier labels, most confident first, then rule themes."""
    model = model or load_model()
    bodies = bodies if bodies is not None else [None] * len(texts)
    if len(bodies) != len(texts):
        raise ValueError("assign_themes: texts and bodies differ in length")
    texts = [t if isinstance(t, str) else "" for t in texts]
    seen = [classifier_text(t, b) for t, b in zip(texts, bodies, strict=True)]
    result = _classified(model, model.scores(seen))
    for themes, text, body in zip(result, texts, bodies, strict=True):
        themes.extend(t for t in _rule_matches(text, body) if t not in themes)
    return result


def explain(
    text: str, body: str | None = None, model: LinearModel | None = None
) -> dict[str, list[str]]:
    """Return, per assigned theme, the terms that weighed most or the phrases a rule matched."""
    model = model or load_model()
    text = text if isinstance(text, str) else ""
    seen = classifier_text(text, body)
    ids, values = model.features(seen)
    why: dict[str, list[str]] = {}
    for label in _classified(model, model.scores([seen]))[0]:
        contrib = model.weights[ids, model.labels.index(label)] * values
        terms = [
            model.terms[ids[k]]
            for k in np.argsort(-contrib, kind="stable")
            if contrib[k] > 0 and not set(model.terms[ids[k]].split()) <= _FUNCTION_WORDS
        ]
        why[label] = terms[:EXPLAIN_TOP]
    for theme, phrases in _rule_matches(text, body).items():
        why.setdefault(theme, phrases)
    return why


# --- training (scikit-learn is imported here only) -------------------------------------


class LabelledRow(NamedTuple):
    """One UPR Info recommendation with its human issue coding."""

    text: str
    labels: tuple[str, ...]
    session: int


def read_upr_info(corpus: Path) -> list[LabelledRow]:
    """Read the labelled rows of every UPR Info export under ``corpus``, in file order."""
    rows = []
    paths = sorted(Path(corpus).glob(UPR_INFO_GLOB))
    if not paths:
        raise FileNotFoundError(f"no {UPR_INFO_GLOB} under {corpus}")
    for path in paths:
        raw = path.read_bytes().decode("mac_roman")
        # CR line endings; newline="" lets csv keep CRs inside quoted cells.
        for rec in csv.DictReader(io.StringIO(raw, newline="")):
            labels = tuple(x.strip() for x in (rec.get("Issue") or "").split(",") if x.strip())
            text = " ".join((rec.get("Text") or "").split())
            session = (rec.get("Session") or "").strip()
            if text and labels and session.isdigit():
                rows.append(LabelledRow(text, labels, int(session)))
    return rows


class Training(NamedTuple):
    """A trained model and the scikit-learn objects it was exported from."""

    model: LinearModel
    vectorizer: Any
    estimators: list[Any]


def _best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    best, best_f1 = 0.0, -1.0
    # Ties go to the threshold nearest 0, the SVM's own boundary.
    for cut in sorted(THRESHOLD_GRID, key=abs):
        predicted = scores > cut
        tp = np.count_nonzero(predicted & truth)
        f1 = 2 * tp / (np.count_nonzero(predicted) + np.count_nonzero(truth) or 1)
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return best


def train(
    rows: Sequence[LabelledRow],
    validation_sessions: Iterable[int] = VALIDATION_SESSIONS,
    exclude_sessions: Iterable[int] = (),
) -> Training:
    """Fit on all sessions but the validation/excluded ones, tune thresholds on validation."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    val_s, excl_s = set(validation_sessions), set(exclude_sessions)
    fit_rows = [r for r in rows if r.session not in val_s | excl_s]
    val_rows = [r for r in rows if r.session in val_s]
    if not fit_rows or not val_rows:
        raise ValueError("train: need rows both in training and in validation sessions")
    # A category absent from the training sessions cannot be learnt, so it is left out.
    labels = sorted({x for r in fit_rows for x in r.labels}, key=str.lower)
    vectorizer = TfidfVectorizer(analyzer=analyse, min_df=2, sublinear_tf=True)
    x_fit = vectorizer.fit_transform([r.text for r in fit_rows])
    x_val = vectorizer.transform([r.text for r in val_rows])
    estimators, thresholds = [], []
    for label in labels:
        y_fit = np.array([label in r.labels for r in fit_rows])
        est = LinearSVC(C=SVM_C, random_state=0).fit(x_fit, y_fit)
        # Prune and round to float32 inside the estimator, so it and the artefact agree.
        coef = est.coef_.astype(np.float32).astype(np.float64)
        coef[np.abs(coef) < PRUNE_BELOW] = 0.0
        est.coef_ = coef
        truth = np.array([label in r.labels for r in val_rows])
        thresholds.append(_best_threshold(est.decision_function(x_val), truth))
        estimators.append(est)
    model = LinearModel(
        labels=list(labels),
        terms=list(vectorizer.get_feature_names_out()),
        idf=vectorizer.idf_.astype(np.float64),
        weights=np.vstack([e.coef_[0] for e in estimators]).T.copy(),
        bias=np.array([e.intercept_[0] for e in estimators], dtype=np.float64),
        thresholds=np.array(thresholds),
        meta={
            "method": "tf-idf word 1-2 grams (min_df=2, sublinear tf) + linear SVM per label",
            "C": SVM_C,
            "prune_below": PRUNE_BELOW,
            "train_sessions": sorted({r.session for r in fit_rows}),
            "validation_sessions": sorted(val_s),
            "excluded_sessions": sorted(excl_s),
            "train_rows": len(fit_rows),
        },
    )
    return Training(model, vectorizer, estimators)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m recsearch.themes train CORPUS [--output PATH]``."""
    parser = argparse.ArgumentParser(prog="python -m recsearch.themes")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser(
        "train",
        help="train the theme classifier on the UPR Info exports",
        epilog="example: python -m recsearch.themes train /work/shared/corpus",
    )
    cmd.add_argument("corpus", type=Path, help="the corpus folder, e.g. /work/shared/corpus")
    cmd.add_argument("--output", type=Path, default=MODEL_PATH)
    cmd.add_argument(
        "--validation-session",
        type=int,
        action="append",
        help=f"session(s) that tune the thresholds (default {VALIDATION_SESSIONS[0]})",
    )
    args = parser.parse_args(argv)
    try:
        rows = read_upr_info(args.corpus)
        trained = train(rows, validation_sessions=args.validation_session or VALIDATION_SESSIONS)
        trained.model.save(args.output)
    except (OSError, csv.Error, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    meta = trained.model.meta
    print(
        f"wrote {args.output}: {len(trained.model.labels)} labels, "
        f"{np.count_nonzero(trained.model.weights)} weights, trained on sessions "
        f"{meta['train_sessions']} ({meta['train_rows']} rows), thresholds on "
        f"{meta['validation_sessions']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
