"""Exports of a whole search: CSV (UTF-8 with BOM for Excel), JSON, BibTeX and RIS.

Each writer takes the records as an iterable (the web layer feeds them page by page)
and yields text chunks, so a large export streams instead of sitting in memory.
Every export says what produced it: the query, the filters, the time and the index version.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from recsearch import cite
from recsearch.records import Record

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
}

CSV_COLUMNS = (
    "id",
    "citation",
    "symbol",
    "number",
    "title",
    "doc_type",
    "body",
    "country",
    "year",
    "date",
    "kind",
    "text",
    "section",
    "page",
    "articles",
    "general_recommendations",
    "gnr",
    "cites",
    "themes",
    "recommending_states",
    "response",
    "source",
    "permalink",
)
# Provenance columns repeated on every row, so a row pasted elsewhere still says where from.
META_COLUMNS = ("search_query", "search_understood", "search_filters", "exported", "index_version")

# A cell starting with one of these is run as a formula by spreadsheets; documents are
# untrusted input, so such cells are prefixed with an apostrophe (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

URLFor = Callable[[Record], str]


@dataclass
class ExportMeta:
    """What produced an export."""

    query: str  # as typed
    filters: dict[str, list[str]] = field(default_factory=dict)
    exported: str = ""  # ISO time of the export
    index_version: str | None = None  # engine.json "updated"
    total: int = 0
    understood: str = ""  # as run: search() may have run a spelling suggestion instead

    def filters_text(self) -> str:
        """'country=Brazil; articles=ICERD 5' (repeated values on one field are OR)."""
        return "; ".join(f"{k}={v}" for k, values in self.filters.items() for v in values)


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_value(value: Any, sep: str = "; ") -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return sep.join(str(v) for v in value)
    return str(value)


def csv_row(rec: Record, url: str, meta: ExportMeta) -> list[str]:
    """One CSV row in CSV_COLUMNS + META_COLUMNS order."""
    data = rec.to_dict()
    row: list[str] = []
    for col in CSV_COLUMNS:
        if col == "citation":
            value = rec.citation
        elif col == "permalink":
            value = url
        elif col == "section":
            value = _csv_value(data["section"], " > ")
        else:
            value = _csv_value(data.get(col))
        row.append(_safe_cell(value))
    meta_values = (
        meta.query,
        meta.understood,
        meta.filters_text(),
        meta.exported,
        meta.index_version or "",
    )
    row.extend(_safe_cell(v) for v in meta_values)
    return row


def to_csv(records: Iterable[Record], meta: ExportMeta, url_for: URLFor) -> Iterator[str]:
    """CSV, UTF-8 with a byte-order mark so Excel reads the accents right."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, *META_COLUMNS])
    yield "\ufeff" + buf.getvalue()
    for rec in records:
        buf.seek(0)
        buf.truncate()
        writer.writerow(csv_row(rec, url_for(rec), meta))
        yield buf.getvalue()


def to_json(records: Iterable[Record], meta: ExportMeta, url_for: URLFor) -> Iterator[str]:
    """{"query", "filters", "exported", "index_version", "total", "records": [...]}."""
    head = asdict(meta)
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield opening + ', "records": ['
    first = True
    for rec in records:
        item = {**rec.to_dict(), "citation": rec.citation, "permalink": url_for(rec)}
        yield ("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _header_lines(meta: ExportMeta) -> list[str]:
    return [
        f"query: {meta.query}",
        f"filters: {meta.filters_text() or '(none)'}",
        f"query as run: {meta.understood or meta.query}",
        f"exported: {meta.exported}",
        f"index version: {meta.index_version or 'unknown'}",
        f"records: {meta.total}",
    ]


def to_bibtex(records: Iterable[Record], meta: ExportMeta, url_for: URLFor) -> Iterator[str]:
    """BibTeX @misc entries after a '%' header (BibTeX ignores text outside entries)."""
    header = "".join(f"% {' '.join(line.split())}\n" for line in _header_lines(meta))
    yield "% recsearch export\n" + header + "\n"
    for rec in records:
        yield cite.bibtex(rec, url_for(rec)) + "\n"


def to_ris(records: Iterable[Record], meta: ExportMeta, url_for: URLFor) -> Iterator[str]:
    """RIS entries; each carries the export's provenance in DB / Y2 / N1 (RIS has no header)."""
    note = "recsearch export; " + "; ".join(_header_lines(meta)[:3])
    database = f"recsearch (index {meta.index_version or 'unknown'})"
    access = meta.exported[:10].replace("-", "/")
    for rec in records:
        entry = cite.ris(rec, url_for(rec)).rstrip("\n").split("\n")
        extra = [
            cite.ris_line("DB", database),
            cite.ris_line("Y2", access),
            cite.ris_line("N1", note),
        ]
        yield "\n".join(entry[:-1] + extra + entry[-1:]) + "\n\n"


WRITERS: dict[str, Callable[[Iterable[Record], ExportMeta, URLFor], Iterator[str]]] = {
    "csv": to_csv,
    "json": to_json,
    "bib": to_bibtex,
    "ris": to_ris,
}
