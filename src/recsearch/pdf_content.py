"""A fast reader for PDF page content streams, giving the operations pypdf's own parser gives.

pypdf reads a content stream a byte at a time; on the corpus that was about a third of the
plain text pass. This reader tokenises the common case (numbers, names, strings, arrays,
marked-content dictionaries, operators) with regular expressions and builds the same pypdf
objects. Anything it does not recognise (inline images, comments, '#' in names, odd
escapes, a stream near pypdf's size limits) makes it give up, and the caller lets pypdf
parse that stream: so the operations are pypdf's, whichever reader made them.
"""

from __future__ import annotations

import re
from typing import Any

from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)

Operation = tuple[Any, bytes]

# pypdf's whitespace between tokens is NUL, TAB, LF, FF, CR and space, but an operator
# ends at a regex '\s' (which has VT and not NUL): streams with either byte are left to pypdf.
_WS = rb"[ \t\n\r\f]*"
# pypdf's regex for where a name or an operator ends.
_DELIM = rb"\s()<>\[\]{}/%"
_TOKEN = re.compile(
    _WS
    + rb"""(?:
      (?P<num>[+,\-.0-9]+)
    | (?P<name>/[^"""
    + _DELIM
    + rb"""]*)
    | (?P<op>[A-Za-z'"][^"""
    + _DELIM
    + rb"""]*)
    | \((?P<str>[^()\\]*)\)
    | (?P<strx>\()
    | (?P<dict><<)
    | <(?P<hex>[0-9A-Fa-f]*)>
    | (?P<arr>\[)
    | (?P<end>\]|>>)
    )""",
    re.VERBOSE,
)
# A number as pypdf reads it: the run of [+,-.0-9] must be one of these, else pypdf warns
# and substitutes 0 (left to pypdf).
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
# pypdf takes "12 0 R" in a stream for an indirect reference, which a content stream
# cannot resolve: pypdf fails on it, so such a stream is left to pypdf to fail on.
_REFERENCE = re.compile(rb"\d\s+\d+\s+R[^a-zA-Z]")
# The escapes pypdf knows in a literal string, and the byte each stands for.
_ESCAPES = {
    **{ord(k): ord(v) for k, v in zip("nrtbf", "\n\r\t\b\f", strict=True)},
    **{c: c for c in b"()/\\ %<>[]#_&$"},
}
# pypdf's budget is 2,000,000 tokens per stream and 100,000 items per array or
# dictionary; a stream has at most one token per byte, so below this size only the item
# count can reach a limit.
_MAX_STREAM = 1_900_000
_MAX_ITEMS = 100_000
# pypdf's length limits for an operator and a name (read_until_regex raises near them).
_MAX_OPERATOR = 120
_MAX_NAME = 4000
# A number longer than this is not all in pypdf's 20-byte look-ahead.
_MAX_NUMBER = 19


class _GiveUp(Exception):
    """Something this reader does not handle exactly as pypdf does."""


class _Pairs(list[Any]):
    """A dictionary's keys and values while it is being read."""


_NUM, _NAME, _OP, _STR, _STRX, _DICT, _HEX, _ARR, _END = (
    _TOKEN.groupindex[g] for g in ("num", "name", "op", "str", "strx", "dict", "hex", "arr", "end")
)


def content_operations(data: bytes) -> list[Operation] | None:
    """The operations of a page's decoded content stream, or None to let pypdf parse it."""
    if len(data) > _MAX_STREAM or _REFERENCE.search(data):
        return None
    try:
        return _read(data)
    except Exception:  # _GiveUp; and a case this reader gets wrong costs speed, not a document
        return None


