"""Spelling: "did you mean" corrections and other spellings records use, from the index."""

from __future__ import annotations

from recsearch import analysis
from recsearch.engine import SPELL_FIELD, Engine
from recsearch.query import And, Node, Or, Phrase, Term, positive_terms


def did_you_mean(engine: Engine, node: Node) -> Node | None:
    """The query with each unknown or rare word replaced by a frequent close spelling.

    A run-together compound the records write as two words ("AfroEcuadorians",
    "nonrefoulement") is split into them when no close spelling exists.
    """
    vocab = vocabulary(engine)
    if vocab is None:
        return None
    changed = False

    def fix(n: Node) -> Node:
        nonlocal changed
        if isinstance(n, Term) and n.field is None:
            words = analysis.tokens(n.text)
            fixed = [_fix(w, vocab) for w in words]
            if fixed != words:
                changed = True
                # Pieces of one typed word stay one word: "afro-ecuadorian".
                return Term("-".join(fixed))
            return n
        if isinstance(n, Phrase) and n.field is None:
            words = [
                piece
                for w in (analysis.fold(w) for w in n.words)
                for piece in _fix(w, vocab).split("-")
            ]
            if words != [analysis.fold(w) for w in n.words]:
                changed = True
                return Phrase(tuple(words))
            return n
        if isinstance(n, And):
            return And(tuple(fix(c) for c in n.children))
        if isinstance(n, Or):
            return Or(tuple(fix(c) for c in n.children))
        return n  # words under NOT stay as typed

    fixed = fix(node)
    return fixed if changed else None


# Vocabulary per engine: word -> df, and words grouped by (first letter, length) so a
# correction compares against a few hundred words, not the whole vocabulary.
Vocabulary = tuple[dict[str, int], dict[tuple[str, int], list[tuple[str, int]]]]


def has_unknown_word(engine: Engine, node: Node) -> bool:
    """Whether a positive word of the query occurs in no record at all."""
    vocab = vocabulary(engine)
    if vocab is None:
        return False
    words, _prefixes = positive_terms(node)
    return any(tok not in vocab[0] for w in words for tok in analysis.tokens(w) if tok.isalpha())


_VOCAB_CACHE: dict[int, tuple[int, Vocabulary]] = {}


def vocabulary(engine: Engine) -> Vocabulary | None:
    """The engine's spelling vocabulary, cached until its record count changes."""
    count = engine.doc_count()
    cached = _VOCAB_CACHE.get(id(engine))
    if cached and cached[0] == count:
        return cached[1]
    freq = {w: df for w, df in engine.terms(SPELL_FIELD) if w.isalpha()}
    if not freq:
        return None
    buckets: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for word, df in freq.items():
        buckets.setdefault((word[0], len(word)), []).append((word, df))
    vocab = (freq, buckets)
    _VOCAB_CACHE.clear()
    _VOCAB_CACHE[id(engine)] = (count, vocab)
    return vocab


def _fix(word: str, vocab: Vocabulary) -> str:
    """A close spelling, else the two words of a split compound joined by "-", else word."""
    fixed = _correct(word, vocab)
    if fixed is None:
        pieces = _split(word, vocab)
        fixed = "-".join(pieces) if pieces else None
    return fixed or word


def _split(word: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """Two indexed words that run together make word, both much more frequent than it.

    Each part has 3+ letters (so "a"+"bc" splits are never made); of several splits the one
    whose rarer part is most frequent wins. search() keeps the result only when it finds
    more records than the word as typed.
    """
    freq, _buckets = vocab
    if not word.isalpha() or len(word) < 7:
        return None
    floor = max(freq.get(word, 0) * 20, 1)
    best, best_df = None, floor - 1
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        df = min(freq.get(left, 0), freq.get(right, 0))
        if df > best_df:
            best, best_df = (left, right), df
    return best


# A correction two edits away must be this many times more frequent than one a single
# edit away: "statless" is "stateless" (364 records), not "states" (10,061), but
# "indigineous" is "indigenous" (2,649), not the typo "indigeneous" (1).
EDIT_COST = 100


def _correct(word: str, vocab: Vocabulary) -> str | None:
    """A much more frequent word within edit distance 1 (2 for long words), or None.

    Candidates are weighed by frequency, each extra edit dividing it by EDIT_COST. The
    first letter is assumed right: typists rarely miss it, and it keeps this fast.
    """
    freq, buckets = vocab
    if not word.isalpha() or len(word) < 4:
        return None
    df = freq.get(word, 0)
    limit = 1 if len(word) < 8 else 2
    best, best_weight = None, 0.0
    for length in range(len(word) - limit, len(word) + limit + 1):
        for cand, cand_df in buckets.get((word[0], length), ()):
            if cand_df <= df * 20 or cand == word or not _within(word, cand, limit):
                continue
            weight = cand_df if _within(word, cand, 1) else cand_df / EDIT_COST
            if weight > best_weight:
                best, best_weight = cand, weight
    return best


def near(word: str, vocab: Vocabulary, limit: int) -> list[str]:
    """Indexed words within `limit` edits of word (same first letter), most frequent first."""
    _freq, buckets = vocab
    found = [
        (cand, cand_df)
        for length in range(len(word) - limit, len(word) + limit + 1)
        for cand, cand_df in buckets.get((word[0], length), ())
        if cand != word and _within(word, cand, limit)
    ]
    return [cand for cand, _df in sorted(found, key=lambda c: -c[1])]


def _within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance of a and b is at most limit."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit


def spelling_variants(engine: Engine, node: Node) -> list[Node]:
    """Other spellings of a word that records use: one edit away, same first letter.

    Only words of 6+ letters, whose variants are rarely different words. A form with the
    word's own stem ("afro-ecuadorian" for "afro-ecuadorians") is left out: the word
    already matches it, and listing it again would count those records twice.
    """
    vocab = vocabulary(engine)
    if vocab is None or not isinstance(node, Term) or node.field is not None:
        return []
    pieces = analysis.tokens(node.text)
    out: list[Node] = []
    for i, piece in enumerate(pieces):
        if len(piece) < 6 or not piece.isalpha():
            continue
        own = analysis.stem(piece)
        others = [c for c in near(piece, vocab, 1) if analysis.stem(c) != own]
        for cand in others[:3]:
            out.append(Term("-".join([*pieces[:i], cand, *pieces[i + 1 :]])))
    return out


def compound_forms(engine: Engine, node: Node) -> list[Node]:
    """The same compound written the other way by some records: joined or in two words.

    "Afrodescendants" gives "afro-descendants" (a split, see _split); "Afro-descendants"
    gives "afrodescendants" when records write it so. Other words give nothing.
    """
    vocab = vocabulary(engine)
    if vocab is None or not isinstance(node, Term) or node.field is not None:
        return []
    pieces = analysis.tokens(node.text)
    if len(pieces) == 1:
        split = _split(pieces[0], vocab)
        return [Term("-".join(split))] if split else []
    joined = "".join(pieces)
    if len(pieces) == 2 and joined.isalpha() and vocab[0].get(joined):
        return [Term(joined)]
    return []
