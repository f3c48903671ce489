"""Documents without numbered paragraphs: one record per text block, number None."""

from __future__ import annotations

import re

from recsearch.clean import join_lines
from recsearch.headings import SENTENCE_END, looks_like_heading
from recsearch.records import Document, Record, make_record

# Wording fallback for kind where the layout does not mark recommendations.
RECOMMENDS = re.compile(
    r"\b(?:recommends?|urges?|calls?\s+(?:up)?on|requests?|encourages?|invites?|"
    r"it is recommended)\b",
    re.IGNORECASE,
)


def unnumbered_blocks(pages: list[list[str]], doc: Document) -> list[Record]:
    """Documents without numbered paragraphs: one record per text block, number None."""
    blocks: list[tuple[int, list[str], list[str]]] = []  # page, section, lines
    section: list[str] = []
    for page_no, lines in enumerate(pages, start=1):
        width = max((len(x) for x in lines), default=0)
        block: list[str] = []
        for line in lines:
            if not block and looks_like_heading(line) and len(line) < 0.7 * width:
                section = [line]
                continue
            block.append(line)
            # A short line closing a sentence ends the block (the rest of the line is empty).
            if SENTENCE_END.search(line) and len(line) < 0.8 * width:
                blocks.append((page_no, list(section), block))
                block = []
        if block:
            blocks.append((page_no, list(section), block))
    out: list[Record] = []
    for page_no, sect, lines in blocks:
        text = join_lines(lines)
        if len(text) < 40:
            continue
        kind = "recommendation" if RECOMMENDS.search(text) else "observation"
        out.append(
            make_record(
                doc,
                number=None,
                text=text,
                index=len(out) + 1,
                section=sect,
                page=page_no,
                kind=kind,
            )
        )
    return out
