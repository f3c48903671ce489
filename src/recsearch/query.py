"""The query language: user text -> a small engine-neutral syntax tree.

Engines compile these nodes to their own query objects; no engine ever parses user text.
(The parser itself, `parse_query`, is below the node types.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recsearch import analysis


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


# ---------------------------------------------------------------------------
# The parser: user text -> ParsedQuery
#
#   query   := or ( "OR" or )*              implicit AND binds tighter than OR
#   and     := unary ( ["AND"] unary )*
#   unary   := ("NOT" | "-") unary | atom
#   atom    := "(" query ")" | field ":" value | "phrase" | word | prefix* | SYMBOL
#
# Field values:
#   article:"ICERD 5(e)"  that article or any sub-paragraph of it (hierarchical index);
#   article:5             article 5 of any treaty (ICERD 5 OR ICCPR 5 OR ...);
#   gr:31, gr:"GC 20", gr:"CERD GR 31"   records citing it and the document itself;
#   "general recommendation 13", "General Comment No. 20", "CERD GR 35" typed as words
#                         are read as gr:"GR 13", gr:"GC 20", gr:"CERD GR 35";
#   year:2012, year:2010..2015, year:2010-2015, year:>2015, year:<=2000;
#   kind:rec..., kind:obs...; symbol, country, body, type (doc_type), theme, state,
#   response, session, cites, source, number: exact values (search() matches the case
#   of the indexed value); text:, title:, section: words in one full-text field.
# A typed document symbol (CERD/C/BRA/CO/18-20, any case, spaces around "/" allowed)
# is read as symbol:…; "A/HRC/21/11, para. 119.3" as symbol:A/HRC/21/11 number:119.3.
# Only upper-case AND, OR, NOT are operators; "and" in lower case is a word. Anything
# malformed is repaired (unbalanced quotes and brackets closed, dangling operators
# dropped) and the repair is named in `message`; the parser never raises.

MAX_QUERY_CHARS = 2000  # longer input is cut: nobody types more, and it bounds the work
MIN_PREFIX_CHARS = 2  # "a*" would expand to most of the vocabulary

# User-facing field names -> record fields (records.md). The first name listed for a
# record field is the one `understood` prints.
FIELD_ALIASES = {
    "symbol": "symbol",
    "country": "country",
    "body": "body",
    "type": "doc_type",
    "doc_type": "doc_type",
    "article": "articles",
    "articles": "articles",
    "gr": "general_recommendations",
    "general_recommendations": "general_recommendations",
    "gnr": "gnr",
    "theme": "themes",
    "themes": "themes",
    "year": "year",
    "kind": "kind",
    "state": "recommending_states",
    "recommending_states": "recommending_states",
    "response": "response",
    "session": "session",
    "cites": "cites",
    "source": "source",
    "number": "number",
    "text": "text",
    "title": "title",
    "section": "section",
}
DISPLAY_NAMES = {
    "doc_type": "type",
    "articles": "article",
    "general_recommendations": "gr",
    "themes": "theme",
    "recommending_states": "state",
}
FULLTEXT_FIELDS = ("text", "title", "section")

# Words that carry no meaning on their own; dropped from an implicit AND so that
# "land rights of indigenous peoples" does not demand "of" (phrases keep them).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "be",
        "its",
        "their",
        "this",
        "that",
    ]
)

TREATIES = ("ICERD", "ICCPR", "ICESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CPED")
# Which bodies issue general recommendations (GR) and which general comments (GC).
GR_SERIES = (
    ("CERD", "GR"),
    ("CEDAW", "GR"),
    ("CCPR", "GC"),
    ("CESCR", "GC"),
    ("CRC", "GC"),
    ("CAT", "GC"),
    ("CMW", "GC"),
    ("CRPD", "GC"),
    ("CED", "GC"),
)


@dataclass(frozen=True)
class ParsedQuery:
    node: Node
    understood: str  # the query as read, in the query language; re-parses to `node`
    message: str | None = None


@dataclass(frozen=True)
class _Tok:
    kind: str  # WORD, PHRASE, FIELD, LPAREN, RPAREN, AND, OR, NOT, SYMBOL
    text: str = ""
    value: str = ""  # FIELD: the value; SYMBOL: the cited paragraph number or ""
    quoted: bool = False


_SPACE = frozenset(" \t\r\n\f\v")
_FIELD_RE = re.compile(r"([A-Za-z_]+):")
# A spelled-out reference to a general recommendation or comment, typed as words:
# "general recommendation 13", "General Comment No. 20", "CERD GR 31".
_GR_WORDS_RE = re.compile(
    r"(?<!\w)(?:(?P<body>CERD|CEDAW|CCPR|CESCR|CRC|CAT|CMW|CRPD|CED)\s+)?"
    r"(?:(?P<long>general\s+(?P<kind>recommendation|comment)s?)|(?P<short>GR|GC))"
    r"\s+(?:No\.?\s*)?(?P<num>\d{1,3})(?!\w)",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    """Control characters and NUL become spaces; the text is cut at MAX_QUERY_CHARS."""
    text = text[:MAX_QUERY_CHARS]
    return "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in text)


def _lex(text: str, notes: list[str]) -> list[_Tok]:
    """Split query text into tokens, repairing unbalanced quotes."""
    symbols = {start: (end, sym, num) for start, end, sym, num in analysis.find_symbols(text)}
    grs = {m.start(): m for m in _GR_WORDS_RE.finditer(text)}
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _SPACE:
            i += 1
        elif c in "()":
            out.append(_Tok("LPAREN" if c == "(" else "RPAREN"))
            i += 1
        elif c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                notes.append("closed an unbalanced quote")
                end = n
            out.append(_Tok("PHRASE", text[i + 1 : end]))
            i = end + 1
        elif i in symbols:
            end, sym, num = symbols[i]
            out.append(_Tok("SYMBOL", sym, num or ""))
            i = end
        elif i in grs:
            m = grs[i]
            body = (m.group("body") or "").upper()
            kind = (m.group("short") or "").upper() or (
                "GR" if (m.group("kind") or "").lower() == "recommendation" else "GC"
            )
            # "general recommendation 13" names the GR series of any committee (CERD, CEDAW).
            value = " ".join(p for p in (body, kind, m.group("num")) if p)
            out.append(_Tok("FIELD", "gr", value))
            i = m.end()
        elif c == "-" and i + 1 < n and text[i + 1] not in _SPACE and text[i + 1] not in "-)":
            out.append(_Tok("NOT"))
            i += 1
        else:
            j = i
            while j < n and text[j] not in _SPACE and text[j] not in '()"':
                j += 1
            word = text[i:j]
            field = _FIELD_RE.match(word)
            if field and field.group(1).lower() in FIELD_ALIASES:
                name = field.group(1).lower()
                rest = word[field.end() :]
                if not rest and j < n and text[j] == '"':
                    end = text.find('"', j + 1)
                    if end < 0:
                        notes.append("closed an unbalanced quote")
                        end = n
                    out.append(_Tok("FIELD", name, text[j + 1 : end], quoted=True))
                    i = end + 1
                    continue
                out.append(_Tok("FIELD", name, rest))
            elif word in ("AND", "OR", "NOT"):
                out.append(_Tok(word))
            elif word == "&&":
                out.append(_Tok("AND"))
            elif word == "||":
                out.append(_Tok("OR"))
            else:
                if field:
                    notes.append(f"unknown field {field.group(1)!r}: searched as words")
                out.append(_Tok("WORD", word))
            i = j
    return out


class _Parser:
    """Recursive descent over tokens; every error is repaired and noted."""

    def __init__(self, toks: list[_Tok], notes: list[str]) -> None:
        self.toks = toks
        self.pos = 0
        self.notes = notes
        self.depth = 0

    def peek(self) -> _Tok | None:
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
            return _field_node(tok.text, tok.value, tok.quoted, self.notes)
        if tok.kind == "WORD":
            return _word_node(tok.text, self.notes)
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


def _word_node(word: str, notes: list[str], field: str | None = None) -> Node | None:
    if word.endswith("*"):
        stem = word.rstrip("*")
        if len("".join(analysis.tokens(stem))) >= MIN_PREFIX_CHARS and "*" not in stem:
            return Prefix(stem, field)
        notes.append(f"ignored '{word}': a wildcard needs {MIN_PREFIX_CHARS} letters before *")
        word = stem
    if word in ("AND", "OR", "NOT", "&&", "||"):
        word = word.lower()  # what is left of "*AND" is the word, not the operator
    if not analysis.tokens(word):
        if word:
            notes.append(f"ignored {word!r}: nothing searchable in it")
        return None
    return Term(word, field)


_YEAR_RE = re.compile(
    r"^(?:(?P<lo>\d{4})\s*(?:\.\.|-|–|to)\s*(?P<hi>\d{4})|(?P<op>[<>]=?)\s*(?P<y>\d{4})"
    r"|(?P<one>\d{4})|(?P<from>\d{4})\.\.|\.\.(?P<until>\d{4}))$"
)


def _year_node(value: str, notes: list[str]) -> Node | None:
    m = _YEAR_RE.match(value.strip())
    if not m:
        notes.append(f"ignored year:{value}: use year:2012, year:2010..2015 or year:>2015")
        return None
    if m.group("one"):
        y = int(m.group("one"))
        return Range("year", y, y)
    if m.group("lo"):
        lo, hi = int(m.group("lo")), int(m.group("hi"))
        return Range("year", min(lo, hi), max(lo, hi))
    if m.group("from"):
        return Range("year", int(m.group("from")), None)
    if m.group("until"):
        return Range("year", None, int(m.group("until")))
    y, op = int(m.group("y")), m.group("op")
    if op == ">":
        return Range("year", y + 1, None)
    if op == ">=":
        return Range("year", y, None)
    if op == "<":
        return Range("year", None, y - 1)
    return Range("year", None, y)


def normalize_article(value: str) -> str:
    """'icerd 5 (e) (v)' -> 'ICERD 5(e)(v)'; a bare '5' stays '5' (any treaty)."""
    compact = re.sub(r"\s+", " ", value).strip()
    m = re.match(r"^(?:art(?:icle)?s?\.?\s*)?([A-Za-z]*)\s*(\d.*)$", compact)
    if not m:
        return compact
    treaty = m.group(1).upper()
    rest = re.sub(r"\s+", "", m.group(2)).lower()
    rest = re.sub(r"\.(\d+)", r"(\1)", rest)  # "12.1" is written 12(1)
    return f"{treaty} {rest}" if treaty else rest


def _field_node(alias: str, value: str, quoted: bool, notes: list[str]) -> Node | None:
    name = FIELD_ALIASES[alias.lower()]
    value = value.strip()
    if not value:
        notes.append(f"ignored {alias}: with no value")
        return None
    if name in FULLTEXT_FIELDS:
        if quoted:
            words = tuple(w for w in value.split() if analysis.tokens(w))
            return Phrase(words, name) if words else None
        return _word_node(value, notes, name)
    if name == "year":
        return _year_node(value, notes)
    if name == "symbol":
        return Keyword(name, analysis.normalize_symbol(value))
    if name == "articles":
        return Keyword(name, normalize_article(value))
    if name == "general_recommendations":
        return Keyword(name, _normalize_gr(value))
    if name == "kind":
        low = value.lower()
        if low.startswith("rec"):
            return Keyword(name, "recommendation")
        if low.startswith("obs"):
            return Keyword(name, "observation")
    if name in ("response", "doc_type"):
        value = value.lower()
    return Keyword(name, value)


def _normalize_gr(value: str) -> str:
    """'cerd gr 31' -> 'CERD GR 31'; '31' and 'GC 20' stay general (any body)."""
    parts = re.sub(r"(?i)\bno\.?\s*", "", value).upper().split()
    return " ".join(parts)


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
    cleaned = _clean(text)
    node = _Parser(_lex(cleaned, notes), notes).parse()
    if node is None:
        if cleaned.strip():
            notes.append("nothing searchable in the query: showing every record")
        node = MatchAll()
    message = "; ".join(dict.fromkeys(notes)) or None
    return ParsedQuery(node, to_text(node), message)


# Expansion: what a node means against the index's forms (used by search()).


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _gr_node(value: str) -> Node:
    """gr:13 / gr:"GC 20" / gr:"CERD GR 31": records citing it, and the document itself."""
    parts = value.split()
    if not parts or not parts[-1].isdigit():
        return Keyword("general_recommendations", value)
    num = parts[-1]
    body = parts[0] if len(parts) == 3 else None
    kind = parts[-2] if len(parts) >= 2 else None
    series = [(b, k) for b, k in GR_SERIES if (body in (None, b)) and (kind in (None, k))]
    if body and not series and kind:
        series = [(body, kind)]
    cited: list[Node] = [Keyword("general_recommendations", f"{b} {k} {num}") for b, k in series]
    names = {"GR": ("recommendation",), "GC": ("comment",)}.get(
        kind or "", ("recommendation", "comment")
    )
    titles: list[Node] = []
    for word in names:
        for n in (num, _roman(int(num))):
            titles.append(Phrase(("general", word, n), "title"))
            titles.append(Phrase(("general", word, "no", n), "title"))
    itself: list[Node] = [Keyword("doc_type", "general-recommendation"), Or(tuple(titles))]
    if body:
        itself.insert(0, Keyword("body", body))
    return Or((*cited, And(tuple(itself))))


def expand(node: Node) -> Node:
    """Irregular plurals, general-recommendation numbers and bare article numbers."""
    if isinstance(node, Term) and node.field is None:
        forms = analysis.word_forms(node.text)
        if len(forms) > 1:
            return Or(tuple(Term(f) for f in forms))
        return node
    if isinstance(node, Phrase) and node.field is None and len(node.words) == 1:
        return node
    if isinstance(node, Keyword) and node.field == "general_recommendations":
        return _gr_node(node.value)
    if isinstance(node, Keyword) and node.field == "articles" and not node.value[:1].isalpha():
        return Or(tuple(Keyword("articles", f"{t} {node.value}") for t in TREATIES))
    if isinstance(node, And):
        return And(tuple(expand(c) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(expand(c) for c in node.children))
    if isinstance(node, Not):
        return Not(expand(node.child))
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
