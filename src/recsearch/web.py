"""The web app: server-rendered pages over one shared read-only index (Flask).

Every list of hits and every count comes from `search.search`; records come from the
engine. This module only turns URLs into `SearchRequest`s and results into pages.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, HTTPException, NotFound
from werkzeug.security import safe_join

from recsearch import cite, export
from recsearch.engine import FACET_FIELDS, SORTS, Engine, EngineError, Hit, open_engine
from recsearch.records import Record, slug
from recsearch.search import SearchRequest, SearchResult, search

bp = Blueprint("pages", __name__)

# Fields a URL may filter on: the facets plus the exact-match fields links need
# (symbol for "what it cites", cites for "what cites it", doc_key for a document).
FILTER_FIELDS = (*FACET_FIELDS, "symbol", "cites", "session", "doc_key")

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
TAG_FIELDS = ("articles", "general_recommendations", "gnr", "themes")

# Bounds that keep any URL cheap to answer: beyond them the request gets a 400.
DEFAULTS: dict[str, Any] = {
    "INDEX": "index",  # overridden by RECSEARCH_INDEX, a settings file or the test mapping
    "PER_PAGE": 20,
    "MAX_PER_PAGE": 100,
    "MAX_PAGE": 1000,
    "MAX_QUERY": 2000,  # characters of q
    "MAX_VALUES": 50,  # filter values per request
    "FACET_TOP": 8,  # facet values shown before "more…"
    "EXPORT_PAGE": 200,  # records fetched per page while streaming an export
    "EXPORT_MAX": 200_000,
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")

_ENGINE_KEY = "recsearch.engine"
_ENGINE_LOCK = threading.Lock()


# ----------------------------------------------------------------------------- app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The Flask app: defaults, then RECSEARCH_SETTINGS (a config file) or the test mapping."""
    files = resources.files("recsearch.webfiles")
    app = Flask(
        __name__,
        template_folder=str(files / "templates"),
        static_folder=str(files / "static"),
        static_url_path="/static",
    )
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        # Production: waitress-serve --call recsearch.web:create_app with RECSEARCH_INDEX set.
        app.config["INDEX"] = os.environ.get("RECSEARCH_INDEX", app.config["INDEX"])
        app.config.from_envvar("RECSEARCH_SETTINGS", silent=True)
    else:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.register_blueprint(bp)
    from recsearch.api import bp as api_bp

    app.register_blueprint(api_bp)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
    app.after_request(_security_headers)
    app.jinja_env.globals.update(
        facet_label=FACET_LABELS.get,
        value_label=value_label,
        search_url=search_url,
        record_anchor=record_anchor,
        sort_labels=SORT_LABELS,
    )
    return app


def get_engine() -> Engine:
    """The app's one engine, opened on first use and shared by every request and thread."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    eng = app.extensions.get(_ENGINE_KEY)
    if eng is None:
        with _ENGINE_LOCK:
            eng = app.extensions.get(_ENGINE_KEY)
            if eng is None:
                eng = open_engine(Path(app.config["INDEX"]))
                app.extensions[_ENGINE_KEY] = eng
                atexit.register(eng.close)
    return eng


def index_dir() -> Path:
    """The index folder this app serves."""
    return Path(current_app.config["INDEX"])


def index_version() -> str | None:
    """When the index was last written ('updated' in engine.json), for exports."""
    try:
        data = json.loads((index_dir() / "engine.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    updated = data.get("updated") if isinstance(data, dict) else None
    return str(updated) if updated else None


def source_roots() -> list[Path]:
    """Folders the index was built from (ingest-report.json 'roots')."""
    try:
        data = json.loads((index_dir() / "ingest-report.json").read_text(encoding="utf-8"))
        return [Path(r) for r in data.get("roots", []) if isinstance(r, str)]
    except (OSError, ValueError, AttributeError):
        return []


def _security_headers(resp: Response) -> Response:
    # No inline script or style anywhere: all JS and CSS come from /static.
    resp.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp


def wants_json() -> bool:
    """API paths answer errors in JSON; pages answer them in HTML."""
    return request.path.startswith("/api/")


def _http_error(exc: HTTPException) -> tuple[Any, int]:
    code = exc.code or 500
    message = exc.description or exc.name
    if wants_json():
        return jsonify({"error": message}), code
    return render_template("error.html", code=code, title=exc.name, message=message), code


def _server_error(exc: Exception) -> tuple[Any, int]:
    if isinstance(exc, EngineError):
        code, title, message = 503, "Index unavailable", str(exc)
    else:
        current_app.logger.exception("unhandled error on %s", request.path)
        code, title, message = 500, "Internal error", "Something went wrong; it has been logged."
    if wants_json():
        return jsonify({"error": message}), code
    return render_template("error.html", code=code, title=title, message=message), code


# ------------------------------------------------------------------ request parsing


def clean_text(value: str) -> str:
    """Drop control characters (NUL, escapes, undecodable bytes) and trim."""
    return _CONTROL.sub(" ", value).replace("\ufffd", " ").strip()


def _int_arg(args: MultiDict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"\d{1,9}", raw):
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    return value


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


def record_anchor(rec: Record) -> str:
    """The record's fragment on its document page: 'cerd-c-bra-co-18-20/6' -> '6'."""
    return rec.id.rsplit("/", 1)[-1]


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


