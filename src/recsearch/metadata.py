"""Document metadata from the document's own text: symbol, title, body, type, country, dates."""

from __future__ import annotations

import re
from pathlib import PurePath

from recsearch.countries import (
    countries_in,
    data_file,
    normalise_country,
    recommending_states,
)
from recsearch.masthead import DATE, MONTHS, ORDINAL_WORD, find_symbol, ordinal_number
from recsearch.records import Document, slug
from recsearch.titles import detect_title

# Public names callers have imported from here since before the split.
__all__ = [
    "countries_in",
    "detect_metadata",
    "detect_title",
    "find_symbol",
    "normalise_country",
    "ordinal_number",
    "recommending_states",
]


def _doc_type(title: str, text: str) -> str:
    for source in (title, text[:3000]):
        for rule in data_file("bodies.json")["doc_types"]:
            # A first page names many mandates in passing; only the title says whose it is.
            if source is not title and rule["doc_type"] == "special-procedure-report":
                continue
            if any(cue in source for cue in rule["cues"]):
                return str(rule["doc_type"])
    return "other"


MANDATE = re.compile(
    r"\b(Special Rapporteur|Independent Expert|Working Group) on ((?:the )?[^,*\n]+?)"
    r"(?=,| on (?:his|her|its|their) | and other | to [A-Z]| - |\*|\n|$)"
)


# Where a mandate name read off running text runs on into the sentence: "Special Rapporteur
# on right to education examines how ...", "... health (“right to health”). Following ...".
MANDATE_RUN_ON = re.compile(
    r"\s+(?:examines|addresses|considers|presented|presents|agrees|notes|focuses|has|had|is|"
    r"was|were|will|follows|for|to prepare|and (?:his|her|its|their)|The|This|In)\b|\s*[.(“\"]"
)


def _body(symbol: str | None, doc_type: str, title: str, text: str) -> str | None:
    bodies = data_file("bodies.json")["bodies"]
    if doc_type in ("upr-report", "upr-recommendations"):
        return "UPR Working Group"
    if symbol:
        for body in bodies:
            if body["code"] != "HRC" and any(symbol.startswith(p) for p in body["symbol_prefixes"]):
                return str(body["code"])
    if doc_type == "special-procedure-report":
        m = MANDATE.search(re.sub(r"\s+", " ", title)) or MANDATE.search(text[:3000])
        if m and "Universal Periodic" not in m.group(0):
            name = MANDATE_RUN_ON.split(m.group(2).strip(), 1)[0].rstrip(" ,;")
            return f"{m.group(1)} on {name}"
    head = re.sub(r"\s+", " ", text[:3000])
    for body in bodies:
        if any(cue in head for cue in body["cues"]):
            return str(body["code"])
    return None


def _date(text: str) -> str | None:
    m = re.search(r"Distr\.?[^\n]*\n?(?:[^\n]*\n){0,3}?[^\n]*?" + DATE.pattern, text,
                  re.IGNORECASE)  # fmt: skip
    m2 = DATE.search(m.group(0)) if m else None
    if m2 is None:
        # Adoption wording for documents without a masthead date.
        m3 = re.search(r"(?:adopted|held)\b[^.]{0,80}?" + DATE.pattern, text, re.IGNORECASE)
        m2 = DATE.search(m3.group(0)) if m3 else DATE.search(text)
    if m2 is None:
        return None
    day, month, year = int(m2.group(1)), MONTHS[m2.group(2).lower()], int(m2.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}"


def _imprint_year(text: str) -> int | None:
    """Publications print only an imprint year: 'New York, 2002'."""
    m = re.search(r"(?:,|©)\s*((?:19|20)\d{2})\s*$", text, re.MULTILINE)
    return int(m.group(1)) if m else None


def _session(text: str, doc_type: str) -> str | None:
    flat = re.sub(r"\s+", " ", text)
    patterns = [
        rf"Working Group on the Universal Periodic Review(?: \(UPR\))?,?[^.]{{0,120}}?"
        rf"held its ({ORDINAL_WORD}) session",
        rf"Working Group on the Universal Periodic Review ({ORDINAL_WORD}) session",
        rf"\b({ORDINAL_WORD}) (?:special )?session\b",
    ]
    if doc_type not in ("upr-report", "upr-recommendations") and "WG.6" not in text[:300]:
        patterns = patterns[2:]
    for pat in patterns:
        for m in re.finditer(pat, flat, re.IGNORECASE):
            n = ordinal_number(m.group(1).split()[-1] if " " in m.group(1) else m.group(1))
            if n is None and " " in m.group(1):
                n = ordinal_number(m.group(1))
            if n:
                return str(n)
    return None


def _country(symbol: str | None, title: str, text: str = "") -> str | None:
    if symbol:
        # A State's ISO code in the symbol: "CERD/C/BRA/CO/18-20".
        for part in symbol.split("/"):
            if re.fullmatch(r"[A-Z]{3}", part) and normalise_country(part):
                return normalise_country(part)
    # "Advance questions to Slovenia: Denmark": the State asked, not the State asking.
    m = re.search(r"\bquestions to (?:the )?(.+?)(?:\s*[:–-]|$)", title, re.IGNORECASE)
    if m and normalise_country(m.group(1)):
        return normalise_country(m.group(1))
    tail = re.split(r":|\s-\s", title)[-1]
    if normalise_country(tail):
        return normalise_country(tail)
    found = countries_in(title)
    if found:
        return found[0]
    # UPR reports say whose review it was: "The review of Ecuador was held at ...".
    m = re.search(r"\breview of (?:the )?([A-Z][^\n]{2,60}?) was held", re.sub(r"\s+", " ", text))
    return normalise_country(m.group(1)) if m else None


def detect_metadata(text: str, source: str, *, fmt: str) -> Document:
    """Symbol, title, body, doc_type, country, year, date, session from a document's own text."""
    symbol = find_symbol(text)
    title = detect_title(text, symbol)
    doc_type = _doc_type(title, text)
    date = _date(text)
    key = slug(symbol) if symbol else slug(PurePath(source).stem)
    return Document(
        key=key,
        source=source,
        symbol=symbol,
        title=title or PurePath(source).stem.replace("_", " "),
        doc_type=doc_type,
        body=_body(symbol, doc_type, title, text),
        country=_country(symbol, title, text),
        year=int(date[:4]) if date else _imprint_year(text),
        date=date,
        session=_session(text, doc_type),
    )
