"""Evaluate the theme classifier against UPR Info's human coding, on held-out sessions.

Usage: .venv/bin/python eval/themes.py [CORPUS] [--out eval/results/themes.json]

Each fold retrains with recsearch.themes_train.train (the committed code path), with the
test sessions excluded and thresholds tuned on the validation session, then scores
the test sessions from the text alone. Also checks the numpy inference against
scikit-learn's own decision function, times tagging, and prints CERD paragraphs
with their themes beside the concluding observations' sub-headings.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from recsearch import themes, themes_train

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
# (test sessions, validation session); the first is the headline fold.
FOLDS = [((19, 20), (18,)), ((10, 11), (12,)), ((14, 15), (16,))]
TOP_THEMES = 15


def scores_for(truth: list[set[str]], predicted: list[set[str]], labels: list[str]) -> dict:
    """Micro/macro precision, recall and F1, and per-label counts."""
    per: dict[str, dict] = {}
    for label in labels:
        tp = sum(label in t and label in p for t, p in zip(truth, predicted, strict=True))
        n_true = sum(label in t for t in truth)
        n_pred = sum(label in p for p in predicted)
        per[label] = {
            "support": n_true,
            "predicted": n_pred,
            "precision": round(tp / n_pred, 4) if n_pred else 0.0,
            "recall": round(tp / n_true, 4) if n_true else 0.0,
            "f1": round(2 * tp / (n_true + n_pred), 4) if n_true + n_pred else 0.0,
            "tp": tp,
        }
    tp = sum(v["tp"] for v in per.values())
    n_true = sum(v["support"] for v in per.values())
    n_pred = sum(v["predicted"] for v in per.values())
    present = [v["f1"] for v in per.values() if v["support"]]
    return {
        "micro_precision": round(tp / n_pred, 4),
        "micro_recall": round(tp / n_true, 4),
        "micro_f1": round(2 * tp / (n_true + n_pred), 4),
        "macro_f1": round(float(np.mean(present)), 4),
        "exact_match": round(
            sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth), 4
        ),
        "per_theme": per,
    }


def run_fold(rows: list[themes_train.LabelledRow], test: tuple, val: tuple) -> dict:
    """Retrain without the test sessions and score them."""
    trained = themes_train.train(rows, validation_sessions=val, exclude_sessions=test)
    model = trained.model
    test_rows = [r for r in rows if r.session in test]
    texts = [r.text for r in test_rows]
    upr_names = {e["name"] for e in themes.vocabulary() if e["source"] == "UPR Info"}
    assigned = themes.assign_themes(texts, ["UPR"] * len(texts), model=model)
    predicted = [{t for t in a if t in upr_names} for a in assigned]
    truth = [set(r.labels) for r in test_rows]
    result = scores_for(truth, predicted, sorted(upr_names, key=str.lower))
    result.update(
        test_sessions=list(test),
        validation_sessions=list(val),
        train_sessions=model.meta["train_sessions"],
        train_rows=model.meta["train_rows"],
        test_rows=len(test_rows),
    )
    # The numpy path must reproduce scikit-learn's decisions exactly.
    x = trained.vectorizer.transform(texts)
    sk = np.column_stack([e.decision_function(x) for e in trained.estimators])
    ours = model.scores(texts)
    sk_sets = [{model.labels[j] for j in np.flatnonzero(row > model.thresholds)} for row in sk]
    result["sklearn_agreement"] = {
        "rows": len(texts),
        "identical_label_sets": sum(a == b for a, b in zip(sk_sets, predicted, strict=True)),
        "max_abs_score_difference": float(np.abs(sk - ours).max()),
    }
    result["_texts"] = texts
    return result


def keyword_rules_against_upr_info(rows: list[themes_train.LabelledRow]) -> dict[str, dict]:
    """For each keyword theme: UPR rows it fires on, and the share UPR Info coded as broader."""
    texts = [r.text for r in rows]
    assigned = themes.assign_themes(texts, ["UPR"] * len(texts))
    out = {}
    for entry in themes.vocabulary():
        if entry["source"] != "recsearch":
            continue
        fired = [r for r, a in zip(rows, assigned, strict=True) if entry["name"] in a]
        broader = set(entry.get("broader", []))
        agree = sum(bool(broader & set(r.labels)) for r in fired)
        out[entry["name"]] = {
            "upr_rows": len(fired),
            "broader": sorted(broader),
            "coded_broader": round(agree / len(fired), 3) if fired and broader else None,
        }
    return out


def cerd_paragraphs(pdf: Path) -> list[dict]:
    """Numbered paragraphs of a concluding-observations PDF with the sub-heading above each."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=False
    ).stdout
    noise = re.compile(r"^\s*(?:\d+|CERD/C/\S+|GE\.\d.*|\S+\(E\).*)\s*$")
    start = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
    paras: list[dict] = []
    heading, pending, prev = "", "", ""
    for raw in out.replace("\f", "\n").splitlines():
        line = raw.strip()
        if not line or noise.match(raw):
            continue
        m = start.match(raw)
        expected = int(paras[-1]["number"]) + 1 if paras else 1
        if m and int(m.group(1)) == expected:
            heading = pending or heading
            pending = ""
            paras.append({"number": m.group(1), "heading": heading, "text": m.group(2)})
        elif (
            len(line) < 100
            and not re.search(r"[.;:,]$", line)
            and re.search(r"[.;:]$", prev)
            and line[0].isupper()
        ):
            pending = line  # a sub-heading sits between a finished paragraph and the next
        elif pending and len(line) < 100 and not re.search(r"[.;:,]$", line):
            # a heading's second line, or a lower-level heading under it
            pending = f"{pending} {line}" if line[0].islower() else line
        elif paras:
            if pending:  # not a heading after all: a wrapped line
                paras[-1]["text"] += " " + pending
                pending = ""
            paras[-1]["text"] += " " + line
        prev = line
    for p in paras:
        p["text"] = re.sub(r"(\w)- (\w)", r"\1\2", " ".join(p["text"].split()))
    return paras


