"""Plain text: decoding, saved web pages (seeds), and numbered items found in text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from recsearch.records import Document, ParseError, Record, make_record, slug, unique_ids

# ---------------------------------------------------------------- decoding

# Candidate single-byte encodings, tried when the bytes are not UTF-8. UPR Info
# exports are MacRoman (classic Mac, CR line ends), where 0x8E is "é"; in cp1252
# the same byte is "Ž", so a plausibility score tells them apart.
_FALLBACK_ENCODINGS = ("mac_roman", "cp1252", "latin-1")
_PLAUSIBLE = set("áàâäãåçéèêëíìîïñóòôöõúùûüýÿæœøßÁÀÂÄÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŒØ’‘“”–—…«»°·€£")


def _plausibility(text: str) -> int:
    """Score a decoding: accented letters and typographic punctuation up, odd symbols down."""
    score = 0
    for ch in text:
        if ord(ch) < 128:
            continue
        score += 1 if ch in _PLAUSIBLE else -3
    return score


def decode_text(data: bytes) -> str:
    """Bytes of a text file to str: UTF-8 (with or without BOM), else the most plausible codec."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    sample = data[:400_000]
    candidates: list[str] = list(_FALLBACK_ENCODINGS)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        if best is not None and best.encoding not in candidates:
            candidates.insert(0, best.encoding)
    except Exception:  # the detector is advisory only; the scored candidates remain
        pass
    scored = []
    for enc in candidates:
        try:
            scored.append((_plausibility(sample.decode(enc)), enc))
        except (UnicodeDecodeError, LookupError):
            continue
    if not scored:
        raise ParseError("text is in an encoding that cannot be decoded")
    # max() keeps the first of equal scores, so MacRoman wins ties (it is the common case here).
    best_enc = max(scored, key=lambda pair: pair[0])[1]
    return data.decode(best_enc, errors="replace")


# ------------------------------------------------ optional sibling modules


def detect_document(text: str, source: str, fmt: str) -> Document:
    """Document metadata from text via metadata.detect_metadata, or a bare Document if absent."""
    try:
        from recsearch import metadata
    except ImportError:
        return Document(key=doc_key(None, source), source=source)
    doc = metadata.detect_metadata(text, source, fmt=fmt)
    return doc


def normalise_country(name: str) -> str | None:
    """UN short name via metadata.normalise_country; a tidy form of the name without it."""
    name = re.sub(r"\s+", " ", name).strip(" .;,*")
    if not name:
        return None
    try:
        from recsearch import metadata
    except ImportError:
        return name.title() if name.islower() or name.isupper() else name
    found = metadata.normalise_country(name)
    if found:
        return found
    return None


def doc_key(symbol: str | None, source: str) -> str:
    """Document key: the symbol's slug, else the file name's."""
    if symbol:
        return slug(symbol)
    return slug(PurePosixPath(source).stem)


# ---------------------------------------------------------------- cleaning

# Lines that are page furniture of a saved web page, never content.
_JUNK_LINE = re.compile(
    r"^\s*(back to top|share( this)?|print|tweet|facebook|email this|skip to (main )?content"
    r"|more information about formatting options|monthly feature)\s*[.!]?\s*$",
    re.IGNORECASE,
)
# Where a comment form or captcha starts, the page's own content has ended.
_TAIL_START = re.compile(
    r"^\s*(add (new )?comment|leave a (reply|comment)|post a comment|\d+ comments?"
    r"|this question is for testing whether you are a human visitor)\s*$",
    re.IGNORECASE,
)
# Word's footnote markup as saved to text: "[footnoteRef:1]" and "[1: note text ]".
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\d+\]")
_FOOTNOTE_TEXT = re.compile(r"\[\d+:\s[^\]]*\]")
_PROMO = re.compile(
    r"^(join|sign|read|click|donate|subscribe|follow|download|register)\b.{0,70}$", re.IGNORECASE
)
_CONTACT_LINE = re.compile(
    r"^\s*(tel\.?|phone|fax|e-?mail|contact)\s*[:.]|\(at\)|@\w+\.\w+|^\s*\d{1,5}\s+\w+ street",
    re.IGNORECASE,
)


