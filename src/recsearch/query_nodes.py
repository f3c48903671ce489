"""Query nodes: the small engine-neutral syntax tree every engine compiles.

The parser (query.py) builds these from user text; no engine ever parses user text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word. field None = the default full-text fields; engines analyse (stem) it."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class Prefix:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class Keyword:
    """Exact value of a keyword field (country:Brazil, articles:"ICERD 5")."""

    field: str
    value: str


@dataclass(frozen=True)
class Range:
    """Inclusive integer range on a numeric field (year:2010..2015); None is open."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class MatchAll:
    pass


@dataclass(frozen=True)
class MatchNone:
    pass


Node = Term | Phrase | Prefix | Keyword | Range | And | Or | Not | MatchAll | MatchNone


# The full-text fields a word without a field searches (engine.TEXT_FIELDS).
FULLTEXT_FIELDS = ("text", "title", "section")


def map_children(node: Node, fn: Callable[[Node], Node]) -> Node:
    """And, Or and Not rebuilt with fn applied to each child; any other node as it is."""
    if isinstance(node, And):
        return And(tuple(fn(c) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(fn(c) for c in node.children))
    if isinstance(node, Not):
        return Not(fn(node.child))
    return node


def positive_terms(node: Node) -> tuple[list[str], list[str]]:
    """Words (from terms and phrases) and prefixes the query looks for, outside NOT."""
    words: list[str] = []
    prefixes: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Term) and n.field in (None, *FULLTEXT_FIELDS):
            words.append(n.text)
        elif isinstance(n, Phrase) and n.field in (None, *FULLTEXT_FIELDS):
            words.extend(n.words)
        elif isinstance(n, Prefix):
            prefixes.append(n.text)
        elif isinstance(n, And | Or):
            for c in n.children:
                walk(c)

    walk(node)
    return words, prefixes
