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
    spans: list[tuple[int, int]] = []
    if matches is not None:
        flags = list(map(matches.__getitem__, TOKEN_RE.findall(text)))
        if any(flags):
            found = zip(TOKEN_RE.finditer(text), flags, strict=True)
            spans = [m.span() for m, hit in found if hit]
    return analysis.make_snippet(text, width=width, spans=spans)
