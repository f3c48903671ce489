"""Search: user request -> one plain result object that the CLI, the page and the API render.

Everything here is engine-neutral: parsing, expansion, filter validation, multi-select
facets, symbol lookup, "did you mean" and paging. An engine only runs `EngineQuery`s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import islice, product
from typing import Any

from recsearch import analysis
from recsearch.engine import FACET_FIELDS, KEYWORD_FIELDS, SORTS, Engine, EngineQuery, Hit
from recsearch.query import (
    FIELD_ALIASES,
    TREATIES,
    And,
    Keyword,
    MatchAll,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Range,
    Term,
    expand,
    normalize_article,
    parse_query,
    positive_terms,
    to_text,
)


@dataclass
class SearchRequest:
    """Everything a search page URL holds."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facet_limit: int | None = None  # None: every value of every facet


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    request: SearchRequest
    understood: str  # the query as the parser read it, e.g. 'women AND NOT country:France'
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    suggestion: str | None = None  # "did you mean": a corrected query that has results
    message: str | None = None  # a one-line note for the user (syntax repaired, empty result)

    def to_json(self) -> dict[str, Any]:
        """records.md shape: query, total, hits (record + score + snippet), facets."""
        return {
            "query": self.request.q,
            "understood": self.understood,
            "filters": self.request.filters,
            "total": self.total,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "sort": self.request.sort,
            "suggestion": self.suggestion,
            "message": self.message,
            "hits": [
                {**h.record.to_dict(), "score": h.score, "snippet": h.snippet} for h in self.hits
            ],
            "facets": {
                name: [{"value": f.value, "count": f.count} for f in values]
                for name, values in self.facets.items()
            },
        }


MAX_PER_PAGE = 200
# Fewer records than this with every word: records with some of the words follow them.
# A constant, not the page size, so the total does not change with per_page.
RELAX_BELOW = 10
MAX_PAGE = 10_000
SPELL_FIELD = "spell"  # unstemmed, folded words of title + text, with document frequency
# Fields whose typed value is matched to the indexed value case-insensitively
# ("country:brazil" -> "Brazil").
CANONICAL_FIELDS = (
    "body",
    "doc_type",
    "country",
    "kind",
    "themes",
    "recommending_states",
    "response",
    "session",
    "general_recommendations",
    "articles",
)


def search(engine: Engine, request: SearchRequest) -> SearchResult:
    """Run a search request: hits of one page, total, multi-select facets, suggestion."""
    notes: list[str] = []
    parsed = parse_query(request.q or "")
    if parsed.message:
        notes.append(parsed.message)
    filters = normalize_filters(engine, request.filters, notes)
    node = _resolve(engine, expand(parsed.node), notes)
    sort = request.sort if request.sort in SORTS else "relevance"
    if sort != request.sort:
        notes.append(f"unknown sort {request.sort!r}: sorted by relevance")
    if sort == "relevance" and not _has_words(node):
        # Nothing to rank by: a symbol or a filter alone reads best in document order.
        sort = "document" if _has_symbol(node) else "newest"
    page = min(max(1, _int(request.page, 1)), MAX_PAGE)
    per_page = min(max(1, _int(request.per_page, 20)), MAX_PER_PAGE)

    total, hits, facets = _run(engine, node, filters, sort, page, per_page, request.facet_limit)
    understood = parsed.understood
    suggestion = None
    if _has_text(node) and total <= 3:
        fixed = did_you_mean(engine, parsed.node)
        if fixed is not None:
            fixed_node = _resolve(engine, expand(fixed), [])
            fixed_total, fixed_hits, fixed_facets = _run(
                engine, fixed_node, filters, sort, page, per_page, request.facet_limit
            )
            # A word no record contains can never match: even with no strict hits, the
            # corrected query is the one to relax.
            hopeless = total == 0 and _has_unknown_word(engine, parsed.node)
            if fixed_total > total or hopeless:
                suggestion = to_text(fixed)
                if total == 0:
                    notes.append(f"no results for {understood}; showing results for {suggestion}")
                    total, hits, facets = fixed_total, fixed_hits, fixed_facets
                    understood = suggestion
                    node = fixed_node
    if sort == "relevance" and total < RELAX_BELOW:
        total, hits, facets = _add_partial_matches(
            engine, node, filters, page, per_page, request.facet_limit, (total, hits, facets), notes
        )
    if total and not hits and page > 1:
        notes.append(f"page {page} is past the last page of results")
    result_facets = {
        name: _facet_counts(counts, filters.get(name, [])) for name, counts in facets.items()
    }
    return SearchResult(
        request=replace(request, page=page, per_page=per_page, sort=request.sort),
        understood=understood,
        total=total,
        hits=hits,
        facets=result_facets,
        suggestion=suggestion,
        message="; ".join(dict.fromkeys(notes)) or None,
    )


