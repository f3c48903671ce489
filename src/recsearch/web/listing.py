"""How a search result reads on a page: labels, URLs, facet sidebar, chips and pagination."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, url_for
from markupsafe import Markup

from recsearch.engine import Hit
from recsearch.records import Record
from recsearch.search import SearchRequest, SearchResult

FACET_LABELS = {
    "body": "Body",
    "doc_type": "Document type",
    "country": "Country",
    "year": "Year",
    "articles": "Convention article",
    "general_recommendations": "General recommendation / comment",
    "gnr": "Guidance Note recommendation",
    "themes": "Theme",
    "kind": "Kind",
    "recommending_states": "Recommending State",
    "response": "UPR response",
    "symbol": "Symbol",
    "cites": "Cites",
    "session": "Session",
    "doc_key": "Document",
}
SORT_LABELS = {
    "relevance": "Relevance",
    "newest": "Newest first",
    "oldest": "Oldest first",
    "document": "Document order",
}
DOC_TYPE_LABELS = {
    "concluding-observations": "Concluding observations",
    "general-recommendation": "General recommendation / comment",
    "upr-report": "UPR report",
    "upr-recommendations": "UPR recommendations",
    "special-procedure-report": "Special procedure report",
    "guidance-note": "Guidance note",
    "action-plan": "Action plan",
    "declaration": "Declaration",
    "other": "Other",
}


def init_app(app: Flask) -> None:
    """Give the templates the label and link helpers."""
    app.jinja_env.globals.update(
        facet_label=FACET_LABELS.get,
        value_label=value_label,
        search_url=search_url,
        record_anchor=record_anchor,
        sort_labels=SORT_LABELS,
    )


# ----------------------------------------------------------------------- links


def request_pairs(req: SearchRequest) -> list[tuple[str, str]]:
    """The URL parameters that reproduce a request (page and defaults left out)."""
    pairs: list[tuple[str, str]] = []
    if req.q:
        pairs.append(("q", req.q))
    for name, values in req.filters.items():
        pairs.extend((name, v) for v in values)
    if req.sort != "relevance":
        pairs.append(("sort", req.sort))
    if req.per_page != current_app.config["PER_PAGE"]:
        pairs.append(("per_page", str(req.per_page)))
    return pairs


def search_url(
    req: SearchRequest | None = None,
    *,
    add: tuple[str, str] | None = None,
    remove: tuple[str, str] | None = None,
    drop: str | None = None,
    page: int | None = None,
    endpoint: str = "pages.search_page",
    **params: str,
) -> str:
    """A URL of the search page: this request with one filter added/removed, or another page."""
    pairs = request_pairs(req) if req is not None else []
    if remove is not None:
        pairs = [p for p in pairs if p != remove]
    if drop is not None:
        pairs = [p for p in pairs if p[0] != drop]
    if add is not None and add not in pairs:
        pairs.append(add)
    if page and page > 1:
        pairs.append(("page", str(page)))
    pairs.extend(params.items())
    base = url_for(endpoint)
    return f"{base}?{urlencode(pairs)}" if pairs else base


def permalink(rec: Record) -> str:
    """Absolute URL of a record page."""
    return url_for("pages.record", rid=rec.id, _external=True)


def record_anchor(rec: Record) -> str:
    """The record's fragment on its document page: 'cerd-c-bra-co-18-20/6' -> '6'."""
    return rec.id.rsplit("/", 1)[-1]


def value_label(name: str, value: object) -> str:
    """How a facet value reads on the page: gnr 8 -> 'GNR 8', doc_type slugs spelt out."""
    text = str(value)
    if name == "gnr":
        return f"GNR {text}"
    if name == "doc_type" and text in DOC_TYPE_LABELS:
        return DOC_TYPE_LABELS[text]
    if name in ("doc_type", "kind", "response"):
        return text.replace("-", " ").capitalize()
    return text


def snippet_html(hit: Hit) -> Markup:
    """The engine's snippet is already escaped with <mark> added: the one place marked safe."""
    return Markup(hit.snippet)  # escaped by the engine (Hit contract)


# ------------------------------------------------------------------ view models


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetBlock:
    name: str
    label: str
    top: list[FacetItem] = field(default_factory=list)
    more: list[FacetItem] = field(default_factory=list)


def _adding_url(req: SearchRequest) -> Callable[[tuple[str, str]], str]:
    """search_url(req, add=pair) for a pair not yet in req, with the shared part made once.

    A page links a few hundred facet values; building each URL from scratch was a third
    of the search page's time at 300k records.
    """
    pairs = request_pairs(req)
    base = url_for("pages.search_page")
    prefix = f"{base}?{urlencode(pairs)}&" if pairs else f"{base}?"
    return lambda pair: prefix + urlencode([pair])


def facet_blocks(result: SearchResult) -> list[FacetBlock]:
    """Facet sidebar: selected values first, top values, the rest behind 'more…'."""
    req = result.request
    top_n = current_app.config["FACET_TOP"]
    add_url = _adding_url(req)
    blocks = []
    for name, counts in result.facets.items():
        chosen = set(req.filters.get(name, []))
        items = []
        for fc in counts:
            value = str(fc.value)
            selected = fc.selected or value in chosen
            pair = (name, value)
            url = search_url(req, remove=pair) if selected else add_url(pair)
            items.append(FacetItem(value, value_label(name, value), fc.count, selected, url))
        if not items:
            continue
        items.sort(key=lambda it: not it.selected)  # stable: engine order within each group
        cut = max(top_n, sum(it.selected for it in items))
        blocks.append(FacetBlock(name, FACET_LABELS.get(name, name), items[:cut], items[cut:]))
    return blocks


@dataclass
class Chip:
    label: str
    url: str


def chips(req: SearchRequest) -> list[Chip]:
    """Selected filters as removable chips."""
    out = []
    for name, values in req.filters.items():
        for v in values:
            label = f"{FACET_LABELS.get(name, name)}: {value_label(name, v)}"
            out.append(Chip(label, search_url(req, remove=(name, v))))
    return out


def pages_window(current: int, last: int, width: int = 2) -> list[int | None]:
    """Page numbers around the current one, None where a gap is ('1 … 4 5 6 … 20')."""
    shown = {1, last, *range(current - width, current + width + 1)}
    out: list[int | None] = []
    prev = 0
    for n in sorted(p for p in shown if 1 <= p <= last):
        if n - prev > 1:
            out.append(None)
        out.append(n)
        prev = n
    return out


def pagination(req: SearchRequest, total: int, page_url: Callable[[int], str]) -> dict[str, Any]:
    """The template arguments of `_pagination.html` for a request with `total` hits."""
    last = max(1, math.ceil(total / req.per_page))
    return {
        "last_page": last,
        "pages": pages_window(min(req.page, last), last),
        "page_url": page_url,
    }
