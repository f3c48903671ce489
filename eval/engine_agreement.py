"""Do the Whoosh and the tantivy index of the same records answer alike?

    .venv/bin/python eval/engine_agreement.py --whoosh DIR --tantivy DIR [--generated 200]

Runs every query of the gold dev set (../shared/gold/queries-dev.json) and N generated
queries (random corpus words, phrases taken from indexed text, NOT, filters) through
`recsearch.search.search` on both indexes and compares, per query: the total, every
facet's value counts (multi-select included) and the "did you mean" suggestion. It prints
each disagreement and exits 1 if there is any.

Intended differences, not compared:
- the order of hits and their scores: both rank by BM25 with the same field weights, but
  the two implementations differ in detail (norm encoding, idf over segments), and records
  with equal scores come back in each engine's own internal order;
- hence which records fill a page of a relevance-sorted search. The set of the top 20 is
  reported as an overlap figure, for information. Sorted orders (newest, oldest,
  document) are fully determined and are compared.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from recsearch.engine import Engine, EngineQuery, open_engine
from recsearch.query import MatchAll, Term
from recsearch.search import SearchRequest, SearchResult, search

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "queries-dev.json"
# Facets the generated filters draw values from.
FILTER_FIELDS = ("country", "kind", "body", "doc_type", "year", "articles", "themes")


def facet_table(result: SearchResult) -> dict[str, dict[str, int]]:
    return {name: {f.value: f.count for f in rows} for name, rows in result.facets.items()}


def compare(a: SearchResult, b: SearchResult) -> list[str]:
    """What differs between two results, one line each (empty when they agree)."""
    out = []
    if a.total != b.total:
        out.append(f"total {a.total} vs {b.total}")
    fa, fb = facet_table(a), facet_table(b)
    for name in sorted(set(fa) | set(fb)):
        va, vb = fa.get(name, {}), fb.get(name, {})
        if va != vb:
            diff = {
                k: (va.get(k), vb.get(k))
                for k in sorted(set(va) | set(vb))
                if va.get(k) != vb.get(k)
            }
            shown = dict(list(diff.items())[:5])
            out.append(f"facet {name}: {len(diff)} values differ, e.g. {shown}")
    if a.suggestion != b.suggestion:
        out.append(f"suggestion {a.suggestion!r} vs {b.suggestion!r}")
    if a.request.sort != "relevance":
        ids_a = [h.record.id for h in a.hits]
        ids_b = [h.record.id for h in b.hits]
        if ids_a != ids_b:
            out.append(f"{a.request.sort} order differs")
    return out


def gold_queries(path: Path = GOLD) -> list[SearchRequest]:
    items = json.loads(path.read_text(encoding="utf-8"))
    return [
        SearchRequest(q=item["q"], filters=dict(item.get("filters") or {}), per_page=20)
        for item in items
    ]


def generated_queries(eng: Engine, n: int, seed: int = 11) -> list[SearchRequest]:
    """Random word combinations, phrases from indexed text, NOT, filters and sorts."""
    rng = random.Random(seed)
    vocab = [w for w, df in eng.terms("spell") if w.isalpha() and len(w) > 3 and 3 <= df <= 20000]
    vocab.sort()
    facets = eng.search(EngineQuery(MatchAll(), limit=0, facets=FILTER_FIELDS)).facets
    values = {k: [v for v, _ in rows[:40]] for k, rows in facets.items() if rows}
    out: list[SearchRequest] = []
    for i in range(n):
        shape = i % 5
        words = rng.sample(vocab, 3)
        if shape == 0:
            q = words[0]
        elif shape == 1:
            q = f"{words[0]} {words[1]}"
        elif shape == 2:
            q = f'"{_phrase(eng, words[0], rng)}"'
        elif shape == 3:
            q = f"{words[0]} OR {words[1]} NOT {words[2]}"
        else:
            q = f"{words[0][:5]}*" if rng.random() < 0.5 else ""
        filters: dict[str, list[str]] = {}
        for field in rng.sample(sorted(values), rng.choice((0, 1, 1, 2))):
            filters[field] = rng.sample(values[field], min(len(values[field]), rng.choice((1, 2))))
        sort = rng.choice(("relevance", "relevance", "newest", "oldest", "document"))
        out.append(SearchRequest(q=q, filters=filters, sort=sort, per_page=20))
    return out


def _phrase(eng: Engine, word: str, rng: random.Random) -> str:
    """Two or three consecutive words from a record that contains `word`."""
    hits = eng.search(EngineQuery(Term(word), limit=20, facets=(), snippets=False)).hits
    if not hits:
        return word
    text = rng.choice(hits).record.text.split()
    if len(text) < 3:
        return word
    start = rng.randrange(0, len(text) - 2)
    return " ".join(w.strip(".,;:()[]\"'") for w in text[start : start + rng.choice((2, 3))])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compare the Whoosh and tantivy indexes' answers.")
    ap.add_argument("--whoosh", type=Path, required=True, help="index folder built with whoosh")
    ap.add_argument("--tantivy", type=Path, required=True, help="index folder built with tantivy")
    ap.add_argument("--generated", type=int, default=200, help="how many random queries")
    ap.add_argument("--json", type=Path, help="also write the disagreements here")
    args = ap.parse_args(argv)
    wh = open_engine(args.whoosh)
    tv = open_engine(args.tantivy)
    if (wh.name, tv.name) != ("whoosh", "tantivy"):
        print(f"expected a whoosh and a tantivy index, got {wh.name} and {tv.name}")
        return 2
    if wh.doc_count() != tv.doc_count():
        print(f"warning: {wh.doc_count()} records in whoosh, {tv.doc_count()} in tantivy")
    requests = [("gold", r) for r in gold_queries()]
    requests += [("generated", r) for r in generated_queries(tv, args.generated)]
    problems: list[dict[str, Any]] = []
    overlap: list[float] = []
    for origin, req in requests:
        a, b = search(wh, req), search(tv, req)
        diffs = compare(a, b)
        if req.sort == "relevance" and a.hits:
            ids_a, ids_b = {h.record.id for h in a.hits}, {h.record.id for h in b.hits}
            overlap.append(len(ids_a & ids_b) / max(len(ids_a), len(ids_b)))
        if diffs:
            problems.append({"origin": origin, "q": req.q, "filters": req.filters, "diffs": diffs})
            print(f"DIFFER [{origin}] q={req.q!r} filters={req.filters} sort={req.sort}")
            for d in diffs:
                print(f"    {d}")
    agree = len(requests) - len(problems)
    print(
        f"{agree} of {len(requests)} queries agree (total, facet counts, suggestion, sorted order)"
    )
    if overlap:
        mean = sum(overlap) / len(overlap)
        print(
            f"top-20 overlap of relevance-ranked pages: mean {mean:.3f} over {len(overlap)} queries"
        )
    if args.json:
        args.json.write_text(json.dumps(problems, indent=1, ensure_ascii=False) + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
