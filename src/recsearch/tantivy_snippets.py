"""Snippets for tantivy hits: analysis.make_snippet, with matches found by raw-token lookups."""

from __future__ import annotations

from recsearch import analysis
from recsearch import query as qn
from recsearch.analysis import TOKEN_RE, fold
from recsearch.tantivy_schema import RAW_STEMS, RAW_WORDS, analyse


def matcher(node: qn.Node) -> dict[str, bool] | None:
    """raw token -> does it match the query's positive words or prefixes (None: nothing can).

    The same decision as the Whoosh engine's matcher on folded tokens, but keyed by
    the raw token and memoised for the query, so a hit's tokens are dict lookups.
    """
    words, raw_prefixes = qn.positive_terms(node)
    stems = {t for w in words for t in analyse(w)}
    starts = tuple(fold(p) for p in raw_prefixes)
    if not stems and not starts:
        return None
    return _Matches(stems, starts)


class _Matches(dict[str, bool]):
    """Memo for one query: raw token -> whether it matches (see matcher)."""

    def __init__(self, stems: set[str], starts: tuple[str, ...]) -> None:
        super().__init__()
        self.stems = stems
        self.starts = starts

    def __missing__(self, raw: str) -> bool:
        word = RAW_WORDS[raw]
        hit = bool(word) and (word.startswith(self.starts) or RAW_STEMS[raw] in self.stems)
        self[raw] = hit
        return hit


def snippet_html(text: str, matches: dict[str, bool] | None, width: int = 250) -> str:
    """analysis.make_snippet's passage, finding matches by raw-token lookups.

    make_snippet folds every token of every hit (about a millisecond a hit, which is most
    of a tantivy query); here each distinct token is decided once per query (`matches`
    memoises it by raw token) and make_snippet is given the match positions. The output
    is the same, character for character (tests/test_engines.py checks it).
    """
    spans = match_spans(text, matches) if matches is not None else []
    return analysis.make_snippet(text, width=width, spans=spans)


def match_spans(text: str, matches: dict[str, bool]) -> list[tuple[int, int]]:
    """(start, end) of every token of text that matches, in text order.

    Each distinct token is looked up once, and only the matching ones are searched for
    again: a token is a maximal run of characters that are str.isalnum() (TOKEN_RE's
    [^\\W_]), so an occurrence counts when the characters on either side are not.
    """
    found = [raw for raw in set(TOKEN_RE.findall(text)) if matches[raw]]
    spans: list[tuple[int, int]] = []
    for raw in found:
        size = len(raw)
        start = text.find(raw)
        while start >= 0:
            end = start + size
            if (start == 0 or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                spans.append((start, end))
            start = text.find(raw, start + 1)
    if len(found) > 1:
        spans.sort()
    return spans
