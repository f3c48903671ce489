"""Paragraph segmentation: cleaned page texts -> numbered paragraphs and UPR recommendations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recsearch.clean import join_hyphenated
from recsearch.countries import recommending_states
from recsearch.records import Document, Record, make_record

# "6. The Committee ..." or a bare "191." with the text on the next line.
PARA = re.compile(r"^(\d{1,3})\.(?:\s+(\S.*))?$")
# UPR recommendations printed in full: "119.1. Continue ...", "115.1 Take ..." (no dot).
SUBREC = re.compile(r"^(\d{1,3})\.(?:(\d{1,3})\.?|\.)(?:\s+(\S.*))?$")
# Table-of-contents lines carry dot leaders; they are never text.
LEADERS = re.compile(r"(?:\.\s?){5,}|…{2,}")
ROMAN_HEADING = re.compile(r"^[IVXL]{1,5}\.\s+\S")
LETTER_HEADING = re.compile(r"^[A-Z]\.\s+\S")
PART_HEADING = re.compile(r"^(DECLARATION|PROGRAMME OF ACTION|PLAN OF ACTION)$")
# Where the document body ends: annexes (UPR delegation lists) and subject indexes.
END_MARK = re.compile(
    r"^(?:Annexe?s?(?:\s+[IVX\d]+)?|ANNEXE?S?(?:\s+[IVX\d]+)?|Appendix|INDEX|Index)$"
    r"|^NUMBERING REFERS TO"
)
# A heading ends with no sentence punctuation; a line ending in one of these is text.
TEXT_END = re.compile(r"[.;:,!?]$")
SENTENCE_END = re.compile(r"[.;:!?)\]”\"’]$")
CONNECTOR = re.compile(
    r"\b(?:and|of|the|to|on|for|in|with|against|by|from|or|at|its|their|a|an)$", re.IGNORECASE
)
# A chapeau that announces a list of recommendations ("... enjoy the support of Brazil:").
CHAPEAU = re.compile(
    r"recommendations?\b.*\b(?:below|following|enjoy|examined|support|noted)"
    r"|following recommendations|it was recommended that",
    re.IGNORECASE | re.DOTALL,
)
# Wording fallback for kind where the layout does not mark recommendations.
RECOMMENDS = re.compile(
    r"\b(?:recommends?|urges?|calls?\s+(?:up)?on|requests?|encourages?|invites?|"
    r"it is recommended)\b",
    re.IGNORECASE,
)
REPORTED = re.compile(r"\b(?:had|has|have|was|were)\s+(?:recommended|requested|urged)\b")
MAX_HEADING_LINES = 4
MAX_HEADING_CHARS = 200


@dataclass
class _Para:
    number: str
    page: int
    section: list[str]
    lines: list[str] = field(default_factory=list)
    is_rec: bool = False
    printed: str | None = None


def _heading_level(text: str) -> int:
    if PART_HEADING.match(text):
        return 0
    if ROMAN_HEADING.match(text) or text.lower() in ("introduction", "annex"):
        return 1
    if LETTER_HEADING.match(text):
        return 2
    return 3


def _looks_like_heading(line: str) -> bool:
    return _heading_candidate(line) and not line[:1].islower()


def _split_headings(lines: list[str]) -> list[str]:
    """Group heading lines: wrapped lines join, a new lettered/numbered line starts anew."""
    heads: list[str] = []
    for line in lines:
        starts_new = bool(ROMAN_HEADING.match(line) or LETTER_HEADING.match(line))
        if heads and not starts_new and (CONNECTOR.search(heads[-1]) or line[:1].islower()):
            heads[-1] = join_hyphenated(heads[-1], line)
        elif heads and not starts_new and heads[-1].isupper() and line.isupper():
            heads[-1] = f"{heads[-1]} {line}"  # "II. VICTIMS OF RACISM ..." wraps in capitals
        else:
            heads.append(line)
    return heads


def _heading_candidate(line: str) -> bool:
    return (
        0 < len(line) <= 120
        # A wrapped heading in capitals may break after a comma: "OF RACISM, RACIAL".
        and (not TEXT_END.search(line) or (line.isupper() and line.endswith(",")))
        and not line.startswith("(")
        and not PARA.match(line)
    )


def _pop_headings(lines: list[str]) -> list[str]:
    """Take the heading lines off the end of a paragraph's lines (they precede the next one)."""
    n = 0
    while n < min(MAX_HEADING_LINES, len(lines)) and _heading_candidate(lines[-1 - n]):
        n += 1
    # The block starts with a capital; a lower-case line only continues a wrapped heading.
    while n and not _looks_like_heading(lines[len(lines) - n]):
        n -= 1
    block = lines[len(lines) - n :]
    for k in range(1, len(block)):
        if block[k][:1].islower() and not CONNECTOR.search(block[k - 1]):
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


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = join_hyphenated(text, line) if text else line
    return re.sub(r"\s+", " ", text).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_index_page(lines: list[str]) -> bool:
    """A subject index page: most lines end in paragraph references ('children, 30, 72')."""
    if len(lines) < 8:
        return False
    refs = sum(bool(re.search(r",\s*\d{1,3}(?:\s*,\s*\d{1,3})*,?$", x)) for x in lines)
    return refs >= 0.4 * len(lines)


