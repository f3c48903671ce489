"""Run every evaluation against the shared gold and corpus; each writes eval/results/*.json.

    python eval/run_all.py --corpus ../shared/corpus --index index

The query evaluation needs an index of the whole corpus: ingest brings --index up to date
first (only what changed is parsed again), and the manifest comparison reads its parses.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(args: list[str]) -> int:
    print(f"\n$ {' '.join(args)}", flush=True)
    started = time.perf_counter()
    code = subprocess.call([sys.executable, *args])
    print(f"[{time.perf_counter() - started:.0f} s, exit {code}]", flush=True)
    return code


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    ap.add_argument("--index", type=Path, default=HERE.parent / "index")
    args = ap.parse_args()
    corpus = str(args.corpus)
    codes = [
        run([str(HERE / "tags.py")]),
        run([str(HERE / "themes.py"), corpus]),
        run([str(HERE / "structure.py"), "--corpus", corpus]),
        run([str(HERE / "metadata_huridocs.py"), "--corpus", corpus]),
        run([str(HERE / "upr_coverage.py"), "--corpus", corpus]),
        run([str(HERE / "corpus_coverage.py"), corpus]),
    ]
    # Ingest is incremental: it re-parses only files (or code) changed since the index was built.
    codes.append(run(["-m", "recsearch.cli", "ingest", corpus, "--index", str(args.index)]))
    codes.append(run([str(HERE / "queries.py"), "--index", str(args.index)]))
    index = ["--index", str(args.index)]
    codes.append(run([str(HERE / "analysis_identity.py"), *index]))
    codes.append(run([str(HERE / "manifest_agreement.py"), "--corpus", corpus, *index]))
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
