"""Text analysis rules both engines follow, and the engine-neutral helpers built on them.

The rule for analysed fields (text, title, section), which the Whoosh and the tantivy
engine must both reproduce exactly so that the same query finds the same records:

1. Tokens are maximal runs of Unicode letters and digits; everything else (spaces,
   punctuation, hyphens, slashes, underscores) separates tokens.
   "non-discrimination" -> "non", "discrimination"; "CERD/C/BRA" -> "cerd", "c", "bra".
2. Lower-case, then ASCII-fold (NFKD, drop combining marks): "Türkiye" -> "turkiye".
3. Tokens longer than MAX_TOKEN_CHARS characters are dropped (long garbage runs).
4. Snowball English stemming, as Snowball 3 defines it: "discriminate", "discrimination"
   -> "discrimin"; "organization" -> "organiz" (not "organ"), "international" ->
   "internat" (not "intern", the stem of "internal"). Both engines stem with this
   algorithm: the Whoosh engine and every query through `stem` below (PyStemmer, the
   Snowball project's own C stemmers), the tantivy engine inside tantivy
   (Filter.stemmer("english")), which runs the same algorithm: the two give the same stem
   for every word of the corpus (eval/analysis_identity.py) and of tests/test_analysis.py.
5. No stop words: "of the" stays searchable inside phrases.

ANALYSIS_VERSION names this rule. Every index records the version it was written with, and
an index written under another rule is not opened (its terms would not be the query's).

A prefix query (discriminat*) without a field matches the words of title and text before
stemming (steps 1-3 only; the index's "spell" field), because the stem can be shorter
than the prefix. The same unstemmed words, with their document frequency, feed
"did you mean" (`Engine.terms("spell")`).

Irregular plurals the stemmer does not join (woman/women) are not an analysis step:
the query parser expands such a word to both forms (`word_forms`).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources

MAX_TOKEN_CHARS = 40
# 1: Snowball English as Whoosh implements it (an older Snowball); 2: Snowball 3.
ANALYSIS_VERSION = 2

# Letters and digits of any script; `_` is a word character for `\w` but not for us.
TOKEN_RE = re.compile(r"[^\W_]+")


# Letters NFKD does not decompose but tantivy's AsciiFoldingFilter folds.
_FOLD_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"}
)


def fold(text: str) -> str:
    """Lower-case and ASCII-fold: 'Türkiye' -> 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD_EXTRA))
    # Lower-cased again: a compatibility letter can decompose to a capital ("ℌ" -> "H").
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Rule steps 1-3: (start, end, folded token) for each token of the original text."""
    for match in TOKEN_RE.finditer(text):
        run = match.group()
        if run.isascii():  # the common case: folding is lower-casing (indexing hot path)
            if len(run) <= MAX_TOKEN_CHARS:
                yield match.start(), match.end(), run.lower()
            continue
        # Folding can split a run ("½" -> "1⁄2"); every piece keeps the run's span.
        for tok in TOKEN_RE.findall(fold(run)):
            if len(tok) <= MAX_TOKEN_CHARS:
                yield match.start(), match.end(), tok


def tokens(text: str) -> list[str]:
    """The folded tokens of a text, before stemming."""
    return [tok for _s, _e, tok in token_spans(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Rule step 4 for one folded token: 'discrimination' -> 'discrimin'."""
    return _snowball_english()(word)


@cache
def _snowball_english() -> Callable[[str], str]:
    import Stemmer  # PyStemmer

    stemmer: Callable[[str], str] = Stemmer.Stemmer("english").stemWord
    return stemmer


@cache
def _plurals() -> dict[str, str]:
    raw = resources.files("recsearch").joinpath("data/irregular_plurals.json").read_text("utf-8")
    pairs = {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}
    both = dict(pairs)
    both.update({plural: singular for singular, plural in pairs.items()})
    return both


def word_forms(word: str) -> list[str]:
    """The word and its irregular singular/plural partner: 'women' -> ['women', 'woman']."""
    other = _plurals().get(word.lower())
    return [word, other] if other else [word]


