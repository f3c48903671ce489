"""The JSON API: the same search, records and documents as the pages, and its OpenAPI document.

Errors are `{"error": message}` with a 4xx status (the app's error handler answers
every /api/ path in JSON).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for

from recsearch import cite
from recsearch.engine import FACET_FIELDS, SORTS
from recsearch.records import Record
from recsearch.search import SearchRequest
from recsearch.web import (
    FILTER_FIELDS,
    clean_text,
    document_records,
    get_engine,
    parse_request,
    permalink,
    run_search,
)

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
    found = get_engine().get_records([rid])
    if not found:
        abort(404, description=f"no record {clean_text(rid)[:200]!r}")
    return jsonify(record_json(found[0]))


@bp.route("/documents/<path:doc>")
def api_document(doc: str) -> Response:
    """One document (by source path or key) with all its records in order."""
    records = document_records(doc)
    if not records:
        abort(404, description=f"no document {clean_text(doc)[:200]!r}")
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
    raw = request.args.get("facet_limit", "").strip()
    limit: int | None = None
    if raw:
        if not raw.isdigit() or not 1 <= int(raw) <= 10_000:
            abort(400, description="facet_limit must be a whole number from 1 to 10000")
        limit = int(raw)
    result = run_search(SearchRequest(q=req.q, filters=req.filters, per_page=1, facet_limit=limit))
    body = result.to_json()
    return jsonify({k: body[k] for k in ("query", "understood", "filters", "total", "facets")})


@bp.route("/openapi.json")
def openapi() -> Response:
    """OpenAPI 3.0 description of this API."""
    return jsonify(openapi_document(request.host_url.rstrip("/")))


# --------------------------------------------------------------------- OpenAPI


def _param(name: str, description: str, schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": schema, **extra}


def _search_params() -> list[dict[str, Any]]:
    params = [
        _param("q", "Query in the query language (see /help).", {"type": "string"}),
        _param("sort", "Order of hits.", {"type": "string", "enum": list(SORTS)}),
        _param("page", "1-based page.", {"type": "integer", "minimum": 1, "maximum": 1000}),
        _param("per_page", "Hits per page.", {"type": "integer", "minimum": 1, "maximum": 100}),
    ]
    for name in FILTER_FIELDS:
        params.append(
            _param(
                name,
                f"Filter on {name}; repeat for OR, combine fields for AND.",
                {"type": "array", "items": {"type": "string"}},
                style="form",
                explode=True,
            )
        )
    return params


_RECORD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "doc_type", "source", "text", "kind"],
    "properties": {
        "id": {"type": "string", "example": "cerd-c-bra-co-18-20/6"},
        "symbol": {"type": "string", "nullable": True, "example": "CERD/C/BRA/CO/18-20"},
        "title": {"type": "string"},
        "doc_type": {"type": "string"},
        "body": {"type": "string", "nullable": True},
        "country": {"type": "string", "nullable": True},
        "year": {"type": "integer", "nullable": True},
        "source": {"type": "string"},
        "number": {"type": "string", "nullable": True},
        "section": {"type": "array", "items": {"type": "string"}},
        "page": {"type": "integer", "nullable": True},
        "text": {"type": "string"},
        "kind": {"type": "string", "enum": ["recommendation", "observation"]},
        "articles": {"type": "array", "items": {"type": "string"}},
        "general_recommendations": {"type": "array", "items": {"type": "string"}},
        "gnr": {"type": "array", "items": {"type": "integer"}},
        "cites": {"type": "array", "items": {"type": "string"}},
        "themes": {"type": "array", "items": {"type": "string"}},
        "recommending_states": {"type": "array", "items": {"type": "string"}},
        "response": {"type": "string", "nullable": True},
    },
}
_FACETS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": f"Facet name ({', '.join(FACET_FIELDS)}) -> values with counts.",
    "additionalProperties": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"value": {"type": "string"}, "count": {"type": "integer"}},
        },
    },
}
_ERROR = {
    "description": "Bad request or not found",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            }
        }
    },
}


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(server: str) -> dict[str, Any]:
    """The OpenAPI 3.0.3 document for this server."""
    hit_schema = {
        "allOf": [
            {"$ref": "#/components/schemas/Record"},
            {
                "type": "object",
                "properties": {
                    "score": {"type": "number"},
                    "snippet": {"type": "string", "description": "HTML-escaped, <mark>ed"},
                },
            },
        ]
    }
    search_schema = {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "understood": {"type": "string"},
            "filters": {"type": "object"},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "sort": {"type": "string"},
            "suggestion": {"type": "string", "nullable": True},
            "message": {"type": "string", "nullable": True},
            "hits": {"type": "array", "items": hit_schema},
            "facets": {"$ref": "#/components/schemas/Facets"},
        },
    }
    errors = {"400": {"$ref": "#/components/responses/Error"}}
    not_found = {"404": {"$ref": "#/components/responses/Error"}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "recsearch API",
            "version": "1",
            "description": "Search UN human-rights recommendations, one record per paragraph.",
        },
        "servers": [{"url": server}],
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Search records",
                    "operationId": "search",
                    "parameters": _search_params(),
                    "responses": {"200": _ok("Search result", search_schema), **errors},
                }
            },
            "/api/facets": {
                "get": {
                    "summary": "Facet counts of a search",
                    "operationId": "facets",
                    "parameters": [
                        *_search_params(),
                        _param("facet_limit", "Top values per facet.", {"type": "integer"}),
                    ],
                    "responses": {
                        "200": _ok(
                            "Facets",
                            {
                                "type": "object",
                                "properties": {
                                    "total": {"type": "integer"},
                                    "facets": {"$ref": "#/components/schemas/Facets"},
                                },
                            },
                        ),
                        **errors,
                    },
                }
            },
            "/api/records/{id}": {
                "get": {
                    "summary": "One record",
                    "operationId": "record",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "description": "Record id; contains a slash.",
                            "schema": {"type": "string"},
                            "example": "cerd-c-bra-co-18-20/6",
                        }
                    ],
                    "responses": {
                        "200": _ok("The record", {"$ref": "#/components/schemas/Record"}),
                        **not_found,
                    },
                }
            },
            "/api/documents/{doc}": {
                "get": {
                    "summary": "One document and its records",
                    "operationId": "document",
                    "parameters": [
                        {
                            "name": "doc",
                            "in": "path",
                            "required": True,
                            "description": "Document key or source path.",
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _ok(
                            "The document",
                            {
                                "type": "object",
                                "properties": {
                                    "key": {"type": "string"},
                                    "total": {"type": "integer"},
                                    "records": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Record"},
                                    },
                                },
                            },
                        ),
                        **not_found,
                    },
                }
            },
        },
        "components": {
            "schemas": {"Record": _RECORD_SCHEMA, "Facets": _FACETS_SCHEMA},
            "responses": {"Error": _ERROR},
        },
    }
