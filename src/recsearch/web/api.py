"""The JSON API: the same search, records and documents as the pages.

Errors are `{"error": message}` with a 4xx status (the app's error handler answers
every /api/ path in JSON); the OpenAPI document that describes it is built in `openapi`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from recsearch import cite
from recsearch.records import Record
from recsearch.search import SearchRequest
from recsearch.web import run_search
from recsearch.web.guard import optional_int_arg, parse_request
from recsearch.web.listing import permalink
from recsearch.web.openapi import openapi_document
from recsearch.web.pages import document_or_404, record_or_404

bp = Blueprint("api", __name__, url_prefix="/api")


def record_json(rec: Record) -> dict[str, Any]:
    """A record as records.md shapes it, plus its citation, permalink and cite formats."""
    url = permalink(rec)
    return {
        **rec.to_dict(),
        "citation": rec.citation,
        "permalink": url,
        "citations": cite.all_formats(rec, url),
    }


@bp.route("/search")
def api_search() -> Response:
    """The search result object as JSON (SearchResult.to_json)."""
    result = run_search(parse_request(request.args))
    return jsonify(result.to_json())


@bp.route("/records/<path:rid>")
def api_record(rid: str) -> Response:
    """One record by id."""
    return jsonify(record_json(record_or_404(rid)))


@bp.route("/documents/<path:doc>")
def api_document(doc: str) -> Response:
    """One document (by source path or key) with all its records in order."""
    records = document_or_404(doc)
    first = records[0]
    meta = {
        "key": first.doc_key,
        "source": first.source,
        "symbol": first.symbol,
        "title": first.title,
        "doc_type": first.doc_type,
        "body": first.body,
        "country": first.country,
        "year": first.year,
        "date": first.date,
        "url": url_for("pages.document", doc=first.doc_key, _external=True),
    }
    return jsonify({**meta, "total": len(records), "records": [r.to_dict() for r in records]})


@bp.route("/facets")
def api_facets() -> Response:
    """Facet counts for a query and filters (all values, or the top facet_limit)."""
    req = parse_request(request.args)
    limit = optional_int_arg(request.args, "facet_limit", 1, 10_000)
    result = run_search(SearchRequest(q=req.q, filters=req.filters, per_page=1, facet_limit=limit))
    body = result.to_json()
    return jsonify({k: body[k] for k in ("query", "understood", "filters", "total", "facets")})


@bp.route("/openapi.json")
def openapi() -> Response:
    """OpenAPI 3.0 description of this API."""
    return jsonify(openapi_document(request.host_url.rstrip("/")))
