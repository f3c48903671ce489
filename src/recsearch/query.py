"""The query language: user text -> a small engine-neutral syntax tree.

Engines compile the nodes (query_nodes.py) to their own query objects; no engine ever
parses user text. This module is the parser and its inverse, the printer of
`understood`; the lexer is query_lex.py, field values query_fields.py and the
expansion search() applies query_expand.py. Every name is importable from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recsearch import analysis
from recsearch.query_expand import expand
from recsearch.query_fields import (
    DISPLAY_NAMES,
    FIELD_ALIASES,
    GR_SERIES,
    MIN_PREFIX_CHARS,
    TREATIES,
    field_node,
    normalize_article,
    word_node,
)
from recsearch.query_lex import MAX_QUERY_CHARS, Token, clean, lex
from recsearch.query_nodes import (
    FULLTEXT_FIELDS,
    And,
    Keyword,
    MatchAll,
    MatchNone,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Range,
    Term,
    positive_terms,
)

# ---------------------------------------------------------------------------
# The parser: user text -> ParsedQuery
#
#   query   := or ( "OR" or )*              implicit AND binds tighter than OR
#   and     := unary ( ["AND"] unary )*
#   unary   := ("NOT" | "-") unary | atom
#   atom    := "(" query ")" | field ":" value | "phrase" | word | prefix* | SYMBOL
#
#   (field values: query_fields.py; symbols and spelled-out GRs: query_lex.py)
# Only upper-case AND, OR, NOT are operators; "and" in lower case is a word. Anything
# malformed is repaired (unbalanced quotes and brackets closed, dangling operators
# dropped) and the repair is named in `message`; the parser never raises.

# Words that carry no meaning on their own; dropped from an implicit AND so that
# "land rights of indigenous peoples" does not demand "of" (phrases keep them).
STOP_WORDS = frozenset((
    "a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "by", "at",
    "from", "as", "is", "are", "be", "its", "their", "this", "that",
))  # fmt: skip


@dataclass(frozen=True)
class ParsedQuery:
    node: Node
    understood: str  # the query as read, in the query language; re-parses to `node`
    message: str | None = None
    # The user typed AND (or &&, or +word): every word is required, so the search is
    # never widened to records with only some of them.
    explicit_and: bool = False


class _Parser:
    """Recursive descent over tokens; every error is repaired and noted."""

    def __init__(self, toks: list[Token], notes: list[str]) -> None:
        self.toks = toks
        self.pos = 0
        self.notes = notes
        self.depth = 0
        self.explicit_and = False

    def peek(self) -> Token | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def parse(self) -> Node | None:
        node = self.parse_or()
        while self.pos < len(self.toks):  # a stray ")" ends parse_or early
            self.notes.append("ignored an unmatched ')'")
            self.pos += 1
            more = self.parse_or()
            # Read as if the ")" were not there: one implicit AND, flattened.
            parts: list[Node] = []
            for part in (node, more):
                if isinstance(part, And):
                    parts.extend(part.children)
                elif part is not None:
                    parts.append(part)
            node = _and(_drop_stop_words(parts))
        return node

    def parse_or(self) -> Node | None:
        parts = []
        while True:
            part = self.parse_and()
            if part is not None:
                parts.append(part)
            tok = self.peek()
            if tok is not None and tok.kind == "OR":
                self.pos += 1
                if part is None:
                    self.notes.append("ignored an OR with nothing before it")
                continue
            break
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind in ("OR", "RPAREN"):
                break
            if tok.kind == "AND":
                self.pos += 1
                self.explicit_and = self.explicit_and or bool(parts)
                if not parts:
                    self.notes.append("ignored an AND with nothing before it")
                continue
            node = self.parse_unary()
            if node is not None:
                parts.append(node)
        return _and(_drop_stop_words(parts)) if parts else None

    def parse_unary(self) -> Node | None:
        tok = self.peek()
        if tok is not None and tok.kind == "NOT":
            self.pos += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                self.notes.append("ignored a NOT with nothing after it")
                return None
            child = self.parse_unary()
            if child is None:
                return None
            return child.child if isinstance(child, Not) else Not(child)
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        tok = self.toks[self.pos]
        self.pos += 1
        if tok.kind == "LPAREN":
            if self.depth > 50:  # deeper nesting is no query anyone means
                self.notes.append("flattened brackets nested too deep")
                return None
            self.depth += 1
            node = self.parse_or()
            self.depth -= 1
            closing = self.peek()
            if closing is not None and closing.kind == "RPAREN":
                self.pos += 1
            else:
                self.notes.append("closed an unbalanced '('")
            return node
        if tok.kind == "PHRASE":
            words = tuple(w for w in tok.text.split() if analysis.tokens(w))
            return Phrase(words) if words else None
        if tok.kind == "SYMBOL":
            doc = Keyword("symbol", tok.text)
            return And((doc, Keyword("number", tok.value))) if tok.value else doc
        if tok.kind == "FIELD":
            return field_node(tok.text, tok.value, tok.quoted, self.notes)
        if tok.kind == "WORD":
            if tok.text.startswith("+") and analysis.tokens(tok.text):
                self.explicit_and = True  # "+word": this word is required
                return word_node(tok.text[1:], self.notes)
            return word_node(tok.text, self.notes)
        return None  # a stray operator token


def _and(parts: list[Node]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _drop_stop_words(parts: list[Node]) -> list[Node]:
    """Bare stop words go when something else is searched for."""
    keep = [
        p
        for p in parts
        if not (isinstance(p, Term) and p.field is None and p.text.lower() in STOP_WORDS)
    ]
    return keep or parts


# Printing: the parsed tree in the query language, so `understood` re-parses to it.

_BARE_VALUE = re.compile(r'^[^\s()"]+$')


def _quote(value: str) -> str:
    if _BARE_VALUE.match(value) and value not in ("AND", "OR", "NOT") and not value.startswith("-"):
        return value
    return '"' + value.replace('"', " ") + '"'


def _field_prefix(name: str | None) -> str:
    return "" if name is None else DISPLAY_NAMES.get(name, name) + ":"


def to_text(node: Node) -> str:
    """A node in the query language (the inverse of parse_query, up to spacing)."""
    if isinstance(node, Term):
        return _field_prefix(node.field) + _quote_word(node.text)
    if isinstance(node, Phrase):
        return _field_prefix(node.field) + '"' + " ".join(node.words) + '"'
    if isinstance(node, Prefix):
        return _field_prefix(node.field) + node.text + "*"
    if isinstance(node, Keyword):
        return _field_prefix(node.field) + _quote(node.value)
    if isinstance(node, Range):
        if node.low is not None and node.low == node.high:
            return f"{node.field}:{node.low}"
        low = "" if node.low is None else str(node.low)
        high = "" if node.high is None else str(node.high)
        return f"{node.field}:{low}..{high}"
    if isinstance(node, And):
        return " ".join(
            _wrap(c, (Or, And)) if isinstance(c, Or | And) else to_text(c) for c in node.children
        )
    if isinstance(node, Or):
        return " OR ".join(_wrap(c, (Or,)) for c in node.children)
    if isinstance(node, Not):
        return "NOT " + _wrap(node.child, (And, Or))
    return ""


def _wrap(node: Node, compound: tuple[type, ...]) -> str:
    text = to_text(node)
    return f"({text})" if isinstance(node, compound) else text


def _quote_word(word: str) -> str:
    # A word that would read back as an operator is quoted.
    if word in ("AND", "OR", "NOT", "&&", "||"):
        return f'"{word}"'
    return word


def parse_query(text: str) -> ParsedQuery:
    """Parse what a user typed; never raises. Empty or nothing searchable -> MatchAll."""
    notes: list[str] = []
    if not isinstance(text, str):
        text = str(text)
    if len(text) > MAX_QUERY_CHARS:
        notes.append(f"query cut to its first {MAX_QUERY_CHARS} characters")
    cleaned = clean(text)
    parser = _Parser(lex(cleaned, notes), notes)
    node = parser.parse()
    if node is None:
        if cleaned.strip():
            notes.append("nothing searchable in the query: showing every record")
        node = MatchAll()
    message = "; ".join(dict.fromkeys(notes)) or None
    return ParsedQuery(node, to_text(node), message, explicit_and=parser.explicit_and)


__all__ = [
    "DISPLAY_NAMES",
    "FIELD_ALIASES",
    "FULLTEXT_FIELDS",
    "GR_SERIES",
    "MAX_QUERY_CHARS",
    "MIN_PREFIX_CHARS",
    "STOP_WORDS",
    "TREATIES",
    "And",
    "Keyword",
    "MatchAll",
    "MatchNone",
    "Node",
    "Not",
    "Or",
    "ParsedQuery",
    "Phrase",
    "Prefix",
    "Range",
    "Term",
    "expand",
    "normalize_article",
    "parse_query",
    "positive_terms",
    "to_text",
]
