"""Article references and the treaty each one belongs to: "article 5 (e) (iv) of the
Convention" in a CERD text -> "ICERD 5(e)(iv)"."""

from __future__ import annotations

import re

from recsearch import tag_patterns as P
from recsearch.tag_article_lists import ArticleList
from recsearch.tag_instruments import TREATIES, Context, Mention, treaty_code, unique


def _classify_after(text: str, pos: int, need_name: bool) -> Mention | None:
    """The instrument named at pos, right after "article 5 of ", if any."""
    m = P.TREATY_AT_START.match(text, pos)
    if m:
        if _PROTOCOL_AFTER.match(text, m.end()):
            # "Article 5 of the CRC Optional Protocol on the Sale of Children": the protocol's.
            return Mention(pos, m.end(), "other")
        return Mention(pos, m.end(), "treaty", treaty_code(m))
    if _OP_AT_START.match(text, pos):
        return Mention(pos, pos, "other")
    m = P.GENERIC_AT_START.match(text, pos)
    if m and _PROTOCOL_AFTER.match(text, m.end()):
        return Mention(pos, m.end(), "other")  # "article 3 of the Convention's Optional Protocol"
    if m:
        return None if need_name else Mention(pos, m.end(), "generic", m.group("kind"))
    m = P.OTHER_AT_START.match(text, pos)
    return Mention(pos, m.end(), "other") if m else None


_PROTOCOL_AFTER = re.compile(r"(?:['’]s)?\s+(?:" + P.OPTIONAL_PROTOCOL.pattern + ")")
_OP_AT_START = re.compile(r"(?:(?:the|its|this)\s+)?(?:" + P.OPTIONAL_PROTOCOL.pattern + ")")
_GENERIC_AT_END = re.compile(r"\b(?:the|this|present)\s+(Convention|Covenant)\s*$")


def _classify_before(prefix: str, context: Context, start: int) -> Mention | None:
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


def _resolve(m: Mention | None, context: Context) -> Mention | None:
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
    context = Context(text, body)
    tags: list[str] = []
    tied: list[tuple[int, Mention]] = []  # (position, instrument) of references tied so far
    for word in P.ARTICLE_WORD.finditer(text):
        parser = ArticleList(text, word.end())
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
        if any(int(number) > TREATIES[instrument.value]["last_article"] for number, _ in items):
            # A number the treaty does not have means the list is another instrument's:
            # "Charter articles 1(3), 55 and 56", "the Penal Code, including articles 232,
            # 273 and 275" (in a UPR text naming CEDAW); none of its numbers is tagged.
            continue
        outer = P.PARAGRAPH_OF.search(text, max(0, start - 60), start)
        if outer and len(items) == 1 and not items[0][1]:
            # "paragraph (1) of article 5 of the Covenant" is article 5(1); "paragraphs 2 and
            # 3, respectively, of article 15" are 15(2) and 15(3).
            subs = re.findall(r"\d{1,2}|\b[a-z]\b", outer.group("subs").replace("and", ""))
            items = [(items[0][0], [sub]) for sub in subs]
        for number, chain in items:
            tags.append(f"{instrument.value} {number}" + "".join(f"({c})" for c in chain))
    return unique(tags)


def _shared_with_next(text: str, end: int) -> Mention | None:
    """ "article 1 or article 16 of the Convention against Torture": the next reference's
    instrument, when "and"/"or" joins the two."""
    joint = P.NEXT_ARTICLE.match(text, end)
    if not joint:
        return None
    parser = ArticleList(text, joint.end())
    if not parser.parse():
        return None
    after = P.AFTER_ARTICLE.match(text, parser.end)
    return _classify_after(text, after.end(), False) if after else None


def _bare(
    context: Context, start: int, paren: bool, tied: list[tuple[int, Mention]]
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
