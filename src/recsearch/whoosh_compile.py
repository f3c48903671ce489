"""Compiling query nodes (query_nodes.py) to Whoosh queries, and the snippet matcher."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from whoosh import query

from recsearch import analysis
from recsearch import query as q
from recsearch.engine import FIELD_WEIGHTS, KEYWORD_FIELDS, TEXT_FIELDS, TIEBREAK, EngineError
from recsearch.whoosh_schema import SPELL, YEAR_NUM, text_analyzer

_ANALYZER = text_analyzer()  # holds no per-call state: one is shared by every engine


def stems(text: str) -> list[str]:
    """The indexed terms of a query word or phrase (analysis.py's rule, stemmed)."""
    return [t.text for t in _ANALYZER(text)]


def matcher(node: q.Node) -> Callable[[str], bool] | None:
    """Predicate on folded tokens: does this token match a positive word of the query?"""
    words, prefixes = q.positive_terms(node)
    wanted = {s for w in words for s in stems(w)}
    folded = [analysis.fold(p) for p in prefixes]
    if not wanted and not folded:
        return lambda _tok: False

    heads = {s[:3] for s in wanted}

    def is_match(tok: str) -> bool:
        if tok[:3] in heads and analysis.stem(tok) in wanted:
            return True
        return any(tok.startswith(p) for p in folded)

    return is_match


def _text_query(tokens: list[str], fieldnames: Sequence[str]) -> query.Query:
    subs: list[query.Query] = []
    for name in fieldnames:
        weight = FIELD_WEIGHTS.get(name, 1.0)
        if len(tokens) == 1:
            subs.append(query.Term(name, tokens[0], boost=weight))
        else:
            subs.append(query.Phrase(name, tokens, boost=weight))
    return subs[0] if len(subs) == 1 else query.DisjunctionMax(subs, tiebreak=TIEBREAK)


def compile_node(node: q.Node) -> query.Query:
    """An engine-neutral node as a Whoosh query."""
    if isinstance(node, q.MatchAll):
        return query.Every()
    if isinstance(node, q.MatchNone):
        return query.NullQuery
    if isinstance(node, q.And):
        return query.And([compile_node(c) for c in node.children])
    if isinstance(node, q.Or):
        return query.Or([compile_node(c) for c in node.children])
    if isinstance(node, q.Not):
        return query.Not(compile_node(node.child))
    if isinstance(node, q.Keyword):
        return keyword(node.field, node.value)
    if isinstance(node, q.Range):
        if node.field != "year":
            return query.NullQuery
        # Records without a year are indexed as 0: an open low end starts at 1.
        return query.NumericRange(YEAR_NUM, node.low if node.low else 1, node.high)
    if isinstance(node, q.Term | q.Phrase):
        if node.field is not None and node.field not in TEXT_FIELDS:
            value = node.text if isinstance(node, q.Term) else " ".join(node.words)
            return keyword(node.field, value)
        text = node.text if isinstance(node, q.Term) else " ".join(node.words)
        tokens = stems(text)
        if not tokens:
            return query.NullQuery
        return _text_query(tokens, [node.field] if node.field else TEXT_FIELDS)
    if isinstance(node, q.Prefix):
        folded = "".join(analysis.tokens(node.text))
        if not folded:
            return query.NullQuery
        if node.field is None:
            # Unstemmed words: "discriminat*" must find "discrimination", whose
            # stem "discrimin" is shorter than the prefix.
            return query.Prefix(SPELL, folded)
        if node.field not in TEXT_FIELDS:
            return query.NullQuery
        starts = {folded, *stems(folded)[:1]}
        return query.Or([query.Prefix(node.field, s) for s in starts])
    raise EngineError(f"unknown query node {node!r}")


def keyword(field: str, value: str) -> query.Query:
    """An exact keyword-field term; nothing for a field that is not a keyword field."""
    if field not in KEYWORD_FIELDS:
        return query.NullQuery
    return query.Term(field, value)
