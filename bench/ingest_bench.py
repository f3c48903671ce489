"""Full-corpus ingest, cold and warm, side by side: prints a table, writes bench/results/.

Cold = empty index folder and no parse cache; warm = the same command again with nothing
changed (only hashing and the fingerprint check). Medians over --cold / --warm runs.

    python bench/ingest_bench.py --corpus ../shared/corpus --cold 1 --warm 5
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from recsearch.engine import open_engine
from recsearch.ingest import IngestReport, ingest

RESULTS = Path(__file__).resolve().parent / "results"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(corpus: Path, index: Path, engine: str) -> tuple[float, IngestReport, dict[str, float]]:
    """One ingest: wall seconds, its report, and CPU seconds of this process and its children
    (parse workers and index-writing helpers; they count once they have ended)."""
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    report = ingest([corpus], index, engine=engine)
    cpu_used = {
        "main": round(time.process_time() - cpu, 1),
        "children": round(_children_cpu() - children, 1),
    }
    return time.perf_counter() - started, report, cpu_used


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    ap.add_argument("--corpus", type=Path, default=default_corpus)
    ap.add_argument("--engine", choices=["whoosh", "tantivy"], default="whoosh")
    ap.add_argument("--cold", type=int, default=1, help="cold runs (each from an empty folder)")
    ap.add_argument("--warm", type=int, default=5, help="warm runs (nothing changed)")
    ap.add_argument("--keep", type=Path, help="build the index here and keep it (for the evals)")
    args = ap.parse_args()

    cold_times: list[float] = []
    cold_cpu: dict[str, float] = {}
    warm_times: list[float] = []
    report: IngestReport | None = None
    with tempfile.TemporaryDirectory(prefix="recsearch-bench-") as tmp:
        index = args.keep or Path(tmp) / "index"
        for _ in range(args.cold):
            shutil.rmtree(index, ignore_errors=True)
            seconds, report, cold_cpu = run(args.corpus, index, args.engine)
            cold_times.append(seconds)
            print(f"cold run: {seconds:.1f} s (CPU seconds: {cold_cpu})")
        for _ in range(args.warm):
            seconds, warm_report, _cpu = run(args.corpus, index, args.engine)
            assert warm_report.count("indexed") == 0, "a warm run re-indexed files"
            warm_times.append(seconds)
            print(f"warm run: {seconds:.2f} s")
        assert report is not None
        eng = open_engine(index)
        records = eng.doc_count()
        eng.close()
        index_bytes = folder_size(index / args.engine)
        cache_bytes = folder_size(index / "parse-cache")

    by_format: dict[str, list[float]] = defaultdict(list)
    for f in report.files:
        by_format[f.fmt].append(f.seconds)
    parse_cpu = sum(f.seconds for f in report.files)
    slowest = sorted(report.files, key=lambda f: f.seconds, reverse=True)[:8]
    result = {
        "corpus": str(args.corpus),
        "engine": args.engine,
        "cores": os.cpu_count(),
        "files": len(report.files),
        "records": records,
        "cold_seconds": cold_times,
        "cold_median": statistics.median(cold_times),
        "warm_seconds": warm_times,
        "warm_median": statistics.median(warm_times) if warm_times else None,
        "index_mb": round(index_bytes / 2**20, 1),
        "parse_cache_mb": round(cache_bytes / 2**20, 1),
        "cold_cpu_seconds_last_run": cold_cpu,
        "parse_cpu_seconds": round(parse_cpu, 1),
        "parse_cpu_seconds_by_format": {k: round(sum(v), 1) for k, v in sorted(by_format.items())},
        "slowest_files": [{"source": f.source, "seconds": f.seconds} for f in slowest],
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"ingest_bench_{args.engine}.json"
    out.write_text(json.dumps(result, indent=1))
    print()
    print(f"{'':28}{'cold':>10}{'warm':>10}")
    warm = f"{result['warm_median']:.2f}" if warm_times else "-"
    print(f"{'median seconds':28}{result['cold_median']:>10.1f}{warm:>10}")
    print(f"files {result['files']}, records {records}, index {result['index_mb']} MB")
    print(f"parse+tag CPU seconds by format: {result['parse_cpu_seconds_by_format']}")
    print("slowest files: " + ", ".join(f"{f.source} {f.seconds:.1f}s" for f in slowest[:5]))
    print(f"written: {out}")


if __name__ == "__main__":
    main()
