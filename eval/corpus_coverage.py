"""Parse every corpus file; report what each format yields; check the structure gold.

Usage: nice .venv/bin/python eval/corpus_coverage.py [CORPUS] [--gold GOLD.json] [--workers 2]
Writes eval/results/corpus_coverage.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from recsearch.parse import parse_file

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_GOLD = REPO.parent / "shared" / "gold" / "structure-dev.json"
# Only these may legitimately yield nothing among the real documents.
EXPECTED_EMPTY = ("_BROKEN.pdf", "_SCANNED.pdf")


def _job(args: tuple[str, str]) -> dict[str, Any]:
    path, root = args
    start = time.perf_counter()
    try:
        outcome = parse_file(Path(path), Path(root))
    except Exception as exc:  # a crash is a finding, not the end of the run
        return {"source": str(Path(path).relative_to(root)), "fmt": "?", "records": 0,
                "skipped": f"CRASH {type(exc).__name__}: {exc}", "error": True,
                "seconds": time.perf_counter() - start}  # fmt: skip
    doc = outcome.document
    recs = outcome.records
    return {
        "source": outcome.source,
        "fmt": outcome.fmt,
        "records": len(recs),
        "recommendations": sum(r.kind == "recommendation" for r in recs),
        "skipped": outcome.skipped,
        "error": outcome.error,
        "seconds": round(time.perf_counter() - start, 2),
        "doc_type": doc.doc_type if doc else None,
        "symbol": doc.symbol if doc else None,
        "body": doc.body if doc else None,
        "country": doc.country if doc else None,
        "year": doc.year if doc else None,
        "numbers": [r.number for r in recs] if len(recs) <= 2000 else [],
        "unique_ids": len({r.id for r in recs}) == len(recs),
    }


def check_gold(
    results: dict[str, dict[str, Any]], gold: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Compare each gold document's counts and first/last numbers with what was parsed."""
    rows = []
    for entry in gold:
        got = results.get(entry["source"])
        if got is None:
            continue
        numbers = got["numbers"]
        want_recs = entry.get("recommendations")
        exact = entry.get("kind_exact", False)
        recs_ok = (
            want_recs is None
            or got["recommendations"] == want_recs
            or (not exact and abs(got["recommendations"] - want_recs) <= max(2, want_recs // 10))
        )
        checks = {
            "paragraphs": (got["records"], entry.get("paragraphs")),
            "first_number": (numbers[0] if numbers else None, entry.get("first_number")),
            "last_number": (numbers[-1] if numbers else None, entry.get("last_number")),
            "doc_type": (got["doc_type"], entry.get("doc_type")),
            "country": (got["country"], entry.get("country")),
            "year": (got["year"], entry.get("year")),
            "symbol": (got["symbol"], entry.get("symbol")),
        }
        alt = {"country": entry.get("country_alt"), "year": entry.get("year_alt")}
        failed = [
            f"{k}: got {g!r}, want {w!r}"
            for k, (g, w) in checks.items()
            if g != w and not (alt.get(k) is not None and g == alt.get(k))
        ]
        if not recs_ok:
            failed.append(f"recommendations: got {got['recommendations']}, want {want_recs}")
        rows.append({"source": entry["source"], "fmt": got["fmt"], "ok": not failed,
                     "failed": failed})  # fmt: skip
    return rows


def main() -> None:
    """Run the coverage report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "corpus_coverage.json")
    ap.add_argument("--skip", action="append", default=[], help="extension to leave out (pdf)")
    args = ap.parse_args()

    skip = {"." + e.lower().lstrip(".") for e in args.skip}
    files = sorted(
        p for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() not in skip
    )
    jobs = [(str(p), str(args.corpus)) for p in files]
    start = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    with Pool(args.workers) as pool:
        for i, r in enumerate(pool.imap_unordered(_job, jobs, chunksize=1), start=1):
            results[r["source"]] = r
            print(f"\r{i}/{len(jobs)} {r['source'][:60]:60}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    wall = time.perf_counter() - start

    by_fmt: Counter[str] = Counter()
    recs_by_fmt: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    for r in results.values():
        by_fmt[r["fmt"]] += 1
        recs_by_fmt[r["fmt"]] += r["records"]
        if r["records"]:
            by_type[r.get("doc_type") or "?"] += 1
    print(f"{len(results)} files in {wall:.0f}s ({args.workers} workers)\n")
    print("format   files  records")
    for fmt, n in sorted(by_fmt.items()):
        print(f"{fmt:8} {n:5}  {recs_by_fmt[fmt]:7}")
    print("\ndoc_type (files with records)")
    for t, n in by_type.most_common():
        print(f"  {t:28} {n}")
    empty = sorted((r for r in results.values() if not r["records"]), key=lambda r: r["source"])
    print(f"\n{len(empty)} files with no records:")
    for r in empty:
        tag = "ERROR" if r["error"] else "skip "
        print(f"  {tag} {r['source']}: {r['skipped']}")
    unexpected = [
        r["source"] for r in empty if r["error"] and not r["source"].endswith(EXPECTED_EMPTY)
    ]
    dup_ids = [r["source"] for r in results.values() if not r.get("unique_ids", True)]
    slow = sorted(results.values(), key=lambda r: -r["seconds"])[:5]
    print("\nslowest:", ", ".join(f"{r['source']} {r['seconds']}s" for r in slow))

    gold_rows: list[dict[str, Any]] = []
    if args.gold.exists():
        gold_rows = check_gold(results, json.loads(args.gold.read_text()))
        ok = sum(r["ok"] for r in gold_rows)
        print(f"\nstructure gold: {ok}/{len(gold_rows)} documents fully match")
        for row in gold_rows:
            mark = "ok  " if row["ok"] else "MISS"
            print(f"  {mark} [{row['fmt']}] {row['source']}")
            for f in row["failed"]:
                print(f"         {f}")
    print(f"\nunexpected failures: {unexpected or 'none'}; duplicate ids in: {dup_ids or 'none'}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "files": len(results),
        "seconds": round(wall, 1),
        "by_format": {f: {"files": n, "records": recs_by_fmt[f]} for f, n in by_fmt.items()},
        "by_doc_type": dict(by_type),
        "no_records": [{k: r[k] for k in ("source", "fmt", "skipped", "error")} for r in empty],
        "unexpected_failures": unexpected,
        "duplicate_ids": dup_ids,
        "structure_gold": gold_rows,
        "per_file": [{k: v for k, v in r.items() if k != "numbers"} for r in results.values()],
    }
    args.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
