"""Facet counts in tantivy: over every hit, from fast fields, never from stored documents."""

from __future__ import annotations

from collections.abc import Sequence

import tantivy

from recsearch.engine import FACET_FIELDS, EngineQuery

# A query matching more than this share of the index counts facets from the postings.
BROAD_SHARE = 0.25
AGG_SIZE = 10_000_000  # every value: facet counts must be exact, not top-N


def facet_counts(
    searcher: tantivy.Searcher, q: EngineQuery, full: tantivy.Query, total: int
) -> dict[str, list[tuple[str, int]]]:
    """Value counts over all hits, every filter applied, like the Whoosh engine.

    Multi-select (a facet counted without its own filter) is search.py's job: it asks
    again without that filter, for that one facet.
    """
    wanted = [f for f in q.facets if f in FACET_FIELDS]
    if not wanted:
        counts: dict[str, dict[str, int]] = {}
    elif total > BROAD_SHARE * searcher.num_docs:
        counts = _postings_counts(searcher, full, wanted)
    else:
        counts = terms_aggs(searcher, full, wanted)
    out: dict[str, list[tuple[str, int]]] = {}
    for f in wanted:
        ranked = sorted(counts.get(f, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        out[f] = ranked if q.facet_limit is None else ranked[: q.facet_limit]
    return out


def _postings_counts(
    searcher: tantivy.Searcher, query: tantivy.Query, fields: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Counts by walking each value's postings against the hits: for queries matching
    much of the index this beats aggregating value by value over every hit (on 300k
    records, 60 ms against 100 ms for a quarter of the index)."""
    return {
        f: {t: int(n) for t, n in searcher.terms_with_prefix(f, "", filter_query=query) if n}
        for f in fields
    }


def terms_aggs(
    searcher: tantivy.Searcher, query: tantivy.Query, fields: Sequence[str]
) -> dict[str, dict[str, int]]:
    spec = {f: {"terms": {"field": f, "size": AGG_SIZE, "segment_size": AGG_SIZE}} for f in fields}
    result = searcher.aggregate(query, spec)
    return {
        f: {str(b["key"]): int(b["doc_count"]) for b in result.get(f, {}).get("buckets", [])}
        for f in fields
    }
