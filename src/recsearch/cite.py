"""Citations of one record: plain, UN footnote, OSCOLA, Bluebook, BibTeX and RIS.

Each function takes a `Record` (and, for the machine formats, its permalink) and returns
text; the web page shows them in the cite box and `export.py` strings them together.
"""

from __future__ import annotations

import re
from datetime import date as Date

from recsearch.records import Record

# Short body codes -> the name a footnote spells out. Bodies outside this table are
# cited as the document printed them ("Special Rapporteur on torture").
BODY_NAMES = {
    "CERD": "Committee on the Elimination of Racial Discrimination",
    "CCPR": "Human Rights Committee",
    "HRCTTEE": "Human Rights Committee",
    "CESCR": "Committee on Economic, Social and Cultural Rights",
    "CEDAW": "Committee on the Elimination of Discrimination against Women",
    "CAT": "Committee against Torture",
    "CRC": "Committee on the Rights of the Child",
    "CMW": (
        "Committee on the Protection of the Rights of All Migrant Workers and Members of "
        "Their Families"
    ),
    "CRPD": "Committee on the Rights of Persons with Disabilities",
    "CED": "Committee on Enforced Disappearances",
    "SPT": "Subcommittee on Prevention of Torture",
    "HRC": "Human Rights Council",
    "UPR": "Human Rights Council, Working Group on the Universal Periodic Review",
    "UPR Working Group": "Human Rights Council, Working Group on the Universal Periodic Review",
}

# Bluebook abbreviates institutional words in author names (T6/T10 style).
_BLUEBOOK_WORDS = (
    ("Committee", "Comm."),
    ("International", "Int'l"),
    ("Commission", "Comm'n"),
    ("Organization", "Org."),
    ("United Nations", "U.N."),
)

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_BLUEBOOK_MONTHS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]

# Words kept lower-case inside a title-cased title (OSCOLA and Bluebook capitalise titles).
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "under",
        "upon",
        "with",
        "via",
    ]
)

CITE_FORMATS = ("plain", "un", "oscola", "bluebook", "bibtex", "ris")
FORMAT_LABELS = {
    "plain": "Plain",
    "un": "UN footnote",
    "oscola": "OSCOLA",
    "bluebook": "Bluebook",
    "bibtex": "BibTeX",
    "ris": "RIS",
}


def author(rec: Record) -> str:
    """The issuing body spelt out: 'CERD' -> 'Committee on the Elimination of Racial ...'."""
    if not rec.body:
        return ""
    return BODY_NAMES.get(rec.body, BODY_NAMES.get(rec.body.upper(), rec.body))


def _parse_date(rec: Record) -> Date | None:
    if not rec.date:
        return None
    try:
        return Date.fromisoformat(rec.date[:10])
    except ValueError:
        return None


def _title(rec: Record) -> str:
    return rec.title.strip() or rec.symbol or rec.source


