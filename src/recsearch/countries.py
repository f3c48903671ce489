"""Country names: UN short names from printed forms; the States a UPR recommendation names."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from recsearch.tag_patterns import load_vocabulary


@cache
def data_file(name: str) -> Any:
    """One vocabulary from recsearch/data (countries.json, bodies.json), read once."""
    return load_vocabulary(name)


def _key(name: str) -> str:
    """Comparison form of a name: no accents, no case, straight apostrophes, no 'the'."""
    text = name.replace("’", "'").replace("\u2011", "-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    # "Timor Leste", "Guinea Bissau": a hyphen is read as a space.
    text = re.sub(r"[^a-z0-9'()&]+", " ", text.replace("&", " and ")).strip()
    # Database exports abbreviate: "St Kitts & Nevis", "Trinidad & Tobago".
    text = re.sub(r"^st\.? ", "saint ", text)
    return re.sub(r"^the ", "", text)


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    by_key: dict[str, str] = {}
    by_iso: dict[str, str] = {}
    for entry in data_file("countries.json")["countries"]:
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
    if inverted := re.fullmatch(r"(.+?)\s*\(([^()]+\bof(?: the)?)\)", name):
        # "Bolivia (Plurinational Republic of)": the long form written the list's way round.
        return normalise_country(f"{inverted.group(2)} {inverted.group(1)}")
    return by_key.get("~" + key.replace(" ", ""))


@cache
def _country_pattern() -> re.Pattern[str]:
    names: set[str] = set()
    for entry in data_file("countries.json")["countries"]:
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


def country_in_name(name: str) -> str | None:
    """The State an organisation's name carries: "US Human Rights Network" -> United States
    of America. Short codes count here ("US", "U.S.", "UK"), written in capitals, as words."""
    squeezed = re.sub(r"\b([A-Z])\.(?=[A-Z]\.)|(?<=\b[A-Z])\.(?=\s|$)", r"\1", name)
    for entry in data_file("countries.json")["countries"]:
        for alias in (entry["name"], *entry["aliases"]):
            if len(alias) <= 3 and not alias.isupper():
                continue
            if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", squeezed):
                return str(entry["name"])
    return None


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
