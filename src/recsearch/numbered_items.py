"""Numbered items in text blocks: action-plan steps '1.'/'1(a)', and quoted mechanism paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_ROMAN_HEAD = re.compile(r"^([IVX]{1,5})\.\s+(\S.{0,150})$")
ITEM = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
LETTER = re.compile(r"^\(?([a-z])\)\s+(\S.*)$")
_TIMELINE = re.compile(r"^(Implementation timeline:\s*\d{4}(?:\s*[-–]\s*\d{4})?)(?=[A-Z])")
# A paragraph in a treaty body's voice, quoted on a web page.
_MECHANISM_VOICE = re.compile(
    r"^The (CERD\b[^.]{0,80}?Committee|Committee|Special Rapporteur|Working Group|Human Rights"
    r" Council|Council)\b[^.]{0,40}\b(is|are|was|were|recommends|urges|calls|requests|"
    r"encourages|invites|notes|welcomes|expresses|remains|reiterates|regrets|also|further)\b"
)
_SUBPARA = re.compile(r"^\([a-z]{1,3}\)\s")
# Shorter blocks on a saved page are banners and labels ("International Human Rights Day
# Call to Action!"), not paragraphs.
MIN_PAGE_PARAGRAPH = 60
# Page chrome in sentence form: share buttons and fundraising ("Invite others to share the
# above information. - Facebook, Tweet,", "Please donate, and share this opportunity").
_APPEAL = re.compile(
    r"(?:Facebook|Twitter|Tweet|LinkedIn|WhatsApp)\W*$|\bplease donate\b|\bforward this post\b",
    re.IGNORECASE,
)


def is_heading_text(text: str) -> bool:
    """Short and not a sentence: a heading such as 'Increasing access to information'."""
    return len(text) <= 110 and not re.search(r"[.;!?]$", text.rstrip(" :"))


def _is_chapeau(text: str) -> bool:
    """'The Committee recommends that …:' introduces sub-paragraphs; a title does not."""
    return len(text) > 80 or bool(re.match(r"(The|This|These|It|We|Our|States?)\b", text))


def _add_timeline(item: Item, timeline: str) -> None:
    if "Implementation timeline" not in item.text:
        item.text += " " + timeline


@dataclass
class Item:
    """A numbered item found in text blocks, before it becomes a record."""

    number: str | None
    text: str
    section: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def numbered_items(blocks: list[str]) -> list[Item]:
    """Numbered items '1.' / '1. Heading' + 'a)' from blocks; unnumbered intro text is left out."""
    items: list[Item] = []
    roman: str | None = None
    heading: str | None = None  # the current numbered heading's label ("1. Strengthening …")
    parent: str | None = None  # its number, when it is a heading with lettered children
    open_item: Item | None = None
    list_intro: str | None = None  # "In cities:" before an unheaded 1-5 list

    def sect() -> list[str]:
        return [s for s in (roman, heading or list_intro) if s]

    for block in blocks:
        timeline = _TIMELINE.match(block)
        if timeline and open_item is not None:
            # A timeline glued to the next item belongs to the item before it.
            _add_timeline(open_item, timeline.group(1))
            block = block[timeline.end() :].lstrip()
        if (m := _ROMAN_HEAD.match(block)) and is_heading_text(m.group(2)):
            roman, heading, parent, open_item, list_intro = block, None, None, None, None
            continue
        if m := ITEM.match(block):
            num, rest = m.group(1), m.group(2).strip()
            colon = rest.endswith(":")
            if (colon and not _is_chapeau(rest)) or (not colon and is_heading_text(rest)):
                heading, parent = f"{num}. {rest.rstrip(' :')}", num
                open_item = None
                continue
            heading, parent = None, None
            open_item = Item(num, rest, sect())
            items.append(open_item)
            continue
        if (m := LETTER.match(block)) and parent is not None:
            # Drop the glitch where a lettered label precedes a glued timeline.
            text = m.group(2).strip()
            glued = _TIMELINE.match(text)
            if glued and open_item is not None:
                _add_timeline(open_item, glued.group(1))
                text = text[glued.end() :].lstrip()
            open_item = Item(f"{parent}({m.group(1)})", text, sect())
            items.append(open_item)
            continue
        if (m := LETTER.match(block)) and parent is None:
            if open_item is not None and open_item.number is not None:
                # "(a) …" under a chapeau paragraph stays inside that paragraph.
                open_item.text += f"\n({m.group(1)}) {m.group(2).strip()}"
            else:
                open_item = None  # lettered points outside a numbered item (objectives)
            continue
        if block.endswith(":") and len(block) <= 110:
            list_intro, heading, parent, open_item = block.rstrip(" :"), None, None, None
            continue
        if open_item is not None:
            open_item.text += " " + block  # continuation (e.g. its implementation timeline)
            continue
        if parent is not None and not any(
            it.number is not None and it.number.split("(")[0] == parent for it in items
        ):
            # A numbered heading followed by plain paragraphs: those are its item.
            open_item = Item(parent, block, sect())
            items.append(open_item)
            continue
    return items


def quoted_mechanism_items(blocks: list[str], *, own_paragraphs: bool = False) -> list[Item]:
    """Paragraphs a page quotes in a mechanism's voice, with their (a), (b) sub-paragraphs.

    With own_paragraphs, the page's own body paragraphs around the quotes come too, in
    document order: the campaign text that frames the quoted recommendations.
    """
    items: list[Item] = []
    quoted = 0
    current: Item | None = None
    # A list whose every item prints "1." (a web list saved as text) has no real numbers.
    numbers = [m.group(1) for b in blocks if (m := ITEM.match(b))]
    numbered = len(set(numbers)) == len(numbers)
    for block in blocks:
        if _MECHANISM_VOICE.match(block):
            current = Item(None, block)
            items.append(current)
            quoted += 1
            continue
        if current is not None and _SUBPARA.match(block):
            current.text += "\n" + block
            continue
        current = None
        if own_paragraphs and block is not blocks[0]:
            m = ITEM.match(block)
            text = m.group(2) if m else block
            if _is_page_paragraph(text):
                items.append(Item(m.group(1) if m and numbered else None, text))
    # A page that quotes no mechanism is read another way (numbered steps or paragraphs).
    return items if quoted else []


def _is_page_paragraph(text: str) -> bool:
    """Body text of the page, not a heading, a banner or a share/donate appeal."""
    return (
        len(text) >= MIN_PAGE_PARAGRAPH and not is_heading_text(text) and not _APPEAL.search(text)
    )
