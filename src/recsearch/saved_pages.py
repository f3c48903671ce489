"""Saved web pages as text: comment forms, share links and footers off; blank-line blocks."""

from __future__ import annotations

import re

from recsearch.numbered_items import ITEM, LETTER

# Lines that are page furniture of a saved web page, never content.
_JUNK_LINE = re.compile(
    r"^\s*(back to top|share( this)?|print|tweet|facebook|email this|skip to (main )?content"
    r"|more information about formatting options|monthly feature)\s*[.!]?\s*$",
    re.IGNORECASE,
)
# Where a comment form or captcha starts, the page's own content has ended.
_TAIL_START = re.compile(
    r"^\s*(add (new )?comment|leave a (reply|comment)|post a comment|\d+ comments?"
    r"|this question is for testing whether you are a human visitor)\s*$",
    re.IGNORECASE,
)
# Word's footnote markup as saved to text: "[footnoteRef:1]" and "[1: note text ]".
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\d+\]")
_FOOTNOTE_TEXT = re.compile(r"\[\d+:\s[^\]]*\]")
_PROMO = re.compile(
    r"^(join|sign|read|click|donate|subscribe|follow|download|register)\b.{0,70}$", re.IGNORECASE
)
_CONTACT_LINE = re.compile(
    r"^\s*(tel\.?|phone|fax|e-?mail|contact)\s*[:.]|\(at\)|@\w+\.\w+|^\s*\d{1,5}\s+\w+ street",
    re.IGNORECASE,
)


def clean_page_text(text: str) -> str:
    """Drop comment forms, captchas, 'Back to top', Word footnote markup from saved page text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _FOOTNOTE_REF.sub("", text)
    text = _FOOTNOTE_TEXT.sub("", text)
    kept: list[str] = []
    for line in text.split("\n"):
        if _TAIL_START.match(line):
            break
        if _JUNK_LINE.match(line):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept)


def split_blocks(text: str) -> list[str]:
    """Blank-line separated blocks; a block is re-split where numbered list lines start."""
    blocks: list[str] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
        current: list[str] = []
        for line in lines:
            if current and (ITEM.match(line) or LETTER.match(line)):
                blocks.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append(" ".join(current))
    blocks = [re.sub(r"\s+", " ", b).strip() for b in blocks]
    # Bare page numbers and short promotional lines ("Join the call and sign the petition!").
    return [b for b in blocks if b and not b.isdigit() and not _PROMO.match(b)]


def drop_contact_tail(blocks: list[str]) -> list[str]:
    """Cut a trailing run of short address/contact blocks (the page's footer)."""
    end = len(blocks)
    i = end - 1
    while i >= 0 and len(blocks[i]) < 300 and not ITEM.match(blocks[i]):
        i -= 1
    tail = blocks[i + 1 : end]
    if tail and any(_CONTACT_LINE.search(b) for b in tail):
        return blocks[: i + 1]
    return blocks


# --- The issuing organisation of a saved page (its `body`) ---

# How far into the page its issuer is named: the title and the lead paragraphs.
LEAD_CHARS = 3000

# Known issuers of the plans and calls saved as pages, by the names pages print, with the
# short name the body facet shows. "ICCAR" is UNESCO's International Coalition of Inclusive
# and Sustainable Cities, so a page naming both gives "UNESCO ICCAR" once.
KNOWN_ISSUERS: tuple[tuple[str, str], ...] = (
    (r"(?:U\.S\.|US|United States) Conference of Mayors", "U.S. Conference of Mayors"),
    (
        r"International Coalition of (?:Inclusive and Sustainable )?Cities\b|\bICCAR\b",
        "UNESCO ICCAR",
    ),
    (r"European Coalition of Cities against Racism|\bECCAR\b", "ECCAR"),
    (r"\bUNESCO\b|United Nations Educational, Scientific and Cultural Organization", "UNESCO"),
    (r"Office of the (?:United Nations )?High Commissioner for Human Rights|\bOHCHR\b", "OHCHR"),
    (r"European Commission against Racism and Intolerance|\bECRI\b", "ECRI"),
    (r"European Network Against Racism|\bENAR\b", "ENAR"),
)
_KNOWN = [(re.compile(pattern), name) for pattern, name in KNOWN_ISSUERS]

# A capitalised organisation name within one line: words starting upper-case (or "U.S."),
# joined by "of", "on", "for", "at", "and", "the": "US Human Rights Network", "Human Rights at
# Home Campaign".
_NAME = (
    r"(?:[A-Z][\w.’'-]*|U\.S\.)"
    r"(?:[ \t]+(?:(?:of|on|for|at|and|the|against)[ \t]+)*[A-Z][\w.’'-]*)*"
)

# What ends an organisation's name: "US Human Rights Network", "... Campaign".
_ORG_NOUN = re.compile(
    r"\b(?:Network|Campaign|Coalition|Conference(?: of Mayors)?|Alliance|Association|Council"
    r"|Federation|Foundation|Institute|Organi[sz]ation|Committee|Commission|Union|Forum"
    r"|Centre|Center|League|Society|Movement|Project)\b"
)

# The issuer acting: "The US Human Rights Network and the Human Rights at Home Campaign
# launched the Once And For All campaign", "The United States Conference of Mayors in
# cooperation with UNESCO ... launched the U.S. Coalition". Partners after "in cooperation
# with" co-sponsor; the subject issues.
_LAUNCH = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?:The\s+)?(?P<who>{_NAME})"
    r"(?:\s+(?:in\s+cooperation|together|in\s+partnership|jointly)\s+with\s+[^.]{0,120}?)?"
    r"\s+(?:has\s+|have\s+)?(?:launched|issued|published|released|adopted|developed|initiated)\b"
)

