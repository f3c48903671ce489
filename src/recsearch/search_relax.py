"""Relaxation: when too few records hold every word, records with some of them follow."""

from __future__ import annotations

from recsearch import analysis
from recsearch.engine import Engine, Hit
from recsearch.query import And, Node, Or, Prefix, Term, positive_terms
from recsearch.search_facets import count, run_page
from recsearch.search_rank import is_words, proximity
from recsearch.search_spell import compound_forms, spelling_variants

# Fewer records than this with every word: records with some of the words follow them.
# A constant, not the page size, so the total does not change with per_page.
RELAX_BELOW = 10


def add_partial_matches(
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
        strict_hits = run_page(engine, node, filters, "relevance", 1, total, facet_limit)[1]
    merged = list(strict_hits)
    seen = {h.record.id for h in merged}
    widened = False
    for loose, boost in _relaxations(engine, node):
        # Every level runs, so the total and facets (the widest level's) do not depend on
        # the page; hits are fetched only while the page is not full.
        wanted = need + len(merged) if len(merged) < need else 0
        loose_total, loose_hits, loose_facets = run_page(
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
    exact = len(strict_hits)
    if not isinstance(node, And) or sum(is_words(c) for c in node.children) < 2:
        notes.append(
            f"{exact} record{' contains' if exact == 1 else 's contain'} the word as typed; "
            f"{total - exact} more write it another way"
        )
        return total, merged[(page - 1) * per_page : need], facets
    notes.append(
        f"{exact} record{' contains' if exact == 1 else 's contain'} every word; "
        f"{total - exact} more with only some of the words follow "
        "(put AND between the words for exact matches only)"
    )
    return total, merged[(page - 1) * per_page : need], facets


def _relaxations(engine: Engine, node: Node) -> list[tuple[Node, Node]]:
    """Wider versions of an AND of words, tried in turn while the page is not full.

    With three or more words, first every word but the commonest (a record lacking only
    the word that says least, "against" in "discrimination against X", beats one holding
    the rarest word alone); then the rarest word alone (the one that says most about what
    is wanted: "naloxone" in "take-home naloxone", see _rarity); then any of the words.
    BM25 ranks within each. Other conditions (fields, symbols, NOT) stay required in every
    version.
    """
    if isinstance(node, And):
        words = [c for c in node.children if is_words(c)]
        rest = [c for c in node.children if not is_words(c)]
    elif is_words(node):
        words, rest = [node], []
    else:
        return []
    # Compounds written the other way in some records ("Afrodescendants" and
    # "Afro-descendants"): those count as the word in every level.
    alts = [compound_forms(engine, w) for w in words]
    if len(words) < 2:
        if not words or not alts[0]:
            return []
        either: Node = Or((words[0], *alts[0]))
        widest = And((*rest, either)) if rest else either
        return [(widest, widest)]
    counts = [_rarity(engine, w) for w in words]
    order = sorted(range(len(words)), key=lambda i: counts[i])
    # Spelled another way in some records ("Afro-Ecuadoreans"): those count as the word
    # in every level and in the ranking within it.
    alts[order[0]] += spelling_variants(engine, words[order[0]])
    words = [Or((w, *a)) if a else w for w, a in zip(words, alts, strict=True)]
    rarest = words[order[0]]
    levels: list[Node] = []
    if len(words) >= 3:
        levels.append(And(tuple(w for i, w in enumerate(words) if i != order[-1])))
    levels += [rarest, Or(tuple(words))]
    strict_phrase = proximity(node)
    out: list[tuple[Node, Node]] = []
    for level in levels:
        loose = And((*rest, level)) if rest else level
        # Within a level, records holding more of the words rank higher.
        boosts: list[Node] = [And((loose, Or(tuple(words))))]
        if strict_phrase is not None:
            boosts.append(strict_phrase)
        out.append((loose, Or(tuple(boosts)) if len(boosts) > 1 else boosts[0]))
    return out


def _rarity(engine: Engine, node: Node) -> int:
    """How many records hold the word's most common piece: "take-home" counts as "home".

    A hyphenated compound is rare as a phrase but says little; its pieces decide.
    """
    words, prefixes = positive_terms(node)
    pieces = [tok for w in words for tok in analysis.tokens(w)]
    counts = [count(engine, Term(tok)) for tok in dict.fromkeys(pieces)]
    counts += [count(engine, Prefix(p)) for p in prefixes]
    return max(counts) if counts else 0
