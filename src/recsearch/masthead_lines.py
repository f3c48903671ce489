"""Masthead lines as PDF text layers mangle them: dashes, typos, glued and doubled words."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from recsearch.masthead import FOREIGN_MONTHS, MONTH_NAMES, ORDINALS, TENS, TENS_ORD, is_furniture

# A session line as text layers mangle it: "Twenty–sixth session" (en dash), "Thirteenth-
# session", "Thirty-first session session", "Twenty-seventh special session12" (footnote
# numbers), "41st period of sessions" (a translation).
SESSION_REPAIRS = (
    (re.compile(r"(?<=[a-z])[–—](?=[a-z])"), "-"),
    (re.compile(r"-(?=session\b)", re.I), " "),
    (re.compile(r"\b(session)(?:\s+session)+\b", re.I), r"\1"),
    (re.compile(r"\b(sessions?)\d{1,2}$", re.I), r"\1"),
    (re.compile(r"^(\d{1,3}(?:st|nd|rd|th))\s+period\s+of\s+sessions$", re.I), r"\1 session"),
)
# Organ names a text layer runs into the next masthead line: "Human Rights CouncilThirty-
# second session".
GLUED_ORGAN = re.compile(r"^(Human Rights Council|General Assembly)(?=[A-Z])")
# Words of a translation's or an old masthead's furniture.
OTHER_MASTHEAD = re.compile(r"Unofficial translation|General Distribution", re.IGNORECASE)


def is_masthead_line(line: str, symbol: str | None) -> bool:
    """Masthead furniture, also as text layers mangle it (dashes, typos, glued lines)."""
    if is_furniture(line, symbol):
        return True
    bare = line.strip(" *∗")
    repaired = bare
    for pattern, repl in SESSION_REPAIRS:
        repaired = pattern.sub(repl, repaired)
    if repaired != bare and is_furniture(repaired, symbol):
        return True
    # The symbol's tail set with a space: "PRST 27/2" under "Statement by the President".
    if symbol and re.fullmatch(r"[A-Z]+ \d+/\d+\.?", bare):
        return symbol.endswith("/" + bare.rstrip(".").replace(" ", "/"))
    if m := GLUED_ORGAN.match(bare):
        return is_masthead_line(bare[m.end() :], symbol)
    # A stray lower-case token above the masthead ("ope6", a typist's tag): titles start with
    # a capital.
    stray = re.fullmatch(r"[a-z][a-z0-9]{0,7}", bare)
    return bool(stray or OTHER_MASTHEAD.fullmatch(bare) or _is_ordinal(bare) or _is_date_line(bare))


def _is_ordinal(word: str) -> bool:
    """'Thirty-third', 'Fifth': a session number whose word 'session' went missing."""
    w = word.lower()
    tens, _, unit = w.partition("-")
    if unit:
        return tens in TENS and unit in ORDINALS and ORDINALS[unit] < 10
    return w in ORDINALS or w in TENS_ORD


# Words between the parts of a date range, in English, French and Spanish.
DATE_JOINERS = {"to", "and", "au", "et", "du", "de", "a", "al", "y"}


def _is_date_line(line: str) -> bool:
    """Only months (as spelt, or misspelt by a letter or two), days, a year and joiners."""
    tokens = re.findall(r"[^\W\d_]+|\d+", line)
    months = [t for t in tokens if _month(t)]
    years = [t for t in tokens if re.fullmatch(r"(?:19|20)\d{2}", t)]
    words = [t for t in tokens if not t.isdigit() and not _month(t)]
    numbers_ok = all(len(t) <= 4 for t in tokens if t.isdigit())
    joiners_only = all(t.lower() in DATE_JOINERS for t in words)
    return bool(months) and bool(years) and joiners_only and numbers_ok


def _month(token: str) -> bool:
    """'June', 'Februray', 'juin': a month name, a letter or two astray."""
    t = token.lower()
    if t in MONTH_NAMES or t in FOREIGN_MONTHS:
        return True
    return len(t) >= 5 and any(_similar(t, m) for m in MONTH_NAMES)


def _similar(a: str, b: str, least: float = 0.85) -> bool:
    """difflib's ratio at least `least`; its cheap upper bounds rule most pairs out first."""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sm.real_quick_ratio() >= least and sm.quick_ratio() >= least and sm.ratio() >= least