# A UN document symbol: an alphabetic series code and at least two more parts joined by
# slashes ("CERD/C/BRA/CO/18-20", "A/HRC/21/11", "E/C.12/GC/20"), with a digit somewhere.
# Spaces around slashes are allowed because users type them.
_PART = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
SYMBOL_RE = re.compile(
    rf"(?<![A-Za-z0-9/])[A-Za-z]{{1,8}}(?:\.\d+)?(?:\s*/\s*{_PART}){{2,8}}(?:\s*/\s*Add\.\d+)?",
)
# What follows a symbol in a citation: ", para. 119.3", " paras. 6-7", " paragraph 12".
_PARA_RE = re.compile(
    r"\s*,?\s*(?:paras?\.?|paragraphs?|§)\s*(\d+(?:\.\d+)*)(?![\w/])", re.IGNORECASE
)


def normalize_symbol(symbol: str) -> str:
    """Case- and space-insensitive form of a document symbol: 'cerd/c/bra' -> 'CERD/C/BRA'."""
    return re.sub(r"\s+", "", symbol).upper().rstrip(".,;:")


def find_symbols(text: str) -> list[tuple[int, int, str, str | None]]:
    """Symbols (and cited paragraphs) in query text: (start, end, symbol, number or None)."""
    out = []
    for match in SYMBOL_RE.finditer(text):
        symbol = match.group().rstrip(".-")
        # Real symbols carry a session or report number; "and/or/not" has none.
        if not re.search(r"\d", symbol):
            continue
        end = match.start() + len(symbol)
        para = _PARA_RE.match(text, end)
        number = None
        if para:
            number = para.group(1)
            end = para.end()
        out.append((match.start(), end, normalize_symbol(symbol), number))
    return out


def make_snippet(
    text: str,
    is_match: Callable[[str], bool] | None = None,
    width: int = 250,
    *,
    spans: Sequence[tuple[int, int]] | None = None,
) -> str:
    """HTML-escaped passage of about `width` characters around the densest run of matches.

    `is_match(folded_token)` says whether a token matches the query; the engine supplies
    it from its own analyser. An engine that finds the matches faster itself passes their
    (start, end) `spans` in text order instead. Matches are wrapped in <mark>…</mark>.
    """
    if spans is None:
        spans = [(s, e) for s, e, tok in token_spans(text) if is_match and is_match(tok)]
    start, end = _window(text, spans, width)
    inside = [(s, e) for s, e in spans if start <= s and e <= end]
    pieces: list[str] = []
    pos = start
    if inside and (_OPEN in text or _CLOSE in text):  # the stand-ins would be ambiguous
        for s, e in inside:
            pieces += (html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>")
            pos = e
        body = "".join(pieces) + html.escape(text[pos:end])
    else:
        # The passage with stand-ins for the marks, escaped in one call, not piece by piece.
        for s, e in inside:
            pieces += (text[pos:s], _OPEN, text[s:e], _CLOSE)
            pos = e
        pieces.append(text[pos:end])
        body = html.escape("".join(pieces))
        if inside:
            body = body.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + body.strip() + suffix


# Stand-ins for <mark> and </mark> while a passage is escaped: html.escape leaves them
# alone, and neither is whitespace, so stripping the passage strips the same characters.
_OPEN, _CLOSE = "\x02", "\x03"


def _window(text: str, spans: Sequence[tuple[int, int]], width: int) -> tuple[int, int]:
    """The [start, end) window of about `width` characters holding the most matches."""
    if len(text) <= width:
        return 0, len(text)
    start = 0
    if spans:
        # The first run of the most matches within `width` characters. Spans are in text
        # order and do not overlap, so a run ends where the previous one did or later.
        best_count, best_start, best_end = 0, 0, 0
        j = 0
        last = len(spans) - 1
        for i, (s, _e) in enumerate(spans):
            j = max(j, i)
            limit = s + width
            while j < last and spans[j + 1][1] <= limit:
                j += 1
            if j - i + 1 > best_count:
                best_count, best_start, best_end = j - i + 1, s, spans[j][1]
        # Centre the run of matches, then snap outwards to word boundaries.
        slack = width - (best_end - best_start)
        start = max(0, best_start - slack // 3)
    end = min(len(text), start + width)
    start = max(0, end - width)
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.find(" ", end, end + 20)
        end = space if space >= 0 else end
    return start, end
