"""Do two tantivy indexes hold the same? Terms and document frequencies of every indexed
field, fast-field value counts, stored records, the facet ids file and the document count.

Compares digests, so two 300k-record indexes take about a minute; it exits 1 on any
difference.

    python bench/tantivy_index_diff.py /tmp/x/one-process /tmp/x/split
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from tantivy import Query

from recsearch.engine import KEYWORD_FIELDS, TEXT_FIELDS
from recsearch.tantivy_engine import SUBDIR, TantivyEngine
from recsearch.tantivy_facet_ids import FILE as IDS_FILE
from recsearch.tantivy_facets import terms_aggs
from recsearch.tantivy_schema import DOC_ORDER, FACET_GROUPS, FP_FIELD, NUMERIC_FIELDS, SPELL

# Keyword fields (a facet's terms are its group's: Engine.terms reads them there).
INDEXED = [*TEXT_FIELDS, SPELL, *KEYWORD_FIELDS, DOC_ORDER]
INDEXED += [FP_FIELD, *(g.terms for g in FACET_GROUPS)]
# Fast fields with few values (the sort keys, one value a record, are compared as terms).
FAST = [FP_FIELD, *(g.ids for g in FACET_GROUPS), *NUMERIC_FIELDS.values()]


def _digest(items: list[str]) -> str:
    return f"{len(items)} values, {hashlib.sha256(chr(0).join(items).encode()).hexdigest()[:16]}"


def digest(index: Path) -> dict[str, str]:
    """What an index holds, field by field, as digests."""
    eng = TantivyEngine(index)
    searcher = eng._searcher()
    out = {f"terms {f}": _digest([f"{t}\x01{n}" for t, n in sorted(eng.terms(f))]) for f in INDEXED}
    counts = terms_aggs(searcher, Query.all_query(), FAST)
    out |= {
        f"fast {f}": _digest([f"{v}\x01{n}" for v, n in sorted(counts[f].items())]) for f in FAST
    }
    hits = searcher.search(Query.all_query(), max(searcher.num_docs, 1), count=False).hits
    stored = sorted(repr(searcher.doc(addr).get_first("rec")) for _score, addr in hits)
    out["stored records"] = _digest(stored)
    out["facet ids file"] = hashlib.sha256((index / SUBDIR / IDS_FILE).read_bytes()).hexdigest()
    out["documents"] = str(searcher.num_docs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    args = ap.parse_args()
    a, b = digest(args.a), digest(args.b)
    differ = [k for k in a if a[k] != b[k]]
    for key in a:
        print(f"{key}: {a[key]}" + (f"  !=  {b[key]}" if key in differ else ""))
    print(f"DIFFER in {len(differ)}: {differ}" if differ else "IDENTICAL")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
