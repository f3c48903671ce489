"""HTML pages (UN/OHCHR, WorldLII-style): the content blocks without navigation, then records."""

from __future__ import annotations

import re
from typing import Any

from recsearch.plaintext import decode_text, detect_document, doc_key, parse_blocks
from recsearch.records import Document, ParseError, Record, unique_ids

# Elements that are never content.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "template",
    "menu",
)
# class/id words of navigation, share bars, cookie banners and comment sections.
_CHROME = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumbs?|footer|header|sidebar|share|social|cookie|banner"
    r"|comments?|skip|toolbar|pagination|related)([-_ ]|$)",
    re.IGNORECASE,
)
_BLOCK_TAGS = (
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "td",
    "th",
)


def _is_chrome(tag: Any) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    words = " ".join(
        [*attrs.get("class", []), attrs.get("id", "") or "", attrs.get("role", "") or ""]
    )
    return bool(_CHROME.search(words)) or attrs.get("role") in (
        "navigation",
        "banner",
        "contentinfo",
    )


def html_blocks(html: str) -> tuple[str, list[str]]:
    """(title, content blocks) of a page: list items keep their numbers, chrome is dropped."""
    from bs4 import BeautifulSoup  # BeautifulSoup lives only here

    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        if tag.name not in ("html", "body", "main", "article"):
            tag.decompose()
    root: Any = (
        soup.find("main")
        or soup.find("article")
        or soup.find(attrs={"role": "main"})
        or soup.body
        or soup
    )
    blocks: list[str] = []
    for el in root.find_all(_BLOCK_TAGS):
        if el.find(_BLOCK_TAGS):
            continue  # its inner blocks are read on their own
        text = re.sub(r"\s+", " ", el.get_text(" ", strip=True)).strip()
        if not text:
            continue
        parent = el.parent
        if el.name == "li" and parent is not None and parent.name == "ol":
            items = [c for c in parent.find_all("li", recursive=False)]
            start = int(parent.get("start", 1)) if str(parent.get("start", "1")).isdigit() else 1
            kind = parent.get("type", "1")
            n = start + items.index(el)
            text = f"{chr(96 + n)}) {text}" if kind == "a" else f"{n}. {text}"
        blocks.append(text)
    # Loose text directly in the root (pages without <p>) still counts.
    if not blocks:
        blocks = [b.strip() for b in root.get_text("\n", strip=True).split("\n") if b.strip()]
    h1 = root.find("h1") if hasattr(root, "find") else None
    if h1 is not None and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)
    return title, blocks


def _segment(blocks: list[str], doc: Document) -> list[Record]:
    """Numbered UN paragraphs via segment.segment_pages, when that module is present."""
    try:
        from recsearch import segment
    except ImportError:
        return []
    return segment.segment_pages(["\n".join(blocks)], doc)


def parse_html(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """An HTML page to (document, records, kind fixed by structure?)."""
    title, blocks = html_blocks(decode_text(data))
    if not blocks:
        raise ParseError("HTML page has no text content")
    doc = detect_document("\n".join(blocks), source, "html")
    if doc.symbol:
        # A UN document rendered as HTML: the PDF segmenter knows its paragraphs best.
        doc.key = doc_key(doc.symbol, source)
        doc.title = doc.title or title
        records = _segment(blocks, doc)
        for rec in records:
            rec.page = None  # a web page has no pages
        if records:
            return doc, unique_ids(records), False
    return parse_blocks(blocks, source, fmt="html", title=title or None)