def facet_blocks(result: SearchResult) -> list[FacetBlock]:
    """Facet sidebar: selected values first, top values, the rest behind 'more…'."""
    req = result.request
    top_n = current_app.config["FACET_TOP"]
    blocks = []
    for name, counts in result.facets.items():
        chosen = set(req.filters.get(name, []))
        items = []
        for fc in counts:
            value = str(fc.value)
            selected = fc.selected or value in chosen
            pair = (name, value)
            url = search_url(req, remove=pair) if selected else search_url(req, add=pair)
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


def run_search(req: SearchRequest) -> SearchResult:
    """The shared search, through the app's engine."""
    return search(get_engine(), req)


def all_records(req: SearchRequest) -> Iterator[Record]:
    """Every hit of a search, fetched page by page (for exports and long lists)."""
    per_page = current_app.config["EXPORT_PAGE"]
    limit = current_app.config["EXPORT_MAX"]
    page = 1
    seen = 0
    while seen < limit:
        part = SearchRequest(
            q=req.q,
            filters=req.filters,
            sort=req.sort,
            page=page,
            per_page=per_page,
            facet_limit=1,
        )
        result = run_search(part)
        for hit in result.hits[: limit - seen]:
            yield hit.record
            seen += 1
        # search() may cap the page size: stop on the total, not on our own arithmetic.
        if not result.hits or seen >= result.total:
            return
        page += 1


def snippet_html(hit: Hit) -> Markup:
    """The engine's snippet is already escaped with <mark> added: the one place marked safe."""
    return Markup(hit.snippet)  # escaped by the engine (Hit contract)


def permalink(rec: Record) -> str:
    """Absolute URL of a record page."""
    return url_for("pages.record", rid=rec.id, _external=True)


# ----------------------------------------------------------------------- pages


@bp.route("/")
def search_page() -> str:
    """Search: query box, facets, results, pagination."""
    req = parse_request(request.args)
    result = run_search(req)
    last = max(1, math.ceil(result.total / req.per_page))
    return render_template(
        "search.html",
        req=req,
        result=result,
        facets=facet_blocks(result),
        chips=chips(req),
        last_page=last,
        pages=pages_window(min(req.page, last), last),
        snippet=snippet_html,
        page_url=lambda n: search_url(req, page=n),
        export_urls={fmt: search_url(req, endpoint=f"pages.export_{fmt}") for fmt in EXPORTS},
        searched=bool(req.q or req.filters),
        # search() shows the suggestion's hits when the query as typed has none.
        replaced=bool(result.suggestion and result.understood == result.suggestion),
    )


@bp.route("/help")
def help_page() -> str:
    """The query language, with examples."""
    return render_template("help.html")


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


def cited_link(cited: str) -> tuple[str, str | None, str | None]:
    """A cited symbol; when that document is indexed, its paragraph and its records' search."""
    symbol = cited.split(" para. ")[0]
    found = run_search(SearchRequest(filters={"symbol": [symbol]}, per_page=1, facet_limit=1))
    if not found.hits:
        return cited, None, None
    rec = found.hits[0].record
    url = url_for("pages.document", doc=rec.doc_key)
    if " para. " in cited:
        url += "#" + slug(cited.split(" para. ")[1])  # anchors are the ids' slugged numbers
    return cited, url, search_url(add=("symbol", symbol))