def _run(
    engine: Engine,
    node: Node,
    filters: dict[str, list[str]],
    sort: str,
    page: int,
    per_page: int,
    facet_limit: int | None,
    boost: Node | None = None,
) -> tuple[int, list[Hit], dict[str, list[tuple[str, int]]]]:
    """One page plus multi-select facets: a selected facet is counted without its own filter."""
    if sort == "relevance" and boost is None:
        boost = proximity(node)
    unselected = [f for f in FACET_FIELDS if f not in filters]
    main = engine.search(
        EngineQuery(
            query=node,
            boost=boost if sort == "relevance" else None,
            filters=filters,
            sort=sort,
            offset=(page - 1) * per_page,
            limit=per_page,
            facets=unselected,
            facet_limit=facet_limit,
        )
    )
    facets = dict(main.facets)
    for name in FACET_FIELDS:
        if name not in filters:
            continue
        others = {k: v for k, v in filters.items() if k != name}
        counted = engine.search(
            EngineQuery(
                query=node,
                filters=others,
                limit=0,
                facets=[name],
                facet_limit=facet_limit,
                snippets=False,
            )
        )
        facets[name] = counted.facets.get(name, [])
    ordered = {name: facets.get(name, []) for name in FACET_FIELDS}
    return main.total, main.hits, ordered


def _add_partial_matches(
    engine: Engine,
    node: Node,
    filters: dict[str, list[str]],
    page: int,
    per_page: int,
    facet_limit: int | None,
    strict: tuple[int, list[Hit], dict[str, list[tuple[str, int]]]],
    notes: list[str],
) -> tuple[int, list[Hit], dict[str, list[tuple[str, int]]]]:
    """Too few records have every word: list those first, then records with fewer of them.

    Hits of each wider level (see _relaxations) follow those of the narrower ones. Only the
    words are relaxed; fields, symbols, NOT and filters stay required. The total and the
    facets then count the widest level, and a note says so.
    """
    total, strict_hits, facets = strict
    need = page * per_page
    if page > 1 and total:
        strict_hits = _run(engine, node, filters, "relevance", 1, total, facet_limit)[1]
    merged = list(strict_hits)
    seen = {h.record.id for h in merged}
    widened = False
    for loose, boost in _relaxations(engine, node):
        # Every level runs, so the total and facets (the widest level's) do not depend on
        # the page; hits are fetched only while the page is not full.
        wanted = need + len(merged) if len(merged) < need else 0
        loose_total, loose_hits, loose_facets = _run(
            engine, loose, filters, "relevance", 1, wanted, facet_limit, boost
        )
        if loose_total <= total:
            continue
        widened = True
        total, facets = loose_total, loose_facets
        for hit in loose_hits:
            if hit.record.id not in seen:
                seen.add(hit.record.id)
                merged.append(hit)
    if not widened:
        return strict
    notes.append(
        f"{len(strict_hits)} record{'s' if len(strict_hits) != 1 else ''} contain every word; "
        "records with only some of the words follow"
    )
    return total, merged[(page - 1) * per_page : need], facets


def _relaxations(engine: Engine, node: Node) -> list[tuple[Node, Node]]:
    """Wider versions of an AND of words, tried in turn while the page is not full.

    First the rarest word alone (the one that says most about what is wanted:
    "naloxone" in "take-home naloxone", see _rarity), then any of the words. BM25 ranks within each.
    Other conditions (fields, symbols, NOT) stay required in every version.
    """
    if not isinstance(node, And):
        return []
    words = [c for c in node.children if _is_words(c)]
    if len(words) < 2:
        return []
    rest = [c for c in node.children if not _is_words(c)]
    rarest = min(words, key=lambda w: _rarity(engine, w))
    variants = _spelling_variants(engine, rarest)
    if variants:
        # Spelled another way in some records ("Afro-Ecuadoreans"): those count too.
        rarest = Or((rarest, *variants))
    levels: list[Node] = [rarest, Or(tuple(words))]
    out = []
    for level in levels:
        loose = And((*rest, level)) if rest else level
        # Within a level, records holding more of the words rank higher.
        boosts: list[Node] = [And((loose, Or(tuple(words))))]
        strict_phrase = proximity(node)
        if strict_phrase is not None:
            boosts.append(strict_phrase)
        out.append((loose, Or(tuple(boosts)) if len(boosts) > 1 else boosts[0]))
    return out


