"""What a UN cover page prints around its title: symbol, dates, sessions, masthead lines."""

from __future__ import annotations

import re
from functools import cache

from recsearch.countries import data_file

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
DATE = re.compile(
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(\d{4})\b",
    re.IGNORECASE,
)
# Document symbols start with an organ or treaty-body series and have at least two more
# parts: A/HRC/21/11, A/HRC/WG.6/41/BRA/1, CERD/C/BRA/CO/18-20, A/CONF.189/12, E/C.12/GC/20.
SYMBOL = re.compile(
    r"(?<![\w/])(?:A|E|S|CERD|CCPR|CEDAW|CRC|CAT|CMW|CRPD|CED|HRI|ST|TD|UNEP|DP)"
    r"(?:/(?:[A-Z0-9][A-Za-z0-9.\-()]*))(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+"
)
# A masthead line that is only the symbol (with reissue stars, "United Nations" or "Page N").
SYMBOL_LINE = re.compile(
    r"^\s*(?:United Nations\s+)?(?P<sym>\S+?)[*∗\s]*(?:Page\s+\d+)?\s*$", re.IGNORECASE
)
ORDINAL_NAMES = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
ORDINALS = {w: i + 1 for i, w in enumerate(ORDINAL_NAMES)}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
TENS_ORD = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
            "seventieth": 70, "eightieth": 80, "ninetieth": 90}  # fmt: skip
ORDINAL_WORD = r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-z]+(?:(?:-\s?|\s)[a-z]+)?)"
LANGUAGES = r"(?:Arabic|Chinese|English|French|Russian|Spanish)"
# French and Spanish editions print the same masthead in their own words.
FOREIGN_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
# A French or Spanish masthead date: "16 novembre 2009", "1er mars 2010", "13 de noviembre
# de 2009". The month's number is its place in FOREIGN_MONTHS (Spanish after French).
FOREIGN_DATE = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(?:de\s+)?(" + "|".join(FOREIGN_MONTHS) + r")\s+(?:de\s+)?(\d{4})\b",
    re.IGNORECASE,
)


def foreign_month(name: str) -> int:
    """ "novembre" -> 11, "noviembre" -> 11, "setiembre" -> 9."""
    name = name.lower()
    if name == "setiembre":
        return 9
    months = [m for m in FOREIGN_MONTHS if m != "setiembre"]
    return months.index(name) % 12 + 1


FOREIGN_MASTHEAD = re.compile(
    r"Nations\s+Unies|UNIES|Naciones\s+Unidas|Assembl[ée]e\s+g[ée]n[ée]rale|Asamblea\s+General|"
    r"Conseil\s+(?:[ée]conomique\s+et\s+social|des\s+droits\s+de\s+l[’']homme)|"
    r"Consejo\s+(?:Econ[óo]mico\s+y\s+Social|de\s+Derechos\s+Humanos)|G[ÉE]N[ÉE]RALE|"
    r"(?:Fran[çc]ais|Anglais|Espagnol|Espa[ñn]ol|Ingl[ée]s|Franc[ée]s)"
    r"(?:\s+(?:seulement|[úu]nicamente))?|"
    r"Original\s*:.*|"
    # "Vingt-cinquième session", "38º período de sesiones", "Trigésimo octavo período ..."
    r"[\w’'-]+\s+session|[\wº°]+(?:\s+\w+)?\s+per[íi]odo\s+de\s+sesiones",
    re.IGNORECASE,
)


# Publications print their symbol after a cover, a copyright page and a foreword: how many
# leading pages count as front matter when the first page has no masthead symbol.
FRONT_MATTER_PAGES = 12


def find_symbol(text: str) -> str | None:
    """The document's own symbol: a masthead/header line first, else the first symbol seen."""
    found = masthead_symbol(text)
    if found:
        return found
    m = SYMBOL.search(text)
    return m.group(0).rstrip(".,;-") if m else None


def masthead_symbol(text: str) -> str | None:
    """The symbol of a masthead or running-header line in the first 80 lines, if any."""
    lines = text.split("\n")
    for line in lines[:80]:
        if found := _symbol_line(line):
            return found
    # New-layout mastheads share a line: "United Nations A/HRC/28/15", "A/HRC/40/78 2".
    for line in lines[:80]:
        m = re.match(r"^\s*(?:United Nations\s+)?(\S+)", line)
        if m and SYMBOL.fullmatch(m.group(1).rstrip("*∗.,;")) and re.search(r"\d", m.group(1)):
            return m.group(1).rstrip("*∗.,;")
    return None


def find_front_symbol(pages: list[str]) -> str | None:
    """A symbol set on a line of its own in the front matter, never one cited in a sentence."""
    for page in pages[:FRONT_MATTER_PAGES]:
        for line in page.split("\n"):
            if found := _symbol_line(line):
                return found
    return None