@bp.route("/r/<path:rid>")
def record(rid: str) -> str:
    """A record's permalink: text, context, tags, citations both ways, and the cite box."""
    eng = get_engine()
    found = eng.get_records([rid])
    if not found:
        abort(404, description=f"no record {clean_text(rid)[:200]!r} in this index")
    rec = found[0]
    siblings = eng.source_records(rec.source)
    pos = next((i for i, r in enumerate(siblings) if r.id == rec.id), None)
    before = siblings[pos - 1] if pos else None
    after = siblings[pos + 1] if pos is not None and pos + 1 < len(siblings) else None
    cited_by = None
    if rec.symbol:
        cited_by = run_search(
            SearchRequest(
                filters={"cites": [rec.symbol]}, sort="newest", per_page=20, facet_limit=1
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


def document_records(doc: str) -> list[Record]:
    """A document's records, by its source path or its key; [] if it is not indexed."""
    eng = get_engine()
    # A key is a slug ('cerd-c-bra-co-18-20'); a source path has a folder or an extension.
    looks_like_source = "/" in doc or re.search(r"\.[A-Za-z0-9]{2,5}$", doc) is not None
    if looks_like_source:
        recs = eng.source_records(doc)
        if recs:
            return recs
    found = run_search(SearchRequest(filters={"doc_key": [doc]}, per_page=1, facet_limit=1))
    if found.hits:
        return eng.source_records(found.hits[0].record.source)
    return [] if looks_like_source else eng.source_records(doc)


def outline(records: list[Record]) -> list[tuple[int, str, str]]:
    """Headings in document order as (depth, heading, anchor of the first record under it)."""
    out: list[tuple[int, str, str]] = []
    current: list[str] = []
    for rec in records:
        for depth, heading in enumerate(rec.section):
            if depth < len(current) and current[depth] == heading:
                continue
            current = [*current[:depth], heading]
            out.append((depth, heading, record_anchor(rec)))
        current = current[: len(rec.section)]
    return out


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
    records = document_records(doc)
    if not records:
        abort(404, description=f"no document {clean_text(doc)[:200]!r} in this index")
    first = records[0]
    return render_template(
        "document.html",
        first=first,
        records=records,
        outline=outline(records),
        rows=heading_rows(records),
        has_source=source_path(first.source) is not None,
    )


def source_path(source: str) -> Path | None:
    """The file of an indexed source under one of the ingest roots, or None (no traversal)."""
    for root in source_roots():
        joined = safe_join(str(root), source)
        if joined is None:
            continue
        path = Path(joined)
        try:
            if path.resolve().is_relative_to(root.resolve()) and path.is_file():
                return path
        except OSError:
            continue
    return None


@bp.route("/source/<path:source>")
def source_file(source: str) -> Response:
    """The original file of an indexed document, from the folder it was ingested from."""
    if not get_engine().source_records(source):
        raise NotFound("that file is not in this index")
    path = source_path(source)
    if path is None:
        raise NotFound("the source file is no longer where it was ingested from")
    resp = send_file(path, as_attachment=not shown_inline(path), download_name=path.name)
    if path.suffix.lower() != ".pdf":  # Chromium's PDF viewer refuses sandboxed documents
        # A source file is untrusted: whatever it holds runs in no origin of ours.
        resp.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src data:"
    return resp


# Formats a browser shows without running anything; HTML, SVG and the rest are downloaded.
INLINE_SUFFIXES = (".pdf", ".txt", ".csv", ".json")


def shown_inline(path: Path) -> bool:
    """Whether a source file may open in the browser rather than download."""
    return path.suffix.lower() in INLINE_SUFFIXES


# ---------------------------------------------------------------------- browse

GNR_RANGE = range(1, 20)


def overview() -> SearchResult:
    """Every record's facets (the browse pages' counts), cached until the index changes."""
    cache = current_app.extensions.setdefault("recsearch.overview", {})
    version = index_version() or ""
    result = cache.get(version)
    if result is None:
        result = run_search(SearchRequest(per_page=1))
        cache.clear()  # one entry: the index as it is now
        cache[version] = result
    return result


def facet_counts(name: str) -> list[tuple[str, int]]:
    """Every value of one facet with its count over the whole index."""
    return [(str(fc.value), fc.count) for fc in overview().facets.get(name, [])]


def _natural(value: str) -> list[Any]:
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", value)]


# Treaty and committee order of the browse pages: the Convention this project starts from first.
TREATY_ORDER = ("ICERD", "ICCPR", "ICESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CPED")
BODY_ORDER = ("CERD", "CCPR", "CESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CED")


def grouped(
    values: list[tuple[str, int]], order: tuple[str, ...] = ()
) -> list[tuple[str, list[tuple[str, int]]]]:
    """'ICERD 5(e)' / 'CERD GR 31' grouped by their first word, known groups in `order` first."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for value, count in sorted(values, key=lambda vc: _natural(vc[0])):
        groups.setdefault(value.split(" ", 1)[0], []).append((value, count))
    rank = {name: i for i, name in enumerate(order)}
    return sorted(groups.items(), key=lambda g: (rank.get(g[0], len(rank)), g[0]))


@bp.route("/browse")
def browse() -> str:
    """Entry points: GNR, articles, general recommendations, themes, countries."""
    result = overview()
    sizes = {name: len(values) for name, values in result.facets.items()}
    return render_template("browse.html", total=result.total, sizes=sizes)


@bp.route("/browse/gnr")
def browse_gnr() -> str:
    """GNR 1–19 with how many records invoke each."""
    counts = dict(facet_counts("gnr"))
    rows = [(n, counts.get(str(n), 0)) for n in GNR_RANGE]
    return render_template("browse_gnr.html", rows=rows)


def _records_page(title: str, intro: str, name: str, value: str) -> str:
    req = parse_request(request.args)
    req = SearchRequest(q="", filters={name: [value]}, sort="document", page=req.page, per_page=50)
    result = run_search(req)
    last = max(1, math.ceil(result.total / req.per_page))
    return render_template(
        "browse_records.html",
        title=title,
        intro=intro,
        result=result,
        req=req,
        last_page=last,
        pages=pages_window(min(req.page, last), last),
        search_link=search_url(add=(name, value)),
        page_url=lambda n: url_for(
            str(request.endpoint), **(request.view_args or {}), **({"page": n} if n > 1 else {})
        ),
    )


@bp.route("/browse/gnr/<int:n>")
def browse_gnr_one(n: int) -> str:
    """Every record that invokes one Guidance Note recommendation."""
    if n not in GNR_RANGE:
        abort(404, description="the Guidance Note has recommendations 1 to 19")
    return _records_page(
        f"GNR {n}", f"Records tagged with Guidance Note recommendation {n}.", "gnr", str(n)
    )


@bp.route("/browse/articles")
def browse_articles() -> str:
    """Convention articles by treaty, with counts."""
    return render_template(
        "browse_facet.html",
        title="Convention articles",
        name="articles",
        groups=grouped(facet_counts("articles"), TREATY_ORDER),
    )


@bp.route("/browse/gr")
def browse_gr() -> str:
    """General recommendations and general comments by body, with counts."""
    groups = grouped(facet_counts("general_recommendations"), BODY_ORDER)
    return render_template(
        "browse_facet.html",
        title="General recommendations and comments",
        name="general_recommendations",
        groups=groups,
        detail="pages.browse_gr_one",
    )


@bp.route("/browse/gr/<path:value>")
def browse_gr_one(value: str) -> str:
    """Every record that invokes one general recommendation or comment."""
    value = clean_text(value)[:100]
    return _records_page(value, f"Records that invoke {value}.", "general_recommendations", value)


@bp.route("/browse/themes")
def browse_themes() -> str:
    """Themes with counts."""
    values = sorted(facet_counts("themes"), key=lambda vc: (-vc[1], vc[0]))
    return render_template(
        "browse_facet.html", title="Themes", name="themes", groups=[("", values)]
    )


@bp.route("/browse/countries")
def browse_countries() -> str:
    """Countries with counts."""
    values = sorted(facet_counts("country"), key=lambda vc: vc[0])
    return render_template(
        "browse_facet.html", title="Countries", name="country", groups=[("", values)]
    )


# ---------------------------------------------------------------------- exports

EXPORTS = tuple(export.EXPORT_FORMATS)


def export_response(fmt: str) -> Response:
    """Every hit of the current search in one format, streamed page by page."""
    req = parse_request(request.args)
    first = run_search(SearchRequest(q=req.q, filters=req.filters, per_page=1, facet_limit=1))
    meta = export.ExportMeta(
        query=req.q,
        filters=req.filters,
        exported=datetime.now(UTC).isoformat(timespec="seconds"),
        index_version=index_version(),
        total=first.total,
    )
    # url_for needs the request context; it stays alive while the response streams.
    chunks = export.WRITERS[fmt](all_records(req), meta, permalink)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    resp = Response(stream_with_context(chunks), mimetype=export.EXPORT_FORMATS[fmt])
    resp.headers["Content-Disposition"] = f'attachment; filename="recsearch-{stamp}.{fmt}"'
    return resp


def _export_view(fmt: str) -> Any:
    def view() -> Response:
        return export_response(fmt)

    view.__name__ = f"export_{fmt}"
    view.__doc__ = f"The current search as {fmt.upper()}."
    return view


for _fmt in EXPORTS:
    bp.add_url_rule(f"/export.{_fmt}", f"export_{_fmt}", _export_view(_fmt))
