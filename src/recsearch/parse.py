"""Format dispatcher: sniff a file's format from its bytes, parse it, tag its records."""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from recsearch.records import Document, ParseError, Record
from recsearch.tag import tag_text
from recsearch.tag_kind import document_kinds
from recsearch.themes import assign_themes

# Result of a format parser: the document, its records, and whether the parser
# knows each record's kind from structure (a matrix row is a recommendation
# whatever its wording), so the tagger must not overrule it.
Parsed = tuple[Document, list[Record], bool]

FORMATS = ("pdf", "docx", "doc", "html", "txt", "csv", "json", "unknown")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<body", b"<head", b"<p>", b"<div", b"<table")


@dataclass
class ParseOutcome:
    """What parsing one file gave: its records, or why it gave none."""

    source: str  # path relative to the ingest root (or as given)
    fmt: str  # pdf, docx, doc, html, txt, csv, json, or unknown
    document: Document | None
    records: list[Record] = field(default_factory=list)
    skipped: str | None = None  # one-line reason when not a document or nothing came out
    error: bool = False  # True when it is a document that failed (corrupt, scanned, undecodable)


def _looks_like_csv(head: str) -> bool:
    """Two or more lines with the same number (>= 2) of commas or tabs or semicolons."""
    lines = [ln for ln in head.replace("\r", "\n").split("\n")[:6] if ln.strip()]
    if len(lines) < 2:
        return False
    for sep in (",", "\t", ";"):
        counts = {ln.count(sep) for ln in lines[:2]}
        if len(counts) == 1 and min(counts) >= 2:
            return True
    return False


def sniff_format(data: bytes, name: str = "") -> str:
    """The format of some bytes from their content; the file name's extension only breaks ties."""
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "unknown"
        except zipfile.BadZipFile:
            return "unknown"
    if data.startswith(_OLE2):
        # OLE2 also holds .xls/.ppt; a Word file misnamed .docx is still read as .doc.
        return "doc" if ext in ("doc", "dot", "docx", "") else "unknown"
    head = data[:65536]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "unknown"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        try:
            json.loads(data.decode("utf-8-sig"))
            return "json"
        except (UnicodeDecodeError, json.JSONDecodeError):
            if ext == "json":
                return "json"  # broken JSON: the JSON parser reports why
    lowered = stripped[:4096].lower()
    if any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    if ext == "csv" or (
        ext not in ("txt", "text", "md") and _looks_like_csv(head.decode("latin-1"))
    ):
        return "csv"
    if ext in ("htm", "html"):
        return "html"
    return "txt"


# Format -> (module, function). Each parser module is imported only when its format turns
# up, so a missing optional dependency touches only its own format.
_PARSERS = {
    "docx": ("recsearch.word", "parse_docx"),
    "doc": ("recsearch.legacy_doc", "parse_doc"),
    "html": ("recsearch.webpage", "parse_html"),
    "csv": ("recsearch.csv_exports", "parse_csv"),
    "json": ("recsearch.paragraph_lists", "parse_json"),
    "txt": ("recsearch.plaintext", "parse_text"),
}


def _parser(fmt: str) -> Callable[[bytes, str], Parsed]:
    """The parser for a format, imported only when needed (each owns its dependency)."""
    if fmt == "pdf":
        return _parse_pdf
    module, name = _PARSERS.get(fmt, _PARSERS["txt"])
    parser: Callable[[bytes, str], Parsed] = getattr(importlib.import_module(module), name)
    return parser


def _parse_pdf(data: bytes, source: str) -> Parsed:
    try:
        from recsearch import pdf
    except ImportError:
        raise ParseError("PDF support is not available in this build") from None
    doc, records = pdf.parse_pdf(data, source)
    # The PDF reader marks recommendations from layout (bold CO paragraphs, UPR
    # recommendation blocks); where it did, that structure stands.
    fixed = any(r.kind == "recommendation" for r in records)
    return doc, records, fixed


def _mismatch_reason(fmt: str, name: str) -> str | None:
    """A file whose name promises a format its bytes do not have."""
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    if ext == "pdf" and fmt != "pdf":
        return f"named .pdf but is not a PDF (content looks like {fmt})"
    if ext == "docx" and fmt not in ("docx", "doc"):
        return f"named .docx but is not a Word document (content looks like {fmt})"
    if ext == "doc" and fmt not in ("doc", "docx", "html", "txt"):
        return f"named .doc but is not a Word document (content looks like {fmt})"
    return None


# Document types whose kinds are also judged over the whole document (tag_kind.document_kinds):
# a general comment's measures addressed to States, a report's recommendations section.
# Session reports and the like are not: their sections report what others recommended.
_JUDGED_AS_DOCUMENTS = ("general-recommendation", "special-procedure-report")


def apply_tags(records: list[Record], *, kind_fixed: bool) -> None:
    """Tag each record (articles, GRs, GNR, cites; kind unless the parser fixed it), add themes."""
    for rec in records:
        tags = tag_text(rec.text, rec.body)
        rec.articles = list(tags.articles)
        rec.general_recommendations = list(tags.general_recommendations)
        rec.gnr = list(tags.gnr)
        # A record's own symbol among its "cites" is a running page header left in the text
        # (special-procedure lists keep them), not a reference to another document.
        rec.cites = [c for c in tags.cites if c != rec.symbol]
        if not kind_fixed:
            rec.kind = tags.kind
    if not kind_fixed and records and records[0].doc_type in _JUDGED_AS_DOCUMENTS:
        judged = document_kinds(
            [r.text for r in records],
            [r.section for r in records],
            [r.kind for r in records],
            records[0].doc_type,
        )
        for rec, kind in zip(records, judged, strict=True):
            rec.kind = kind
    assigned = assign_themes([r.text for r in records], [r.body for r in records])
    for rec, themes in zip(records, assigned, strict=True):
        # A source's own labels (UPR Info "Issue") come first; the vocabulary's follow.
        rec.themes = list(dict.fromkeys([*rec.themes, *themes]))


def parse_bytes(data: bytes, source: str) -> ParseOutcome:
    """Bytes of one file to its tagged records, or a one-line reason why there are none."""
    fmt = sniff_format(data, source)
    if not data.strip():
        return ParseOutcome(source, "unknown", None, [], "empty file", True)
    if reason := _mismatch_reason(fmt, source):
        return ParseOutcome(source, fmt, None, [], reason, True)
    if fmt == "unknown":
        return ParseOutcome(source, fmt, None, [], "unknown file format", True)
    from recsearch.non_documents import NotADocument

    try:
        doc, records, kind_fixed = _parser(fmt)(data, source)
    except NotADocument as exc:
        return ParseOutcome(source, fmt, None, [], str(exc), False)
    except ParseError as exc:
        return ParseOutcome(source, fmt, None, [], str(exc) or "cannot be read", True)
    if not records:
        return ParseOutcome(source, fmt, doc, [], "no paragraphs found", False)
    apply_tags(records, kind_fixed=kind_fixed)
    return ParseOutcome(source, fmt, doc, records)


def parse_file(path: Path, root: Path | None = None) -> ParseOutcome:
    """Read a file and parse it; its source is the path relative to root (or as given)."""
    path = Path(path)
    try:
        source = path.resolve().relative_to(root.resolve()).as_posix() if root else str(path)
    except ValueError:
        source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseOutcome(source, "unknown", None, [], f"cannot read file: {exc.strerror}", True)
    return parse_bytes(data, source)
