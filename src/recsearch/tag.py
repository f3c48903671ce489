"""The tagger: convention articles, general recommendations/comments, GNR marks, cited
UN symbols and recommendation-vs-observation kind, as a pure function of text and body."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from recsearch import tag_patterns as P

TREATIES: dict[str, dict] = P.TREATY_DATA["treaties"]
COMMITTEES: dict[str, dict] = P.TREATY_DATA["committees"]
# Issuing body -> its treaty: "CERD" -> "ICERD", "CED" -> "CPED".
BODY_TREATY = {spec["committee"]: code for code, spec in TREATIES.items()}
TAG_FIELDS = ("articles", "general_recommendations", "gnr", "cites", "kind")


@dataclass
class Tags:
    """What the tagger found in one text (canonical forms of records.md)."""

    articles: list[str] = field(default_factory=list)
    general_recommendations: list[str] = field(default_factory=list)
    gnr: list[int] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    kind: str = "observation"


def tag_text(text: str, body: str | None = None) -> Tags:
    """Tag one paragraph; `body` (e.g. "CERD") decides bare "(arts. 2 and 5)"."""
    body = body_code(body)
    return Tags(
        articles=find_articles(text, body),
        general_recommendations=find_general_recommendations(text, body),
        gnr=find_gnr(text),
        cites=find_cites(text),
        kind=find_kind(text, body),
    )


def body_code(body: str | None) -> str | None:
    """The short code the tagger keys on: "CERD", "UPR"; the parser's "UPR Working Group" and
    a committee's full name are accepted too. Other bodies pass through upper-cased."""
    if not isinstance(body, str) or not body.strip():
        return None
    code = body.strip().upper()
    if code in COMMITTEES or code == "UPR":
        return code
    if code.startswith("UPR") or "UNIVERSAL PERIODIC" in code:
        return "UPR"
    named = P.COMMITTEE_NAME.fullmatch(body.strip())
    return _committee(named) or code


def tag_objects(objs: Iterable[dict]) -> Iterator[dict]:
    """`recsearch tag`: each JSON object with 'text' (and optional 'body') gets articles,
    general_recommendations, gnr, cites, kind added; other fields pass through untouched."""
    for obj in objs:
        text = obj.get("text")
        tags = tag_text(text if isinstance(text, str) else "", obj.get("body"))
        yield {**obj, **{name: getattr(tags, name) for name in TAG_FIELDS}}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


# --- Instruments named in the text -------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """An instrument named at [start, end): a treaty code, "Convention"/"Covenant", or other."""

    start: int
    end: int
    kind: str  # "treaty", "generic" or "other"
    value: str | None = None
    in_protocol: bool = False  # the treaty named in "Optional Protocol to the Convention ..."


def _treaty_code(match: re.Match[str]) -> str:
    return next(code for code, value in match.groupdict().items() if value)


def find_mentions(text: str) -> list[Mention]:
    """Every instrument named in the text, in order."""
    mentions = [
        Mention(m.start(), m.end(), "treaty", _treaty_code(m)) for m in P.TREATY_NAME.finditer(text)
    ]
    taken = [(m.start, m.end) for m in mentions]
    for m in P.GENERIC_MENTION.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            kind = "Covenant" if "Covenant" in m.group() else "Convention"
            mentions.append(Mention(m.start(), m.end(), "generic", kind))
            taken.append((m.start(), m.end()))
    for m in P.OPTIONAL_PROTOCOL.finditer(text):
        mentions.append(Mention(m.start(), m.end(), "other"))
        taken.append((m.start(), m.end()))
        if to := P.PROTOCOL_TO.match(text, m.end()):
            mentions = [
                Mention(t.start, t.end, t.kind, t.value, True) if t.start == to.end() else t
                for t in mentions
            ]
    for m in P.OTHER_MENTION.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            mentions.append(Mention(m.start(), m.end(), "other"))
    return sorted(mentions, key=lambda m: m.start)