def title_case(text: str) -> str:
    """Headline capitals for OSCOLA and Bluebook titles, small words kept lower-case."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        # Keep acronyms and words that already carry capitals past the first letter.
        if word[1:] != word[1:].lower():
            out.append(word)
        elif i > 0 and lower in _SMALL_WORDS:
            out.append(lower)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _pinpoint(rec: Record, para: str = "para.") -> str:
    if rec.number is None:
        return ""
    if rec.source.lower().endswith(".csv"):
        return f"row {rec.number}"
    # A number that restarts per part is cited with its part: "Resolution 14/1, para. 3".
    return f"{rec.part}, {para} {rec.number}" if rec.part else f"{para} {rec.number}"


def plain(rec: Record) -> str:
    """'CERD/C/BRA/CO/18-20, para. 6' (the record's own citation)."""
    return rec.citation


def un_footnote(rec: Record) -> str:
    """UN style: 'Committee on ..., Concluding observations on ..., SYMBOL (2022), para. 6.'"""
    title = _title(rec)
    if rec.symbol and rec.symbol != title:
        title += f", {rec.symbol}"
    if rec.year:
        title += f" ({rec.year})"
    parts = [p for p in (author(rec), title) if p]
    pin = _pinpoint(rec)
    if pin:
        parts.append(pin)
    return ", ".join(parts) + "."


def oscola(rec: Record) -> str:
    """OSCOLA (UN documents): Body, 'Title' (date) UN Doc SYMBOL, para 6."""
    when = _parse_date(rec)
    if when:
        date_text = f"{when.day} {_MONTHS[when.month - 1]} {when.year}"
    else:
        date_text = str(rec.year) if rec.year else ""
    head = f"'{title_case(_title(rec))}'"
    if author(rec):
        head = f"{author(rec)}, {head}"
    out = head
    if date_text:
        out += f" ({date_text})"
    if rec.symbol:
        out += f" UN Doc {rec.symbol}"
    # OSCOLA drops full stops from abbreviations: 'para 6'.
    pin = _pinpoint(rec, "para")
    if pin:
        out += f", {pin}"
    return out


def _bluebook_author(rec: Record) -> str:
    name = author(rec)
    for word, short in _BLUEBOOK_WORDS:
        name = name.replace(word, short)
    return name


def bluebook(rec: Record) -> str:
    """Bluebook rule 21.7: Comm. on ..., Title, ¶ 6, U.N. Doc. SYMBOL (Dec. 1, 2022)."""
    parts = [p for p in (_bluebook_author(rec), title_case(_title(rec))) if p]
    if rec.number is not None:
        parts.append(_pinpoint(rec, "¶"))
    when = _parse_date(rec)
    if when:
        date_text = f"{_BLUEBOOK_MONTHS[when.month - 1]} {when.day}, {when.year}"
    else:
        date_text = str(rec.year) if rec.year else ""
    tail = f"U.N. Doc. {rec.symbol}" if rec.symbol else ""
    if date_text:
        tail = f"{tail} ({date_text})".strip()
    if tail:
        parts.append(tail)
    return ", ".join(parts) + "."


def bibtex_key(rec: Record) -> str:
    """A citation key BibTeX accepts: letters, digits and '-_:' only."""
    return re.sub(r"[^A-Za-z0-9_:-]+", "_", rec.id).strip("_") or "record"


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Escape LaTeX's special characters so a title with '&' or '%' compiles."""
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(rec: Record, url: str | None = None) -> str:
    """A @misc entry; the body is braced twice so BibTeX keeps it as one corporate author."""
    fields: list[tuple[str, str]] = []
    if author(rec):
        fields.append(("author", "{" + bibtex_escape(author(rec)) + "}"))
    fields.append(("title", "{" + bibtex_escape(_title(rec)) + "}"))
    if rec.year:
        fields.append(("year", str(rec.year)))
    if rec.symbol:
        fields.append(("number", bibtex_escape(rec.symbol)))
        fields.append(("howpublished", bibtex_escape(f"UN Doc {rec.symbol}")))
    pin = _pinpoint(rec)
    if pin:
        fields.append(("note", bibtex_escape(pin)))
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(rec)},\n{body}\n}}\n"


def ris_line(tag: str, value: str) -> str:
    """One RIS line, 'TAG  - value', with inner newlines folded."""
    # RIS is line-based: a newline inside a value would start a bogus tag.
    return f"{tag}  - {' '.join(value.split())}"


def ris(rec: Record, url: str | None = None) -> str:
    """An RIS entry (type GOVDOC) ending with 'ER  - '."""
    lines = [ris_line("TY", "GOVDOC")]
    if author(rec):
        lines.append(ris_line("AU", author(rec)))
    lines.append(ris_line("TI", _title(rec)))
    if rec.year:
        lines.append(ris_line("PY", str(rec.year)))
    when = _parse_date(rec)
    if when:
        lines.append(ris_line("DA", when.strftime("%Y/%m/%d")))
    if rec.symbol:
        lines.append(ris_line("M1", rec.symbol))
    pin = _pinpoint(rec)
    if pin:
        lines.append(ris_line("N1", pin))
    if rec.country:
        lines.append(ris_line("CY", rec.country))
    if url:
        lines.append(ris_line("UR", url))
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def all_formats(rec: Record, url: str | None = None) -> dict[str, str]:
    """Every format in CITE_FORMATS order, for the cite box."""
    return {
        "plain": plain(rec),
        "un": un_footnote(rec),
        "oscola": oscola(rec),
        "bluebook": bluebook(rec),
        "bibtex": bibtex(rec, url),
        "ris": ris(rec, url),
    }
