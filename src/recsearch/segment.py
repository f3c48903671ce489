"""Paragraph segmentation: cleaned page texts -> numbered paragraphs and UPR recommendations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from recsearch.clean import MONTHS, join_lines
from recsearch.countries import recommending_states
from recsearch.headings import (
    ADOPTED_LIST,
    ADOPTED_OPENING,
    ADOPTED_TEXT,
    ADOPTION_TRAILER,
    LETTER_HEADING,
    PARA,
    PART_HEADING,
    REPORT_PART,
    ROMAN_HEADING,
    SENTENCE_END,
    heading_level,
    pop_headings,
    split_headings,
)
from recsearch.records import Document, Record, make_record, slug
from recsearch.unnumbered import RECOMMENDS, unnumbered_blocks

# UPR recommendations printed in full: "119.1. Continue ...", "115.1 Take ..." (no dot).
SUBREC = re.compile(r"^(\d{1,3})\.(?:(\d{1,3})\.?|\.)(?:\s+(\S.*))?$")
# Numbers misprinted in older reports, taken only where exactly the expected number opens a
# sentence after a closed one: a paragraph number without its dot or with a comma ("36    The
# Government", "42, The State"), ...
LOOSE_PARA = re.compile(rf"^(\d{{1,3}})(?:\s*,\s*|\s+)(?!(?:{MONTHS})\b)([A-Z“\"].*)$")
# ... and a recommendation number inside a block of N.k with a wrong parent ("85.75." under
# 86), a hyphen ("125-15."), a space ("111. 29"), a lost k ("138. Step up") or a lost leading
# digit ("118.09" for 118.109).
LOOSE_SUBREC = re.compile(r"^(\d{1,3})\s?[.,-]\s?(\d{1,3})?\.?\s+([A-Z“\"].*)$")
# One reply to several recommendations, numbered by all of them (a State's addendum):
# "5., 6., 7., 8., 9.   The Government accepts these recommendations."
# The run may wrap: "40., 41., 42.,   Slovenia accepts ..." with "43., 44." on the next line.
NUMBER_RUN = re.compile(r"^(\d{1,3}\.(?:\s*,?\s*\d{1,3}\.)*),?(?:\s+(\S.*))?$")
GROUPED = re.compile(r"^(\d{1,3})\.((?:\s*,?\s*\d{1,3}\.)+),?(?:\s+(\S.*))?$")
# Table-of-contents lines carry dot leaders; they are never text.
LEADERS = re.compile(r"(?:\.\s?){5,}|…{2,}")
# Where the document body ends: annexes (UPR delegation lists), subject indexes and endnotes
# (recent compilations print their footnotes as "Notes" after the last paragraph).
END_MARK = re.compile(
    r"^(?:Annexe?s?(?:\s+[IVX\d]+)?|ANNEXE?S?(?:\s+[IVX\d]+)?|Appendix|INDEX|Index"
    r"|Notes|Endnotes)$"
    r"|^NUMBERING REFERS TO"
)
# A chapeau that announces a list of recommendations ("... enjoy the support of Brazil:").
CHAPEAU = re.compile(
    r"recommendations?\b.*\b(?:below|following|enjoy|examined|support|noted)"
    r"|following recommendations|it was recommended that",
    re.IGNORECASE | re.DOTALL,
)
REPORTED = re.compile(r"\b(?:had|has|have|was|were)\s+(?:recommended|requested|urged)\b")


@dataclass
class _Para:
    number: str
    page: int
    section: list[str]
    lines: list[str] = field(default_factory=list)
    is_rec: bool = False
    printed: str | None = None
    group: list[int] = field(default_factory=list)  # a run of numbers sharing one reply


def _part_name(heading: str) -> str:
    """'PROGRAMME OF ACTION' -> 'Programme of Action'."""
    return heading.title().replace(" Of ", " of ")


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
        self.parts: set[str] = set()  # parts whose numbering restarts: named in their ids
        self.acts = False  # among the texts a Council session report adopted (Part One)
        self.act_kind = "Resolution"
        self.act_title: list[str] | None = None  # the title lines of the text begun
        self.skipping = False  # an adopted text's meeting, date and vote
        self.restart_pending = False
        self.rec_parent: int | None = None
        self.rec_next = 1
        self.rec_style = ""
        self.ended = False
        self.use_bold = False
        self.used: set[int] = set()  # numbers taken by runs, skipped when counting on

    # --- headings -------------------------------------------------------------------
    def _push_heading(self, text: str) -> None:
        level = heading_level(text)
        if level == 0:
            self._enter_part(_part_name(text))
            return
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))

    def _take_headings(self) -> None:
        lines = self.current.lines if self.current else self.preamble
        if self.current is None and self.preamble:
            lines = [".", *self.preamble]  # the preamble may be all heading
        block = pop_headings(lines)
        if self.current is None and self.preamble:
            self.preamble = lines[1:]
        if self.current is not None and self.current.is_rec and block:
            # Recommendations often end without punctuation; only a formal heading
            # ("III. VOLUNTARY COMMITMENTS ...") closes a recommendation block.
            first = block[0]
            if not (ROMAN_HEADING.match(first) or LETTER_HEADING.match(first) or first.isupper()):
                self.current.lines.extend(block)
                block = []
        heads = split_headings(block)
        if not self.current:
            # Before paragraph 1 only formal headings count: the title block is not a heading.
            heads = [h for h in heads if heading_level(h) != 3]
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

    def _try_misprinted_rec(self, line: str, page: int, parent: int) -> bool:
        """A recommendation whose printed number is off, at a sentence start in its block."""
        m = LOOSE_SUBREC.match(line)
        if not m or not SENTENCE_END.search(self._prev_line()):
            return False
        printed_parent, printed_k = m.group(1), m.group(2)
        expected = self.rec_next
        if printed_k is None:
            ok = int(printed_parent) == parent
        elif int(printed_k) == expected:
            ok = len(printed_parent) == len(str(parent))
        else:
            ok = (
                int(printed_parent) == parent
                and printed_k.startswith("0")
                and str(expected).endswith(printed_k)
            )
        if not ok:
            return False
        self.rec_next = expected + 1
        self._start(f"{parent}.{expected}", page, m.group(3), is_rec=True)
        return True

    def _try_grouped(self, line: str, page: int) -> bool:
        """A paragraph numbered by a run of numbers ("5., 6., 7."), from the expected one on."""
        current = self.current
        if current is not None and current.group and len(current.lines) <= 1:
            run = NUMBER_RUN.match(line)
            more = [int(x) for x in re.findall(r"\d+", run.group(1))] if run else []
            rest = run.group(2) if run else None
            # A bare "43." line is the next paragraph's number (its text on the next line).
            wraps = len(more) > 1 if not rest else rest[:1].islower()
            if more and more[0] > current.group[-1] and wraps:
                # The wrapped rest of the run: "83., 85., 86., 87. decision by the Court ...".
                self._group(current, current.group + more)
                if rest:
                    current.lines.append(rest)
                return True
        m = GROUPED.match(line)
        if not m or int(m.group(1)) != self.expected:
            return False
        numbers = [int(m.group(1)), *map(int, re.findall(r"\d+", m.group(2)))]
        if any(b <= a for a, b in pairwise(numbers)):
            return False
        self.rec_parent = None
        self._start("", page, m.group(3))
        assert self.current is not None
        self._group(self.current, numbers)
        return True

    def _group(self, para: _Para, numbers: list[int]) -> None:
        """Number a paragraph by its run; numbers the run skips come next (replies by number)."""
        para.group = numbers
        contiguous = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        para.number = f"{numbers[0]}-{numbers[-1]}" if contiguous else ",".join(map(str, numbers))
        self.used.update(numbers)
        self.expected = numbers[0] + 1
        while self.expected in self.used:
            self.expected += 1

    def _try_top(self, line: str, page: int) -> bool:
        if self._try_grouped(line, page):
            return True
        m = PARA.match(line)
        loose = LOOSE_PARA.match(line) if not m else None
        if (
            loose
            and int(loose.group(1)) == self.expected
            and (self.current is None or SENTENCE_END.search(self._prev_line()))
        ):
            m = loose
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
        while self.expected in self.used:
            self.expected += 1
        self._start(str(n), page, rest)
        return True

    def _try_rec(self, line: str, page: int) -> bool:
        if self.current is None:
            return False
        parent = int(re.findall(r"\d+", self.current.number)[0])
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
        if self.rec_parent == parent and self.rec_style == "full":
            return self._try_misprinted_rec(line, page, parent)
        m = PARA.match(line) or LOOSE_PARA.match(line)
        if not m or not upr:
            return False
        k = int(m.group(1))
        closed = bool(SENTENCE_END.search(self._prev_line()))
        if self.rec_parent == parent and self.rec_style == "short":
            # A dotless number must be the expected one; a lost number or two may be skipped
            # after a closed recommendation, unless the number is the next paragraph's.
            fits = k == self.rec_next if m.re is PARA else closed and k == self.rec_next
            skipped = m.re is PARA and closed and self.rec_next < k <= self.rec_next + 2
            if fits or (skipped and k != self.expected):
                self.rec_next = k + 1
                self._start(f"{parent}.{k}", page, m.group(2), is_rec=True, printed=str(k))
                return True
        if m.re is not PARA:
            return False
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

    # --- a Council session report's adopted texts -------------------------------------
    def _enter_part(self, label: str | None) -> None:
        """Number from 1 again, in the part named `label` (None: no part)."""
        self.part = label
        self.stack = [(0, label)] if label else []
        if label:
            self.parts.add(label)
        self.restart_pending = True

    def _new_part(self, label: str | None) -> None:
        """Close the paragraph open and number from 1 again, in a part named `label`; the
        unnumbered chapeau or preamble of the new part belongs to no paragraph."""
        if self.current is not None and not self.skipping:
            self._take_headings()  # heading lines at its end are not its text
        self.current, self.preamble, self.rec_parent = None, [], None
        self._enter_part(label)
        self.skipping, self.act_title, self.used = False, None, set()

    def _adopted_texts(self, line: str) -> bool:
        """Follow Part One of a Council session report, where every resolution, decision
        and President's statement numbers its paragraphs from 1; True if the line is used."""
        part = REPORT_PART.match(line)
        if part and (self.acts or part.group(1).lower() == "one"):
            if self.acts:  # Part Two, the summary of proceedings, numbers from 1 again
                self._new_part(None)
            self.acts = part.group(1).lower() == "one"
            return self.current is None
        listing = ADOPTED_LIST.match(line)
        if listing and (self.acts or self.current is None):
            self.acts = True
            first = listing.group(1)[0].lower()
            self.act_kind = "Resolution" if first == "r" else "Decision" if first == "d" else ""
            return True
        if not self.acts:
            return False
        act = ADOPTED_TEXT.match(line)
        # A number opens a text after the last one's vote or a closed sentence, not where
        # running text wraps before a resolution it cites ("Council resolution" / "5/1").
        if act and (
            self.current is None or self.skipping or SENTENCE_END.search(self._prev_line())
        ):
            kind = self.act_kind or "President's statement"
            self._new_part(f"{kind} {'PRST ' if act.group(1) else ''}{act.group(2)}")
            self.act_title = [act.group(3)] if act.group(3) else []
            return True
        if self.act_title is not None:
            numbered = PARA.match(line)
            if not (numbered or ADOPTED_OPENING.match(line) or len(self.act_title) >= 4):
                self.act_title.append(line)
                return True
            if self.act_title:
                self.stack.append((1, join_lines(self.act_title)))
            self.act_title = None
            return not numbered
        if self.skipping:
            return True
        if self.current is not None and (ADOPTION_TRAILER.match(line) or END_MARK.match(line)):
            self.skipping = True  # an annex of a text is not the report's end
            return True
        return False

    def feed(self, line: str, page: int) -> None:
        if self.ended:
            return
        if LEADERS.search(line):
            return
        if self._adopted_texts(line):
            return
        if END_MARK.match(line) and self.current:
            self.ended = True
            return
        if PART_HEADING.match(line):
            self._new_part(_part_name(line))
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
            pop_headings(self.current.lines)  # trailing headings with nothing after them
        texts = [join_lines(para.lines) for para in self.paras]
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
        # Numbering restarts per part: the part goes into the id so ids stay unique and
        # citable ("a-conf.189-12/programme-of-action-75"), under the document's key.
        for rec in out:
            if rec.section and rec.section[0] in self.parts:
                key, local = rec.id.rsplit("/", 1)
                rec.id = f"{key}/{slug(rec.section[0])}-{local}"
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
        return unnumbered_blocks(page_lines, doc)
    return seg.records()
