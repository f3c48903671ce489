"""The query lexer: user text -> tokens (words, phrases, field:value, brackets, operators).

A typed document symbol (CERD/C/BRA/CO/18-20, any case, spaces around "/" allowed)
becomes one SYMBOL token, with the cited paragraph of "A/HRC/21/11, para. 119.3"; a
spelled-out general recommendation ("General Comment No. 20") becomes a gr: field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recsearch import analysis
from recsearch.query_fields import FIELD_ALIASES

MAX_QUERY_CHARS = 2000  # longer input is cut: nobody types more, and it bounds the work


@dataclass(frozen=True)
class Token:
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


def clean(text: str) -> str:
    """Control characters and NUL become spaces; the text is cut at MAX_QUERY_CHARS."""
    text = text[:MAX_QUERY_CHARS]
    return "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in text)


def lex(text: str, notes: list[str]) -> list[Token]:
    """Split query text into tokens, repairing unbalanced quotes."""
    symbols = {start: (end, sym, num) for start, end, sym, num in analysis.find_symbols(text)}
    grs = {m.start(): m for m in _GR_WORDS_RE.finditer(text)}
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _SPACE:
            i += 1
        elif c in "()":
            out.append(Token("LPAREN" if c == "(" else "RPAREN"))
            i += 1
        elif c == '"':
            end = _closing_quote(text, i, notes)
            out.append(Token("PHRASE", text[i + 1 : end]))
            i = end + 1
        elif i in symbols:
            end, sym, num = symbols[i]
            out.append(Token("SYMBOL", sym, num or ""))
            i = end
        elif i in grs:
            m = grs[i]
            body = (m.group("body") or "").upper()
            kind = (m.group("short") or "").upper() or (
                "GR" if (m.group("kind") or "").lower() == "recommendation" else "GC"
            )
            # "general recommendation 13" names the GR series of any committee (CERD, CEDAW).
            value = " ".join(p for p in (body, kind, m.group("num")) if p)
            out.append(Token("FIELD", "gr", value))
            i = m.end()
        elif c == "-" and i + 1 < n and text[i + 1] not in _SPACE and text[i + 1] not in "-)":
            out.append(Token("NOT"))
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
                    end = _closing_quote(text, j, notes)
                    out.append(Token("FIELD", name, text[j + 1 : end], quoted=True))
                    i = end + 1
                    continue
                out.append(Token("FIELD", name, rest))
            elif word in ("AND", "OR", "NOT"):
                out.append(Token(word))
            elif word == "&&":
                out.append(Token("AND"))
            elif word == "||":
                out.append(Token("OR"))
            else:
                if field:
                    notes.append(f"unknown field {field.group(1)!r}: searched as words")
                out.append(Token("WORD", word))
            i = j
    return out


def _closing_quote(text: str, start: int, notes: list[str]) -> int:
    """Where the quote opened at `start` closes; the end of the text if it never does."""
    end = text.find('"', start + 1)
    if end < 0:
        notes.append("closed an unbalanced quote")
        end = len(text)
    return end
