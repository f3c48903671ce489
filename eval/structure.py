"""Structure evaluation: parse the gold documents and compare metadata, counts and samples.

Gold: /work/shared/gold/structure-dev.json (README-structure-and-queries.md there).
Checks per document: symbol, doc_type, body, country (or country_alt), year (or year_alt)
exact; record and recommendation counts within 2% (recommendation counts that follow a
judgement rule, kind_exact = false, are reported with a 15% tolerance and counted apart);
each sample found by number (and part) with the right kind, page, recommending_states and
opening words. Prints per-document results and a summary; writes eval/results/structure.json.

Run: .venv/bin/python eval/structure.py [--gold PATH] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recsearch.records import ParseError, Record  # noqa: E402

DEFAULT_GOLD = Path("/work/shared/gold/structure-dev.json")
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
META_FIELDS = ("symbol", "doc_type", "body", "country", "year")
COUNT_TOLERANCE = 0.02
SOFT_TOLERANCE = 0.15


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def parse_document(path: Path, root: Path) -> tuple[dict[str, Any], list[Record], str | None]:
    """Parse through parse.parse_file when the dispatcher exists, else PDFs via parse_pdf."""
    try:
        from recsearch.parse import parse_file
    except ImportError:
        parse_file = None
    if parse_file is not None:
        out = parse_file(path, root)
        doc = out.document.__dict__ if out.document else {}
        reason = out.skipped if (out.error or not out.records) else None
        return doc, out.records, reason
    if path.suffix.lower() != ".pdf":
        return {}, [], "no parser for this format yet (recsearch.parse missing)"
    from recsearch.pdf import parse_pdf

    try:
        document, records = parse_pdf(path.read_bytes(), str(path.relative_to(root)))
    except ParseError as exc:
        return {}, [], str(exc)
    return document.__dict__, records, None


def _find(records: list[Record], sample: dict[str, Any]) -> Record | None:
    for rec in records:
        if rec.number != sample["number"]:
            continue
        if "part" in sample and (not rec.section or rec.section[0] != sample["part"]):
            continue
        if "list" in sample and sample["list"] not in " ".join(rec.section):
            continue
        return rec
    # Numbering that differs (seed lists): fall back on the opening words.
    want = _words(sample.get("starts_with", ""))
    for rec in records:
        if want and _words(rec.text).startswith(want):
            return rec
    return None


def check_document(gold: dict[str, Any], corpus: Path) -> dict[str, Any]:
    """Compare one parsed document with its gold entry."""
    path = corpus / gold["source"]
    started = time.perf_counter()
    doc, records, reason = parse_document(path, corpus)
    result: dict[str, Any] = {
        "source": gold["source"],
        "seconds": round(time.perf_counter() - started, 2),
        "error": reason,
    }
    meta = {}
    for name in META_FIELDS:
        want = {gold.get(name), gold.get(f"{name}_alt")} - {None} or {None}
        got = doc.get(name)
        meta[name] = {"expected": gold.get(name), "got": got, "ok": got in want}
    result["metadata"] = meta
    n_recs = sum(r.kind == "recommendation" for r in records)
    tol = COUNT_TOLERANCE if gold.get("kind_exact", True) else SOFT_TOLERANCE
    result["paragraphs"] = {
        "expected": gold["paragraphs"],
        "got": len(records),
        "ok": abs(len(records) - gold["paragraphs"]) <= COUNT_TOLERANCE * gold["paragraphs"],
    }
    result["recommendations"] = {
        "expected": gold["recommendations"],
        "got": n_recs,
        "exact_rule": gold.get("kind_exact", True),
        "ok": abs(n_recs - gold["recommendations"]) <= max(1, tol * gold["recommendations"]),
    }
    samples = []
    for sample in gold.get("samples", []):
        rec = _find(records, sample)
        row: dict[str, Any] = {"number": sample["number"], "found": rec is not None}
        if rec is not None:
            checks = {"kind": rec.kind == sample["kind"]}
            if "page" in sample:
                checks["page"] = rec.page == sample["page"]
            if "recommending_states" in sample:
                checks["recommending_states"] = (
                    rec.recommending_states == sample["recommending_states"]
                )
            if "starts_with" in sample:
                checks["starts_with"] = _words(rec.text).startswith(_words(sample["starts_with"]))
            row["checks"] = checks
            if not all(checks.values()):
                row["got"] = {
                    "kind": rec.kind,
                    "page": rec.page,
                    "recommending_states": rec.recommending_states,
                    "text": rec.text[:90],
                }
        row["ok"] = rec is not None and all(row["checks"].values())
        samples.append(row)
    result["samples"] = samples
    return result


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-check pass rates over all documents."""
    summary: dict[str, Any] = {}
    for name in META_FIELDS:
        oks = [r["metadata"][name]["ok"] for r in results]
        summary[name] = f"{sum(oks)}/{len(oks)}"
    for name in ("paragraphs",):
        oks = [r[name]["ok"] for r in results]
        summary[name] = f"{sum(oks)}/{len(oks)}"
    exact = [r["recommendations"]["ok"] for r in results if r["recommendations"]["exact_rule"]]
    soft = [r["recommendations"]["ok"] for r in results if not r["recommendations"]["exact_rule"]]
    summary["recommendations_exact_rule"] = f"{sum(exact)}/{len(exact)}"
    summary["recommendations_judgement_rule"] = f"{sum(soft)}/{len(soft)}"
    samples = [s["ok"] for r in results for s in r["samples"]]
    summary["samples"] = f"{sum(samples)}/{len(samples)}"
    summary["seconds"] = round(sum(r["seconds"] for r in results), 1)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF gold documents")
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text("utf-8"))
    gold = [g for g in gold if g.get("corpus", "shared") == "shared"]
    if args.pdf_only:
        gold = [g for g in gold if g["source"].lower().endswith(".pdf")]
    results = [check_document(g, args.corpus) for g in gold]
    for r in results:
        bad = [f"{k}: {v['got']!r} (want {v['expected']!r})" for k, v in r["metadata"].items()
               if not v["ok"]]  # fmt: skip
        p, k = r["paragraphs"], r["recommendations"]
        print(f"{r['source']}  [{r['seconds']}s]" + (f"  ERROR {r['error']}" if r["error"] else ""))
        p_ok, k_ok = ("ok" if x["ok"] else "MISS" for x in (p, k))
        print(f"  records {p['got']}/{p['expected']} {p_ok}; "
              f"recommendations {k['got']}/{k['expected']} {k_ok}")  # fmt: skip
        for line in bad:
            print(f"  metadata {line}")
        for s in r["samples"]:
            if not s["ok"]:
                print(f"  sample {s['number']}: {s.get('checks', 'not found')} {s.get('got', '')}")
    summary = summarise(results)
    print("\nSUMMARY", json.dumps(summary, indent=1))
    out = REPO / "eval" / "results" / "structure.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": summary, "documents": results}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
