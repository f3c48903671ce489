"""Counting in Whoosh without scoring: hit sets as docnum sets, facet values, sort keys.

Whoosh's own collectors read stored columns hit by hit in Python; here each segment's
keyword values and sort keys are built once (SegmentColumns) and hit sets are combined
as Python sets, which is several times faster for counting.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from itertools import chain
from typing import Any

from whoosh import query
from whoosh.searching import Searcher

from recsearch import query as q
from recsearch.engine import KEYWORD_FIELDS, TEXT_FIELDS
from recsearch.whoosh_compile import compile_node, stems

Matched = list[tuple[Searcher, int, list[int]]]  # (segment searcher, docnum offset, docnums)


def segment_key(reader: Any) -> str:
    """What names one segment's reader in a cache: its segment id."""
    segment = reader.segment()
    return segment.segment_id() if segment else str(id(reader))


class SegmentColumns:
    """Per-segment columns (keyword values, sort keys), built once and reused."""

    def __init__(self) -> None:
        self._facet_cache: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self._sort_cache: dict[tuple[str, str], list[tuple[int, str, int]]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every column (the engine is closing)."""
        self._facet_cache.clear()
        self._sort_cache.clear()

    def count(
        self, searcher: Searcher, parts: list[q.Node], names: list[str], limit: int | None
    ) -> tuple[Matched, dict[str, list[tuple[str, int]]]]:
        """Docnums matching every part (query, filters), per segment, and value counts."""
        counters = {name: Counter[str]() for name in names}
        matched = []
        for sub, offset in searcher.leaf_searchers():
            found = docs(sub, parts[0])
            for part in parts[1:]:
                if not found:
                    break
                found &= docs(sub, part)
            docnums = sorted(found)
            matched.append((sub, offset, docnums))
            if not docnums:
                continue
            for name in names:
                column = self.column(sub, name)
                counters[name].update(chain.from_iterable(map(column.__getitem__, docnums)))
        facets = {}
        for name, counter in counters.items():
            ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            facets[name] = ranked[:limit] if limit is not None else ranked
        return matched, facets

    def column(self, sub: Searcher, name: str) -> list[tuple[str, ...]]:
        """docnum -> values of a keyword field in one segment, built once from postings."""
        reader = sub.reader()
        key = (segment_key(reader), name)
        column = self._facet_cache.get(key)
        if column is None:
            values: list[list[str]] = [[] for _ in range(reader.doc_count_all())]
            if name in reader.indexed_field_names():
                for term in reader.lexicon(name):
                    text = term.decode("utf-8")
                    for docnum in reader.postings(name, term).all_ids():
                        values[docnum].append(text)
            column = [tuple(v) for v in values]
            with self._lock:
                self._facet_cache[key] = column
        return column

    def sorted_docnums(self, matched: Matched, sort: str, limit: int) -> list[int]:
        """Global docnums of the first `limit` hits in a non-relevance order.

        Whoosh's sorted collector reads three columns per hit (seconds for the whole
        index); the per-segment key columns here are built once and reused.
        """
        keyed: list[tuple[tuple[int, str, int], int]] = []
        for sub, offset, docnums in matched:
            keys = self.sort_keys(sub)
            for d in docnums:
                year, doc_key, order = keys[d]
                if sort == "newest":
                    year = -year
                elif sort != "oldest":  # document order
                    year = 0
                keyed.append(((year, doc_key, order), offset + d))
        return [docnum for _key, docnum in heapq.nsmallest(limit, keyed)]

    def sort_keys(self, sub: Searcher) -> list[tuple[int, str, int]]:
        """docnum -> (year, doc_key, order) for one segment, cached like the facet columns."""
        reader = sub.reader()
        key = (segment_key(reader), "_sort")
        cached = self._sort_cache.get(key)
        if cached is None:
            years = self.column(sub, "year")
            doc_keys = self.column(sub, "doc_key")
            orders = list(reader.column_reader("order")) if reader.has_column("order") else []
            cached = [
                (
                    int(years[d][0]) if years[d] and years[d][0].isdigit() else 0,
                    doc_keys[d][0] if doc_keys[d] else "",
                    int(orders[d]) if d < len(orders) else 0,
                )
                for d in range(reader.doc_count_all())
            ]
            with self._lock:
                self._sort_cache[key] = cached
        return cached


def docs(sub: Searcher, node: q.Node) -> set[int]:
    """Segment docnums a node matches, combined as Python sets.

    Whoosh's union and intersection matchers step through postings one document at a
    time in Python; reading each term's postings whole and combining sets is several
    times faster for counting. Phrases, prefixes and ranges use Whoosh's own matching.
    """
    reader = sub.reader()
    if isinstance(node, q.And):
        positive = [c for c in node.children if not isinstance(c, q.Not)]
        found = docs(sub, positive[0]) if positive else _all(sub)
        for part in positive[1:]:
            if not found:
                return found
            found &= docs(sub, part)
        for negated in node.children:
            if isinstance(negated, q.Not) and found:
                found -= docs(sub, negated.child)
        return found
    if isinstance(node, q.Or):
        union: set[int] = set()
        for alternative in node.children:
            union |= docs(sub, alternative)
        return union
    if isinstance(node, q.Not):
        return _all(sub) - docs(sub, node.child)
    if isinstance(node, q.Keyword):
        return _postings(reader, node.field, node.value)
    if isinstance(node, q.Term) and (node.field is None or node.field in TEXT_FIELDS):
        terms = stems(node.text)
        if len(terms) == 1:
            found = set()
            for name in [node.field] if node.field else TEXT_FIELDS:
                found |= _postings(reader, name, terms[0])
            return found
    return set(compile_node(node).docs(sub))


def _postings(reader: Any, field: str, text: str) -> set[int]:
    if field not in KEYWORD_FIELDS and field not in TEXT_FIELDS:
        return set()
    if (field, text) not in reader:
        return set()
    return set(reader.postings(field, text).all_ids())


def _all(sub: Searcher) -> set[int]:
    return set(query.Every().docs(sub))
