"""Section headings between numbered paragraphs: which lines are headings, and their levels."""

from __future__ import annotations

import re

from recsearch.clean import join_hyphenated

# "6. The Committee ..." or a bare "191." with the text on the next line.
# Session reports of the Council run past paragraph 999.
PARA = re.compile(r"^(\d{1,4})\.(?:\s+(\S.*))?$")
# A heading's last line may be a symbol in brackets: "(CERD/C/BRA/CO/18-20)".
BRACKETED = re.compile(r"\([^()\s]{6,}\)")
ROMAN_HEADING = re.compile(r"^[IVXL]{1,5}\.\s+\S")
LETTER_HEADING = re.compile(r"^[A-Z]\.\s+\S")
PART_HEADING = re.compile(r"^(DECLARATION|PROGRAMME OF ACTION|PLAN OF ACTION)$")
# A Council session report: "Part One" (the texts it adopted) and "Part Two" (the summary
# of proceedings); in Part One each resolution, decision or President's statement opens with
# its number on a line ("14/1", "14/101.", "PRST 14/1", or the number and its title) and
# numbers its operative paragraphs from 1.
REPORT_PART = re.compile(r"^Part (One|Two|Three|Four)(?:\s*[:.]\s*\S.*)?$", re.IGNORECASE)
ADOPTED_LIST = re.compile(
    r"^(?:[IVX]{1,4}\.\s+)?(Resolutions|Decisions|President[’']s statements)$", re.IGNORECASE
)
ADOPTED_TEXT = re.compile(r"^(?:(PRST)\s+)?(\d{1,2}/\d{1,3})\.?(?:\s+([A-Z“\"].*))?$")
# What follows an adopted text's last paragraph: its meeting, date and vote, up to the next.
ADOPTION_TRAILER = re.compile(r"^\d{1,3}(?:st|nd|rd|th) meeting$")
# The line that ends an adopted text's title and opens its preamble.
ADOPTED_OPENING = re.compile(r"^(?:The (?:Human Rights )?Council|At (?:its|the) \d)")
# A heading ends with no sentence punctuation; a line ending in one of these is text.
TEXT_END = re.compile(r"[.;:,!?]$")
SENTENCE_END = re.compile(r"[.;:!?)\]”\"’]$")
CONNECTOR = re.compile(
    r"\b(?:and|of|the|to|on|for|in|with|against|by|from|or|at|its|their|a|an)$", re.IGNORECASE
)
MAX_HEADING_LINES = 4
MAX_HEADING_CHARS = 200


def heading_level(text: str) -> int:
    """0 for a part (DECLARATION), 1 for I./Introduction, 2 for A., 3 for any other heading."""
    if PART_HEADING.match(text):
        return 0
    if ROMAN_HEADING.match(text) or text.lower() in ("introduction", "annex"):
        return 1
    if LETTER_HEADING.match(text):
        return 2
    return 3


def looks_like_heading(line: str) -> bool:
    """A short line with no sentence end that starts with a capital."""
    return _heading_candidate(line) and not line[:1].islower()


def split_headings(lines: list[str]) -> list[str]:
    """Group heading lines: wrapped lines join, a new lettered/numbered line starts anew."""
    heads: list[str] = []
    for line in lines:
        starts_new = bool(ROMAN_HEADING.match(line) or LETTER_HEADING.match(line))
        wraps = bool(heads) and bool(CONNECTOR.search(heads[-1]) or heads[-1].endswith(","))
        if heads and not starts_new and (wraps or line[:1].islower() or line[:1] == "("):
            heads[-1] = join_hyphenated(heads[-1], line)
        elif heads and not starts_new and heads[-1].isupper() and line.isupper():
            heads[-1] = f"{heads[-1]} {line}"  # "II. VICTIMS OF RACISM ..." wraps in capitals
        else:
            heads.append(line)
    return heads


def _heading_candidate(line: str) -> bool:
    return (
        0 < len(line) <= 120
        # A wrapped heading in capitals, or a lettered one, may break after a comma: "OF
        # RACISM, RACIAL", "II. Importance of general recommendations for the Committee,".
        and (not TEXT_END.search(line) or (line.endswith(",") and _comma_may_wrap(line)))
        and (not line.startswith("(") or bool(BRACKETED.fullmatch(line)))
        and not PARA.match(line)
    )


def _comma_may_wrap(line: str) -> bool:
    return line.isupper() or bool(ROMAN_HEADING.match(line) or LETTER_HEADING.match(line))


def pop_headings(lines: list[str]) -> list[str]:
    """Take the heading lines off the end of a paragraph's lines (they precede the next one)."""
    n = 0
    while n < min(MAX_HEADING_LINES, len(lines)) and _heading_candidate(lines[-1 - n]):
        n += 1
    # The block starts with a capital; a lower-case line only continues a wrapped heading.
    while n and not looks_like_heading(lines[len(lines) - n]):
        n -= 1
    block = lines[len(lines) - n :]
    # A lettered heading wraps anywhere ("II. Implementation of recommendations from the
    # previous" / "cycles"); any other block wraps in lower case only after a connector.
    formal = bool(block) and bool(ROMAN_HEADING.match(block[0]) or LETTER_HEADING.match(block[0]))
    for k in range(1, len(block)):
        if block[k][:1].islower() and not CONNECTOR.search(block[k - 1]) and not formal:
            return []
    if not n:
        return []
    rest = lines[: len(lines) - n]
    # Only a complete sentence before the block proves the block is not a wrapped tail; a
    # paragraph keeps at least its first line.
    if not rest or not SENTENCE_END.search(rest[-1]):
        return []
    if sum(len(x) for x in block) > MAX_HEADING_CHARS:
        return []
    del lines[len(lines) - n :]
    return block
