"""tantivy's snippet matcher: the same match positions as scanning every token."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recsearch import query as q
from recsearch.analysis import TOKEN_RE, stem
from recsearch.tantivy_snippets import head, match_spans, matcher


def every_token(text: str, node: q.Node) -> list[tuple[int, int]]:
    """The plain way: decide every token of the text in order."""
    matches = matcher(node)
    assert matches is not None
    return [m.span() for m in TOKEN_RE.finditer(text) if matches[m.group()]]


CASES = [
    ("Women, women and WOMEN's rights; woman.", q.Term("women"), 3),
    ("copyrights and rights, rights-holders", q.Term("rights"), 2),
    ("foo_women_bar: underscores separate tokens", q.Term("women"), 1),
    ("Türkiye and turkiye and TÜRKIYE", q.Term("Türkiye"), 3),
    ("cafe\u0301 is cafe then an accent", q.Term("cafe"), 2),
    ("article 5, art5, 55 and 5.", q.Term("5"), 2),
    ("x² and x 2", q.Term("x"), 1),
    ("Discrimination, discriminate, discriminatory acts", q.Prefix("discriminat"), 3),
    (
        "racial profiling by police; profiling of racial groups",
        q.Phrase(("racial", "profiling")),
        4,
    ),
    ("nothing to see here", q.Term("torture"), 0),
    ("women\twomen\nwomen\u00a0women\u2003women", q.Term("women"), 5),
    ("(women) women, women-led", q.Term("women"), 3),
    ("women", q.Term("women"), 1),
    ("Côte d'Ivoire and cote", q.Term("cote"), 2),  # non-ASCII letters: tokenised
    ("the Kelvin sign is not K", q.Term("kelvin"), 1),
    ("dying, die and dies", q.Term("dying"), 3),
    ("nationally, nations", q.Prefix("nation"), 2),
    ("a-b and a b", q.Prefix("a-b"), 0),
    ("rights’ holders—rights", q.Term("rights"), 2),  # non-ASCII punctuation
    ("“Women” ⓦomen \U0001f600women", q.Term("women"), 2),  # a cased symbol, an emoji
    ("women \ud800women", q.Term("women"), 2),  # a lone surrogate
]


@pytest.mark.parametrize(
    ("text", "node", "count"),
    CASES,
    ids=[
        "case-and-plural",
        "inside-longer-word",
        "underscore",
        "accents",
        "combining-mark",
        "digits",
        "superscript",
        "prefix",
        "phrase-words",
        "no-match",
        "tab-newline-nbsp-emspace",
        "chunk-inside-chunk",
        "whole-text",
        "accented",
        "kelvin",
        "irregular-stem",
        "prefix",
        "prefix-with-hyphen",
        "quotes",
        "symbols",
        "surrogate",
    ],
)
def test_match_spans_equal_every_token_scan(text: str, node: q.Node, count: int) -> None:
    matches = matcher(node)
    assert matches is not None
    spans = match_spans(text, matches)
    assert spans == every_token(text, node)
    assert len(spans) == count


# Words the query matches or nearly matches, and what may stand between them: ASCII and
# other punctuation and spaces, letters with and without accents, a combining mark, a
# cased symbol, an emoji, a lone surrogate.
_PIECES = st.sampled_from(
    ["women", "Women", "WOMEN", "woman", "womenfolk", "rights", "Rights", "right", "Côte",
     "cote", "x", " ", ",", "-", "_", "'", "’", "“", "—", "\u00a0", "é", "\u0301", "ⓦ",
     "\U0001f600", "\ud800", "5", "²"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_match_spans_equal_every_token_scan_on_any_text(text: str) -> None:
    for node in (q.Term("women"), q.Prefix("right"), q.Phrase(("cote", "x"))):
        matches = matcher(node)
        assert matches is not None
        assert match_spans(text, matches) == every_token(text, node)


@pytest.mark.parametrize(
    "word",
    ["dying", "lying", "skies", "possibility", "relational", "hoping", "happily", "idly",
     "generously", "organization", "international", "women", "agreed", "x"],
)  # fmt: skip
def test_every_word_starts_with_its_stems_head(word: str) -> None:
    """match_spans only looks at tokens starting with a head: no word may escape it."""
    assert word.startswith(head(stem(word)))


def test_nothing_is_remembered_between_searches() -> None:
    """A repeated search decides its tokens again: the benchmark measures real work."""
    first = matcher(q.Term("women"))
    second = matcher(q.Term("women"))
    assert first is not None and second is not None and first is not second
    assert match_spans("Women's and women", first) == [(0, 5), (12, 17)]
    assert dict(second) == {}
