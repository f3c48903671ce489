"""What a request may ask and how failures answer: URL parsing with bounds, errors, headers."""

from __future__ import annotations

import re
from typing import Any, NoReturn

from flask import Flask, Response, abort, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException

from recsearch.engine import FACET_FIELDS, SORTS, EngineError
from recsearch.search import SearchRequest

# Fields a URL may filter on: the facets plus the exact-match fields links need
# (symbol for "what it cites", cites for "what cites it", doc_key for a document).
FILTER_FIELDS = (*FACET_FIELDS, "symbol", "cites", "session", "doc_key")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")

# No inline script or style anywhere: all JS and CSS come from /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    """Register the error handlers and the security headers on an app."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
    app.after_request(_security_headers)


# ------------------------------------------------------------------ request parsing


def clean_text(value: str) -> str:
    """Drop control characters (NUL, escapes, undecodable bytes) and trim."""
    return _CONTROL.sub(" ", value).replace("\ufffd", " ").strip()


def not_found(what: str, name: str) -> NoReturn:
    """A 404 naming what was asked for, cleaned and cut short (it comes from the URL)."""
    abort(404, description=f"no {what} {clean_text(name)[:200]!r} in this index")


def _int_arg(args: MultiDict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"\d{1,9}", raw) or not low <= int(raw) <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def optional_int_arg(args: MultiDict[str, str], name: str, low: int, high: int) -> int | None:
    """A bounded whole-number parameter, or None when the URL leaves it out."""
    return _int_arg(args, name, 0, low, high) if args.get(name, "").strip() else None


def parse_request(args: MultiDict[str, str]) -> SearchRequest:
    """URL query parameters -> SearchRequest; a 400 with a one-line reason if out of bounds."""
    cfg = current_app.config
    q = clean_text(args.get("q", ""))
    if len(q) > cfg["MAX_QUERY"]:
        raise BadRequest(f"the query is too long (at most {cfg['MAX_QUERY']} characters)")
    sort = args.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"sort must be one of {', '.join(SORTS)}")
    filters: dict[str, list[str]] = {}
    count = 0
    for name in FILTER_FIELDS:
        values = [clean_text(v)[:300] for v in args.getlist(name)]
        values = list(dict.fromkeys(v for v in values if v))
        if values:
            filters[name] = values
            count += len(values)
    if count > cfg["MAX_VALUES"]:
        raise BadRequest(f"too many filter values (at most {cfg['MAX_VALUES']})")
    return SearchRequest(
        q=q,
        filters=filters,
        sort=sort,
        page=_int_arg(args, "page", 1, 1, cfg["MAX_PAGE"]),
        per_page=_int_arg(args, "per_page", cfg["PER_PAGE"], 1, cfg["MAX_PER_PAGE"]),
    )


# ------------------------------------------------------------------ answers


def _security_headers(resp: Response) -> Response:
    resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp


def wants_json() -> bool:
    """API paths answer errors in JSON; pages answer them in HTML."""
    return request.path.startswith("/api/")


def _error(code: int, title: str, message: str) -> tuple[Any, int]:
    if wants_json():
        return jsonify({"error": message}), code
    return render_template("error.html", code=code, title=title, message=message), code


def _http_error(exc: HTTPException) -> tuple[Any, int]:
    return _error(exc.code or 500, exc.name, exc.description or exc.name)


def _server_error(exc: Exception) -> tuple[Any, int]:
    if isinstance(exc, EngineError):
        return _error(503, "Index unavailable", str(exc))
    current_app.logger.exception("unhandled error on %s", request.path)
    return _error(500, "Internal error", "Something went wrong; it has been logged.")
