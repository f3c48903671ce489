"""What a symbol or file name spells: the symbol itself, and the year it implies."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# UPR Working Group sessions by the year they sat (OHCHR session calendar); the
# exports give only the session number.
UPR_SESSION_YEAR = {
    **dict.fromkeys(range(1, 4), 2008),
    **dict.fromkeys(range(4, 7), 2009),
    **dict.fromkeys(range(7, 10), 2010),
    **dict.fromkeys(range(10, 13), 2011),
    **dict.fromkeys(range(13, 15), 2012),
    **dict.fromkeys(range(15, 18), 2013),
    **dict.fromkeys(range(18, 21), 2014),
    **dict.fromkeys(range(21, 24), 2015),
    **dict.fromkeys(range(24, 27), 2016),
    **dict.fromkeys(range(27, 29), 2017),
    **dict.fromkeys(range(29, 32), 2018),
    **dict.fromkeys(range(32, 35), 2019),
    **dict.fromkeys(range(35, 37), 2020),
    **dict.fromkeys(range(37, 40), 2021),
    **dict.fromkeys(range(40, 42), 2022),
    **dict.fromkeys(range(42, 45), 2023),
    **dict.fromkeys(range(45, 48), 2024),
    **dict.fromkeys(range(48, 51), 2025),
}


def year_from_symbol(symbol: str | None) -> int | None:
    """Year a symbol implies: a printed year, a GA session (A/60/…), or an HRC session."""
    if not symbol:
        return None
    if m := re.search(r"/((?:19|20)\d{2})(?:/|$)", symbol):
        return int(m.group(1))
    if m := re.match(r"A/HRC/(\d+)/", symbol):
        # Three regular Council sessions a year since June 2006 (session 1).
        return 2006 + (int(m.group(1)) - 1) // 3
    if (m := re.match(r"A/(\d{2})/", symbol)) and int(m.group(1)) <= 80:
        return 1945 + int(m.group(1))
    return None


_SYMBOL_HEAD = ("A", "E", "CERD", "CCPR", "CRC", "CEDAW", "CAT", "CRPD", "CMW", "CED", "HRI", "S")
_SYMBOL_PART = re.compile(
    r"^(?:\d+(?:-\d+)?|[A-Z]{1,6}|C\.\d+|CN\.\d+|WG\.\d+|(?i:rev|add|corr|misc)\.\d+)$"
)


def _series_case(part: str) -> str:
    """ "rev.3" -> "Rev.3": the suffixes are capitalised in symbols, the series letters upper."""
    if m := re.fullmatch(r"(rev|add|corr|misc)\.(\d+)", part, re.IGNORECASE):
        return f"{m.group(1).capitalize()}.{m.group(2)}"
    return part


def symbol_from_name(source: str) -> str | None:
    """A UN symbol spelled in a file name: 'CERD_C_GC_32.json' -> 'CERD/C/GC/32'."""
    stem = re.split(r"[–—]", PurePosixPath(source).stem)[0]  # joint symbols: keep the first
    raw: list[str] = []
    for part in stem.split("_"):
        if raw and raw[-1].endswith(".") and part.isdigit():
            raw[-1] += part  # "Add._10" -> "Add.10"
        elif part.strip("."):
            raw.append(part)
    parts = [p.rstrip(".") for p in raw]
    for start, head in enumerate(parts):
        if head not in _SYMBOL_HEAD:
            continue
        run = [head]
        for part in parts[start + 1 :]:
            if not _SYMBOL_PART.match(part):
                break
            if part in _SYMBOL_HEAD and any(p[0].isdigit() for p in run[1:]):
                break  # a second symbol of a joint text: "CRC_C_GC_22_CMW_C_GC_3"
            run.append(_series_case(part))
        if len(run) >= 3 and any(p[0].isdigit() for p in run[1:]):
            symbol = "/".join(run)
            return symbol.replace("E/CN/4", "E/CN.4")
    return None
