"""Document metadata from the document's own text: symbol, title, body, type, country, dates."""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from recsearch.records import Document, slug

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
TITLE_STOP = re.compile(
    r"^(?:(?:(?:[IVX]+\.\s+)?(?:Summary|Contents|CONTENTS|Introduction|INTRODUCTION)|Annex|"
    r"Abstract)\s*$|Note by|Vice-President|"
    r"President|Rapporteur:|Chair|\d{1,3}\.(?:\s|$)|[*∗]|Distr|GE\.|Original:|Please recycle)"
)
# Title lines are set large: a full-width line is body text, not title.
MAX_TITLE_LINE = 80
LANGUAGES = r"(?:Arabic|Chinese|English|French|Russian|Spanish)"


def _key(name: str) -> str:
    """Comparison form of a name: no accents, no case, straight apostrophes, no 'the'."""
    text = name.replace("’", "'").replace("\u2011", "-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9'()&-]+", " ", text.replace("&", " and ")).strip()
    # Database exports abbreviate: "St Kitts & Nevis", "Trinidad & Tobago".
    text = re.sub(r"^st\.? ", "saint ", text)
    return re.sub(r"^the ", "", text)


@cache
def _data(name: str) -> Any:
    return json.loads(resources.files("recsearch").joinpath("data", name).read_text("utf-8"))


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    by_key: dict[str, str] = {}
    by_iso: dict[str, str] = {}
    for entry in _data("countries.json")["countries"]:
        by_iso[entry["iso3"]] = entry["name"]
        for alias in [entry["name"], *entry["aliases"]]:
            by_key[_key(alias)] = entry["name"]
            # Some PDFs' text layers break words with stray spaces ("Arge ntina").
            by_key["~" + _key(alias).replace(" ", "")] = entry["name"]
    return by_key, by_iso


LONG_FORM = re.compile(
    r"^(?:[a-z'-]+ ){0,3}(?:republic|kingdom|state|states|federation|principality|sultanate|"
    r"commonwealth|duchy|emirate|confederation)\s+of\s+(?:the\s+)?(.+)$"
)


def normalise_country(name: str) -> str | None:
    """'Swaziland'/'the Kingdom of Eswatini'/'Turkey'/'SVN' -> UN English short name, or None."""
    by_key, by_iso = _countries()
    name = name.strip().strip("*∗;,.: ")
    if re.fullmatch(r"[A-Z]{3}", name):
        return by_iso.get(name)
    key = _key(name)
    if key in by_key:
        return by_key[key]
    m = LONG_FORM.match(key)
    if m and m.group(1) in by_key:
        return by_key[m.group(1)]
    return by_key.get("~" + key.replace(" ", ""))


@cache
def _country_pattern() -> re.Pattern[str]:
    names: set[str] = set()
    for entry in _data("countries.json")["countries"]:
        names.update(n for n in [entry["name"], *entry["aliases"]] if len(n) > 3)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def countries_in(text: str) -> list[str]:
    """Every country named in the text, as UN short names, in order of appearance."""
    found = []
    for m in _country_pattern().finditer(text):
        name = normalise_country(m.group(0))
        if name and name not in found:
            found.append(name)
    return found


def _paren_groups(text: str) -> list[str]:
    """Top-level bracketed groups: 'x (Senegal, Venezuela (Bolivarian Republic of))' -> 1."""
    groups, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups


