"""Running one page on the engine, with multi-select facets, and counting matches.

Facets are counted over the whole hit set; a facet with a selection is counted without
its own filter (values in one facet are OR, facets are AND), so its other values stay
selectable. Both engines apply every filter they are given; the selection logic is here.
"""

from __future__ import annotations

from recsearch.engine import FACET_FIELDS, Engine, EngineQuery, Hit
from recsearch.query import Node
from recsearch.search_rank import proximity
from recsearch.search_result import FacetCount


def run_page(
    engine: Engine,
    node: Node,
    filters: dict[str, list[str]],
    sort: str,
    page: int,
    per_page: int,
    facet_limit: int | None,
    boost: Node | None = None,
) -> tuple[int, list[Hit], dict[str, list[tuple[str, int]]]]:
    """One page plus multi-select facets: a selected facet is counted without its own filter.

    facet_limit 0 asks for no facets at all (exports and lookups that show none).
    """
    if sort == "relevance" and boost is None:
        boost = proximity(node)
    wanted = FACET_FIELDS if facet_limit != 0 else ()
    unselected = [f for f in wanted if f not in filters]
    main = engine.search(
        EngineQuery(
            query=node,
            boost=boost if sort == "relevance" else None,
            filters=filters,
            sort=sort,
            offset=(page - 1) * per_page,
            limit=per_page,
            facets=unselected,
            facet_limit=facet_limit,
        )
    )
    facets = dict(main.facets)
    for name in wanted:
        if name not in filters:
            continue
        others = {k: v for k, v in filters.items() if k != name}
        counted = engine.search(
            EngineQuery(
                query=node,
                filters=others,
                limit=0,
                facets=[name],
                facet_limit=facet_limit,
                snippets=False,
            )
        )
        facets[name] = counted.facets.get(name, [])
    ordered = {name: facets.get(name, []) for name in wanted}
    return main.total, main.hits, ordered


def facet_rows(counts: list[tuple[str, int]], selected: list[str]) -> list[FacetCount]:
    """Facet rows, selected values flagged and kept even when nothing matches them now."""
    rows = [FacetCount(value, count, value in selected) for value, count in counts]
    shown = {row.value for row in rows}
    rows.extend(FacetCount(value, 0, True) for value in selected if value not in shown)
    return rows


def count(engine: Engine, node: Node) -> int:
    return engine.search(EngineQuery(query=node, limit=0, facets=(), snippets=False)).total
