"""Filters and keyword values in their indexed form; a cited symbol looked up in the index."""

from __future__ import annotations

import re

from recsearch import analysis
from recsearch.engine import KEYWORD_FIELDS, Engine
from recsearch.query import FIELD_ALIASES, TREATIES, Keyword, Node, normalize_article
from recsearch.query_nodes import map_children
from recsearch.search_facets import count

# Fields whose typed value is matched to the indexed value case-insensitively
# ("country:brazil" -> "Brazil").
CANONICAL_FIELDS = (
    "body",
    "doc_type",
    "country",
    "kind",
    "themes",
    "recommending_states",
    "response",
    "session",
    "general_recommendations",
    "articles",
)


def normalize_filters(
    engine: Engine, filters: dict[str, list[str]] | None, notes: list[str]
) -> dict[str, list[str]]:
    """Validated filters: known fields only, values in their indexed form; notes say why not."""
    out: dict[str, list[str]] = {}
    for raw_name, raw_values in (filters or {}).items():
        name = FIELD_ALIASES.get(str(raw_name).strip().lower(), str(raw_name).strip())
        if name not in KEYWORD_FIELDS:
            notes.append(
                f"unknown filter field {raw_name!r} ignored; use one of: "
                + ", ".join(sorted(set(KEYWORD_FIELDS) - {"id", "doc_key"}))
            )
            continue
        if isinstance(raw_values, str | int):
            raw_values = [raw_values]
        values: list[str] = []
        for raw in raw_values or []:
            values.extend(_filter_values(engine, name, str(raw).strip(), notes))
        if values:
            out.setdefault(name, [])
            out[name].extend(v for v in dict.fromkeys(values) if v not in out[name])
    return out


def _filter_values(engine: Engine, name: str, value: str, notes: list[str]) -> list[str]:
    if not value:
        return []
    if name == "year":
        years = re.fullmatch(r"(\d{4})\s*(?:\.\.|-|–)\s*(\d{4})", value)
        if years:
            low, high = sorted(int(y) for y in years.groups())
            return [str(y) for y in range(low, min(high, low + 100) + 1)]
        if not re.fullmatch(r"\d{4}", value):
            notes.append(f"year filter {value!r} ignored: use a year such as 2012")
            return []
        return [value]
    if name == "symbol":
        return [analysis.normalize_symbol(value)]
    if name == "articles":
        value = normalize_article(value)
        if not value[:1].isalpha():
            return [f"{t} {value}" for t in TREATIES]
    return [canonical_value(engine, name, value)]


def canonical_value(engine: Engine, name: str, value: str) -> str:
    """The indexed spelling of a typed keyword value ('brazil' -> 'Brazil'), else the value."""
    if name not in CANONICAL_FIELDS:
        return value
    values = [term for term, _df in engine.terms(name)]
    if value in values:
        return value
    folded = {analysis.fold(v).strip(): v for v in values}
    return folded.get(analysis.fold(value).strip(), value)


def resolve(engine: Engine, node: Node, notes: list[str]) -> Node:
    """Keyword values in indexed form; a symbol not in the index searches what cites it."""
    if isinstance(node, Keyword):
        if node.field == "symbol":
            if count(engine, node):
                return node
            cites = Keyword("cites", node.value)
            if count(engine, cites):
                notes.append(f"{node.value} is not in the index: showing records that cite it")
                return cites
            notes.append(f"no document {node.value} in the index")
            return node
        return Keyword(node.field, canonical_value(engine, node.field, node.value))
    return map_children(node, lambda child: resolve(engine, child, notes))
