"""The list after "article(s)": numbers, ranges, sub-paragraphs and paragraphs, read into
(article number, sub-paragraph chain) items: "5 (e)(iv) and 6" -> ("5", ["e", "iv"]), ("6", [])."""

from __future__ import annotations

from recsearch import tag_patterns as P


def roman_value(token: str) -> int:
    """The value of a lower-case roman numeral: "iv" -> 4."""
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for i, ch in enumerate(token):
        v = values[ch]
        total += -v if i + 1 < len(token) and values[token[i + 1]] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _is_roman(token: str) -> bool:
    return bool(P.STRICT_ROMAN.match(token))


def _level_for(chain: list[str], value: str) -> int:
    """Which level of the previous sub-paragraph chain a listed "(d)" or "(ii)" replaces."""
    if value.isdigit():
        levels = [i for i, x in enumerate(chain) if x.isdigit()]
    else:
        alpha = [i for i, x in enumerate(chain) if x.isalpha()]
        roman = [i for i in alpha if _is_roman(chain[i])]
        plain = [i for i in alpha if not _is_roman(chain[i])]
        levels = (roman or plain) if _is_roman(value) else (plain or alpha)
    return levels[-1] if levels else len(chain)


def _siblings(previous: str, value: str) -> bool:
    """Whether "(value)" right after "(previous)" is a second item of the same level."""
    if previous.isdigit() or value.isdigit():
        return previous.isdigit() and value.isdigit()
    if _is_roman(previous) and _is_roman(value) and len(value) > 1:
        return roman_value(value) > roman_value(previous)
    return not _is_roman(previous) and not _is_roman(value) and value > previous


def _expand(first: str, last: str) -> list[str]:
    """The values strictly after `first` up to `last`: (b)–(d) -> c, d; (2)–(5) -> 3, 4, 5."""
    if first.isdigit() and last.isdigit():
        a, b = int(first), int(last)
        return [str(n) for n in range(a + 1, b + 1)] if 0 < b - a <= 30 else [last]
    if _is_roman(first) and _is_roman(last) and len(first + last) > 2:
        a, b = roman_value(first), roman_value(last)
        return [_to_roman(n) for n in range(a + 1, b + 1)] if 0 < b - a <= 15 else [last]
    if len(first) == 1 and len(last) == 1 and first.isalpha() and last.isalpha():
        a, b = ord(first), ord(last)
        return [chr(n) for n in range(a + 1, b + 1)] if 0 < b - a <= 25 else [last]
    return [last]


class ArticleList:
    """Reads the list after "article(s)": numbers, ranges, sub-paragraphs and paragraphs."""

    def __init__(self, text: str, pos: int) -> None:
        self.tokens: list[tuple[str, str, int]] = []
        while len(self.tokens) < 60:
            m = P.ARTICLE_TOKEN.match(text, pos)
            if not m or m.end() == pos:
                break
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind), m.end()))
            pos = m.end()
        self.i = 0
        self.end = -1

    def kind(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.tokens[j][0] if j < len(self.tokens) else ""

    def take(self) -> str:
        kind, value, end = self.tokens[self.i]
        self.i += 1
        if kind not in ("comma", "and"):
            self.end = end
        return value.strip("()")

    def separators(self) -> int:
        """How many comma/and tokens start here."""
        n = 0
        while self.kind(n) in ("comma", "and"):
            n += 1
        return n

    def parse(self) -> list[tuple[str, list[str]]]:
        """The (article number, sub-paragraph chain) items; `end` is then where they stop."""
        items: list[tuple[str, list[str]]] = []
        if self.kind() != "num":
            return items
        while True:
            items.extend(self.item())
            n = self.separators()
            if n and self.kind(n) == "num":
                self.i += n
                continue
            return items

    def item(self) -> list[tuple[str, list[str]]]:
        number, _, sub = self.take().partition(".")
        if not sub and self.kind() == "dash" and self.kind(1) == "num":
            self.i += 1
            last = self.take().partition(".")[0]
            no_sub: list[str] = []
            return [(n, no_sub) for n in [number, *_expand(number, last)]]
        return [(number, chain) for chain in self.subs([sub] if sub else [])]

    def chain(self, cur: list[str], chains: list[list[str]]) -> list[str]:
        """Append the brackets that follow to `cur` and record it in `chains`; a bracket of
        the same kind as the last one is a sibling: "24 (2) (c) (e)" is (2)(c) and (2)(e)."""
        chains.append(cur)
        while self.kind() == "paren":
            value = self.take()
            if cur and _siblings(cur[-1], value):
                cur = [*cur[:-1], value]
                chains.append(cur)
            else:
                cur.append(value)
        return cur

    def subs(self, base: list[str]) -> list[list[str]]:
        chains: list[list[str]] = []
        plural = False
        if self.kind() == "paren":
            cur = [*base, self.take()]
        elif self.kind() == "para" or (self.kind() == "comma" and self.kind(1) == "para"):
            if self.kind() == "comma":
                self.i += 1
            word = self.take()
            plural = word.endswith("s") or word.startswith("paras")
            if self.kind() not in ("num", "letter"):
                return [base]
            cur = base + self.take().split(".")
        else:
            return [base]
        cur = self.chain(cur, chains)
        while True:
            n = self.separators()
            if self.kind(n) == "dash" and self.kind(n + 1) == "paren" and n == 0:
                self.i += 1
                value = self.take()
                level = _level_for(cur, value)
                for v in _expand(cur[level] if level < len(cur) else "", value):
                    chains.append([*cur[:level], v])
                cur = chains[-1]
            elif n and self.kind(n) == "paren":
                self.i += n
                value = self.take()
                cur = self.chain([*cur[: _level_for(cur, value)], value], chains)
            elif n and plural and self.kind(n) in ("num", "letter"):
                self.i += n
                cur = self.chain([*base, self.take()], chains)
            else:
                return chains
