"""Training the theme classifier on UPR Info's human coding: the CSV reader, the fit and
threshold tuning, and the command ``python -m recsearch.themes train CORPUS`` that writes
``data/themes_model.npz``. scikit-learn is imported here only, and only by ``train``."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from recsearch.themes_model import MODEL_PATH, LinearModel, analyse

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
