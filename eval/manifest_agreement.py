"""Metadata agreement with the corpus manifest, over every document of the corpus.

The manifest (`corpus/manifest.csv`) is never an input of recsearch: documents carry their own
metadata. It is a second, independent opinion on symbol, body, country and year for ~590
files, which makes it the widest check there is of metadata on documents the gold does not
cover. It is not a gold: it has blanks (no year for the 1980s special-procedure reports), its
own conventions ("A/54/18, annex V", "Human Rights Council - Working Group on the UPR"), and
a few slips ("E/CN/4/1986/15" for E/CN.4/1986/15). So the script compares after stated
normalisations, counts a manifest blank apart from a disagreement, and lists every
disagreement for reading, and every value we give where the manifest has none (a country
for a thematic report would be wrong; a year from an E/CN.4/1996/… symbol is right).

Normalisations (both sides): symbols lose spaces and what follows a comma or " (" ("annex V",
"(Vol. I) p. 175"), "E/CN/4" reads "E/CN.4", suffixes compare case-blind ("rev.3");
bodies map the manifest's long names onto our short codes (BODY_NAMES); countries compare
through recsearch.countries.normalise_country (so "Swaziland" and "Eswatini" agree).

Run: .venv/bin/python eval/manifest_agreement.py [--corpus DIR] [--only GLOB ...] [--jobs N]
     [--index DIR]  (read the parses an ingest into DIR cached, parse the rest)
Writes eval/results/manifest_agreement.json.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import re
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recsearch.countries import normalise_country  # noqa: E402
from recsearch.ingest import cached_outcome  # noqa: E402
from recsearch.parse import parse_file  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
FIELDS = ("symbol", "body", "country", "year")
# The manifest's names for bodies we write as short codes.
BODY_NAMES = {
    "Human Rights Council - Working Group on the UPR": "UPR Working Group",
    "Human Rights Council - Working Group on the UPR (parsed by R. Terman)": "UPR Working Group",
    "Human Rights Council": "HRC",
    "World Conference against Racism / OHCHR": "World Conference against Racism",
    "CERD (State party follow-up)": "CERD",
    "International Human Rights Instruments (State party report)": "HRI",
}


def norm_symbol(value: str) -> str:
    value = re.split(r",|\s\(", value)[0]
    value = re.sub(r"\s+", "", value).replace("E/CN/4", "E/CN.4").rstrip(".")
    return value.replace("./", "/").casefold()


def norm_body(value: str) -> str:
    return BODY_NAMES.get(value, value)


def norm_country(value: str) -> str:
    return normalise_country(value) or value if value else ""


NORMALISE = {"symbol": norm_symbol, "body": norm_body, "country": norm_country, "year": str}


def _parse(args: tuple[str, str, str]) -> tuple[str, dict[str, Any] | None, str | None]:
    path, root, index = args
    out = cached_outcome(Path(index), Path(path)) if index else None
    if out is None:
        out = parse_file(Path(path), Path(root))
    if out.document is None or not out.records:
        return path, None, out.skipped or "no records"
    doc = out.document
    return path, {f: getattr(doc, f) for f in (*FIELDS, "doc_type")}, None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--only", action="append", help="glob over manifest paths, e.g. '*.json' (repeatable)"
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--index", type=Path, help="an index folder whose parse cache (same code) to read first"
    )
    ap.add_argument("--results", type=Path, default=REPO / "eval/results/manifest_agreement.json")
    args = ap.parse_args()

    with open(args.corpus / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    globs = args.only or ["*"]
    manifest = {
        row["path"]: row for row in rows if any(fnmatch.fnmatch(row["path"], g) for g in globs)
    }
    started = time.perf_counter()
    index = str(args.index) if args.index else ""
    jobs = [(str(args.corpus / p), str(args.corpus), index) for p in sorted(manifest)]
    with ProcessPoolExecutor(args.jobs) as pool:
        parsed = list(pool.map(_parse, jobs, chunksize=4))

    tally: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    disagreements: dict[str, list[dict[str, str]]] = defaultdict(list)
    unjudged: dict[str, list[dict[str, str]]] = defaultdict(list)
    no_document = []
    for path, doc, reason in parsed:
        rel = str(Path(path).relative_to(args.corpus))
        row = manifest[rel]
        if doc is None:
            no_document.append({"path": rel, "reason": reason or ""})
            continue
        for field in FIELDS:
            theirs = (row[field] or "").strip()
            ours = "" if doc[field] is None else str(doc[field])
            if not theirs:
                tally[field]["manifest blank"] += 1
                if ours:
                    # Not judged (the manifest may just lack it), but listed for reading.
                    tally[field]["manifest blank, ours set"] += 1
                    unjudged[field].append({"path": rel, "manifest": "", "ours": ours})
            elif NORMALISE[field](theirs) == NORMALISE[field](ours):
                tally[field]["agree"] += 1
            else:
                tally[field]["ours empty" if not ours else "differ"] += 1
                disagreements[field].append({"path": rel, "manifest": theirs, "ours": ours})

    print(f"{len(parsed)} manifest files, {len(no_document)} without a document "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
    for field in FIELDS:
        t = tally[field]
        judged = t["agree"] + t["differ"] + t["ours empty"]
        share = t["agree"] / judged if judged else 0.0
        print(f"{field:8} agree {t['agree']}/{judged} ({share:.3f}); differ {t['differ']}, "
              f"ours empty {t['ours empty']}, manifest blank {t['manifest blank']}")  # fmt: skip
        for item in disagreements[field]:
            print(f"    {item['path']}: manifest {item['manifest']!r}, ours {item['ours']!r}")
        if unjudged[field]:
            print(f"  {field}: manifest blank, ours set: {len(unjudged[field])}")
            for item in unjudged[field]:
                print(f"    {item['path']}: ours {item['ours']!r}")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(
        json.dumps(
            {
                "files": len(parsed),
                "only": globs,
                "tally": {f: dict(tally[f]) for f in FIELDS},
                "disagreements": disagreements,
                "manifest_blank_ours_set": unjudged,
                "no_document": no_document,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