def clean_page_text(text: str) -> str:
    """Drop comment forms, captchas, 'Back to top', Word footnote markup from saved page text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _FOOTNOTE_REF.sub("", text)
    text = _FOOTNOTE_TEXT.sub("", text)
    kept: list[str] = []
    for line in text.split("\n"):
        if _TAIL_START.match(line):
            break
        if _JUNK_LINE.match(line):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept)


def split_blocks(text: str) -> list[str]:
    """Blank-line separated blocks; a block is re-split where numbered list lines start."""
    blocks: list[str] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
        current: list[str] = []
        for line in lines:
            if current and (_ITEM.match(line) or _LETTER.match(line)):
                blocks.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append(" ".join(current))
    blocks = [re.sub(r"\s+", " ", b).strip() for b in blocks]
    # Bare page numbers and short promotional lines ("Join the call and sign the petition!").
    return [b for b in blocks if b and not b.isdigit() and not _PROMO.match(b)]


def _drop_contact_tail(blocks: list[str]) -> list[str]:
    """Cut a trailing run of short address/contact blocks (the page's footer)."""
    end = len(blocks)
    i = end - 1
    while i >= 0 and len(blocks[i]) < 300 and not _ITEM.match(blocks[i]):
        i -= 1
    tail = blocks[i + 1 : end]
    if tail and any(_CONTACT_LINE.search(b) for b in tail):
        return blocks[: i + 1]
    return blocks


# ----------------------------------------------------------- structure

_ROMAN_HEAD = re.compile(r"^([IVX]{1,5})\.\s+(\S.{0,150})$")
_ITEM = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_LETTER = re.compile(r"^\(?([a-z])\)\s+(\S.*)$")
_TIMELINE = re.compile(r"^(Implementation timeline:\s*\d{4}(?:\s*[-–]\s*\d{4})?)(?=[A-Z])")
# A paragraph in a treaty body's voice, quoted on a web page.
_MECHANISM_VOICE = re.compile(
    r"^The (CERD\b[^.]{0,80}?Committee|Committee|Special Rapporteur|Working Group|Human Rights"
    r" Council|Council)\b[^.]{0,40}\b(is|are|was|were|recommends|urges|calls|requests|"
    r"encourages|invites|notes|welcomes|expresses|remains|reiterates|regrets|also|further)\b"
)
_SUBPARA = re.compile(r"^\([a-z]{1,3}\)\s")


def _is_heading_text(text: str) -> bool:
    """Short and not a sentence: a heading such as 'Increasing access to information'."""
    return len(text) <= 110 and not re.search(r"[.;!?]$", text.rstrip(" :"))


def _is_chapeau(text: str) -> bool:
    """'The Committee recommends that …:' introduces sub-paragraphs; a title does not."""
    return len(text) > 80 or bool(re.match(r"(The|This|These|It|We|Our|States?)\b", text))


def _add_timeline(item: Item, timeline: str) -> None:
    if "Implementation timeline" not in item.text:
        item.text += " " + timeline


@dataclass
class Item:
    """A numbered item found in text blocks, before it becomes a record."""

    number: str | None
    text: str
    section: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def numbered_items(blocks: list[str]) -> list[Item]:
    """Numbered items '1.' / '1. Heading' + 'a)' from blocks; unnumbered intro text is left out."""
    items: list[Item] = []
    roman: str | None = None
    heading: str | None = None  # the current numbered heading's label ("1. Strengthening …")
    parent: str | None = None  # its number, when it is a heading with lettered children
    open_item: Item | None = None
    list_intro: str | None = None  # "In cities:" before an unheaded 1-5 list

    def sect() -> list[str]:
        return [s for s in (roman, heading or list_intro) if s]

    for block in blocks:
        timeline = _TIMELINE.match(block)
        if timeline and open_item is not None:
            # A timeline glued to the next item belongs to the item before it.
            _add_timeline(open_item, timeline.group(1))
            block = block[timeline.end() :].lstrip()
        if (m := _ROMAN_HEAD.match(block)) and _is_heading_text(m.group(2)):
            roman, heading, parent, open_item, list_intro = block, None, None, None, None
            continue
        if m := _ITEM.match(block):
            num, rest = m.group(1), m.group(2).strip()
            colon = rest.endswith(":")
            if (colon and not _is_chapeau(rest)) or (not colon and _is_heading_text(rest)):
                heading, parent = f"{num}. {rest.rstrip(' :')}", num
                open_item = None
                continue
            heading, parent = None, None
            open_item = Item(num, rest, sect())
            items.append(open_item)
            continue
        if (m := _LETTER.match(block)) and parent is not None:
            # Drop the glitch where a lettered label precedes a glued timeline.
            text = m.group(2).strip()
            glued = _TIMELINE.match(text)
            if glued and open_item is not None:
                _add_timeline(open_item, glued.group(1))
                text = text[glued.end() :].lstrip()
            open_item = Item(f"{parent}({m.group(1)})", text, sect())
            items.append(open_item)
            continue
        if (m := _LETTER.match(block)) and parent is None:
            if open_item is not None and open_item.number is not None:
                # "(a) …" under a chapeau paragraph stays inside that paragraph.
                open_item.text += f"\n({m.group(1)}) {m.group(2).strip()}"
            else:
                open_item = None  # lettered points outside a numbered item (objectives)
            continue
        if block.endswith(":") and len(block) <= 110:
            list_intro, heading, parent, open_item = block.rstrip(" :"), None, None, None
            continue
        if open_item is not None:
            open_item.text += " " + block  # continuation (e.g. its implementation timeline)
            continue
        if parent is not None and not any(
            it.number is not None and it.number.split("(")[0] == parent for it in items
        ):
            # A numbered heading followed by plain paragraphs: those are its item.
            open_item = Item(parent, block, sect())
            items.append(open_item)
            continue
    return items


def quoted_mechanism_items(blocks: list[str]) -> list[Item]:
    """Paragraphs a page quotes in a mechanism's voice, with their (a), (b) sub-paragraphs."""
    items: list[Item] = []
    current: Item | None = None
    for block in blocks:
        if _MECHANISM_VOICE.match(block):
            current = Item(None, block)
            items.append(current)
        elif current is not None and _SUBPARA.match(block):
            current.text += "\n" + block
        else:
            current = None
    return items


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
    try:
        from recsearch.metadata import countries_in
    except ImportError:
        return None
    found = countries_in(text)
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
    blocks = _drop_contact_tail(split_blocks(text))
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
        doc.body = None  # a saved web page speaks for its author, not for a UN body
    if doc.country is None:
        doc.country = _only_country(full)

    if fmt == "txt" or _PLAN.search(doc.title):
        # A saved page is typed by what it is, not by what it quotes ("general recommendation
        # No. 31" in a call to action).
        doc.doc_type = "action-plan" if _PLAN.search(doc.title) else "other"
    if re.match(r"general (recommendation|comment)\b", doc.title, re.IGNORECASE):
        doc.doc_type = "general-recommendation"
    items = quoted_mechanism_items(blocks)
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
            items = [Item(None, b) for b in blocks[1:] if not _is_heading_text(b)]
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
