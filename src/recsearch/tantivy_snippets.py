"""Snippets for tantivy hits: analysis.make_snippet, given the matches found by search.

Nothing is remembered from one search to the next (a repeated query costs what a new one
does): each search decides each distinct token of its hits once, and finds candidate
tokens with str.find instead of tokenising every hit.
"""

from __future__ import annotations

from recsearch import analysis
from recsearch import query as qn
from recsearch.analysis import TOKEN_RE, fold
from recsearch.tantivy_schema import RAW_STEMS, RAW_WORDS, analyse

_ASCII = bytes(range(128))


def _ascii_lowered(text: str) -> str | None:
    """text lower-cased, with "?" for each character outside ASCII, if none of those is a
    letter or digit: the same tokens at the same places, folded. None if one is: folding
    or case-insensitive search could then match what str.lower() does not show (Türkiye,
    the Kelvin sign), and the text is tokenised instead.

    Most texts are ASCII; most others hold only a few curly quotes or dashes. Those are
    found by deleting the ASCII bytes of the text's UTF-8 in one C call: 2 µs for a
    paragraph, where a regex over every character took 11. Lower-casing and matching
    tokens in an ASCII string is faster too: the 20 snippets of "indigenous" at 300k
    records, half of them with curly quotes, took 0.67 ms before and 0.43 after.
    """
    if text.isascii():
        return text.lower()
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    if any(map(str.isalnum, rest.decode("utf-8", "surrogatepass"))):
        return None
    return text.encode("ascii", "replace").decode("ascii").lower()


def matcher(node: qn.Node) -> Matches | None:
    """raw token -> does it match the query's positive words or prefixes (None: nothing can).

    The same decision as the Whoosh engine's matcher on folded tokens, but keyed by the
    raw token and memoised for one search, so a token repeated in its hits is decided once.
    """
    words, raw_prefixes = qn.positive_terms(node)
    stems = frozenset(t for w in words for t in analyse(w))
    starts = tuple(fold(p) for p in raw_prefixes)
    if not stems and not starts:
        return None
    return Matches(stems, starts)


def head(stem: str) -> str:
    """What every word with this stem starts with: all but the stem's last two letters.

    The English (Porter2) stemmer rewrites at most the last two letters of what it keeps
    ("possibility" -> "possibl", "dying" -> "die", "hoping" -> "hope"); checked on all
    61,850 words of the 300k-record benchmark index. The first letter always stays.
    """
    return stem[: max(1, len(stem) - 2)]


class Matches(dict[str, bool]):
    """Memo for one search: raw token -> whether it matches (see matcher)."""

    def __init__(self, stems: frozenset[str], starts: tuple[str, ...]) -> None:
        super().__init__()
        self.stems = stems
        self.starts = starts
        self.every = "" in starts  # an empty prefix: every token is a candidate
        # Every matching token, lower-cased, starts with one of these.
        heads = {head(s) for s in stems} | {s for s in starts if s}
        # A head that starts with another finds nothing the other does not.
        self.heads = sorted(h for h in heads if not any(h != o and h.startswith(o) for o in heads))

    def __missing__(self, raw: str) -> bool:
        word = RAW_WORDS[raw]
        hit = bool(word) and (word.startswith(self.starts) or RAW_STEMS[raw] in self.stems)
        self[raw] = hit
        return hit


def snippet_html(text: str, matches: Matches | None, width: int = 250) -> str:
    """analysis.make_snippet's passage, with the matches found by match_spans.

    make_snippet folds every token of every hit (about a millisecond a hit); here only
    tokens that could match are looked at, each decided once per search. The output is
    the same, character for character (tests/test_engines.py checks it).
    """
    spans = match_spans(text, matches) if matches is not None else []
    return analysis.make_snippet(text, width=width, spans=spans)


def match_spans(text: str, matches: Matches) -> list[tuple[int, int]]:
    """(start, end) of every token of text that matches, in text order.

    In text whose letters and digits are ASCII, folding a token is lower-casing it, so a
    matching token starts where the lower-cased text holds one of the query's heads after
    a character that is not a letter or digit; only those tokens are decided.
    """
    low = None if matches.every else _ascii_lowered(text)
    if low is None:
        return [m.span() for m in TOKEN_RE.finditer(text) if matches[m.group()]]
    spans: list[tuple[int, int]] = []
    for prefix in matches.heads:
        at = low.find(prefix)
        while at >= 0:
            if at and low[at - 1].isalnum():  # inside a token
                at = low.find(prefix, at + 1)
                continue
            token = TOKEN_RE.match(low, at)
            if token is None:  # a head is never empty, so a token starts here
                break
            start, end = token.span()
            if matches[text[start:end]]:
                spans.append((start, end))
            at = low.find(prefix, end)
    if len(matches.heads) > 1:
        spans.sort()
    return spans
