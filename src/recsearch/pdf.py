"""PDF reading: page texts (and bold runs) from PDF bytes; the only module that imports pypdf."""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pypdf
from pypdf.errors import FileNotDecryptedError
from pypdf.generic import ContentStream, NameObject

from recsearch import clean, metadata, segment
from recsearch.pdf_content import Operation, content_operations
from recsearch.records import Document, ParseError, Record, unique_ids

T = TypeVar("T")

# pypdf reports recoverable damage (bad xref offsets, odd fonts) through logging; the
# text it still extracts is what we want, so those messages are not the user's business.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Fewer visible characters than this per page on average means there is no text layer.
MIN_CHARS_PER_PAGE = 25
# How many leading pages carry the masthead, title and date for metadata detection.
METADATA_PAGES = 3


@dataclass
class PdfText:
    """What pypdf gives us: the text of each page and, per page, the text set in bold."""

    pages: list[str]
    bold: list[str] = field(default_factory=list)


class _BoldRuns:
    """pypdf text visitor that keeps the runs set in a bold font."""

    def __init__(self) -> None:
        self.runs: list[str] = []

    def __call__(self, text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        name = str(font.get("/BaseFont", "")) if font else ""
        if text.strip() and ("Bold" in name or "Black" in name or name.endswith(",B")):
            self.runs.append(text)


def _broken_pages(pages: list[str]) -> list[int]:
    """Pages whose plain text splits words ('pers isted'): the split pair is a word elsewhere."""
    vocab = Counter(re.findall(r"[a-z]+", "\n".join(pages)))
    broken = []
    for i, text in enumerate(pages):
        for a, b in re.findall(r"\b([a-z]{1,12}) ([a-z]{1,12})\b", text):
            if vocab[a + b] and (vocab[a] <= 2 or vocab[b] <= 2):
                broken.append(i)
                break
    return broken


def _layout_text(page: Any, ops: list[Operation] | None) -> str:
    """Layout-mode text, dedented: slower, but it keeps words whole where plain mode splits."""
    lines = _layout_mode_text(page, ops).split("\n")
    indents = Counter(len(x) - len(x.lstrip()) for x in lines if x.strip())
    # The text column's margin is the commonest indent; a page number printed further left
    # must not leave every text line indented (indented lines read as footnotes).
    margin = indents.most_common(1)[0][0] if indents else 0
    return "\n".join(x[min(margin, len(x) - len(x.lstrip())) :].rstrip() for x in lines)


# pypdf's layout mode reads the page's content stream with its own parser, which cannot be
# handed the operations pdf_content reads (a third of the time). Its steps after that are
# run here instead: the body of PageObject._layout_mode_text, pypdf's private API as of
# 7.1, so any other version takes the public call. tests/test_pdf_content.py checks that
# both give the same text.
_LAYOUT_STEPS_KNOWN = pypdf.__version__.split(".")[:2] == ["7", "1"]


def _layout_mode_text(page: Any, ops: list[Operation] | None) -> str:
    """page.extract_text(extraction_mode="layout") on the page's operations (_operations)."""
    if ops is None or not _LAYOUT_STEPS_KNOWN:
        return page.extract_text(extraction_mode="layout") or ""
    from pypdf._text_extraction import _layout_mode  # private: see _LAYOUT_STEPS_KNOWN

    groups = _layout_mode.text_show_operations(iter(ops), page._layout_mode_fonts(), True, None)
    if not groups:
        return ""
    lines = _layout_mode.y_coordinate_groups(groups, None)
    width = _layout_mode.fixed_char_width(groups, 1.25)
    return str(_layout_mode.fixed_width_page(lines, width, True, 1))


def _operations(page: Any, reader: pypdf.PdfReader) -> list[Operation] | None:
    """The page's content stream as pdf_content reads it (about three times faster than
    pypdf's reader, and the same operations), once for both text passes; None where pypdf
    is left to make what it can of it."""
    try:
        content = ContentStream(page.raw_get(_CONTENTS), reader, "bytes").get_data()
    except Exception:  # no /Contents, or a damaged one: pypdf's own extraction decides
        return None
    return content_operations(content)


_CONTENTS = NameObject("/Contents")


def _plain_text(page: Any, ops: list[Operation] | None) -> tuple[str, str]:
    """Plain-mode text of a page and its bold runs; pypdf extracts from the page's
    operations (_operations), given as its /Contents for the call."""
    visit = _BoldRuns()
    if ops is None:
        return page.extract_text(visitor_text=visit) or "", "".join(visit.runs)
    stream = ContentStream(None, page.pdf, "bytes")
    stream.operations = ops
    raw = page.raw_get(_CONTENTS)
    page[_CONTENTS] = stream
    try:
        text = page.extract_text(visitor_text=visit) or ""
    finally:
        page[_CONTENTS] = raw
    return text, "".join(visit.runs)


def _open(data: bytes) -> pypdf.PdfReader:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise ParseError("not a PDF file (no %PDF header)")
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ParseError("encrypted PDF: remove the password protection first")
    return reader


def _guarded(fn: Callable[[], T]) -> T:
    """Run a pypdf call, turning its many failure types into a one-line ParseError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn()
    except ParseError:
        raise
    except FileNotDecryptedError as exc:
        raise ParseError("encrypted PDF: remove the password protection first") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean "unreadable"
        raise ParseError(f"corrupt or unreadable PDF ({type(exc).__name__})") from exc


def read_pdf(data: bytes) -> PdfText:
    """Text of each page and its bold runs; raises ParseError with a reason."""

    def extract() -> PdfText:
        reader = _open(data)
        pages: list[str] = []
        runs: list[str] = []
        operations: list[list[Operation] | None] = []
        for page in reader.pages:
            # One pass gives both: watching the fonts costs nothing next to the extraction
            # (a second pass for the bold runs cost a whole extraction again). Plain mode:
            # layout mode is about twice as slow; it is used below only for pages whose
            # plain text splits words.
            operations.append(_operations(page, reader))
            text, bold = _plain_text(page, operations[-1])
            pages.append(text)
            runs.append(bold)
        for i in _broken_pages(pages):
            pages[i] = _layout_text(reader.pages[i], operations[i])
        return PdfText(pages=pages, bold=runs)

    pdf = _guarded(extract)
    if not pdf.pages:
        raise ParseError("PDF has no pages")
    visible = sum(len(re.sub(r"\s+", "", p)) for p in pdf.pages)
    if visible < MIN_CHARS_PER_PAGE * len(pdf.pages):
        raise ParseError("scanned PDF with no text layer: run OCR, e.g. ocrmypdf, first")
    return pdf


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page (pypdf plain extraction); raises ParseError with a one-line reason."""
    return read_pdf(data).pages


def parse_pdf(data: bytes, source: str) -> tuple[Document, list[Record]]:
    """Whole PDF -> its document metadata and its records (untagged)."""
    pdf = read_pdf(data)
    head = "\n".join(pdf.pages[:METADATA_PAGES])
    doc = metadata.detect_metadata(head, source, fmt="pdf", front=pdf.pages)
    pages = clean.clean_pages(pdf.pages, symbol=doc.symbol)
    # Bold carries meaning only in concluding observations.
    bold = pdf.bold if doc.doc_type == "concluding-observations" else None
    records = segment.segment_pages(pages, doc, bold=bold)
    if not records:
        raise ParseError("no numbered paragraphs found in the PDF text")
    return doc, unique_ids(records)
