"""References to other texts: numbered general recommendations/comments with their
committee ("CERD GR 31"), Guidance Note recommendation marks ("(GNR 1, 2)") and cited UN
document symbols ("A/HRC/38/36 para. 53")."""

from __future__ import annotations

import re

from recsearch import tag_patterns as P
from recsearch.tag_article_lists import roman_value
from recsearch.tag_instruments import COMMITTEES, TREATIES, Context, treaty_code, unique

# How many general recommendations/comments a committee may have adopted since
# data/treaties.json recorded its last one (`last_general`).
_NEWER_GENERALS = 3

# --- General recommendations and comments -----------------------------------------------


def _gr_numbers(spec: str) -> list[int]:
    numbers = []
    for token in re.findall(r"\d+|[IVXL]+", spec):
        if token.isdigit():
            numbers.append(int(token))
        elif P.ROMAN_NUMERAL.match(token):
            numbers.append(roman_value(token.lower().replace("l", "x" * 5)))
    return [n for n in numbers if 0 < n < 100]


def committee_code(match: re.Match[str] | None) -> str | None:
    """The committee whose named group matched in P.COMMITTEE_NAME and its kin: "CERD"."""
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
    text: str, context: Context, start: int, end: int, limit: int, head: bool
) -> str | None:
    """The committee the text names for the general recommendation/comment at [start, end)."""
    before = text[max(0, start - 160) : start]
    if head:
        if committee := committee_code(P.COMMITTEE_BEFORE.search(before)):
            return committee
        if treaty := P.TREATY_BEFORE.search(before):
            return str(TREATIES[treaty_code(treaty)]["committee"])
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
            if committee := committee_code(subject):
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
    context = Context(text, None)
    heads = list(P.GR_HEAD.finditer(text))
    named_committees: list[str] | None = None
    named_treaties: list[str] | None = None
    tags: list[str] = []
    previous: tuple[str, int, str] | None = None  # (word, end, committee) of the last head
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
            committee = committee or committee_code(P.COMMITTEE_AFTER.search(window.split(";")[0]))
            if not committee and e == 0 and previous and previous[0] == word:
                committee = _same_series(text, previous[1], e_start, previous[2])
            if not committee and body in COMMITTEES and COMMITTEES[body]["issues"] == word:
                committee = body
            if not committee:
                if named_committees is None:
                    named_committees = unique(
                        c for m in P.COMMITTEE_NAME.finditer(text) if (c := committee_code(m))
                    )
                fitting = [c for c in named_committees if COMMITTEES[c]["issues"] == word]
                committee = fitting[0] if len(fitting) == 1 else None
            if not committee and not named_committees:
                # No committee named anywhere: the one whose treaty the text names, "the
                # International Covenant on Economic, Social and Cultural Rights ... the
                # Committee's general comment No. 13" (CESCR GC 13).
                if named_treaties is None:
                    named_treaties = unique(
                        str(TREATIES[treaty_code(m)]["committee"])
                        for m in P.TREATY_NAME.finditer(text)
                    )
                fitting = [c for c in named_treaties if COMMITTEES[c]["issues"] == word]
                committee = fitting[0] if len(fitting) == 1 else None
            if not committee:
                continue
            if e == 0:
                previous = (word, entries[-1][2], committee)
            kind = COMMITTEES[committee]["issues"]
            # A number past the committee's last one is a misreading, not a reference: "Committee
            # on Economic, Social and Cultural rights" named next to CEDAW's "general comment
            # No. 36" whose committee a footnote cut off. A few numbers past the table's last
            # are kept: committees adopt new ones after the table was written.
            last = COMMITTEES[committee]["last_general"] + _NEWER_GENERALS
            tags.extend(f"{committee} {kind} {n}" for n in _gr_numbers(spec) if n <= last)
    return unique(tags)


def _same_series(text: str, prev_end: int, start: int, committee: str) -> str | None:
    """The previous head's committee for a head that continues its list: "CRC, general
    comment No. 11 (2009), para. 60; general comment No. 9" (CRC GC 9), "Human Rights
    Committee general comment No. 28, ... (in particular paras. 23-27), and general comment
    No. 19" (CCPR GC 19); not when another committee or treaty is named between them."""
    gap = text[prev_end:start]
    if len(gap) > 200 or P.COMMITTEE_NAME.search(gap) or P.TREATY_NAME.search(gap):
        return None
    return committee


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
        # Where the symbol ends, before a closing full stop: "See A/HRC/14/20. A/66/254 ...".
        end = m.start() + len(m.group().rstrip("./"))
        if not any(ch.isdigit() for ch in symbol) or _page_header(text, m.start(), end):
            continue
        para = P.SYMBOL_PARA.match(text, m.end())
        # "CAT/C/SVN/CO/3para. 10": the paragraph glued to the symbol.
        glued = re.fullmatch(r"(?P<symbol>.*\d)paras?", symbol)
        if glued:
            symbol = glued.group("symbol")
            para = re.match(r"\s*(?P<num>\d{1,4})", text[m.end() :])
        cites.append(f"{symbol} para. {para.group('num')}" if para else symbol)
    return unique(cites)


def _page_header(text: str, start: int, end: int) -> bool:
    """Whether the symbol at [start, end) is a page header left in the text (P.HEADER_JOB)."""
    if P.HEADER_JOB.match(text, end):
        return True
    if after := P.HEADER_NEXT_SYMBOL.match(text, end):
        following = P.SYMBOL.match(text, after.end())
        return not (following and P.HEADER_JOB.match(text, following.end()))
    if P.HEADER_AFTER_STOP.search(text, max(0, start - 12), start) and P.HEADER_BEFORE_NEXT.match(
        text, end
    ):
        return True
    before = P.HEADER_WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(
        before
        and before.group("word") not in P.CITING_WORDS
        and P.HEADER_WORD_AFTER.match(text, end)
    )
