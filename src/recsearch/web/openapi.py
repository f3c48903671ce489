"""The OpenAPI 3.0 document that describes the JSON API (served at /api/openapi.json)."""

from __future__ import annotations

from typing import Any

from recsearch.engine import FACET_FIELDS, SORTS
from recsearch.web.guard import FILTER_FIELDS


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


def _path_param(name: str, description: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
        **extra,
    }


def _get(
    summary: str,
    operation: str,
    params: list[dict[str, Any]],
    ok: str,
    schema: dict[str, Any],
    error: str = "400",
) -> dict[str, Any]:
    """A GET path: its parameters, the 200 answer and the one error status it can give."""
    return {
        "get": {
            "summary": summary,
            "operationId": operation,
            "parameters": params,
            "responses": {
                "200": _ok(ok, schema),
                error: {"$ref": "#/components/responses/Error"},
            },
        }
    }


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
    record_ref = {"$ref": "#/components/schemas/Record"}
    facets_schema = {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "facets": {"$ref": "#/components/schemas/Facets"},
        },
    }
    document_schema = {
        "type": "object",
        "properties": {
            "key": {"type": "string"},
            "total": {"type": "integer"},
            "records": {"type": "array", "items": record_ref},
        },
    }
    facet_limit = _param("facet_limit", "Top values per facet.", {"type": "integer"})
    record_id = _path_param("id", "Record id; contains a slash.", example="cerd-c-bra-co-18-20/6")
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "recsearch API",
            "version": "1",
            "description": "Search UN human-rights recommendations, one record per paragraph.",
        },
        "servers": [{"url": server}],
        "paths": {
            "/api/search": _get(
                "Search records", "search", _search_params(), "Search result", search_schema
            ),
            "/api/facets": _get(
                "Facet counts of a search",
                "facets",
                [*_search_params(), facet_limit],
                "Facets",
                facets_schema,
            ),
            "/api/records/{id}": _get(
                "One record", "record", [record_id], "The record", record_ref, error="404"
            ),
            "/api/documents/{doc}": _get(
                "One document and its records",
                "document",
                [_path_param("doc", "Document key or source path.")],
                "The document",
                document_schema,
                error="404",
            ),
        },
        "components": {
            "schemas": {"Record": _RECORD_SCHEMA, "Facets": _FACETS_SCHEMA},
            "responses": {"Error": _ERROR},
        },
    }
