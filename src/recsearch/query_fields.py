"""Query fields: the names users type, and each field's value as a query node.

Field values:
  article:"ICERD 5(e)"  that article or any sub-paragraph of it (hierarchical index);
  article:5             article 5 of any treaty (ICERD 5 OR ICCPR 5 OR ...);
  gr:31, gr:"GC 20", gr:"CERD GR 31"   records citing it and the document itself;
  "general recommendation 13", "General Comment No. 20", "CERD GR 35" typed as words
                        are read as gr:"GR 13", gr:"GC 20", gr:"CERD GR 35";
  year:2012, year:2010..2015, year:2010-2015, year:>2015, year:<=2000;
  kind:rec..., kind:obs...; symbol, country, body, type (doc_type), theme, state,
  response, session, cites, source, number: exact values (search() matches the case
  of the indexed value); text:, title:, section: words in one full-text field.
"""

from __future__ import annotations

import re

from recsearch import analysis
from recsearch.query_nodes import FULLTEXT_FIELDS, Keyword, Node, Phrase, Prefix, Range, Term

MIN_PREFIX_CHARS = 2  # "a*" would expand to most of the vocabulary

# User-facing field names -> record fields (records.md). The first name listed for a
# record field is the one `understood` prints.
FIELD_ALIASES = {
    "symbol": "symbol",
    "country": "country",
    "body": "body",
    "type": "doc_type",
    "doc_type": "doc_type",
    "article": "articles",
    "articles": "articles",
    "gr": "general_recommendations",
    "general_recommendations": "general_recommendations",
    "gnr": "gnr",
    "theme": "themes",
    "themes": "themes",
    "year": "year",
    "kind": "kind",
    "state": "recommending_states",
    "recommending_states": "recommending_states",
    "response": "response",
    "session": "session",
    "cites": "cites",
    "source": "source",
    "number": "number",
    "text": "text",
    "title": "title",
    "section": "section",
}
DISPLAY_NAMES = {
    "doc_type": "type",
    "articles": "article",
    "general_recommendations": "gr",
    "themes": "theme",
    "recommending_states": "state",
}

TREATIES = ("ICERD", "ICCPR", "ICESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CPED")
# Which bodies issue general recommendations (GR) and which general comments (GC).
GR_SERIES = (
    ("CERD", "GR"),
    ("CEDAW", "GR"),
    ("CCPR", "GC"),
    ("CESCR", "GC"),
    ("CRC", "GC"),
    ("CAT", "GC"),
    ("CMW", "GC"),
    ("CRPD", "GC"),
    ("CED", "GC"),
)


def word_node(word: str, notes: list[str], field: str | None = None) -> Node | None:
    if word.endswith("*"):
        stem = word.rstrip("*")
        if len("".join(analysis.tokens(stem))) >= MIN_PREFIX_CHARS and "*" not in stem:
            return Prefix(stem, field)
        notes.append(f"ignored '{word}': a wildcard needs {MIN_PREFIX_CHARS} letters before *")
        word = stem
    if word in ("AND", "OR", "NOT", "&&", "||"):
        word = word.lower()  # what is left of "*AND" is the word, not the operator
    if not analysis.tokens(word):
        if word:
            notes.append(f"ignored {word!r}: nothing searchable in it")
        return None
    return Term(word, field)


_YEAR_RE = re.compile(
    r"^(?:(?P<lo>\d{4})\s*(?:\.\.|-|–|to)\s*(?P<hi>\d{4})|(?P<op>[<>]=?)\s*(?P<y>\d{4})"
    r"|(?P<one>\d{4})|(?P<from>\d{4})\.\.|\.\.(?P<until>\d{4}))$"
)


def year_node(value: str, notes: list[str]) -> Node | None:
    m = _YEAR_RE.match(value.strip())
    if not m:
        notes.append(f"ignored year:{value}: use year:2012, year:2010..2015 or year:>2015")
        return None
    if m.group("one"):
        y = int(m.group("one"))
        return Range("year", y, y)
    if m.group("lo"):
        lo, hi = int(m.group("lo")), int(m.group("hi"))
        return Range("year", min(lo, hi), max(lo, hi))
    if m.group("from"):
        return Range("year", int(m.group("from")), None)
    if m.group("until"):
        return Range("year", None, int(m.group("until")))
    y, op = int(m.group("y")), m.group("op")
    if op == ">":
        return Range("year", y + 1, None)
    if op == ">=":
        return Range("year", y, None)
    if op == "<":
        return Range("year", None, y - 1)
    return Range("year", None, y)


def normalize_article(value: str) -> str:
    """'icerd 5 (e) (v)' -> 'ICERD 5(e)(v)'; a bare '5' stays '5' (any treaty)."""
    compact = re.sub(r"\s+", " ", value).strip()
    m = re.match(r"^(?:art(?:icle)?s?\.?\s*)?([A-Za-z]*)\s*(\d.*)$", compact)
    if not m:
        return compact
    treaty = m.group(1).upper()
    rest = re.sub(r"\s+", "", m.group(2)).lower()
    rest = re.sub(r"\.(\d+)", r"(\1)", rest)  # "12.1" is written 12(1)
    return f"{treaty} {rest}" if treaty else rest


def field_node(alias: str, value: str, quoted: bool, notes: list[str]) -> Node | None:
    name = FIELD_ALIASES[alias.lower()]
    value = value.strip()
    if not value:
        notes.append(f"ignored {alias}: with no value")
        return None
    if name in FULLTEXT_FIELDS:
        if quoted:
            words = tuple(w for w in value.split() if analysis.tokens(w))
            return Phrase(words, name) if words else None
        return word_node(value, notes, name)
    if name == "year":
        return year_node(value, notes)
    if name == "symbol":
        return Keyword(name, analysis.normalize_symbol(value))
    if name == "articles":
        return Keyword(name, normalize_article(value))
    if name == "general_recommendations":
        return Keyword(name, normalize_gr(value))
    if name == "kind":
        low = value.lower()
        if low.startswith("rec"):
            return Keyword(name, "recommendation")
        if low.startswith("obs"):
            return Keyword(name, "observation")
    if name in ("response", "doc_type"):
        value = value.lower()
    return Keyword(name, value)


def normalize_gr(value: str) -> str:
    """'cerd gr 31' -> 'CERD GR 31'; '31' and 'GC 20' stay general (any body)."""
    parts = re.sub(r"(?i)\bno\.?\s*", "", value).upper().split()
    return " ".join(parts)