def same_objects(a: Any, b: Any) -> bool:
    """Equal values of the same types, all the way down: what content_operations promises
    against pypdf's own parser (its tests and bench/pdf_content_bench.py check it)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_objects(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_objects(a[k], b[k]) for k in a)
    return bool(a == b)


def _read(data: bytes) -> list[Operation]:
    ops: list[Operation] = []
    operands: list[Any] = []
    target: list[Any] = operands  # where the next object goes: the operands, or an open array
    enclosing: list[list[Any]] = []  # the containers around target
    numbers: dict[bytes, Any] = {}  # a page repeats its numbers: one object per spelling
    pos, end = 0, len(data)
    while True:
        # One regex scan from pos; a literal string with escapes is read by hand, then
        # the scan starts again after it.
        for m in _TOKEN.finditer(data, pos):
            if m.start() != pos:  # bytes the token regex does not know
                raise _GiveUp
            pos = m.end()
            kind = m.lastindex
            if kind == _OP:
                op = m[_OP]
                if enclosing or op == b"BI" or len(op) > _MAX_OPERATOR:
                    raise _GiveUp
                ops.append((operands, op))
                operands = target = []
            elif kind == _NUM:
                text = m[_NUM]
                number = numbers.get(text)
                if number is None:
                    number = numbers[text] = _number(text, at_end=pos >= end)
                target.append(number)
            elif kind == _STR:
                target.append(ByteStringObject(m[_STR]))
            elif kind in (_ARR, _DICT):
                opened: list[Any] = ArrayObject() if kind == _ARR else _Pairs()
                target.append(opened)
                enclosing.append(target)
                target = opened
            elif kind == _END:
                if not enclosing:
                    raise _GiveUp
                if m[_END] == b"]":
                    if type(target) is not ArrayObject or len(target) >= _MAX_ITEMS:
                        raise _GiveUp
                    target = enclosing.pop()
                else:
                    if type(target) is not _Pairs:
                        raise _GiveUp
                    finished = _dictionary(target, data, pos)
                    target = enclosing.pop()
                    target[-1] = finished
            elif kind == _NAME:
                target.append(_name(m[_NAME]))
            elif kind == _HEX:
                digits = m[_HEX]
                if len(digits) % 2:  # pypdf reads a last lone digit as if followed by 0
                    digits += b"0"
                target.append(ByteStringObject(bytes.fromhex(digits.decode("ascii"))))
            else:  # a literal string with escapes or nested parentheses
                text, pos = _string(data, pos)
                target.append(ByteStringObject(text))
                break
        else:
            # Operands after the last operator are dropped, as pypdf drops them.
            if enclosing or data[pos:].strip(b" \t\n\r\f"):
                raise _GiveUp
            return ops


def _number(text: bytes, *, at_end: bool) -> Any:
    # pypdf looks 20 bytes ahead for a number's end: a longer number, or one that ends the
    # stream, takes another way through pypdf; a malformed one pypdf reads as 0.
    if len(text) > _MAX_NUMBER or at_end or not _NUMBER.fullmatch(text):
        raise _GiveUp
    return FloatObject(text) if b"." in text else NumberObject(text)


def _dictionary(pairs: list[Any], data: bytes, pos: int) -> DictionaryObject:
    if len(pairs) % 2 or len(pairs) >= 2 * _MAX_ITEMS:
        raise _GiveUp
    # pypdf reads '<<...>> stream' as a stream object.
    if data[pos:].lstrip(b" \t\n\r\f\x00").startswith(b"s"):
        raise _GiveUp
    entries = DictionaryObject()
    for key, value in zip(pairs[::2], pairs[1::2], strict=True):
        if type(key) is not NameObject or key in entries:  # pypdf keeps a repeated key's first
            raise _GiveUp
        entries[key] = value
    return entries


def _string(data: bytes, i: int) -> tuple[bytes, int]:
    """A literal string with nested parentheses or escapes, from just after its '('."""
    depth = 1
    out = bytearray()
    while True:
        if i >= len(data):
            raise _GiveUp
        c = data[i]
        i += 1
        if c == 0x5C:  # backslash
            if i >= len(data):
                raise _GiveUp
            c = data[i]
            i += 1
            if c in _ESCAPES:
                out.append(_ESCAPES[c])
            elif 0x30 <= c <= 0x37:  # one to three octal digits
                j = i
                while j < len(data) and j < i + 2 and 0x30 <= data[j] <= 0x37:
                    j += 1
                value = int(data[i - 1 : j], 8)
                if value > 255:
                    raise _GiveUp
                out.append(value)
                i = j
            elif c in (0x0A, 0x0D):  # an escaped line break is dropped, CR LF as one
                if i < len(data) and data[i] in (0x0A, 0x0D):
                    i += 1
            else:
                raise _GiveUp
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i
        out.append(c)


def _name(token: bytes) -> NameObject:
    if len(token) > _MAX_NAME or b"#" in token or not token.isascii():
        raise _GiveUp
    return NameObject(token.decode("ascii"))