# Steps a page lists under its issuer's name: "Through The U.S. Conference of Mayors:".
_THROUGH = re.compile(rf"^\s*Through\s+(?:[Tt]he\s+)?(?P<who>{_NAME})\s*:", re.MULTILINE)

# A UN inter-agency network names itself in its plan: "to support the UN Network on Racial
# Discrimination and the Protection of Minorities in achieving ...".
_UN_NETWORK = re.compile(
    r"\b(?:UN|United\s+Nations)\s+Network\s+on\s+(?P<on>[A-Z][\w-]*(?:\s+(?:(?:and|of|the|on"
    r"|for)\s+)*[A-Z][\w-]*)*)"
)


def _org_names(who: str) -> list[str]:
    """The organisations in a subject: "X and the Y" is two when each is an organisation."""
    parts = re.split(r",\s+|\s+and\s+(?:the\s+)?", who)
    if len(parts) > 1 and all(_ORG_NOUN.search(p) or _known(p) for p in parts):
        return parts
    return [who] if _ORG_NOUN.search(who) or _known(who) else []


def _known(name: str) -> str | None:
    return next((short for pattern, short in _KNOWN if pattern.search(name)), None)


def issuing_organisation(text: str) -> str | None:
    """The organisation(s) a saved page's title and lead text present as its issuer.

    Joined by " / " in order of first mention: "U.S. Conference of Mayors / UNESCO ICCAR".
    Mechanisms the page merely cites (a committee, a rapporteur) are not issuers.
    """
    lead = text[:LEAD_CHARS]
    found: list[tuple[int, str]] = []
    for pattern in (_LAUNCH, _THROUGH):
        for m in pattern.finditer(lead):
            who = m.group("who")
            found += [(m.start("who") + who.find(n), n) for n in _org_names(who)]
    if network := _UN_NETWORK.search(lead):
        # Official network names carry no articles: "... and Protection of Minorities".
        on = re.sub(r"\s+", " ", network.group("on"))
        on = re.sub(r"\b(and|on|of)\s+the\s+", r"\1 ", on)
        found.append((network.start(), f"UN Network on {on}"))
    for pattern, short in _KNOWN:
        # A coalition of cities issues its members' plans; other known issuers must act.
        if short in ("UNESCO ICCAR", "ECCAR") and (hit := pattern.search(lead)):
            found.append((hit.start(), short))
    names: list[str] = []
    for _, name in sorted(found):
        name = _known(name) or re.sub(r"^(?:[Tt]he)\s+", "", name)
        if name not in names:
            names.append(name)
    # "UNESCO" named beside "UNESCO ICCAR" is the same issuer.
    names = [n for n in names if not any(n != o and o.startswith(n + " ") for o in names)]
    return " / ".join(names) or None
