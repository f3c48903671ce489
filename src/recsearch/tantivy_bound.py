"""An upper bound on a query's hits from document frequencies, before running it.

The engine starts counting facets at once, beside the search for the page, when the
bound shows the query is not broad (tantivy_facets.BROAD_SHARE): the way facets are
counted depends on the number of hits, which the search only tells at its end. A bound
that is too high only costs that head start, never a count: both ways count alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import tantivy

from recsearch import query as qn
from recsearch.engine import KEYWORD_FIELDS, TEXT_FIELDS
from recsearch.tantivy_schema import analyse, keyword_term


def hits_at_most(
    searcher: tantivy.Searcher, node: qn.Node, filters: Mapping[str, Sequence[str]]
) -> int:
    """No more records than this match node and every filter (deleted ones included)."""
    bound = _bound(searcher, node)
    for name, values in filters.items():
        if values:
            bound = min(bound, sum(_keyword(searcher, name, v) for v in values))
    return bound


def _bound(searcher: tantivy.Searcher, node: qn.Node) -> int:
    everything = int(searcher.num_docs) + 1  # unknown (deleted records are in the counts)
    if isinstance(node, qn.MatchNone):
        return 0
    if isinstance(node, qn.Term):
        return _words(searcher, node.field, (node.text,))
    if isinstance(node, qn.Phrase):
        return _words(searcher, node.field, node.words)
    if isinstance(node, qn.Keyword):
        return _keyword(searcher, node.field, node.value)
    if isinstance(node, qn.And):
        must = [_bound(searcher, c) for c in node.children if not isinstance(c, qn.Not)]
        return min(must, default=everything)
    if isinstance(node, qn.Or):
        return min(everything, sum(_bound(searcher, c) for c in node.children))
    return everything  # match-all, NOT, prefixes, ranges


def _words(searcher: tantivy.Searcher, field: str | None, words: Sequence[str]) -> int:
    """A word or phrase on its field, or on any full-text field (as QueryCompiler does)."""
    if field is not None and field not in TEXT_FIELDS:
        return _keyword(searcher, field, " ".join(words))
    stems = [t for w in words for t in analyse(w)]
    if not stems:
        return 0
    fields = TEXT_FIELDS if field is None else (field,)
    # Every stem in the same field: per field, its rarest stem.
    return sum(min(_freq(searcher, f, s) for s in stems) for f in fields)


def _keyword(searcher: tantivy.Searcher, field: str, value: str) -> int:
    return _freq(searcher, *keyword_term(field, value)) if field in KEYWORD_FIELDS else 0


def _freq(searcher: tantivy.Searcher, field: str, term: str) -> int:
    return int(searcher.doc_freq(field, term))
