"""JSON paragraph lists ([{ID, Labels, Text}]): one record per real paragraph, in order."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any

from recsearch.countries import countries_in
from recsearch.decode import decode_text
from recsearch.list_titles import TREATY_BODIES, list_title
from recsearch.metadata import covenant_body, special_procedure_body, symbol_body
from recsearch.non_documents import NotADocument, json_shape_reason
from recsearch.plaintext import detect_document, doc_key
from recsearch.records import Document, ParseError, Record, make_record, unique_ids
from recsearch.symbol_names import symbol_from_name, year_from_symbol

_ROMAN = re.compile(r"^[IVX]{1,6}$")
# A chapter heading glued to the end of the preceding entry's text, after its last sentence
# (or that sentence's footnote mark, or a running page header "A/65/162 10-46213"), possibly
# with its first sub-heading: "... Convention against Torture. II. Issues of special concern
# to the Special Rapporteur A. Gender-specific forms of torture".
_TRAILING_HEADING = re.compile(
    r"(?<=[.”\")\d])\s+(?:[A-Z]{1,2}/[\w./-]+\s+\d{2}-\d{5}\s+)?"
    r"(?P<first>(?:[IVX]{1,6}|[A-H])\.\s+[A-Z][^.\n]{2,150}?)"
    r"(?:\s+(?P<second>[A-H]\.\s+[A-Z][^.\n]{2,150}?))?$"
)
_FOOTNOTE_START = re.compile(r"^(\d{1,3}\s+\S|Ibid\b|See\s|[a-z(])")
_TOC_LEADER = re.compile(r"\.{5,}")


def _id_number(raw: Any, text: str) -> tuple[int | None, str]:
    """Paragraph number of an entry ('12.' -> 12); a missing ID may be printed at the text start."""
    if raw is not None and str(raw).strip():
        digits = re.match(r"^\s*(\d+)", str(raw))
        return (int(digits.group(1)) if digits else None), text
    if m := re.match(r"^\s*(\d{1,3})\.\s*(?=[A-Z])", text):
        return int(m.group(1)), text[m.end() :]
    return None, text


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0\u2002-\u200b]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _heading_like(text: str) -> bool:
    return len(text) <= 160 and not re.search(r"[.;:!?]$", text) and text[:1].isupper()


def _level(label: str) -> int:
    head = label.split(".", 1)[0]
    if _ROMAN.match(head):
        return 0
    if re.fullmatch(r"[A-Z]", head):
        return 1
    return 2


def _push(section: list[tuple[int, str]], label: str) -> list[tuple[int, str]]:
    lvl = _level(label)
    return [s for s in section if s[0] < lvl] + [(lvl, label)]


def paragraph_entries(
    items: list[dict[str, Any]], symbol: str | None = None
) -> list[tuple[str | None, str, list[str]]]:
    """(number, text, section) for the real paragraphs of an ID/Text list, in order.

    An entry out of the running sequence after which the sequence resumes is not a
    paragraph: a numbered sub-heading (kept as section) or a stray footnote (dropped).
    Running page headers (the list's own symbol with its job number) are taken out first.
    """
    entries = []
    for item in items:
        text = strip_page_headers(str(item.get("Text") or item.get("text") or ""), symbol)
        raw = item.get("ID", item.get("id"))
        num, text = _id_number(raw, text)
        # A paragraph the source left inside its predecessor ("...\n51. States parties ...").
        pieces = re.split(r"\n\s*(?=\d{1,3}\.\s)", text)
        entries.append((num, _tidy(pieces[0])))
        for piece in pieces[1:]:
            m = re.match(r"(\d{1,3})\.\s*", piece)
            if m and num is not None and int(m.group(1)) == num + 1:
                num = num + 1
                entries.append((num, _tidy(piece[m.end() :])))
            else:
                text_prev = entries[-1]
                entries[-1] = (text_prev[0], text_prev[1] + "\n" + _tidy(piece))
    out: list[tuple[str | None, str, list[str]]] = []
    section: list[tuple[int, str]] = []
    last = 0
    for i, (num, text) in enumerate(entries):
        if not text:
            continue
        if _TOC_LEADER.search(text):
            continue  # a table-of-contents line
        nxt = next((n for n, t in entries[i + 1 :] if t and n is not None), None)
        if num is None:
            if _heading_like(text):
                section = _push(section, text)
            else:
                out.append((None, text, [s for _, s in section]))
            continue
        if num == last and out and re.match(r"^\([a-z]{1,3}\)", text):
            number, prev, sect = out[-1]
            out[-1] = (number, prev + "\n" + text, sect)  # a sub-paragraph split off its paragraph
            continue
        in_sequence = num == last + 1
        if not in_sequence and _heading_like(text):
            section = _push(section, f"{num}. {text}")
            continue
        resumes = nxt is not None and nxt == last + 1
        fragment_like = bool(_FOOTNOTE_START.match(text)) or abs(num - last) > 3
        if not in_sequence and fragment_like and (resumes or _FOOTNOTE_START.match(text)):
            continue  # a footnote fragment out of place
        trailing = _TRAILING_HEADING.search(text)
        if trailing:
            text = text[: trailing.start()].rstrip()
        out.append((str(num), text, [s for _, s in section]))
        last = num
        if trailing:
            section = _push(section, trailing.group("first"))
            if trailing.group("second"):
                section = _push(section, trailing.group("second"))
    return out


def parse_json(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """A paragraph-segmented JSON list ([{ID, Labels, Text}]) -> one record per paragraph."""
    try:
        value = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        value = lists[0] if len(lists) == 1 else value
    reason = json_shape_reason(value)
    if reason:
        raise NotADocument(reason)
    # The paragraphs lack the cover page, so a symbol they mention is usually a
    # citation; the file name (which spells the symbol) stands in for the cover.
    named = symbol_from_name(source)
    paragraphs = paragraph_entries([v for v in value if isinstance(v, dict)], named)
    if not paragraphs:
        raise ParseError("JSON paragraph list has no paragraphs")
    full = "\n\n".join(t for _, t, _ in paragraphs)
    doc = detect_document(f"{named}\n\n{full}" if named else full, source, "json")
    if named:
        doc.symbol = named
    doc.key = doc_key(doc.symbol, source)
    # A list has no masthead date, and the dates its paragraphs give are those of what they
    # cite (the Covenant of 1966): only the symbol (a session, a printed year) dates it.
    doc.year = year_from_symbol(doc.symbol)
    doc.date = None
    head = PurePosixPath(source).stem.split("_")[0]
    doc.body = symbol_body(doc.symbol) or doc.body
    if doc.body is None and head in TREATY_BODIES:
        doc.body = head
    treaty_body = head in (*TREATY_BODIES, "HRI") or (doc.symbol or "").startswith("E/C.12")
    if doc.doc_type == "other" or treaty_body or _speaks_as_mandate(doc, source, full):
        doc.doc_type = _json_doc_type(doc.symbol or "", source, full)
    if doc.doc_type == "general-recommendation" and doc.body in (None, "HRI"):
        # A compilation (HRI/GEN/1) gathers every committee's comments: the text says whose.
        doc.body = covenant_body(full) or doc.body
    if doc.doc_type == "special-procedure-report":
        # Typed only now, so the body read before is the Council's, not the mandate's. The
        # list has no cover page, so there is no title to read the mandate from.
        doc.body = special_procedure_body("", full) or doc.body
    doc.title = list_title(doc, source, paragraphs)
    if doc.doc_type in ("general-recommendation", "special-procedure-report"):
        # The list has no cover naming a State; a country named in its opening paragraphs
        # is one the text discusses (a visit among the mandate's activities), not its subject.
        doc.country = _subject_country([t for _, t, _ in paragraphs])
    records = [
        make_record(doc, number=number, text=text, index=i + 1, section=section)
        for i, (number, text, section) in enumerate(paragraphs)
    ]
    # Kinds are the tagger's, judged over the whole list as for every format (parse.apply_tags).
    return doc, unique_ids(records), False


_JOB_NUMBER = r"\d{2}-\d{5}"
_PAGE_OF = r"\d{1,3}/\d{1,3}"
_GENEVA_JOB = re.compile(rf"\s*\bGE\.{_JOB_NUMBER}(?:\s*\([A-Z]\))?(?!\w)")


def strip_page_headers(text: str, symbol: str | None) -> str:
    """A list's text without the running headers its source kept between sentences: the
    symbol with the print job number and "page/pages" ("A/80/137 25-11401 4/23"), or the
    Geneva job number alone ("GE.10-10042")."""
    text = _GENEVA_JOB.sub(" ", text)
    if symbol:
        header = re.compile(
            rf"\s*(?<![\w/]){re.escape(symbol)}\s+(?:{_PAGE_OF}\s+)?{_JOB_NUMBER}"
            rf"(?:\s+{_PAGE_OF})?(?![\w/])"
        )
        text = header.sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


# A report about one State (a country visit) names it in most paragraphs; a thematic report
# names many, each a few times.
_SUBJECT_MENTIONS = 20
_SUBJECT_SHARE = 0.6


def _subject_country(texts: list[str]) -> str | None:
    """The State a list is about: named in at least 20 paragraphs and in 60% of those that
    name any State; None for a text about no one State."""
    named = [found for text in texts if (found := countries_in(text))]
    counts = Counter(name for found in named for name in found)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    naming = len(named)
    return name if n >= _SUBJECT_MENTIONS and n >= _SUBJECT_SHARE * naming else None


# A report's author referring to itself: "the Special Rapporteur transmitted 114
# communications", "The Independent Expert considers"; not "the Special Rapporteur on X",
# which names another mandate.
_SELF_REFERENCE = re.compile(r"\b[Tt]he (?:Special Rapporteur|Independent Expert)\b(?! on\b)")
# A general comment's symbol or file name: "CCPR/C/GC/37", "CERD_GR31_A_60_18".
_GC_NAME = re.compile(r"/GC/|/GR/|_G[CR]\d|_G[CR]_")


def _speaks_as_mandate(doc: Document, source: str, text: str) -> bool:
    """A list typed as a general comment only because it cites one, while a mandate speaks."""
    name = PurePosixPath(source).stem
    if doc.doc_type != "general-recommendation" or _GC_NAME.search(f"{doc.symbol} {name}"):
        return False
    return len(_SELF_REFERENCE.findall(text)) >= 3


def _json_doc_type(symbol: str, source: str, text: str) -> str:
    name = PurePosixPath(source).stem
    if (
        len(_SELF_REFERENCE.findall(text)) >= 3
        and not _GC_NAME.search(f"{symbol} {name}")
        and name.split("_")[0] not in (*TREATY_BODIES, "HRI")
    ):
        return "special-procedure-report"
    if name.split("_")[0] in (*TREATY_BODIES, "HRI") or symbol.startswith("E/C.12"):
        # A treaty body's paragraph list that is not about one State: a general comment.
        return "general-recommendation"
    if _GC_NAME.search(f"{symbol} {name}") or re.search(
        r"\bgeneral (recommendation|comment)\b", text[:3000], re.IGNORECASE
    ):
        return "general-recommendation"
    if len(re.findall(r"Special Rapporteur|Independent Expert|Working Group on", text)) >= 2:
        return "special-procedure-report"
    # A committee text addressed to all States parties, naming no one State: a general comment.
    if len(re.findall(r"\bStates? part(?:y|ies)\b", text)) >= 3:
        return "general-recommendation"
    return "other"