def _spelling_variants(engine: Engine, node: Node) -> list[Node]:
    """Other spellings of a word that records use: one edit away, same first letter.

    Only words of 6+ letters, whose variants are rarely different words.
    """
    vocab = _vocabulary(engine)
    if vocab is None or not isinstance(node, Term) or node.field is not None:
        return []
    pieces = analysis.tokens(node.text)
    out: list[Node] = []
    for i, piece in enumerate(pieces):
        if len(piece) < 6 or not piece.isalpha():
            continue
        for cand in _near(piece, vocab, 1)[:3]:
            out.append(Term("-".join([*pieces[:i], cand, *pieces[i + 1 :]])))
    return out


def _rarity(engine: Engine, node: Node) -> int:
    """How many records hold the word's most common piece: "take-home" counts as "home".

    A hyphenated compound is rare as a phrase but says little; its pieces decide.
    """
    words, prefixes = positive_terms(node)
    pieces = [tok for w in words for tok in analysis.tokens(w)]
    counts = [_count(engine, Term(tok)) for tok in dict.fromkeys(pieces)]
    counts += [_count(engine, Prefix(p)) for p in prefixes]
    return max(counts) if counts else 0


def _is_words(node: Node) -> bool:
    if isinstance(node, Term | Phrase | Prefix):
        return node.field is None
    return isinstance(node, Or) and all(_is_words(c) for c in node.children)


def proximity(node: Node) -> Node | None:
    """A ranking clause lifting records where the words of an AND stand together.

    For AND(w1, w2, …, rest) it is "w1 w2 …" AND rest (one phrase per plural form), so it
    matches only records the query matches; engines add its score (EngineQuery.boost).
    """
    if not isinstance(node, And):
        return None
    words = [c for c in node.children if isinstance(c, Term | Or) and _is_words(c)]
    forms = [_word_forms(c) for c in words]
    if len(words) < 2 or not all(forms):
        return None
    phrases: list[Node] = [Phrase(tuple(v)) for v in islice(product(*forms), 4)]
    others = tuple(c for c in node.children if not any(c is w for w in words))
    if others:
        phrases = [And((p, *others)) for p in phrases]
    return phrases[0] if len(phrases) == 1 else Or(tuple(phrases))


def _word_forms(node: Node) -> list[str]:
    """The word of a Term, or the forms of a plural expansion Or(Term(typed), Term(other))."""
    if isinstance(node, Term) and node.field is None:
        return [node.text]
    if (
        isinstance(node, Or)
        and len(node.children) == 2
        and all(
            isinstance(c, Term) and c.field is None and " " not in c.text for c in node.children
        )
    ):
        return [c.text for c in node.children if isinstance(c, Term)]
    return []


def _facet_counts(counts: list[tuple[str, int]], selected: list[str]) -> list[FacetCount]:
    """Facet rows, selected values flagged and kept even when nothing matches them now."""
    rows = [FacetCount(value, count, value in selected) for value, count in counts]
    shown = {row.value for row in rows}
    rows.extend(FacetCount(value, 0, True) for value in selected if value not in shown)
    return rows


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# Filters


def normalize_filters(
    engine: Engine, filters: dict[str, list[str]] | None, notes: list[str]
) -> dict[str, list[str]]:
    """Validated filters: known fields only, values in their indexed form; notes say why not."""
    out: dict[str, list[str]] = {}
    for raw_name, raw_values in (filters or {}).items():
        name = FIELD_ALIASES.get(str(raw_name).strip().lower(), str(raw_name).strip())
        if name not in KEYWORD_FIELDS:
            notes.append(
                f"unknown filter field {raw_name!r} ignored; use one of: "
                + ", ".join(sorted(set(KEYWORD_FIELDS) - {"id", "doc_key"}))
            )
            continue
        if isinstance(raw_values, str | int):
            raw_values = [raw_values]
        values: list[str] = []
        for raw in raw_values or []:
            values.extend(_filter_values(engine, name, str(raw).strip(), notes))
        if values:
            out.setdefault(name, [])
            out[name].extend(v for v in dict.fromkeys(values) if v not in out[name])
    return out


def _filter_values(engine: Engine, name: str, value: str, notes: list[str]) -> list[str]:
    if not value:
        return []
    if name == "year":
        years = re.fullmatch(r"(\d{4})\s*(?:\.\.|-|–)\s*(\d{4})", value)
        if years:
            low, high = sorted(int(y) for y in years.groups())
            return [str(y) for y in range(low, min(high, low + 100) + 1)]
        if not re.fullmatch(r"\d{4}", value):
            notes.append(f"year filter {value!r} ignored: use a year such as 2012")
            return []
        return [value]
    if name == "symbol":
        return [analysis.normalize_symbol(value)]
    if name == "articles":
        value = normalize_article(value)
        if not value[:1].isalpha():
            return [f"{t} {value}" for t in TREATIES]
    return [canonical_value(engine, name, value)]