def _split_states(group: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in group:
        depth += ch == "("
        depth -= ch == ")"
        if ch in ",;" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out: list[str] = []
    for part in parts:
        if normalise_country(part) is None:
            # "(Brazil and Argentina)": two States in one bracket, but not "Bosnia and ...".
            out.extend(re.split(r"\s+and\s+(?![^()]*\))", part))
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


def recommending_states(text: str) -> list[str]:
    """States in the brackets of a UPR recommendation: '... (Brazil, Argentina);' -> both."""
    states: list[str] = []
    for group in _paren_groups(text):
        names = [normalise_country(p) for p in _split_states(group)]
        if names and all(names):
            states.extend(n for n in names if n and n not in states)
    return states


def find_symbol(text: str) -> str | None:
    """The document's own symbol: a masthead/header line first, else the first symbol seen."""
    lines = text.split("\n")
    for line in lines[:80]:
        # Joint documents print two symbols: "A/HRC/38/3–E/CN.6/2018/9".
        joint = re.fullmatch(rf"\s*({SYMBOL.pattern})\s*[–-]\s*({SYMBOL.pattern})[*∗\s]*", line)
        if joint:
            return joint.group(0).strip(" *∗")
        m = SYMBOL_LINE.match(line)
        if m and SYMBOL.fullmatch(m.group("sym").rstrip(".,;")) and re.search(r"\d", line):
            return m.group("sym").rstrip(".,;")
    # New-layout mastheads share a line: "United Nations A/HRC/28/15", "A/HRC/40/78 2".
    for line in lines[:80]:
        m = re.match(r"^\s*(?:United Nations\s+)?(\S+)", line)
        if m and SYMBOL.fullmatch(m.group(1).rstrip("*∗.,;")) and re.search(r"\d", m.group(1)):
            return m.group(1).rstrip("*∗.,;")
    m = SYMBOL.search(text)
    return m.group(0).rstrip(".,;-") if m else None


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


def _norm_letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace("’", "'"))