def _symbol_line(line: str) -> str | None:
    """The symbol of a line that is only a symbol (with stars, 'United Nations' or 'Page N')."""
    # Joint documents print two symbols: "A/HRC/38/3–E/CN.6/2018/9".
    joint = re.fullmatch(rf"\s*({SYMBOL.pattern})\s*[–-]\s*({SYMBOL.pattern})[*∗\s]*", line)
    if joint:
        return joint.group(0).strip(" *∗")
    m = SYMBOL_LINE.match(line)
    if m and SYMBOL.fullmatch(m.group("sym").rstrip(".,;")) and re.search(r"\d", line):
        return m.group("sym").rstrip(".,;")
    return None


def ordinal_number(text: str) -> int | None:
    """'Twenty-first' -> 21, 'thirteenth' -> 13, '108th' -> 108."""
    text = re.sub(r"[-\s]+", "-", text.strip().lower())
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", text)
    if m:
        return int(m.group(1))
    if text in ORDINALS:
        return ORDINALS[text]
    if text in TENS_ORD:
        return TENS_ORD[text]
    head, _, tail = text.partition("-")
    if head in TENS and tail in ORDINALS and ORDINALS[tail] < 10:
        return TENS[head] + ORDINALS[tail]
    return None


def is_furniture(line: str, symbol: str | None) -> bool:
    """A masthead line (organ, distribution, languages, dates, session), not title text."""
    bare = line.strip(" *∗")
    if not re.search(r"[A-Za-z]{2}", bare):
        return True  # rules, barcodes in symbol fonts, stray marks
    if symbol and symbol in bare and len(bare) <= len(symbol) + 20:
        return True
    # The symbol's tail set as a heading: "PRST/24/1." under "Statement by the President".
    tail = bare.rstrip(".")
    if symbol and "/" in tail and symbol.endswith(f"/{tail}"):
        return True
    if SYMBOL.fullmatch(bare):
        return True  # a second symbol in the masthead (old sub-commission numbers)
    if re.fullmatch(r"(?:United Nations|UNITED|NATIONS|[AES]|GENERAL|LIMITED|RESTRICTED|"
                    r"(?:General Assembly|Economic and Social Council|Security Council)"
                    r"(?:\s+Distr.*)?|Human Rights Council|Commission on Human Rights|"
                    r"Commission on the Status of Women|"
                    r"Distr\.?.*|Original:.*|English|ENGLISH|Advance .*version|"
                    r"GE\.\d.*|\*?\d{6,8}\*?|Please recycle.*|Page \d+|\d{1,3}|asdf|"
                    r"(?:Geneva|Gen[èe]ve|Ginebra|New York|Nueva York),?\s+\d.*)",
                    bare, re.IGNORECASE):  # fmt: skip
        return True
    languages = rf"{LANGUAGES}(?:(?:,|\s+and|\s*/)\s*{LANGUAGES})*(?:\s+only)?|only"
    if re.fullmatch(languages, bare, re.I):
        return True
    loose_date = DATE.pattern.replace(r")\s+(\d{4})", r")\s*(\d{4})")  # "7 September2015"
    session = rf"{ORDINAL_WORD}\s+(?:special\s+)?session"
    if re.fullmatch(loose_date, bare, re.I) or re.fullmatch(session, bare, re.I):
        return True
    # Session dates "25 February–22 March 2019", "11-29 September 2017".
    if re.fullmatch(r"\d{1,2}(?:\s+\w+)?\s*(?:[-–—]|and|to)\s*\d{1,2}\s+\w+\s+\d{4}", bare):
        return True
    if _is_date_range(bare) or FOREIGN_MASTHEAD.fullmatch(bare):
        return True
    return bool(bare in _body_names())


def _is_date_range(line: str) -> bool:
    """Only days, months, years and joiners: "June 15–3 July 2020", "15 June 2020–3 July 2020"."""
    tokens = re.findall(r"[^\W\d_]+|\d+|[^\w\s]", line)
    # French and Spanish: "29 janvier 2014", "18 junio a 6 de julio de 2018".
    joiners = {"-", "–", "—", ",", "to", "and", "from", "de", "a", "al", "au", "du", "er"}
    months = [t for t in tokens if t.lower() in MONTHS or t.lower() in FOREIGN_MONTHS]
    years = [t for t in tokens if re.fullmatch(r"(?:19|20)\d{2}", t)]
    plain = all(
        t.lower() in MONTHS
        or t.lower() in FOREIGN_MONTHS
        or t.lower() in joiners
        or re.fullmatch(r"\d{1,4}", t)
        for t in tokens
    )
    days = [t for t in tokens if re.fullmatch(r"\d{1,2}", t)]
    if plain and len(months) == 1 and len(days) == 1 and set(months) & set(FOREIGN_MONTHS):
        return bool(years)  # a single French or Spanish date: the masthead's date line
    # Two days: a range, not a title line ending in a date ("... in Ukraine 16 / November 2018").
    return plain and bool(months) and bool(years) and len(days) >= 2


@cache
def _body_names() -> frozenset[str]:
    return frozenset(b["name"] for b in data_file("bodies.json")["bodies"])