def cerd_sample(corpus: Path) -> tuple[list[dict], list[str]]:
    """Themes of the CERD concluding observations' paragraphs (and their full texts)."""
    pdfs = sorted((corpus / "cerd-co").glob("*.pdf")) + sorted(
        (corpus / "misc").glob("CERD_C_*_FCO*.pdf")
    )
    sample, texts = [], []
    for pdf in pdfs:
        paras = cerd_paragraphs(pdf)
        got = themes.assign_themes([p["text"] for p in paras], ["CERD"] * len(paras))
        for p, t in zip(paras, got, strict=True):
            texts.append(p["text"])
            why = themes.explain(p["text"], "CERD")
            sample.append(
                {
                    "source": str(pdf.relative_to(corpus)),
                    "number": p["number"],
                    "heading": p["heading"],
                    "themes": t,
                    "why": why,
                    "opening": p["text"][:60],  # enough to find it; no long excerpts in the repo
                }
            )
    return sample, texts


def cerd_gr_summary(corpus: Path) -> list[dict]:
    """Most frequent themes over each CERD general recommendation's paragraphs."""
    titles = {}
    with open(corpus / "manifest.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):  # titles only, to print beside the themes
            titles[row["path"]] = row["title"].split(" [")[0]
    out = []
    for path in sorted((corpus / "cerd-gr").glob("*.json")):
        items = json.loads(path.read_text(encoding="utf-8"))
        texts = [str(i.get("Text") or "") for i in items]
        counts = Counter(t for ts in themes.assign_themes(texts, ["CERD"] * len(texts)) for t in ts)
        rel = str(path.relative_to(corpus))
        out.append(
            {
                "source": rel,
                "title": titles.get(rel, ""),
                "paragraphs": len(texts),
                "top_themes": counts.most_common(4),
            }
        )
    return out


def speed(texts: list[str], body: str) -> float:
    """Records per CPU-second for assign_themes in one process, best of three batch runs."""
    themes.assign_themes(texts[:10], [body] * 10)  # load the model outside the timing
    best = float("inf")
    for _ in range(3):
        # CPU time, not wall time: the machine is shared, and waiting is not tagging.
        t0 = time.process_time()
        themes.assign_themes(texts, [body] * len(texts))
        best = min(best, time.process_time() - t0)
    return round(len(texts) / best)


def main() -> int:
    """Run every fold, the checks and the CERD sample; write the results file."""
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=REPO / "eval" / "results" / "themes.json")
    args = parser.parse_args()
    rows = themes_train.read_upr_info(args.corpus)
    folds = []
    for test, val in FOLDS:
        fold = run_fold(rows, test, val)
        folds.append(fold)
        agree = fold["sklearn_agreement"]
        print(
            f"test sessions {test} (thresholds on {val}, trained on {fold['train_sessions']}):"
            f" micro-F1 {fold['micro_f1']:.4f} P {fold['micro_precision']:.4f}"
            f" R {fold['micro_recall']:.4f} macro-F1 {fold['macro_f1']:.4f}"
            f" exact {fold['exact_match']:.4f} on {fold['test_rows']} rows;"
            f" numpy = sklearn on {agree['identical_label_sets']}/{agree['rows']}"
            f" (max score diff {agree['max_abs_score_difference']:.2e})"
        )
    head = folds[0]
    top = sorted(head["per_theme"].items(), key=lambda kv: -kv[1]["support"])[:TOP_THEMES]
    print(f"\nPer theme, sessions {head['test_sessions']}, {TOP_THEMES} most frequent:")
    print(f"{'theme':45} {'support':>7} {'P':>6} {'R':>6} {'F1':>6}")
    for name, v in top:
        print(f"{name:45} {v['support']:7} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f}")

    rules = keyword_rules_against_upr_info(rows)
    print("\nKeyword themes on all UPR Info rows: rows fired, share coded with a broader issue")
    for name, v in rules.items():
        share = "-" if v["coded_broader"] is None else f"{v['coded_broader']:.3f}"
        print(f"{name:45} {v['upr_rows']:6} {share:>6}  ({', '.join(v['broader']) or 'none'})")

    upr_texts = head.pop("_texts")
    for fold in folds[1:]:
        fold.pop("_texts")
    sample, cerd_texts = cerd_sample(args.corpus)
    rate_upr = speed(upr_texts, "UPR")
    rate_cerd = speed(cerd_texts * 10, "CERD")
    print(
        f"\nSpeed (committed model, one process, CPU time): {rate_upr} UPR recommendations/s,"
        f" {rate_cerd} CERD paragraphs/s"
    )
    print("\nCERD concluding observations: sub-heading | paragraph | themes")
    for s in sample:
        print(f"[{s['source'].split('/')[-1]} {s['number']}] {s['heading'][:50]!r}")
        print(f"    {'; '.join(s['themes']) or '-'}")
    gr = cerd_gr_summary(args.corpus)
    print("\nCERD general recommendations: title -> most frequent themes")
    for g in gr:
        top_themes = ", ".join(f"{t} ({n})" for t, n in g["top_themes"])
        print(f"{g['title'][:70]} [{g['paragraphs']}] -> {top_themes}")
    results = {
        "method": themes.load_model().meta,
        "headline": {k: v for k, v in head.items() if k != "per_theme"},
        "top_themes_headline_fold": dict(top),
        "folds": [{k: v for k, v in f.items() if k != "per_theme"} for f in folds],
        "per_theme_headline_fold": head["per_theme"],
        "keyword_themes_on_upr_info": rules,
        "speed_records_per_second": {"upr_recommendations": rate_upr, "cerd_paragraphs": rate_cerd},
        "cerd_paragraphs_with_themes": sum(bool(s["themes"]) for s in sample),
        "cerd_paragraphs": len(sample),
        "cerd_sample": sample,
        "cerd_general_recommendations": gr,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
