"""tantivy's snippet matcher: the same match positions as scanning every token."""

from __future__ import annotations

import pytest

from recsearch import query as q
from recsearch.analysis import TOKEN_RE
from recsearch.tantivy_snippets import match_spans, matcher


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
    ],
)
def test_match_spans_equal_every_token_scan(text: str, node: q.Node, count: int) -> None:
    matches = matcher(node)
    assert matches is not None
    spans = match_spans(text, matches)
    assert spans == every_token(text, node)
    assert len(spans) == count


def test_memo_is_kept_per_query_words_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next search of the same words reuses the memo; the memo store stays bounded."""
    from recsearch import tantivy_snippets

    monkeypatch.setattr(tantivy_snippets, "RECENT_QUERIES", 3)
    monkeypatch.setattr(tantivy_snippets, "_RECENT", {})
    first = matcher(q.Term("women"))
    assert first is not None and matcher(q.And((q.Term("women"), q.Not(q.Term("men"))))) is first
    for word in ("torture", "roma", "police"):
        assert matcher(q.Term(word)) is not None
    assert len(tantivy_snippets._RECENT) <= 3
    again = matcher(q.Term("women"))
    assert again is not None and again is not first  # rebuilt after the store was cleared
    assert match_spans("Women's and women", again) == [(0, 5), (12, 17)]
