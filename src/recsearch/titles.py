"""Document titles: the title block of a first page, masthead and agenda lines skipped."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from recsearch.countries import data_file, normalise_country
from recsearch.masthead import is_furniture

TITLE_STOP = re.compile(
    r"^(?:(?:(?:[IVX]+\.\s+)?(?:Summary|Contents|CONTENTS|Introduction|INTRODUCTION)|Annex|"
    r"Abstract)\s*$|Note by|Vice-President|"
    r"President|Rapporteur:|Chair|\d{1,3}\.(?:\s|$)|[*∗]|Distr|GE\.|Original:|Please recycle)"
)
# Title lines are set large: a full-width line is body text, not title.
MAX_TITLE_LINE = 80


def _norm_letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace("’", "'"))


@cache
def _agenda_keys() -> tuple[str, ...]:
    return tuple(_norm_letters(x) for x in data_file("bodies.json")["hrc_agenda_items"])


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
        if not title and (not line or is_furniture(line, symbol)):
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
        if title and not wrapped and is_furniture(line, symbol) and not normalise_country(line):
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
