"""Plain text and saved web pages to records: document metadata, then numbered or quoted items."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from recsearch import countries, metadata
from recsearch.decode import decode_text
from recsearch.numbered_items import Item, is_heading_text, numbered_items, quoted_mechanism_items
from recsearch.records import Document, ParseError, Record, make_record, slug, unique_ids
from recsearch.saved_pages import (
    clean_page_text,
    drop_contact_tail,
    issuing_organisation,
    split_blocks,
)

# Public names callers have imported from here since before the split.
__all__ = [
    "clean_page_text",
    "decode_text",
    "detect_document",
    "doc_key",
    "normalise_country",
    "numbered_items",
    "parse_blocks",
    "parse_text",
    "quoted_mechanism_items",
    "split_blocks",
]


def detect_document(text: str, source: str, fmt: str) -> Document:
    """Document metadata from text (metadata.detect_metadata)."""
    return metadata.detect_metadata(text, source, fmt=fmt)


def normalise_country(name: str) -> str | None:
    """UN short name of a cell or line's State, whitespace tidied first; None if unknown."""
    name = re.sub(r"\s+", " ", name).strip(" .;,*")
    return countries.normalise_country(name) if name else None


def doc_key(symbol: str | None, source: str) -> str:
    """Document key: the symbol's slug, else the file name's."""
    if symbol:
        return slug(symbol)
    return slug(PurePosixPath(source).stem)


def _title(blocks: list[str]) -> str:
    """The page title: its first line; a short all-caps kicker joins the line after it."""
    if not blocks:
        return ""
    first = blocks[0]
    if first.isupper() and len(first.split()) <= 4 and len(blocks) > 1:
        return f"{first.title()}: {blocks[1]}"
    return first


_PLAN = re.compile(r"\b(plan of action|action plan|programme of action)\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+(?:\d{1,2},\s+)?((?:19|20)\d{2})\b"
)
_TIMELINE_YEAR = re.compile(r"timeline:\s*((?:19|20)\d{2})", re.IGNORECASE)


def _only_country(text: str) -> str | None:
    """The one State a page names (a city coalition in the USA), or None if several or none."""
    found = countries.countries_in(text)
    return found[0] if len(found) == 1 else None


def _year(text: str) -> int | None:
    """A plan's year is when its timeline starts; otherwise the first full date printed."""
    years = [int(y) for y in _TIMELINE_YEAR.findall(text)]
    if years:
        return min(years)
    m = _DATE.search(text)
    return int(m.group(1)) if m else None


def parse_text(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """A plain-text page to (document, records, kind fixed by structure?)."""
    text = clean_page_text(decode_text(data))
    blocks = drop_contact_tail(split_blocks(text))
    if not blocks:
        raise ParseError("text file is empty")
    return parse_blocks(blocks, source, fmt="txt")


def parse_blocks(
    blocks: list[str], source: str, *, fmt: str, title: str | None = None
) -> tuple[Document, list[Record], bool]:
    """Blocks of a page to records: numbered items, else quoted mechanism text, else paragraphs."""
    full = "\n\n".join(blocks)
    doc = detect_document(full, source, fmt)
    doc.title = title or _title(blocks) or doc.title
    doc.year = _year(full) or doc.year
    doc.key = doc_key(doc.symbol, source)
    if fmt == "txt" and doc.symbol is None:
        # A saved web page speaks for its issuer, not for a UN body it cites.
        doc.body = issuing_organisation(full)
    if doc.country is None:
        doc.country = _only_country(full)
    if doc.country is None and fmt == "txt" and doc.body:
        # A national organisation's plan is that State's: "US Human Rights Network".
        doc.country = countries.country_in_name(doc.body)

    if fmt == "txt" or _PLAN.search(doc.title):
        # A saved page is typed by what it is, not by what it quotes ("general recommendation
        # No. 31" in a call to action).
        doc.doc_type = "action-plan" if _PLAN.search(doc.title) else "other"
    if re.match(r"general (recommendation|comment)\b", doc.title, re.IGNORECASE):
        doc.doc_type = "general-recommendation"
    items = quoted_mechanism_items(blocks, own_paragraphs=True)
    kind_fixed = False
    if not items:
        items = numbered_items(blocks)
        if len(items) >= 2:
            kind_fixed = True  # pledged/planned action steps, read as recommendations
            if _PLAN.search(full[:4000]):
                doc.doc_type = "action-plan"
                plan_heading = next(
                    (b for b in blocks[:40] if _PLAN.search(b) and len(b) <= 60), None
                )
                if plan_heading and not _PLAN.search(doc.title):
                    doc.title = f"{doc.title} - {plan_heading}"
        else:
            items = [Item(None, b) for b in blocks[1:] if not is_heading_text(b)]
    if re.search(r"\bdeclaration\b", doc.title, re.IGNORECASE):
        doc.doc_type = "declaration"
    records = [
        make_record(
            doc,
            number=it.number,
            text=it.text.strip(),
            index=i + 1,
            section=it.section,
            kind="recommendation" if kind_fixed else "observation",
        )
        for i, it in enumerate(items)
    ]
    if not records:
        raise ParseError("no paragraphs found in the text")
    return doc, unique_ids(records), kind_fixed
