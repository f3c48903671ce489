"""Text cleaning for extracted PDF pages: small named steps applied in order (eyecite-style)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# Lines that are page furniture, never text. Each pattern is matched against the whole
# stripped line.
FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"GE\.\s?\d{2}-\d{4,6}\s*(?:\(\s*[EFS]\s*\))?.*",  # job number "GE.22-27770(E)"
        # An even page's footer: page number, then the job number ("4    GE.09-15299").
        r"\d{1,3}\s+GE\.\s?\d{2}-\d{4,6}\s*(?:\(\s*[EFSR]\s*\))?",
        r"\*\s?\d{6,8}\s?\*",  # barcode text "*2227770*"
        r"Please recycle.*",
        r"Page \d+",  # old layout header "A/HRC/8/27 Page 2" (symbol removed first)
        r"\d{1,3}",  # bare page number
        r"-\s?\d{1,3}\s?-",  # "- 5 -"
        r"United Nations",
        r"UNITED",
        r"NATIONS",
        r"[AES]",  # the big masthead letter of the old layout
        r"General Assembly",
        r"Economic and Social Council",
        r"Distr\.?(?::\s*General)?",
        r"GENERAL",
        r"Distr\.?:?\s*(?:General|Limited|Restricted)",
        # The masthead set on one line, as recent reports print it at the foot of page 1.
        r"(?:General Assembly|Economic and Social Council)\s+Distr\.?:?\s*(?:General|Limited)",
        r"Original:\s*\w+(?:\s*/\s*\w+)*",
        r"English|ENGLISH",
        r"Advance (?:unedited|edited) version",
        rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}",  # the masthead date line
    )
]

# A footnote body starts on an indented line with its marker: " 1 CERD/C/BRA/18-20.",
# " * Reissued for technical reasons", " ∗  Previously issued under ...", " 1 https://...".
# A footnote never opens with a lower-case word: an indented line "7 above, because ..." is
# wrapped text (first-cycle UPR reports indent a State's reply under its recommendations).
FOOTNOTE_START = re.compile(r"^\s+(\d{1,3}|[*∗]{1,3})\s+(?![a-z]+[\s,;])\S")
# A footnote separator rule prints as a line of spaces or underscores.
RULE = re.compile(r"^(?:\s{20,}|\s*_{5,}\s*)$")


@dataclass
class PageContext:
    """What the cleaners know about the document: its symbol and page number."""

    symbol: str | None = None
    page: int = 1
    footnotes: set[str] = field(default_factory=set)


Cleaner = Callable[[str, PageContext], str]


def _symbol_pattern(symbol: str | None) -> re.Pattern[str] | None:
    if not symbol:
        return None
    # Header lines print the symbol with optional reissue stars and "Page N".
    return re.compile(
        rf"^\s*(?:United Nations\s+)?{re.escape(symbol)}\s*[*∗]*\s*(?:Page\s+\d+)?\s*$",
        re.IGNORECASE,
    )


def strip_furniture(text: str, ctx: PageContext) -> str:
    """Drop running headers/footers: symbol + page number, job numbers, masthead, barcodes."""
    sym = _symbol_pattern(ctx.symbol)
    out = []
    for line in text.split("\n"):
        bare = line.strip()
        if sym and sym.match(line):
            continue
        if bare and any(p.fullmatch(bare) for p in FURNITURE):
            continue
        # "CERD/C/BRA/CO/18-20 2" or "2 CERD/C/BRA/CO/18-20": header with page number.
        if ctx.symbol and bare.replace(ctx.symbol, "").strip(" *∗").isdigit():
            continue
        out.append(line)
    return "\n".join(out)


def drop_footnotes(text: str, ctx: PageContext) -> str:
    """Drop footnote bodies at the foot of the page, remembering their markers."""
    lines = text.split("\n")
    # Footnotes sit in the lower part of the page; scanning only the bottom keeps indented
    # numbered lines higher up (tables, lists) safe.
    start = None
    for i, line in enumerate(lines):
        if i < len(lines) // 3 and ctx.page > 1:
            continue
        m = FOOTNOTE_START.match(line)
        if m and (start is None):
            prev = lines[i - 1] if i else ""
            # A marker line right after a rule, or any later marker line, opens the block.
            if RULE.match(prev) or not prev.strip() or i >= len(lines) // 2:
                start = i
        if m and start is not None:
            ctx.footnotes.add(m.group(1))
    if start is None:
        return text
    return "\n".join(lines[:start])


def drop_footnote_marks(text: str, ctx: PageContext) -> str:
    """Remove footnote markers glued to words: 'Brazil,1 submitted', 'session12 and', 'Review*'."""
    text = re.sub(r"(?<=[^\s*∗])[*∗]+(?:,[*∗]+)*", "", text)
    for mark in sorted((m for m in ctx.footnotes if m.isdigit()), key=len, reverse=True):
        text = re.sub(rf"(?<=[A-Za-z)\].,;:’”\"]){mark}(?=[\s,.;:)]|$)", "", text)
    return text


# Prefixes whose line-end hyphen is a real hyphen ("anti-\ndiscrimination").
KEEP_HYPHEN = frozenset(
    [
        "anti",
        "non",
        "self",
        "co",
        "cross",
        "ex",
        "multi",
        "post",
        "pre",
        "socio",
        "well",
        "long",
        "short",
        "full",
        "low",
        "high",
        "inter-",
        "semi",
        "sub",
        "quasi",
        "counter",
        "ill",
        "all",
    ]
)


# A word at a line end, before its hyphen; the search looks no further back than this.
_LINE_END_WORD = re.compile(r"(\w+)-$")
LONGEST_WORD = 64


def join_hyphenated(left: str, right: str) -> str:
    """Join two lines, undoing a line-end hyphenation unless the hyphen is part of the word."""
    # Only the tail can end in "word-": searching the whole (growing) paragraph made
    # joining a long paragraph's lines quadratic.
    m = _LINE_END_WORD.search(left[-LONGEST_WORD:]) if left.endswith("-") else None
    if m:
        # A line-end hyphen is never followed by a space in print: either the word was
        # split ("inter-national") or it is a compound ("non-State", "anti-discrimination").
        if right[:1].islower() and m.group(1).lower() not in KEEP_HYPHEN:
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def join_lines(lines: list[str]) -> str:
    """A paragraph's lines as one string: hyphenation undone, whitespace normalised."""
    parts: list[str] = []
    for line in lines:
        if parts and parts[-1].endswith("-"):
            # Only a hyphenated line end needs the word before it; the rest is appended.
            parts[-1] = join_hyphenated(parts[-1], line)
        elif parts:
            parts.append(" ")
            parts.append(line)
        else:
            parts.append(line)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def dehyphenate(text: str, ctx: PageContext) -> str:
    """Undo hyphenation at line ends within the page ('inter-\\nnational' -> 'international')."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and re.search(r"[A-Za-z]-\s*$", out[-1]) and line[:1].islower():
            out[-1] = join_hyphenated(out[-1].rstrip(), line.strip()).rstrip()
            # The joined line keeps its break after, so numbering at line starts survives.
            continue
        out.append(line)
    return "\n".join(out)


def normalise_whitespace(text: str, ctx: PageContext) -> str:
    """Non-breaking and odd spaces to plain spaces; trailing blanks off; blank lines out."""
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u00ad", "")
    lines = [re.sub(r"[ \t]+", " ", line).rstrip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip())


cleaners_lookup: dict[str, Cleaner] = {
    "furniture": strip_furniture,
    "footnotes": drop_footnotes,
    "footnote_marks": drop_footnote_marks,
    "dehyphenate": dehyphenate,
    "whitespace": normalise_whitespace,
}

# Order matters: the footnote block is cut first (on a first page it runs to the end, masthead
# included), then furniture; footnote markers go only once the footnote block told us which
# digits they are; hyphenation is undone before whitespace is normalised.
DEFAULT_STEPS = ("footnotes", "furniture", "footnote_marks", "dehyphenate", "whitespace")


def clean_text(text: str, steps: Iterable[str] = DEFAULT_STEPS, **context: object) -> str:
    """Apply the named cleaning steps in order to one page of text."""
    ctx = PageContext(**context)  # type: ignore[arg-type]
    for name in steps:
        text = cleaners_lookup[name](text, ctx)
    return text


# A short line printed on this share of pages (and at least 3) is a running header/footer.
REPEATED_SHARE = 0.4
REPEATED_MAX_CHARS = 60


def repeated_lines(pages: list[str]) -> set[str]:
    """Short lines repeated on many pages: running headers, footers, watermarks."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({x.strip() for x in page.split("\n") if 0 < len(x.strip()) <= 60})
    floor = max(3, REPEATED_SHARE * len(pages))
    return {line for line, n in counts.items() if n >= floor}


def strip_repeated(text: str, repeated: set[str]) -> str:
    """Drop the document's running lines from one page."""
    return "\n".join(x for x in text.split("\n") if x.strip() not in repeated)


def clean_pages(
    pages: list[str], symbol: str | None = None, steps: Iterable[str] = DEFAULT_STEPS
) -> list[str]:
    """Clean every page of a document with the same steps, after its running lines go."""
    steps = tuple(steps)
    repeated = repeated_lines(pages) if len(pages) >= 3 else set()
    return [
        clean_text(strip_repeated(p, repeated), steps, symbol=symbol, page=i + 1)
        for i, p in enumerate(pages)
    ]
