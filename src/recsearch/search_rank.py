"""Ranking: a clause lifting records where the words of the query stand together."""

from __future__ import annotations

from itertools import islice, product

from recsearch.query import And, Node, Or, Phrase, Prefix, Term


def is_words(node: Node) -> bool:
    if isinstance(node, Term | Phrase | Prefix):
        return node.field is None
    return isinstance(node, Or) and all(is_words(c) for c in node.children)


def proximity(node: Node) -> Node | None:
    """A ranking clause lifting records where the words of an AND stand together.

    For AND(w1, w2, …, rest) it is "w1 w2 …" AND rest (one phrase per plural form), so it
    matches only records the query matches; engines add its score (EngineQuery.boost).
    """
    if not isinstance(node, And):
        return None
    words = [c for c in node.children if isinstance(c, Term | Or) and is_words(c)]
    forms = [word_forms(c) for c in words]
    if len(words) < 2 or not all(forms):
        return None
    phrases: list[Node] = [Phrase(tuple(v)) for v in islice(product(*forms), 4)]
    others = tuple(c for c in node.children if not any(c is w for w in words))
    if others:
        phrases = [And((p, *others)) for p in phrases]
    return phrases[0] if len(phrases) == 1 else Or(tuple(phrases))


def word_forms(node: Node) -> list[str]:
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
