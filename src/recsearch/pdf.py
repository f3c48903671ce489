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

from recsearch import clean, metadata, segment
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


def _layout_text(page: Any) -> str:
    """Layout-mode text, dedented: slower, but it keeps words whole where plain mode splits."""
    lines = (page.extract_text(extraction_mode="layout") or "").split("\n")
    indents = Counter(len(x) - len(x.lstrip()) for x in lines if x.strip())
    # The text column's margin is the commonest indent; a page number printed further left
    # must not leave every text line indented (indented lines read as footnotes).
    margin = indents.most_common(1)[0][0] if indents else 0
    return "\n".join(x[min(margin, len(x) - len(x.lstrip())) :].rstrip() for x in lines)


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
        for page in reader.pages:
            # One pass gives both: watching the fonts costs nothing next to the extraction
            # (a second pass for the bold runs cost a whole extraction again). Plain mode:
            # layout mode is about twice as slow; it is used below only for pages whose
            # plain text splits words.
            visit = _BoldRuns()
            pages.append(page.extract_text(visitor_text=visit) or "")
            runs.append("".join(visit.runs))
        for i in _broken_pages(pages):
            pages[i] = _layout_text(reader.pages[i])
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
