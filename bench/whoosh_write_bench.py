"""CPU of writing a parse snapshot's records to a fresh Whoosh index, in ingest's batches.

Parsing is left out (the snapshot holds its records: bench/parse_snapshot.py), so this is
the index writer alone: CPU seconds of this process and of its helper processes.

    python bench/whoosh_write_bench.py /tmp/x/before.jsonl.gz /tmp/x/index [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import resource
import shutil
import time
from pathlib import Path

from recsearch.records import Record
from recsearch.whoosh_engine import WhooshEngine

Batch = list[tuple[str, str, list[Record]]]
BATCH_FILES = WhooshEngine.batch_files or 100  # files per commit, as ingest writes them


def load_batches(snapshot: Path) -> list[Batch]:
    """The snapshot's files with records, BATCH_FILES to a batch, in the snapshot's order."""
    batches: list[Batch] = [[]]
    with gzip.open(snapshot, "rt") as fh:
        for line in fh:
            outcome = json.loads(line)["outcome"]
            if not outcome["records"]:
                continue
            records = [Record.from_dict(r) for r in outcome["records"]]
            batches[-1].append((outcome["source"], "0" * 32, records))
            if len(batches[-1]) >= BATCH_FILES:
                batches.append([])
    return [b for b in batches if b]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("index", type=Path, help="a folder to (re)create")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    args = ap.parse_args()
    batches = load_batches(args.snapshot)
    shutil.rmtree(args.index, ignore_errors=True)
    eng = WhooshEngine(args.index, create=True)
    profile = cProfile.Profile() if args.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    for batch in batches:
        eng.replace_sources(batch)
    if profile:
        profile.disable()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"{eng.doc_count()} records in {len(batches)} batches: "
        f"CPU {time.process_time() - cpu:.1f} s here + "
        f"{children.ru_utime + children.ru_stime:.1f} s in helper processes, "
        f"wall {time.perf_counter() - wall:.1f} s"
    )
    eng.close()
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
