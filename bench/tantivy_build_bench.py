"""Time and CPU of building search_bench's tantivy index of N records.

The records are search_bench's (the corpus replicated to N, made before the clock) and are
written as search_bench.build_engine writes them (a commit every 100 sources). Besides the
wall time it reports CPU seconds: this process's (its main thread and tantivy's threads)
and the main thread's own (making the documents), which on a shared machine say more than
the wall time does.

    python bench/tantivy_build_bench.py --records 300000 --index /tmp/x/index
    python bench/tantivy_build_bench.py ... --profile   # the main thread's cProfile, by own time
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_bench


def build(records: int, index: Path, profile: bool) -> dict[str, float]:
    """Build the index; the seconds it took, by clock and by CPU."""
    groups = list(search_bench.replicate(search_bench.load_records(), records))
    prof = cProfile.Profile() if profile else None
    own0 = resource.getrusage(resource.RUSAGE_SELF)
    main0, wall0 = time.thread_time(), time.perf_counter()
    if prof:
        prof.enable()
    search_bench.build_engine("tantivy", index, iter(groups))
    if prof:
        prof.disable()
    wall, main = time.perf_counter() - wall0, time.thread_time() - main0
    own = resource.getrusage(resource.RUSAGE_SELF)
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return {
        "wall": wall,
        "main thread": main,
        "process user": own.ru_utime - own0.ru_utime,
        "process sys": own.ru_stime - own0.ru_stime,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--index", type=Path, required=True, help="built from scratch (deleted)")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()[0]  # before this build adds to it
    seconds = build(args.records, args.index, args.profile)
    cpu = seconds["process user"] + seconds["process sys"]
    print(
        f"{args.records:,} records, {os.cpu_count()} cores, load {load:.1f} at start: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items())
        + f"; CPU in all {cpu:.1f} s"
    )


if __name__ == "__main__":
    main()
