"""The query language: user text -> a small engine-neutral syntax tree.

Engines compile these nodes to their own query objects; no engine ever parses user text.
(The parser itself, `parse_query`, is below the node types.)
"""

from __future__ import annotations

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
