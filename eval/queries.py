"""Recall@10 of the search against the query gold: `python eval/queries.py --index DIR`.

Reads /work/shared/gold/queries-dev.json (or --gold), runs each query through
`recsearch.search.search` with its filters, and counts a relevant item as found when a
top-10 hit has the same source and the same printed number, or (for items whose numbering
a parser may not reproduce) contains the item's `match_text`. Items from the held-out
corpus cannot be found in a shared-corpus index, so recall is reported over shared items
and over all items. Writes eval/results/queries.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from recsearch.analysis import fold
from recsearch.engine import open_engine
from recsearch.records import Record
from recsearch.search import SearchRequest, search

DEFAULT_GOLD = Path("/work/shared/gold/queries-dev.json")
K = 10


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def matches(item: dict[str, Any], rec: Record) -> bool:
    """Whether a hit is this gold item: same source, and same number or containing text."""
    if rec.source != item["source"]:
        return False
    number = item.get("number")
    if number is not None and rec.number is not None and str(rec.number) == str(number):
        return True
    text = item.get("match_text")
    return bool(text) and _norm(text) in _norm(rec.text)


def evaluate(index_dir: Path, gold_path: Path) -> dict[str, Any]:
    """Per-query recall@10 (shared items and all items), misses and must-not violations."""
    engine = open_engine(index_dir)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    rows = []
    try:
        for case in gold:
            filters = {
                name: [str(v) for v in (value if isinstance(value, list) else [value])]
                for name, value in (case.get("filters") or {}).items()
            }
            started = time.perf_counter()
            result = search(engine, SearchRequest(q=case["q"], filters=filters, per_page=K))
            elapsed = time.perf_counter() - started
            hits = [h.record for h in result.hits[:K]]
            relevant = case["relevant"]
            found = [any(matches(item, rec) for rec in hits) for item in relevant]
            shared = [
                f for f, item in zip(found, relevant, strict=True) if item["corpus"] == "shared"
            ]
            wrong = [
                item for item in case.get("must_not", []) if any(matches(item, rec) for rec in hits)
            ]
            rows.append(
                {
                    "id": case["id"],
                    "type": case["type"],
                    "q": case["q"],
                    "filters": filters,
                    "understood": result.understood,
                    "message": result.message,
                    "total": result.total,
                    "seconds": round(elapsed, 3),
                    "recall_shared": sum(shared) / len(shared) if shared else None,
                    "recall_all": sum(found) / len(found) if found else None,
                    "misses": [
                        {k: item.get(k) for k in ("corpus", "source", "number", "match_text")}
                        for f, item in zip(found, relevant, strict=True)
                        if not f
                    ],
                    "must_not_in_top": [
                        {k: item.get(k) for k in ("source", "number")} for item in wrong
                    ],
                    "top": [f"{r.source} {r.number}" for r in hits],
                }
            )
    finally:
        engine.close()
    shared_scores = [r["recall_shared"] for r in rows if r["recall_shared"] is not None]
    all_scores = [r["recall_all"] for r in rows if r["recall_all"] is not None]
    return {
        "gold": str(gold_path),
        "index": str(index_dir),
        "k": K,
        "recall_shared": sum(shared_scores) / len(shared_scores) if shared_scores else None,
        "recall_all": sum(all_scores) / len(all_scores) if all_scores else None,
        "must_not_violations": sum(len(r["must_not_in_top"]) for r in rows),
        "queries": rows,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: print a per-query table and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "results" / "queries.json"
    )
    args = parser.parse_args(argv)
    report = evaluate(args.index, args.gold)
    for row in report["queries"]:
        shared = row["recall_shared"]
        print(
            f"{row['id']:8} {shared if shared is None else f'{shared:.2f}':>5} "
            f"{row['recall_all']:.2f} {row['total']:6} {row['seconds']:.2f}s  {row['q']!r}"
        )
        for miss in row["misses"]:
            if miss["corpus"] == "shared":
                print(f"           miss {miss['source']} {miss['number']} {miss['match_text']!r}")
        for wrong in row["must_not_in_top"]:
            print(f"           must-not in top {K}: {wrong['source']} {wrong['number']}")
    print(
        f"recall@{K}: shared {report['recall_shared']:.3f}  all {report['recall_all']:.3f}  "
        f"must-not violations {report['must_not_violations']}"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