def _is_furniture(line: str, symbol: str | None) -> bool:
    bare = line.strip(" *∗")
    if not re.search(r"[A-Za-z]{2}", bare):
        return True  # rules, barcodes in symbol fonts, stray marks
    if symbol and symbol in bare and len(bare) <= len(symbol) + 20:
        return True
    if SYMBOL.fullmatch(bare):
        return True  # a second symbol in the masthead (old sub-commission numbers)
    if re.fullmatch(r"(?:United Nations|UNITED|NATIONS|[AES]|GENERAL|LIMITED|RESTRICTED|"
                    r"(?:General Assembly|Economic and Social Council|Security Council)"
                    r"(?:\s+Distr.*)?|Human Rights Council|Commission on Human Rights|"
                    r"Commission on the Status of Women|"
                    r"Distr\.?.*|Original:.*|English|ENGLISH|Advance .*version|"
                    r"GE\.\d.*|\*?\d{6,8}\*?|Please recycle.*|Page \d+|\d{1,3}|asdf|"
                    r"(?:Geneva|New York),?\s+\d.*)",
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
    return bool(bare in _body_names())


@cache
def _body_names() -> frozenset[str]:
    return frozenset(b["name"] for b in _data("bodies.json")["bodies"])


@cache
def _agenda_keys() -> tuple[str, ...]:
    return tuple(_norm_letters(x) for x in _data("bodies.json")["hrc_agenda_items"])


def _agenda_prefix(trial: str) -> tuple[bool, bool]:
    """Is trial (letters only) the start of an agenda item name, and does it complete one?"""
    for key in _agenda_keys():
        head = key[: len(trial)]
        # Wording drifts between sessions ("follow-up to and" / "follow-up and"): near enough.
        if trial == head or SequenceMatcher(None, trial, head, autojunk=False).ratio() >= 0.9:
            return True, len(trial) >= len(key) - 4
    return False, False


def _skip_agenda(lines: list[str], i: int, blocks: bool) -> int:
    """Index after the agenda item names that follow an 'Agenda item' line."""
    start, acc, fuzzy_end, complete_at = i, "", i, -1
    while fuzzy_end < len(lines):
        piece = _norm_letters(lines[fuzzy_end])
        if not piece:
            fuzzy_end += 1
            continue
        trial = acc + piece
        prefix, complete = _agenda_prefix(trial)
        if not prefix:
            break
        acc = "" if complete else trial
        fuzzy_end += 1
        if complete:
            complete_at = fuzzy_end
    if not blocks or start >= len(lines) or not lines[start]:
        return fuzzy_end
    # Text-layer exports separate masthead blocks by blank lines, and older documents set
    # the agenda names in capitals: the block (or the run of capitals) is the agenda.
    upper = lines[start].isupper()
    end = start
    while end < len(lines) and lines[end] and (not upper or lines[end].isupper()):
        end += 1
    # Within a run of capitals the title may follow the agenda name directly.
    return complete_at if upper and start < complete_at < end else end


def detect_title(text: str, symbol: str | None = None) -> str:
    """The title block of a first page, masthead and agenda lines skipped."""
    text = re.sub("[\u2010\u2011\u00ad]", "-", text).replace("\u00a0", " ")
    text = re.sub("[\u2012\u2212]", "–", text)
    raw = text.split("\n")
    # Layout-mode pages space out masthead columns: "United Nations        A/HRC/...".
    lines = [re.sub(r"\s+", " ", x).strip() for x in raw]
    blocks = sum(1 for x in raw[:60] if x == "") >= 3
    title: list[str] = []
    i, seen_text = 0, False
    while i < len(lines):
        line = lines[i]
        if not title and (not line or _is_furniture(line, symbol)):
            i += 1
            continue
        if not title and re.match(r"^(?:Agenda\s+items?|Items?\s+\d)", line, re.IGNORECASE):
            i = _skip_agenda(lines, i + 1, blocks)
            continue
        if not line:
            nxt = next((x for x in lines[i + 1 :] if x), "")
            if title and not normalise_country(nxt):
                break  # a blank line closes the title block (text-layer exports)
            i += 1
            continue
        if title and re.fullmatch(r"[*∗,\s]+", line):
            i += 1  # footnote stars on a line of their own ("Review\n*\nGambia")
            continue
        too_long = not blocks and len(line) > MAX_TITLE_LINE
        if title and (TITLE_STOP.match(line) or len(title) >= 6 or too_long):
            break
        wrapped = (
            bool(re.search(r"\b(?:its|of|on|the|and|to|in|for|resolution)$", title[-1], re.I))
            if title
            else False
        )
        if title and not wrapped and _is_furniture(line, symbol) and not normalise_country(line):
            break
        if TITLE_STOP.match(line):
            if seen_text:
                break
            i += 1
            continue
        title.append(line)
        seen_text = True
        i += 1
    return _join_title(title)


def _join_title(lines: list[str]) -> str:
    out = ""
    for line in lines:
        clean_line = re.sub(r"[*∗]+(?:,[*∗]+)*", "", line).strip()
        if not clean_line:
            continue
        if not out:
            out = clean_line
        elif normalise_country(clean_line) and not re.search(r"\b(?:of|in|to|on)$", out):
            out = f"{out}: {clean_line}"
        elif re.search(r"[*∗]\s*$", line) is None and out.endswith("-"):
            out = out + clean_line
        else:
            out = f"{out} {clean_line}"
    return re.sub(r"\s+", " ", out).strip()


def _doc_type(title: str, text: str) -> str:
    for source in (title, text[:3000]):
        for rule in _data("bodies.json")["doc_types"]:
            # A first page names many mandates in passing; only the title says whose it is.
            if source is not title and rule["doc_type"] == "special-procedure-report":
                continue
            if any(cue in source for cue in rule["cues"]):
                return str(rule["doc_type"])
    return "other"


MANDATE = re.compile(
    r"\b(Special Rapporteur|Independent Expert|Working Group) on (?:the )?([^,*\n]+?)"
    r"(?=,| on (?:his|her|its|their) | and other | to [A-Z]| - |\*|\n|$)"
)


def _body(symbol: str | None, doc_type: str, title: str, text: str) -> str | None:
    bodies = _data("bodies.json")["bodies"]
    if doc_type in ("upr-report", "upr-recommendations"):
        return "UPR Working Group"
    if symbol:
        for body in bodies:
            if body["code"] != "HRC" and any(symbol.startswith(p) for p in body["symbol_prefixes"]):
                return str(body["code"])
    if doc_type == "special-procedure-report":
        m = MANDATE.search(re.sub(r"\s+", " ", title)) or MANDATE.search(text[:3000])
        if m and "Universal Periodic" not in m.group(0):
            return f"{m.group(1)} on {m.group(2).strip()}"
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
    _, by_iso = _countries()
    if symbol:
        for part in symbol.split("/"):
            if re.fullmatch(r"[A-Z]{3}", part) and part in by_iso:
                return by_iso[part]
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
