"""PDF reading: page texts (and bold runs) from PDF bytes; the only module that imports pypdf."""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pypdf
from pypdf.errors import FileNotDecryptedError, PdfReadError

from recsearch import clean, metadata, segment
from recsearch.records import Document, ParseError, Record, unique_ids

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


def read_pdf(data: bytes) -> PdfText:
    """Text of each page plus its bold runs; raises ParseError with a one-line reason."""
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise ParseError("not a PDF file (no %PDF header)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ParseError("encrypted PDF: remove the password protection first")
            pages: list[str] = []
            bold: list[str] = []
            for page in reader.pages:
                visit = _BoldRuns()
                # Plain mode: layout mode is about twice as slow and the segmenter
                # does not need column positions.
                pages.append(page.extract_text(visitor_text=visit) or "")
                bold.append("".join(visit.runs))
            for i in _broken_pages(pages):
                pages[i] = _layout_text(reader.pages[i])
    except ParseError:
        raise
    except FileNotDecryptedError as exc:
        raise ParseError("encrypted PDF: remove the password protection first") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ParseError(f"corrupt or unreadable PDF ({type(exc).__name__})") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean "unreadable"
        raise ParseError(f"corrupt or unreadable PDF ({type(exc).__name__})") from exc
    if not pages:
        raise ParseError("PDF has no pages")
    visible = sum(len(re.sub(r"\s+", "", p)) for p in pages)
    if visible < MIN_CHARS_PER_PAGE * len(pages):
        raise ParseError("scanned PDF with no text layer: run OCR, e.g. ocrmypdf, first")
    return PdfText(pages=pages, bold=bold)


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page (pypdf plain extraction); raises ParseError with a one-line reason."""
    return read_pdf(data).pages


def parse_pdf(data: bytes, source: str) -> tuple[Document, list[Record]]:
    """Whole PDF -> its document metadata and its records (untagged)."""
    pdf = read_pdf(data)
    head = "\n".join(pdf.pages[:METADATA_PAGES])
    doc = metadata.detect_metadata(head, source, fmt="pdf")
    pages = clean.clean_pages(pdf.pages, symbol=doc.symbol)
    records = segment.segment_pages(pages, doc, bold=pdf.bold)
    if not records:
        raise ParseError("no numbered paragraphs found in the PDF text")
    return doc, unique_ids(records)
