"""Files to take away: a whole search exported (CSV, JSON, BibTeX, RIS) and the source files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from flask import Blueprint, Response, current_app, request, send_file, stream_with_context
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from recsearch import export
from recsearch.records import Record
from recsearch.search import SearchRequest
from recsearch.web import get_engine, index_version, run_search, source_roots
from recsearch.web.guard import parse_request
from recsearch.web.listing import permalink

bp = Blueprint("downloads", __name__)

EXPORTS = tuple(export.EXPORT_FORMATS)

# Formats a browser shows without running anything; HTML, SVG and the rest are downloaded.
INLINE_SUFFIXES = (".pdf", ".txt", ".csv", ".json")


# ---------------------------------------------------------------------- exports


def all_records(req: SearchRequest) -> Iterator[Record]:
    """Every hit of a search, fetched page by page (for exports and long lists)."""
    per_page = current_app.config["EXPORT_PAGE"]
    limit = current_app.config["EXPORT_MAX"]
    page = 1
    seen = 0
    while seen < limit:
        part = SearchRequest(
            q=req.q, filters=req.filters, sort=req.sort, page=page, per_page=per_page, facet_limit=0
        )
        result = run_search(part)
        for hit in result.hits[: limit - seen]:
            yield hit.record
            seen += 1
        # search() may cap the page size: stop on the total, not on our own arithmetic.
        if not result.hits or seen >= result.total:
            return
        page += 1


def export_response(fmt: str) -> Response:
    """Every hit of the current search in one format, streamed page by page."""
    req = parse_request(request.args)
    first = run_search(SearchRequest(q=req.q, filters=req.filters, per_page=1, facet_limit=0))
    now = datetime.now(UTC)
    meta = export.ExportMeta(
        query=req.q,
        understood=first.understood,
        filters=req.filters,
        exported=now.isoformat(timespec="seconds"),
        index_version=index_version(),
        total=first.total,
    )
    # url_for needs the request context; it stays alive while the response streams.
    chunks = export.WRITERS[fmt](all_records(req), meta, permalink)
    resp = Response(stream_with_context(chunks), mimetype=export.EXPORT_FORMATS[fmt])
    stamp = now.strftime("%Y%m%d-%H%M%S")
    resp.headers["Content-Disposition"] = f'attachment; filename="recsearch-{stamp}.{fmt}"'
    return resp


def _export_view(fmt: str) -> Callable[[], Response]:
    def view() -> Response:
        return export_response(fmt)

    view.__name__ = f"export_{fmt}"
    view.__doc__ = f"The current search as {fmt.upper()}."
    return view


for _fmt in EXPORTS:
    bp.add_url_rule(f"/export.{_fmt}", f"export_{_fmt}", _export_view(_fmt))


# ----------------------------------------------------------------- source files


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


def shown_inline(path: Path) -> bool:
    """Whether a source file may open in the browser rather than download."""
    return path.suffix.lower() in INLINE_SUFFIXES


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
