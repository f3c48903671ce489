"""Titles for paragraph lists, which come without their cover page: printed, else derived."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from recsearch.records import Document

# A title line some lists keep as their first item or heading: "General recommendation
# XIII on the training of law enforcement officials", "Report of the Special Rapporteur on
# the right to education". A sentence (final full stop) is text, not a title.
PRINTED_TITLE = re.compile(
    r"^(?:Joint\s+)?General\s+(?:recommendation|comment)\b[^\n]{0,200}$"
    r"|^Report of the (?:Special Rapporteur|Independent Expert|Working Group)\b[^\n]{0,200}$",
    re.IGNORECASE,
)
# A general recommendation/comment number spelled in a file name or symbol:
# "CERD_GR13_A_48_18", "CERD_C_GC_35", "CRC_GC_2003_3", "CEDAW_C_GC_31_Rev.1–CRC_C_GC_18".
NAMED_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<body>[A-Z]{3,5})[_/])?(?:C[_/])?G[RC][_/]?"
    r"(?:(?:19|20)\d{2}[_/])?(?P<n>\d{1,3})(?!\d)"
)
# The text naming its own number: "the present general recommendation No. 35".
SELF_NUMBER = re.compile(
    r"\b(?:the present|this) general (?:recommendation|comment),? No\.\s*(\d{1,3})\b", re.I
)
# Committees that call their texts general recommendations; the others issue comments.
RECOMMENDATION_BODIES = ("CERD", "CEDAW")
# The treaty bodies by their codes (file names start with one: "CRC_C_GC_10.json").
TREATY_BODIES = ("CERD", "CCPR", "CESCR", "CRC", "CEDAW", "CAT", "CRPD", "CMW", "CED")
MANDATE_BODY = re.compile(r"^(?:Special Rapporteur|Independent Expert|Working Group) on ")
# Symbol series of the treaty bodies: a list issued there without a number is still theirs.
TREATY_SERIES = re.compile(r"^(?:CERD|CCPR|CEDAW|CRC|CAT|CRPD|CMW|CED|HRI)/|^E/C\.12/")


def _kind(body: str | None) -> str:
    return "recommendation" if body in RECOMMENDATION_BODIES else "comment"


def printed_title(first_text: str, first_section: list[str]) -> str | None:
    """A title line the list itself prints: a heading above paragraph 1, or its first line."""
    first_line = first_text.split("\n", 1)[0].strip()
    for line in [*first_section, first_line]:
        if PRINTED_TITLE.match(line) and not line.endswith("."):
            return line.rstrip(" :")
    return None


def general_recommendation_title(doc: Document, source: str, text: str) -> str | None:
    """'General recommendation No. 13' from the file name, symbol or the text's own words."""
    stem = PurePosixPath(source).stem
    found = [(m.group("body") or doc.body, int(m.group("n"))) for m in NAMED_NUMBER.finditer(stem)]
    if not found and doc.symbol:
        found = [(doc.body, int(m.group("n"))) for m in NAMED_NUMBER.finditer(doc.symbol)]
    if not found and (m := SELF_NUMBER.search(text[:6000])):
        found = [(doc.body, int(m.group(1)))]
    if len(found) >= 2 and found[0][0] != found[1][0]:
        (b1, n1), (b2, n2) = found[:2]
        return f"Joint general {_kind(b1)} No. {n1} ({b1}) and general {_kind(b2)} No. {n2} ({b2})"
    if found:
        return f"General {_kind(found[0][0] or doc.body)} No. {found[0][1]}"
    if doc.body in TREATY_BODIES and doc.symbol and TREATY_SERIES.match(doc.symbol):
        # No number anywhere: say what it is and where it was issued, not more.
        return f"General {_kind(doc.body)}, {doc.symbol}"
    return None


def list_title(
    doc: Document, source: str, paragraphs: list[tuple[str | None, str, list[str]]]
) -> str:
    """The title of a paragraph list: printed in it, else derived from its body and name."""
    first_text, first_section = (paragraphs[0][1], paragraphs[0][2]) if paragraphs else ("", [])
    if printed := printed_title(first_text, first_section):
        return printed
    text = "\n\n".join(t for _, t, _ in paragraphs)
    if doc.doc_type == "general-recommendation" and (
        derived := general_recommendation_title(doc, source, text)
    ):
        return derived
    if doc.doc_type == "special-procedure-report" and doc.body and MANDATE_BODY.match(doc.body):
        return f"Report of the {doc.body}"
    # The detected title is the list's first line: a sentence or a clause is not a title.
    title = doc.title
    # Where that line only opens paragraph 1 ("The present report is submitted ..."), the
    # list printed no title.
    opens_text = bool(title) and " ".join(first_text.split()).startswith(" ".join(title.split()))
    if not title or len(title) > 200 or re.search(r"[.,;:]$", title) or opens_text:
        return doc.symbol or PurePosixPath(source).stem
    return title
