"""Compiling query nodes (query_nodes.py) to tantivy query objects.

User text never reaches tantivy's own parser (which reads `A AND NOT B` differently).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tantivy
from tantivy import Occur, Query

from recsearch import query as qn
from recsearch.analysis import tokens
from recsearch.engine import FIELD_WEIGHTS, KEYWORD_FIELDS, TEXT_FIELDS, TIEBREAK, EngineError
from recsearch.tantivy_schema import NUMERIC_FIELDS, SPELL, analyse, keyword_term


def _regex_literal(text: str) -> str:
    """Escape for tantivy's (Rust) regex syntax: keep letters/digits, hex-escape the rest."""
    return "".join(ch if ch.isalnum() else f"\\x{{{ord(ch):X}}}" for ch in text)


class QueryCompiler:
    """Builds tantivy queries against one index schema."""

    def __init__(self, schema: tantivy.Schema) -> None:
        self._schema = schema

    def filter(self, field_name: str, values: Sequence[str]) -> tantivy.Query:
        """OR of one field's selected values; scores nothing, so ranking is the query's."""
        ors = [self.compile(qn.Keyword(field_name, v)) for v in values]
        return Query.const_score_query(or_any(ors), 0.0)

    def compile(self, node: qn.Node) -> tantivy.Query:
        """A query.py node as a tantivy query object."""
        if isinstance(node, qn.MatchAll):
            return Query.all_query()
        if isinstance(node, qn.MatchNone):
            return Query.empty_query()
        if isinstance(node, qn.Term):
            return self._on_fields(node.field, lambda f: self._phrase(f, (node.text,)))
        if isinstance(node, qn.Phrase):
            return self._on_fields(node.field, lambda f: self._phrase(f, node.words))
        if isinstance(node, qn.Prefix):
            return self._prefix(node.field, node.text)
        if isinstance(node, qn.Keyword):
            return self._keyword(node.field, node.value)
        if isinstance(node, qn.Range):
            return self._range(node)
        if isinstance(node, qn.And):
            return self._and(node.children)
        if isinstance(node, qn.Or):
            return or_any([self.compile(c) for c in node.children])
        if isinstance(node, qn.Not):
            return Query.boolean_query(
                [(Occur.Must, Query.all_query()), (Occur.MustNot, self.compile(node.child))]
            )
        raise EngineError(f"unknown query node {node!r}")

    def _and(self, children: Sequence[qn.Node]) -> tantivy.Query:
        # NOT children become MustNot clauses, so "a AND NOT b" needs no match-all scan.
        must = [self.compile(c) for c in children if not isinstance(c, qn.Not)]
        must_not = [self.compile(c.child) for c in children if isinstance(c, qn.Not)]
        if not must:
            must = [Query.all_query()]
        if len(must) == 1 and not must_not:
            return must[0]
        return Query.boolean_query(
            [(Occur.Must, m) for m in must] + [(Occur.MustNot, m) for m in must_not]
        )

    def _on_fields(self, field_name: str | None, build: Any) -> tantivy.Query:
        """A text node on its field, or on every default full-text field (best field wins)."""
        if field_name is not None:
            return build(field_name)
        subs = [Query.boost_query(build(f), FIELD_WEIGHTS[f]) for f in TEXT_FIELDS]
        return Query.disjunction_max_query(subs, tie_breaker=TIEBREAK)

    def _phrase(self, field_name: str, words: Sequence[str]) -> tantivy.Query:
        # A word is a phrase of one; one that analyses to several tokens
        # ("non-discrimination") is a phrase of those.
        if field_name not in TEXT_FIELDS:
            return self._keyword(field_name, " ".join(words))
        stems = [t for w in words for t in analyse(w)]
        if not stems:
            return Query.empty_query()
        if len(stems) == 1:
            return Query.term_query(self._schema, field_name, stems[0])
        return Query.phrase_query(self._schema, field_name, list[str | tuple[int, str]](stems))

    def _prefix(self, field_name: str | None, text: str) -> tantivy.Query:
        # As the Whoosh engine: a bare prefix matches unstemmed words (the spelling field),
        # so "discriminat*" finds "discrimination" although its stem is "discrimin"; on a
        # named text field it matches stems starting with the prefix or with its stem.
        folded = "".join(tokens(text))
        if not folded:
            return Query.empty_query()
        if field_name is None:
            return Query.regex_query(self._schema, SPELL, _regex_literal(folded) + ".*")
        if field_name not in TEXT_FIELDS:
            return Query.empty_query()
        starts = sorted({folded, *analyse(folded)[:1]})
        pattern = "(" + "|".join(_regex_literal(p) for p in starts) + ").*"
        return Query.regex_query(self._schema, field_name, pattern)

    def _keyword(self, field_name: str, value: str) -> tantivy.Query:
        if field_name not in KEYWORD_FIELDS:
            return Query.empty_query()
        return Query.term_query(self._schema, *keyword_term(field_name, value))

    def _range(self, node: qn.Range) -> tantivy.Query:
        num = NUMERIC_FIELDS.get(node.field)
        if num is None:
            return Query.empty_query()
        if node.low is None and node.high is None:
            return Query.exists_query(num)
        return Query.range_query(self._schema, num, tantivy.FieldType.Integer, node.low, node.high)


def and_all(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    """Every query must match (one query stays itself)."""
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def or_any(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    """Any query may match; none matches nothing."""
    if not queries:
        return Query.empty_query()
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries])
