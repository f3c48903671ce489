"""Snippets for tantivy hits: analysis.make_snippet, with matches found by raw-token lookups."""

from __future__ import annotations

from recsearch import analysis
from recsearch import query as qn
from recsearch.analysis import TOKEN_RE, fold
from recsearch.tantivy_schema import RAW_STEMS, RAW_WORDS, analyse


def matcher(node: qn.Node) -> Matches | None:
    """raw token -> does it match the query's positive words or prefixes (None: nothing can).

    The same decision as the Whoosh engine's matcher on folded tokens, but keyed by
    the raw token and memoised, so a hit's tokens are dict lookups. The memo is kept for
    the next searches of the same words (the next page, the same query again).
    """
    words, raw_prefixes = qn.positive_terms(node)
    stems = frozenset(t for w in words for t in analyse(w))
    starts = tuple(fold(p) for p in raw_prefixes)
    if not stems and not starts:
        return None
    key = (stems, starts)
    found = _RECENT.get(key)
    if found is None:
        if len(_RECENT) >= RECENT_QUERIES:
            _RECENT.clear()  # a plain bound: rebuilding a memo costs a few milliseconds
        found = _RECENT[key] = Matches(stems, starts)
    return found


RECENT_QUERIES = 256
# (stems, prefixes) -> the memo of the searches for them.
_RECENT: dict[tuple[frozenset[str], tuple[str, ...]], Matches] = {}
# Chunks remembered per query at most (a broad query paged far sees many).
MAX_CHUNKS = 100_000


class Matches(dict[str, bool]):
    """Memo for one query: raw token -> whether it matches (see matcher)."""

    def __init__(self, stems: frozenset[str], starts: tuple[str, ...]) -> None:
        super().__init__()
        self.stems = stems
        self.starts = starts
        self.chunks = _Chunks(self)

    def __missing__(self, raw: str) -> bool:
        word = RAW_WORDS[raw]
        hit = bool(word) and (word.startswith(self.starts) or RAW_STEMS[raw] in self.stems)
        self[raw] = hit
        return hit


class _Chunks(dict[str, tuple[tuple[int, int], ...]]):
    """Memo for one query: whitespace-free chunk -> (start, end) of its matching tokens
    (chunks repeat across hits, so each is tokenised once)."""

    def __init__(self, matches: Matches) -> None:
        super().__init__()
        self.matches = matches

    def __missing__(self, chunk: str) -> tuple[tuple[int, int], ...]:
        matches = self.matches
        found = tuple((s, e) for s, e, raw in _TOKENS[chunk] if matches[raw])
        if len(self) >= MAX_CHUNKS:
            self.clear()
        self[chunk] = found
        return found


class _ChunkTokens(dict[str, tuple[tuple[int, int, str], ...]]):
    """Every query's memo: chunk -> its tokens as (start, end, raw token), so a new query
    tokenises only the chunks no earlier query has seen."""

    def __missing__(self, chunk: str) -> tuple[tuple[int, int, str], ...]:
        found = tuple((*m.span(), m.group()) for m in TOKEN_RE.finditer(chunk))
        if len(self) >= MAX_CHUNKS:
            self.clear()
        self[chunk] = found
        return found


_TOKENS = _ChunkTokens()


def snippet_html(text: str, matches: Matches | None, width: int = 250) -> str:
    """analysis.make_snippet's passage, finding matches by memoised lookups.

    make_snippet folds every token of every hit (about a millisecond a hit, which is most
    of a tantivy query); here each distinct token is decided once per query (`matches`
    memoises it) and make_snippet is given the match positions. The output is the same,
    character for character (tests/test_engines.py checks it).
    """
    spans = match_spans(text, matches) if matches is not None else []
    return analysis.make_snippet(text, width=width, spans=spans)


def match_spans(text: str, matches: Matches) -> list[tuple[int, int]]:
    """(start, end) of every token of text that matches, in text order.

    Tokens never hold whitespace, so the text is cut at whitespace (str.split, several
    times faster than the token regex over the whole text); each distinct chunk is
    tokenised once per query, and only the chunks holding a match are searched for again,
    an occurrence counting where the characters on either side are whitespace.
    """
    spans: list[tuple[int, int]] = []
    chunks = matches.chunks
    wanted = [chunk for chunk in set(text.split()) if chunks[chunk]]
    for chunk in wanted:
        inner = chunks[chunk]
        size = len(chunk)
        start = text.find(chunk)
        while start >= 0:
            end = start + size
            if (start == 0 or text[start - 1].isspace()) and (
                end == len(text) or text[end].isspace()
            ):
                spans.extend((start + s, start + e) for s, e in inner)
            start = text.find(chunk, start + 1)
    if len(wanted) > 1:
        spans.sort()
    return spans