class _Context:
    """The text around references: sentences, named treaties, the body's treaty."""

    def __init__(self, text: str, body: str | None) -> None:
        self.text = text
        self.body_treaty = BODY_TREATY.get(body or "")

    @cached_property
    def mentions(self) -> list[Mention]:
        """Instruments named in the text (computed when a reference needs them)."""
        return find_mentions(self.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence or clause (split at ";") begins."""
        return [0] + [m.end() for m in P.SENTENCE_END.finditer(self.text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding pos."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i], end

    def treaties_in(
        self, start: int, end: int, generic: str | None = None, protocols: bool = True
    ) -> list[str]:
        """Treaties named in [start, end), optionally only Conventions or only Covenants, and
        optionally leaving out the treaty of an "Optional Protocol to ..."."""
        codes = [
            m.value
            for m in self.mentions
            if m.kind == "treaty" and start <= m.start < end and m.value
            if generic is None or TREATIES[m.value]["generic"] == generic
            if protocols or not m.in_protocol
        ]
        return _unique(codes)

    def resolve_generic(self, kind: str, pos: int) -> str | None:
        """Which treaty "the Convention"/"the Covenant" at pos means."""
        start, end = self.sentence(pos)
        in_sentence = self.treaties_in(start, end, kind)
        if len(in_sentence) == 1:
            return in_sentence[0]
        if self.body_treaty and TREATIES[self.body_treaty]["generic"] == kind:
            return self.body_treaty
        before = self.treaties_in(0, pos, kind)
        if before:
            return before[-1]
        after = self.treaties_in(pos, len(self.text), kind)
        return after[0] if after else None


# --- Articles ----------------------------------------------------------------------------


def _roman_value(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for i, ch in enumerate(token):
        v = values[ch]
        total += -v if i + 1 < len(token) and values[token[i + 1]] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _is_roman(token: str) -> bool:
    return bool(P.STRICT_ROMAN.match(token))


def _level_for(chain: list[str], value: str) -> int:
    """Which level of the previous sub-paragraph chain a listed "(d)" or "(ii)" replaces."""
    if value.isdigit():
        levels = [i for i, x in enumerate(chain) if x.isdigit()]
    else:
        alpha = [i for i, x in enumerate(chain) if x.isalpha()]
        roman = [i for i in alpha if _is_roman(chain[i])]
        plain = [i for i in alpha if not _is_roman(chain[i])]
        levels = (roman or plain) if _is_roman(value) else (plain or alpha)
    return levels[-1] if levels else len(chain)


def _siblings(previous: str, value: str) -> bool:
    """Whether "(value)" right after "(previous)" is a second item of the same level."""
    if previous.isdigit() or value.isdigit():
        return previous.isdigit() and value.isdigit()
    if _is_roman(previous) and _is_roman(value) and len(value) > 1:
        return _roman_value(value) > _roman_value(previous)
    return not _is_roman(previous) and not _is_roman(value) and value > previous


def _expand(first: str, last: str) -> list[str]:
    """The values strictly after `first` up to `last`: (b)–(d) -> c, d; (2)–(5) -> 3, 4, 5."""
    if first.isdigit() and last.isdigit():
        a, b = int(first), int(last)
        return [str(n) for n in range(a + 1, b + 1)] if 0 < b - a <= 30 else [last]
    if _is_roman(first) and _is_roman(last) and len(first + last) > 2:
        a, b = _roman_value(first), _roman_value(last)
        return [_to_roman(n) for n in range(a + 1, b + 1)] if 0 < b - a <= 15 else [last]
    if len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha():
        a, b = ord(first), ord(last)
        return [chr(n) for n in range(a + 1, b + 1)] if 0 < b - a <= 25 else [last]
    return [last]


class _ListParser:
    """Reads the list after "article(s)": numbers, ranges, sub-paragraphs and paragraphs."""

    def __init__(self, text: str, pos: int) -> None:
        self.tokens: list[tuple[str, str, int]] = []
        while len(self.tokens) < 60:
            m = P.ARTICLE_TOKEN.match(text, pos)
            if not m or m.end() == pos:
                break
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind), m.end()))
            pos = m.end()
        self.i = 0
        self.end = -1

    def kind(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.tokens[j][0] if j < len(self.tokens) else ""

    def take(self) -> str:
        kind, value, end = self.tokens[self.i]
        self.i += 1
        if kind not in ("comma", "and"):
            self.end = end
        return value.strip("()")

    def separators(self) -> int:
        """How many comma/and tokens start here."""
        n = 0
        while self.kind(n) in ("comma", "and"):
            n += 1
        return n

    def parse(self) -> list[tuple[str, list[str]]]:
        items: list[tuple[str, list[str]]] = []
        if self.kind() != "num":
            return items
        while True:
            items.extend(self.item())
            n = self.separators()
            if n and self.kind(n) == "num":
                self.i += n
                continue
            return items

    def item(self) -> list[tuple[str, list[str]]]:
        number, _, sub = self.take().partition(".")
        if not sub and self.kind() == "dash" and self.kind(1) == "num":
            self.i += 1
            last = self.take().partition(".")[0]
            no_sub: list[str] = []
            return [(n, no_sub) for n in [number, *_expand(number, last)]]
        return [(number, chain) for chain in self.subs([sub] if sub else [])]

    def chain(self, cur: list[str], chains: list[list[str]]) -> list[str]:
        """Append the brackets that follow to `cur` and record it in `chains`; a bracket of
        the same kind as the last one is a sibling: "24 (2) (c) (e)" is (2)(c) and (2)(e)."""
        chains.append(cur)
        while self.kind() == "paren":
            value = self.take()
            if cur and _siblings(cur[-1], value):
                cur = [*cur[:-1], value]
                chains.append(cur)
            else:
                cur.append(value)
        return cur

    def subs(self, base: list[str]) -> list[list[str]]:
        chains: list[list[str]] = []
        plural = False
        if self.kind() == "paren":
            cur = [*base, self.take()]
        elif self.kind() == "para" or (self.kind() == "comma" and self.kind(1) == "para"):
            if self.kind() == "comma":
                self.i += 1
            word = self.take()
            plural = word.endswith("s") or word.startswith("paras")
            if self.kind() not in ("num", "letter"):
                return [base]
            cur = base + self.take().split(".")
        else:
            return [base]
        cur = self.chain(cur, chains)
        while True:
            n = self.separators()
            if self.kind(n) == "dash" and self.kind(n + 1) == "paren" and n == 0:
                self.i += 1
                value = self.take()
                level = _level_for(cur, value)
                for v in _expand(cur[level] if level < len(cur) else "", value):
                    chains.append([*cur[:level], v])
                cur = chains[-1]
            elif n and self.kind(n) == "paren":
                self.i += n
                value = self.take()
                cur = self.chain([*cur[: _level_for(cur, value)], value], chains)
            elif n and plural and self.kind(n) in ("num", "letter"):
                self.i += n
                cur = self.chain([*base, self.take()], chains)
            else:
                return chains


def _classify_after(text: str, pos: int, need_name: bool) -> Mention | None:
    """The instrument named at pos, right after "article 5 of ", if any."""
    m = P.TREATY_AT_START.match(text, pos)
    if m:
        return Mention(pos, m.end(), "treaty", _treaty_code(m))
    if _OP_AT_START.match(text, pos):
        return Mention(pos, pos, "other")
    m = P.GENERIC_AT_START.match(text, pos)
    if m:
        return None if need_name else Mention(pos, m.end(), "generic", m.group("kind"))
    m = P.OTHER_AT_START.match(text, pos)
    return Mention(pos, m.end(), "other") if m else None


_OP_AT_START = re.compile(r"(?:(?:the|its|this)\s+)?(?:" + P.OPTIONAL_PROTOCOL.pattern + ")")
_GENERIC_AT_END = re.compile(r"\b(?:the|this|present)\s+(Convention|Covenant)\s*$")


def _classify_before(prefix: str, context: _Context, start: int) -> Mention | None:
    """The instrument named right before "(art. 6)" or ", art. 4", if any."""
    tail = prefix.rstrip()
    if not tail.endswith(("(", ",")):
        return None
    tail = tail[:-1].rstrip()
    cut = start - (len(prefix) - len(tail))
    for m in reversed(context.mentions):
        if m.end == cut and m.kind == "treaty":
            return Mention(m.start, m.end, "other") if m.in_protocol else m
    g = _GENERIC_AT_END.search(tail)
    if g:
        return Mention(cut, cut, "generic", g.group(1))
    if P.OTHER_BEFORE.search(tail[-200:]):
        return Mention(cut, cut, "other")
    return None


def _resolve(m: Mention | None, context: _Context) -> Mention | None:
    """A generic mention turned into the treaty it stands for."""
    if m and m.kind == "generic" and m.value:
        code = context.resolve_generic(m.value, m.start)
        return Mention(m.start, m.end, "treaty", code) if code else None
    return m


_LOCATIVE = re.compile(r"\s*(?:In|Under|Pursuant\s+to)\s+(?:the\s+)?")


def find_articles(text: str, body: str | None = None) -> list[str]:
    """Convention articles invoked, treaty-qualified: ["ICERD 1", "ICERD 5(e)(iv)"]."""
    if "rt" not in text:
        return []
    context = _Context(text, body)
    tags: list[str] = []
    tied: list[tuple[int, Mention]] = []  # (position, instrument) of references tied so far
    for word in P.ARTICLE_WORD.finditer(text):
        parser = _ListParser(text, word.end())
        items = parser.parse()
        if not items:
            continue
        start, end = word.start(), parser.end
        paren = text[max(0, start - 4) : start].rstrip().endswith("(")
        instrument: Mention | None = None
        after = P.AFTER_ARTICLE.match(text, end)
        if after:
            instrument = _classify_after(text, after.end(), False)
        elif no_of := P.AFTER_ARTICLE_NO_OF.match(text, end):
            instrument = _classify_after(text, no_of.end(), True)
        if instrument is None:
            instrument = _classify_before(text[max(0, start - 250) : start], context, start)
        if instrument is None:
            instrument = _shared_with_next(text, end)
        if instrument is None:
            instrument = _bare(context, start, paren, tied)
        else:
            # A "the Covenant" no treaty in the text can stand for stays untagged rather than
            # falling back on the body: "article 20 of the Covenant" in a CERD document.
            instrument = _resolve(instrument, context)
            if instrument is not None:
                tied.append((start, instrument))
        if instrument is None or instrument.kind != "treaty" or not instrument.value:
            continue
        outer = P.PARAGRAPH_OF.search(text, max(0, start - 60), start)
        if outer and len(items) == 1 and not items[0][1]:
            # "paragraph (1) of article 5 of the Covenant" is article 5(1); "paragraphs 2 and
            # 3, respectively, of article 15" are 15(2) and 15(3).
            subs = re.findall(r"\d{1,2}|\b[a-z]\b", outer.group("subs").replace("and", ""))
            items = [(items[0][0], [sub]) for sub in subs]
        for number, chain in items:
            tags.append(f"{instrument.value} {number}" + "".join(f"({c})" for c in chain))
    return _unique(tags)


def _shared_with_next(text: str, end: int) -> Mention | None:
    """ "article 1 or article 16 of the Convention against Torture": the next reference's
    instrument, when "and"/"or" joins the two."""
    joint = P.NEXT_ARTICLE.match(text, end)
    if not joint:
        return None
    parser = _ListParser(text, joint.end())
    if not parser.parse():
        return None
    after = P.AFTER_ARTICLE.match(text, parser.end)
    return _classify_after(text, after.end(), False) if after else None


def _bare(
    context: _Context, start: int, paren: bool, tied: list[tuple[int, Mention]]
) -> Mention | None:
    """The instrument of an article reference that names none: "(art. 9)", "article 14"."""
    s_start, s_end = context.sentence(start)
    # '... “the study of technologies ...” (art. 1 (a))': a bracket closing a quotation cites
    # the text quoted, named last in the sentence ("the UNESCO Convention on Technical and
    # Vocational Education").
    if paren and P.AFTER_QUOTE.search(context.text, max(0, start - 6), start):
        named = [m for m in context.mentions if s_start <= m.start < start]
        if named and named[-1].kind == "other":
            return named[-1]
    # "the Optional Protocol ..., as provided for in its preamble and article 1": "its" points
    # back to the last instrument the sentence named.
    if P.ITS_ARTICLE.search(context.text, max(s_start, start - 40), start):
        named = [m for m in context.mentions if s_start <= m.start < start]
        if named:
            last = named[-1]
            return (
                Mention(last.start, last.end, "other")
                if last.in_protocol
                else _resolve(last, context)
            )
    # A list opened by "article 6 of the Covenant ..." continues: "... and art. 9".
    for pos, m in reversed(tied):
        if pos < s_start:
            break
        if m.kind == "treaty" or start - pos < 80:
            return m
        break
    # "In the Universal Declaration of Human Rights, the right to work is recognized in
    # article 23": the sentence opens on the instrument.
    loc = _LOCATIVE.match(context.text, s_start)
    if loc and not paren:
        for m in context.mentions:
            if m.start == loc.end() or (m.start > loc.end() and m.start - loc.end() < 60):
                if m.start < start and m.kind != "generic":
                    return m
                break
    # Only the sentence: a paragraph of a special procedure's report names many instruments,
    # and a bare number in a footnote there often belongs to one it does not name.
    codes = context.treaties_in(s_start, s_end, protocols=False)
    # "(a) The International Convention on ... Migrant Workers ..., including by making the
    # declarations under articles 76 and 77" in a CRC document: the one treaty the sentence
    # names wins over the body, unless the sentence also speaks of "the Convention" (the
    # body's own) or the reference is a bracketed "(art. 5)" closing a CO paragraph.
    generic = any(m.kind == "generic" and s_start <= m.start < s_end for m in context.mentions)
    if len(codes) == 1 and not paren and not generic:
        return Mention(start, start, "treaty", codes[0])
    if context.body_treaty:
        return Mention(start, start, "treaty", context.body_treaty)
    if len(codes) == 1:
        return Mention(start, start, "treaty", codes[0])
    # No body: "... article 7 (1) of the Convention ... . Article 6 (1) also requires ..."
    # continues the treaty last cited, unless another instrument was named since.
    if tied and tied[-1][1].kind == "treaty":
        pos = tied[-1][0]
        last = tied[-1][1]
        others = [m for m in context.mentions if pos < m.start < start and m.kind != "generic"]
        if all(m.kind == "treaty" and m.value == last.value for m in others):
            return last
    return None


# --- General recommendations and comments -----------------------------------------------


def _gr_numbers(spec: str) -> list[int]:
    numbers = []
    for token in re.findall(r"\d+|[IVXL]+", spec):
        if token.isdigit():
            numbers.append(int(token))
        elif P.ROMAN_NUMERAL.match(token):
            numbers.append(_roman_value(token.lower().replace("l", "x" * 5)))
    return [n for n in numbers if 0 < n < 100]


def _committee(match: re.Match[str] | None) -> str | None:
    if not match:
        return None
    return next((code for code, v in match.groupdict().items() if v and code in COMMITTEES), None)


def _after_brackets(text: str, pos: int) -> int:
    """Past any "(2005)" or "(thirteenth session, 1981)" at pos."""
    while b := P.BRACKETS.match(text, pos):
        pos = b.end()
    return pos


def _series_committee(symbol: str) -> str | None:
    """The committee whose document series a symbol belongs to: "E/C.12/2000/4" -> CESCR."""
    for code, spec in COMMITTEES.items():
        for prefix in spec.get("symbol_prefixes", []):
            if symbol.startswith(prefix) or f"-{prefix}" in symbol:
                return code
    return None


def _named_committee(
    text: str, context: _Context, start: int, end: int, limit: int, head: bool
) -> str | None:
    """The committee the text names for the general recommendation/comment at [start, end)."""
    before = text[max(0, start - 160) : start]
    if head:
        if committee := _committee(P.COMMITTEE_BEFORE.search(before)):
            return committee
        if treaty := P.TREATY_BEFORE.search(before):
            return str(TREATIES[_treaty_code(treaty)]["committee"])
        symbol = P.SYMBOL_BEFORE.search(before[-80:])
        if symbol and (committee := _series_committee(symbol.group("symbol"))):
            return committee
        intro = P.ITS_BEFORE.search(text[max(0, start - 40) : start])
        if intro:
            # "the Committee of the Rights of the Child states in paragraph 29 of its general
            # comment No. 13": "its" points back to the committee the sentence named.
            s_start = context.sentence(start)[0]
            named = list(P.COMMITTEE_NAME.finditer(text, s_start, start)) if intro["its"] else []
            subject = named[-1] if named else None
            subject = subject or P.COMMITTEE_SUBJECT.search(text, end, min(limit, end + 250))
            if committee := _committee(subject):
                return committee
    # "General Comment No. 14 (2000) (E/C.12/2000/4), para. 43" and "General Comment No. 14
    # (2000), E/C.12/2000/4, para. 43": the symbol printed with it.
    for bracket in P.BRACKETS.finditer(text, end, min(len(text), end + 80)):
        if bracket.start() != end:
            break
        symbol = P.SYMBOL.search(bracket.group())
        if symbol and (committee := _series_committee(symbol.group())):
            return committee
        end = bracket.end()
    symbol = P.SYMBOL_AFTER.match(text, end)
    return _series_committee(symbol.group("symbol")) if symbol else None


def find_general_recommendations(text: str, body: str | None = None) -> list[str]:
    """Numbered general recommendations/comments: ["CERD GR 31", "CESCR GC 20"]."""
    if "eneral" not in text:
        return []
    context = _Context(text, None)
    heads = list(P.GR_HEAD.finditer(text))
    named_committees: list[str] | None = None
    tags: list[str] = []
    for h, head in enumerate(heads):
        word = "GR" if head.group("word").lower().startswith("recommendation") else "GC"
        limit = heads[h + 1].start() if h + 1 < len(heads) else len(text)
        limit = min(limit, context.sentence(head.start())[1])
        entries = [(head.group("nums"), head.start(), head.end())]
        pos = head.end()
        plural = bool(head.group("plural")) or "os" in head.group(0)[len("general ") :][:30]
        while True:
            cont = P.GR_CONTINUATION.search(text, pos, limit)
            if plural:
                bare = P.GR_CONTINUATION_BARE.match(text, _after_brackets(text, pos))
                if bare and (not cont or bare.start() < cont.start()):
                    cont = bare
            if not cont or cont.start() - pos > 160:
                break
            entries.append((cont.group("nums"), cont.start(), cont.end()))
            pos = cont.end()
        for e, (spec, e_start, e_end) in enumerate(entries):
            window_end = entries[e + 1][1] if e + 1 < len(entries) else limit
            window = text[e_end : min(window_end, e_end + 250)]
            committee = _named_committee(text, context, e_start, e_end, limit, e == 0)
            committee = committee or _committee(P.COMMITTEE_AFTER.search(window.split(";")[0]))
            if not committee and body in COMMITTEES and COMMITTEES[body]["issues"] == word:
                committee = body
            if not committee:
                if named_committees is None:
                    named_committees = _unique(
                        c for m in P.COMMITTEE_NAME.finditer(text) if (c := _committee(m))
                    )
                fitting = [c for c in named_committees if COMMITTEES[c]["issues"] == word]
                committee = fitting[0] if len(fitting) == 1 else None
            if not committee:
                continue
            kind = COMMITTEES[committee]["issues"]
            tags.extend(f"{committee} {kind} {n}" for n in _gr_numbers(spec))
    return _unique(tags)


# --- GNR marks and cited symbols ---------------------------------------------------------


def find_gnr(text: str) -> list[int]:
    """Guidance Note recommendations marked "(GNR 1, 2, 8, 10)", sorted."""
    if "GNR" not in text:
        return []
    numbers: set[int] = set()
    for mark in P.GNR_MARK.finditer(text):
        for first, dash, last in re.findall(r"(\d+)\s*(?:([–-])\s*(\d+))?", mark.group("nums")):
            low = int(first)
            high = int(last) if dash else low
            numbers.update(n for n in range(low, high + 1) if 1 <= n <= 19)
    return sorted(numbers)


def find_cites(text: str) -> list[str]:
    """UN document symbols, with the paragraph where one is given: "A/HRC/38/36 para. 53"."""
    if "/" not in text:
        return []
    cites = []
    for m in P.SYMBOL.finditer(text):
        symbol = m.group().replace(" ", "").rstrip("./")
        if not any(ch.isdigit() for ch in symbol):
            continue
        para = P.SYMBOL_PARA.match(text, m.end())
        cites.append(f"{symbol} para. {para.group('num')}" if para else symbol)
    return _unique(cites)


# --- Kind --------------------------------------------------------------------------------


def find_kind(text: str, body: str | None = None) -> str:
    """ "recommendation" when the author recommends, urges, calls upon ...; else "observation"."""
    return "recommendation" if _recommends(text, body) else "observation"


def _recommends(text: str, body: str | None) -> bool:
    quoted = [(q.start(), q.end()) for q in P.QUOTED.finditer(text)] if "“" in text else []

    def in_quote(pos: int) -> bool:
        return any(a < pos < b for a, b in quoted)

    # Substring tests are far cheaper than the patterns, and most observations fail them.
    verbs = any(stem in text for stem in P.REC_STEMS)
    for m in P.REC_VERB.finditer(text) if verbs else ():
        if in_quote(m.start()):
            continue
        if m.group("cap"):
            return True
        if P.REC_VERB_REPORTED.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        ends = [e.end() for e in P.SENTENCE_END.finditer(text, 0, m.start())]
        sentence = ends[-1] if ends else 0
        if P.AUTHOR.search(text, sentence, m.start()) or P.OPERATIVE_SENTENCE.match(text, sentence):
            return True
        opening = P.OPENING_ADVERBS.match(text, sentence)
        if opening and opening.end() == m.start():
            return True
    if (verbs and P.REC_BASE.search(text)) or ("should" in text and P.REC_SHOULD.search(text)):
        return True
    for m in P.REC_BASE_AND.finditer(text) if verbs else ():
        ends = [e.end() for e in P.SENTENCE_END.finditer(text, 0, m.start())]
        if P.WE_SENTENCE.match(text, ends[-1] if ends else 0):
            return True
    for m in P.REC_PASSIVE.finditer(text) if verbs else ():
        if in_quote(m.start()):
            continue
        ends = [e.end() for e in P.SENTENCE_END.finditer(text, 0, m.start())]
        sentence = ends[-1] if ends else 0
        if P.REPORTED_SOURCE.match(text, sentence, m.start()):
            continue
        if not P.RELATIVE_BEFORE.search(text, max(sentence, m.start() - 80), m.start()):
            return True
    # Only in UPR reports is a past "recommended that" the making of a recommendation (the
    # interactive dialogue); elsewhere it reports one ("the Committee ..., which recommended").
    if body == "UPR" and ("recommended" in text or "rged" in text or "alled" in text):
        for m in P.REC_PAST.finditer(text):
            if not P.REC_PAST_REPORTED.search(text[max(0, m.start() - 30) : m.start()]):
                return True
    if body == "UPR" and (
        ((states := P.UPR_STATES.search(text)) and P.COUNTRY_NAME.search(states.group("inner")))
        or P.UPR_THAT.match(text)
        or P.UPR_NOMINAL.match(text)
    ):
        return True
    if P.ACTION_ITEM.match(text):
        return False
    lead = P.LEAD_NUMBER.match(text)
    if lead and lead.group("word").lower() in P.IMPERATIVES:
        # "To ensure that ..., States parties should": a purpose clause, not an instruction.
        return not (lead.group("to") and P.PURPOSE_CLAUSE.match(text))
    opener = P.OPENER_IMPERATIVE.match(text)
    return bool(
        opener
        and opener.group("word") in P.IMPERATIVES
        and (body == "UPR" or opener.group("next") in P.OBJECT_WORD)
    )
