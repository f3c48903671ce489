"""Parse every corpus file, keep each file's outcome and its parse CPU seconds; compare two runs.

A speed change to parsing must not change any record: snapshot before, snapshot after,
compare every field of every record of every file. CPU seconds (not wall) per file, so a
busy machine does not blur the per-format totals.

    python bench/parse_snapshot.py snap --corpus ../shared/corpus --out /tmp/x/before.jsonl.gz
    python bench/parse_snapshot.py compare /tmp/x/before.jsonl.gz /tmp/x/after.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from recsearch.ingest import collect_files
from recsearch.parse import parse_file


def _job(path: str, root: str) -> dict[str, Any]:
    cpu = time.process_time()
    outcome = parse_file(Path(path), Path(root))
    return {"cpu": time.process_time() - cpu, "outcome": asdict(outcome)}


def snap(corpus: Path, out: Path, workers: int) -> None:
    files = list(collect_files([corpus]))
    started = time.perf_counter()
    by_format: dict[str, float] = defaultdict(float)
    out.parent.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=workers) as pool, gzip.open(out, "wt") as fh:
        futures = [pool.submit(_job, str(p), str(r)) for p, r in files]
        for future in futures:
            row = future.result()
            by_format[row["outcome"]["fmt"]] += row["cpu"]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    wall = time.perf_counter() - started
    print(f"{len(files)} files, wall {wall:.1f} s, parse CPU {sum(by_format.values()):.1f} s")
    print({k: round(v, 1) for k, v in sorted(by_format.items())})


def _load(path: Path) -> dict[str, dict[str, Any]]:
    with gzip.open(path, "rt") as fh:
        rows = [json.loads(line) for line in fh]
    return {row["outcome"]["source"]: row for row in rows}


def compare(before: Path, after: Path) -> int:
    old, new = _load(before), _load(after)
    differing = []
    for source in sorted(old.keys() | new.keys()):
        a = old.get(source, {}).get("outcome")
        b = new.get(source, {}).get("outcome")
        if a != b:
            differing.append(source)
    records = sum(len(r["outcome"]["records"]) for r in old.values())
    print(f"files compared: {len(old.keys() | new.keys())}, records (before): {records}")
    print(f"files whose outcome differs in any field: {len(differing)}")
    for source in differing[:20]:
        print("  " + source)
    for label, rows in (("before", old), ("after", new)):
        cpu: dict[str, float] = defaultdict(float)
        for row in rows.values():
            cpu[row["outcome"]["fmt"]] += row["cpu"]
        total = sum(cpu.values())
        print(f"parse CPU {label}: {total:.1f} s", {k: round(v, 1) for k, v in sorted(cpu.items())})
    return 1 if differing else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("snap")
    default_corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    s.add_argument("--corpus", type=Path, default=default_corpus)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.command == "snap":
        snap(args.corpus, args.out, args.workers)
    else:
        raise SystemExit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