def canonical_value(engine: Engine, name: str, value: str) -> str:
    """The indexed spelling of a typed keyword value ('brazil' -> 'Brazil'), else the value."""
    if name not in CANONICAL_FIELDS:
        return value
    values = [term for term, _df in engine.terms(name)]
    if value in values:
        return value
    folded = {analysis.fold(v).strip(): v for v in values}
    return folded.get(analysis.fold(value).strip(), value)


# Query resolution against the index


def _resolve(engine: Engine, node: Node, notes: list[str]) -> Node:
    """Keyword values in indexed form; a symbol not in the index searches what cites it."""
    if isinstance(node, Keyword):
        if node.field == "symbol":
            if _count(engine, node):
                return node
            cites = Keyword("cites", node.value)
            if _count(engine, cites):
                notes.append(f"{node.value} is not in the index: showing records that cite it")
                return cites
            notes.append(f"no document {node.value} in the index")
            return node
        return Keyword(node.field, canonical_value(engine, node.field, node.value))
    if isinstance(node, And):
        return And(tuple(_resolve(engine, c, notes) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(_resolve(engine, c, notes) for c in node.children))
    if isinstance(node, Not):
        return Not(_resolve(engine, node.child, notes))
    return node


def _count(engine: Engine, node: Node) -> int:
    return engine.search(EngineQuery(query=node, limit=0, facets=(), snippets=False)).total


def _walk(node: Node) -> Iterable[Node]:
    yield node
    if isinstance(node, And | Or):
        for child in node.children:
            yield from _walk(child)
    elif isinstance(node, Not):
        yield from _walk(node.child)


def _has_text(node: Node) -> bool:
    return any(isinstance(n, Term | Phrase | Prefix) and n.field is None for n in _walk(node))


def _has_words(node: Node) -> bool:
    """Any word to rank by, in any full-text field (gr:13 looks for titles)."""
    return any(isinstance(n, Term | Phrase | Prefix) for n in _walk(node))


def _has_symbol(node: Node) -> bool:
    return any(isinstance(n, Keyword) and n.field in ("symbol", "cites") for n in _walk(node))


# Did you mean


def did_you_mean(engine: Engine, node: Node) -> Node | None:
    """The query with each unknown or rare word replaced by a frequent close spelling."""
    vocab = _vocabulary(engine)
    if vocab is None:
        return None
    changed = False

    def fix(n: Node) -> Node:
        nonlocal changed
        if isinstance(n, Term) and n.field is None:
            words = analysis.tokens(n.text)
            fixed = [_correct(w, vocab) or w for w in words]
            if fixed != words:
                changed = True
                # Pieces of one typed word stay one word: "afro-ecuadorian".
                return Term("-".join(fixed))
            return n
        if isinstance(n, Phrase) and n.field is None:
            words = [_correct(w, vocab) or w for w in (analysis.fold(w) for w in n.words)]
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


def _has_unknown_word(engine: Engine, node: Node) -> bool:
    """Whether a positive word of the query occurs in no record at all."""
    vocab = _vocabulary(engine)
    if vocab is None:
        return False
    words, _prefixes = positive_terms(node)
    return any(tok not in vocab[0] for w in words for tok in analysis.tokens(w) if tok.isalpha())


_VOCAB_CACHE: dict[int, tuple[int, Vocabulary]] = {}


def _vocabulary(engine: Engine) -> Vocabulary | None:
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


def _correct(word: str, vocab: Vocabulary) -> str | None:
    """A much more frequent word within edit distance 1 (2 for long words), or None.

    The first letter is assumed right: typists rarely miss it, and it keeps this fast.
    """
    freq, buckets = vocab
    if not word.isalpha() or len(word) < 4:
        return None
    df = freq.get(word, 0)
    limit = 1 if len(word) < 8 else 2
    best, best_df = None, df * 20
    for length in range(len(word) - limit, len(word) + limit + 1):
        for cand, cand_df in buckets.get((word[0], length), ()):
            if cand_df > best_df and cand != word and _within(word, cand, limit):
                best, best_df = cand, cand_df
    return best


def _near(word: str, vocab: Vocabulary, limit: int) -> list[str]:
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


__all__ = [
    "FacetCount",
    "MatchAll",
    "Range",
    "SearchRequest",
    "SearchResult",
    "did_you_mean",
    "normalize_filters",
    "search",
]
