"""Search: user request -> one plain result object that the CLI, the page and the API render.

Everything here is engine-neutral: parsing, expansion, filter validation, multi-select
facets, symbol lookup, "did you mean" and paging. An engine only runs `EngineQuery`s.

Objects: search_result.py; filters and symbol lookup: search_filters.py; a page with its
facets: search_facets.py; ranking and relaxation: search_rank.py, search_relax.py;
"did you mean": search_spell.py. Every public name is importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from recsearch.engine import SORTS, Engine
from recsearch.query import (
    And,
    Keyword,
    MatchAll,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Range,
    Term,
    expand,
    parse_query,
    to_text,
)
from recsearch.search_facets import facet_rows, run_page
from recsearch.search_filters import canonical_value, normalize_filters, resolve
from recsearch.search_rank import proximity
from recsearch.search_relax import RELAX_BELOW, add_partial_matches
from recsearch.search_result import FacetCount, SearchRequest, SearchResult
from recsearch.search_spell import SPELL_FIELD, did_you_mean, has_unknown_word

MAX_PER_PAGE = 200
MAX_PAGE = 10_000


def search(engine: Engine, request: SearchRequest) -> SearchResult:
    """Run a search request: hits of one page, total, multi-select facets, suggestion."""
    notes: list[str] = []
    parsed = parse_query(request.q or "")
    if parsed.message:
        notes.append(parsed.message)
    filters = normalize_filters(engine, request.filters, notes)
    node = resolve(engine, expand(parsed.node), notes)
    sort = request.sort if request.sort in SORTS else "relevance"
    if sort != request.sort:
        notes.append(f"unknown sort {request.sort!r}: sorted by relevance")
    if sort == "relevance" and not _has_words(node):
        # Nothing to rank by: a symbol or a filter alone reads best in document order.
        sort = "document" if _has_symbol(node) else "newest"
    page = min(max(1, _int(request.page, 1)), MAX_PAGE)
    per_page = min(max(1, _int(request.per_page, 20)), MAX_PER_PAGE)

    total, hits, facets = run_page(engine, node, filters, sort, page, per_page, request.facet_limit)
    understood = parsed.understood
    suggestion = None
    if _has_text(node) and total <= 3:
        fixed = did_you_mean(engine, parsed.node)
        if fixed is not None:
            fixed_node = resolve(engine, expand(fixed), [])
            fixed_total, fixed_hits, fixed_facets = run_page(
                engine, fixed_node, filters, sort, page, per_page, request.facet_limit
            )
            # A word no record contains can never match: even with no strict hits, the
            # corrected query is the one to relax.
            hopeless = total == 0 and has_unknown_word(engine, parsed.node)
            if fixed_total > total or hopeless:
                suggestion = to_text(fixed)
                if total == 0:
                    notes.append(f"no results for {understood}; showing results for {suggestion}")
                    total, hits, facets = fixed_total, fixed_hits, fixed_facets
                    understood = suggestion
                    node = fixed_node
    if sort == "relevance" and total < RELAX_BELOW and not parsed.explicit_and:
        total, hits, facets = add_partial_matches(
            engine, node, filters, page, per_page, request.facet_limit, (total, hits, facets), notes
        )
    if total and not hits and page > 1:
        notes.append(f"page {page} is past the last page of results")
    result_facets = {
        name: facet_rows(counts, filters.get(name, [])) for name, counts in facets.items()
    }
    return SearchResult(
        request=replace(request, page=page, per_page=per_page, sort=request.sort),
        understood=understood,
        total=total,
        hits=hits,
        facets=result_facets,
        suggestion=suggestion,
        message="; ".join(dict.fromkeys(notes)) or None,
    )


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _walk(node: Node) -> Iterable[Node]:
    yield node
    if isinstance(node, And | Or):
        for child in node.children:
            yield from _walk(child)
    elif isinstance(node, Not):
        yield from _walk(node.child)


def _has_text(node: Node) -> bool:
    return any(isinstance(n, Term | Phrase | Prefix) and n.field is None for n in _walk(node))


def _has_words(node: Node) -> bool:
    """Any word to rank by, in any full-text field (gr:13 looks for titles)."""
    return any(isinstance(n, Term | Phrase | Prefix) for n in _walk(node))


def _has_symbol(node: Node) -> bool:
    return any(isinstance(n, Keyword) and n.field in ("symbol", "cites") for n in _walk(node))


__all__ = [
    "RELAX_BELOW",
    "SPELL_FIELD",
    "FacetCount",
    "MatchAll",
    "Range",
    "SearchRequest",
    "SearchResult",
    "canonical_value",
    "did_you_mean",
    "normalize_filters",
    "proximity",
    "search",
]
