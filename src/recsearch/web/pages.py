"""The reading pages: search, a record's permalink, a document, and the query-language help."""

from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template, request, url_for

from recsearch import cite
from recsearch.engine import Engine, EngineQuery
from recsearch.query import MatchAll
from recsearch.records import Record, slug
from recsearch.search import SearchRequest
from recsearch.web import get_engine, run_search
from recsearch.web.downloads import EXPORTS, source_path
from recsearch.web.guard import not_found, parse_request
from recsearch.web.listing import (
    chips,
    facet_blocks,
    pagination,
    permalink,
    record_anchor,
    search_url,
    snippet_html,
)

bp = Blueprint("pages", __name__)

TAG_FIELDS = ("articles", "general_recommendations", "gnr", "themes")


@bp.route("/")
def search_page() -> str:
    """Search: query box, facets, results, pagination."""
    req = parse_request(request.args)
    result = run_search(req)
    return render_template(
        "search.html",
        req=req,
        result=result,
        facets=facet_blocks(result),
        chips=chips(req),
        **pagination(req, result.total, lambda n: search_url(req, page=n)),
        snippet=snippet_html,
        export_urls={fmt: search_url(req, endpoint=f"downloads.export_{fmt}") for fmt in EXPORTS},
        searched=bool(req.q or req.filters),
        # search() shows the suggestion's hits when the query as typed has none.
        replaced=bool(result.suggestion and result.understood == result.suggestion),
    )


@bp.route("/help")
def help_page() -> str:
    """The query language, with examples."""
    return render_template("help.html")


# ----------------------------------------------------------------------- record


def explain_themes(rec: Record) -> list[tuple[str, str]]:
    """Why themes were given (themes.explain), or nothing if that module is absent or fails."""
    try:
        from recsearch import themes  # another engineer's module; the page works without it

        why = themes.explain(rec.text, rec.body)
    except Exception:  # a missing or failing explainer must not break the record page
        current_app.logger.warning("themes.explain failed for %s", rec.id, exc_info=True)
        return []
    # Only the record's own themes: the explainer may weigh others it did not assign here.
    return [(t, ", ".join(str(w) for w in why[t])) for t in rec.themes if why.get(t)]


def first_hit(name: str, value: str) -> Record | None:
    """The first record whose exact-match field `name` holds `value`, if any."""
    found = run_search(SearchRequest(filters={name: [value]}, per_page=1, facet_limit=0))
    return found.hits[0].record if found.hits else None


def cited_link(cited: str) -> tuple[str, str | None, str | None]:
    """A cited symbol; when that document is indexed, its paragraph and its records' search."""
    symbol, _, para = cited.partition(" para. ")
    rec = first_hit("symbol", symbol)
    if rec is None:
        return cited, None, None
    url = url_for("pages.document", doc=rec.doc_key)
    if para:
        url += "#" + slug(para)  # anchors are the ids' slugged numbers
    return cited, url, search_url(add=("symbol", symbol))


def record_or_404(rid: str) -> Record:
    """The record with this id, or a 404 naming it."""
    found = get_engine().get_records([rid])
    if not found:
        not_found("record", rid)
    return found[0]


def neighbours(eng: Engine, rec: Record) -> tuple[Record | None, Record | None]:
    """The records just before and after this one in its document.

    A document's records are numbered in order from its first record's number, so the
    three records in document order around `rec.order` hold both neighbours. Reading the
    whole source (thousands of rows in a database export) is the fallback when the
    numbering has gaps.
    """

    def in_order(offset: int, limit: int) -> list[Record]:
        found = eng.search(
            EngineQuery(
                MatchAll(),
                filters={"source": [rec.source]},
                sort="document",
                offset=offset,
                limit=limit,
                facets=(),
                snippets=False,
            )
        )
        return [hit.record for hit in found.hits]

    first = in_order(0, 1)
    pos = rec.order - first[0].order if first else -1
    if pos >= 0:
        start = max(0, pos - 1)
        window = in_order(start, 3)
        ids = [r.id for r in window]
        if rec.id in ids and ids.index(rec.id) == pos - start:
            i = pos - start
            after = window[i + 1] if i + 1 < len(window) else None
            return (window[i - 1] if i else None), after
    siblings = eng.source_records(rec.source)
    at = next((i for i, r in enumerate(siblings) if r.id == rec.id), None)
    before = siblings[at - 1] if at else None
    after = siblings[at + 1] if at is not None and at + 1 < len(siblings) else None
    return before, after


@bp.route("/r/<path:rid>")
def record(rid: str) -> str:
    """A record's permalink: text, context, tags, citations both ways, and the cite box."""
    eng = get_engine()
    rec = record_or_404(rid)
    before, after = neighbours(eng, rec)
    cited_by = None
    if rec.symbol:
        cited_by = run_search(
            SearchRequest(
                filters={"cites": [rec.symbol]}, sort="newest", per_page=20, facet_limit=0
            )
        )
    url = permalink(rec)
    return render_template(
        "record.html",
        rec=rec,
        before=before,
        after=after,
        cites=[cited_link(c) for c in rec.cites],
        cited_by=cited_by,
        cited_by_url=search_url(add=("cites", rec.symbol)) if rec.symbol else None,
        themes_why=explain_themes(rec),
        citations=cite.all_formats(rec, url),
        format_labels=cite.FORMAT_LABELS,
        permalink=url,
        tag_fields=TAG_FIELDS,
    )


# --------------------------------------------------------------------- document


def document_records(doc: str) -> list[Record]:
    """A document's records, by its source path or its key; [] if it is not indexed."""
    eng = get_engine()
    # A key is a slug ('cerd-c-bra-co-18-20'); a source path has a folder or an extension.
    looks_like_source = "/" in doc or re.search(r"\.[A-Za-z0-9]{2,5}$", doc) is not None
    if looks_like_source:
        recs = eng.source_records(doc)
        if recs:
            return recs
    rec = first_hit("doc_key", doc)
    if rec is not None:
        return eng.source_records(rec.source)
    return [] if looks_like_source else eng.source_records(doc)


def document_or_404(doc: str) -> list[Record]:
    """A document's records (at least one), or a 404 naming it."""
    records = document_records(doc)
    if not records:
        not_found("document", doc)
    return records


def outline(records: list[Record]) -> list[tuple[int, str, str]]:
    """Headings in document order as (depth, heading, anchor of the first record under it)."""
    return [
        (depth, heading, record_anchor(rec))
        for new, rec in heading_rows(records)
        for depth, heading in new
    ]


def heading_rows(records: list[Record]) -> list[tuple[list[tuple[int, str]], Record]]:
    """Each record with the (depth, heading)s that start just above it."""
    rows = []
    current: list[str] = []
    for rec in records:
        new: list[tuple[int, str]] = []
        for depth, heading in enumerate(rec.section):
            if new or depth >= len(current) or current[depth] != heading:
                new.append((depth, heading))
        current = list(rec.section)
        rows.append((new, rec))
    return rows


@bp.route("/d/<path:doc>")
def document(doc: str) -> str:
    """A document: metadata, outline, every record with an anchor, and the source file."""
    records = document_or_404(doc)
    first = records[0]
    return render_template(
        "document.html",
        first=first,
        records=records,
        outline=outline(records),
        rows=heading_rows(records),
        has_source=source_path(first.source) is not None,
    )
