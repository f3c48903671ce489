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