class _Segmenter:
    def __init__(self, doc: Document, bold: list[str] | None) -> None:
        self.doc = doc
        self.bold = [_squash(b) for b in bold] if bold else []
        self.expected = 1
        self.paras: list[_Para] = []
        self.current: _Para | None = None
        self.preamble: list[str] = []
        self.stack: list[tuple[int, str]] = []
        self.part: str | None = None
        self.restart_pending = False
        self.rec_parent: int | None = None
        self.rec_next = 1
        self.rec_style = ""
        self.ended = False
        self.use_bold = False

    # --- headings -------------------------------------------------------------------
    def _push_heading(self, text: str) -> None:
        level = _heading_level(text)
        if level == 0:
            self.part = text.title().replace(" Of ", " of ")
            self.stack = [(0, self.part)]
            self.restart_pending = True
            return
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))

    def _take_headings(self) -> None:
        lines = self.current.lines if self.current else self.preamble
        if self.current is None and self.preamble:
            lines = [".", *self.preamble]  # the preamble may be all heading
        block = _pop_headings(lines)
        if self.current is None and self.preamble:
            self.preamble = lines[1:]
        if self.current is not None and self.current.is_rec and block:
            # Recommendations often end without punctuation; only a formal heading
            # ("III. VOLUNTARY COMMITMENTS ...") closes a recommendation block.
            first = block[0]
            if not (ROMAN_HEADING.match(first) or LETTER_HEADING.match(first) or first.isupper()):
                self.current.lines.extend(block)
                block = []
        heads = _split_headings(block)
        if not self.current:
            # Before paragraph 1 only formal headings count: the title block is not a heading.
            heads = [h for h in heads if _heading_level(h) != 3]
        for head in heads:
            self._push_heading(head)

    # --- paragraphs -----------------------------------------------------------------
    def _start(self, number: str, page: int, text: str | None, **kw: object) -> None:
        self._take_headings()
        self.current = _Para(number=number, page=page, section=[h for _, h in self.stack])
        for key, value in kw.items():
            setattr(self.current, key, value)
        if text:
            self.current.lines.append(text)
        self.paras.append(self.current)

    def _prev_line(self) -> str:
        lines = self.current.lines if self.current else self.preamble
        return lines[-1] if lines else ""

    def _try_top(self, line: str, page: int) -> bool:
        m = PARA.match(line)
        if not m:
            return False
        n, rest = int(m.group(1)), m.group(2)
        if rest and rest[:1].islower():
            return False
        if self.restart_pending and n == 1:
            self.restart_pending = False
            self.expected = 1
        ok = n == self.expected
        # One or two paragraph numbers lost to extraction: accept a small jump only where
        # the previous line closes a sentence, so "2010." inside text cannot pass.
        if not ok and self.expected < n <= self.expected + 2 and self.current:
            ok = bool(rest) and rest[:1].isupper() and bool(SENTENCE_END.search(self._prev_line()))
        if not ok:
            return False
        self.rec_parent = None
        self.expected = n + 1
        self._start(str(n), page, rest)
        return True

    def _try_rec(self, line: str, page: int) -> bool:
        if self.current is None:
            return False
        parent = int(self.current.number.split(".")[0])
        upr = self.doc.doc_type == "upr-report"
        m = SUBREC.match(line)
        if (
            m
            and int(m.group(1)) == parent
            and (upr or self.rec_parent == parent or CHAPEAU.search(" ".join(self.current.lines)))
        ):
            expected = self.rec_next if self.rec_parent == parent else 1
            k = expected if m.group(2) is None else int(m.group(2))
            # A number lost in the text layer ("116.. Consider") takes the expected one; a
            # skip of one or two is accepted after a closed recommendation.
            skip_ok = expected < k <= expected + 2 and (
                self.rec_parent != parent or bool(SENTENCE_END.search(self._prev_line()))
            )
            if k == expected or skip_ok:
                self.rec_parent, self.rec_next, self.rec_style = parent, k + 1, "full"
                self._start(f"{parent}.{k}", page, m.group(3), is_rec=True)
                return True
        m = PARA.match(line)
        if not m or not upr:
            return False
        k = int(m.group(1))
        if self.rec_parent == parent and self.rec_style == "short" and k == self.rec_next:
            self.rec_next = k + 1
            self._start(f"{parent}.{k}", page, m.group(2), is_rec=True, printed=str(k))
            return True
        # First-cycle layout: "1." right after a chapeau ending in a colon.
        chapeau = self.current if not self.current.is_rec else None
        if (
            k == 1
            and chapeau is not None
            and self.rec_parent is None
            and CHAPEAU.search(" ".join(chapeau.lines))
        ):
            self.rec_parent, self.rec_next, self.rec_style = parent, 2, "short"
            self._start(f"{parent}.1", page, m.group(2), is_rec=True, printed="1")
            return True
        return False

    def feed(self, line: str, page: int) -> None:
        if self.ended:
            return
        if LEADERS.search(line):
            return
        if END_MARK.match(line) and self.current:
            self.ended = True
            return
        if PART_HEADING.match(line):
            self._take_headings()
            self._push_heading(line)
            # The unnumbered chapeau of a new part belongs to no paragraph.
            self.current, self.preamble, self.rec_parent = None, [], None
            return
        if self._try_rec(line, page) or self._try_top(line, page):
            return
        (self.current.lines if self.current else self.preamble).append(line)

    # --- records --------------------------------------------------------------------
    def _is_bold(self, para: _Para, text: str) -> bool:
        if not self.bold or para.page > len(self.bold):
            return False
        probe = _squash(text)[:40]
        return bool(probe) and any(
            probe in self.bold[p - 1] for p in (para.page, para.page + 1) if p <= len(self.bold)
        )

    def _kind(self, para: _Para, text: str) -> str:
        if para.is_rec:
            return "recommendation"
        if self.doc.doc_type == "upr-report":
            return "observation"
        if self.use_bold:
            return "recommendation" if self._is_bold(para, text) else "observation"
        if RECOMMENDS.search(text) and not REPORTED.search(text):
            return "recommendation"
        return "observation"

    def records(self) -> list[Record]:
        if self.current is not None:
            _pop_headings(self.current.lines)  # trailing headings with nothing after them
        texts = [_join(para.lines) for para in self.paras]
        # Bold marks recommendations only where the document sets whole paragraphs in bold
        # (recent CERD observations); bold headings alone leave the wording rule in charge.
        bold_paras = sum(self._is_bold(p, t) for p, t in zip(self.paras, texts, strict=True))
        self.use_bold = self.doc.doc_type == "concluding-observations" and bold_paras >= 3
        out = []
        for i, (para, text) in enumerate(zip(self.paras, texts, strict=True)):
            extra: dict[str, object] = {}
            if para.is_rec:
                extra["recommending_states"] = recommending_states(text)
            out.append(
                make_record(
                    self.doc,
                    number=para.number,
                    text=text,
                    index=i + 1,
                    section=para.section,
                    page=para.page,
                    kind=self._kind(para, text),
                    **extra,
                )
            )
        if self.part is not None:
            # Numbering restarts per part: the part goes into the id so ids stay citable.
            for rec in out:
                if rec.section and rec.section[0] in (
                    "Declaration",
                    "Programme of Action",
                    "Plan of Action",
                ):
                    key, local = rec.id.rsplit("/", 1)
                    rec.id = f"{key}/{rec.section[0].lower().replace(' ', '-')}/{local}"
        return out


def _unnumbered(pages: list[list[str]], doc: Document) -> list[Record]:
    """Documents without numbered paragraphs: one record per text block, number None."""
    blocks: list[tuple[int, list[str], list[str]]] = []  # page, section, lines
    section: list[str] = []
    for page_no, lines in enumerate(pages, start=1):
        width = max((len(x) for x in lines), default=0)
        block: list[str] = []
        for line in lines:
            if not block and _looks_like_heading(line) and len(line) < 0.7 * width:
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
        text = _join(lines)
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


def segment_pages(
    pages: list[str], doc: Document, *, bold: list[str] | None = None
) -> list[Record]:
    """Numbered paragraphs / UPR recommendations with number, section, page, text and kind."""
    page_lines = [[x.strip() for x in p.split("\n") if x.strip()] for p in pages]
    seg = _Segmenter(doc, bold)
    for page_no, lines in enumerate(page_lines, start=1):
        if _is_index_page(lines):
            continue
        for line in lines:
            seg.feed(line, page_no)
    if not seg.paras:
        return _unnumbered(page_lines, doc)
    return seg.records()
