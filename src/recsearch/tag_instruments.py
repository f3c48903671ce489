"""Instruments a text names (treaties, "the Convention", other instruments) and the
sentences around them, for the taggers that tie a reference to its treaty or committee."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from recsearch import tag_patterns as P

TREATIES: dict[str, dict] = P.TREATY_DATA["treaties"]
COMMITTEES: dict[str, dict] = P.TREATY_DATA["committees"]
# Issuing body -> its treaty: "CERD" -> "ICERD", "CED" -> "CPED".
BODY_TREATY = {spec["committee"]: code for code, spec in TREATIES.items()}


def unique(values: Iterable[str]) -> list[str]:
    """The values in first-seen order, each once: tags are listed as the text cites them."""
    return list(dict.fromkeys(values))


@dataclass(frozen=True)
class Mention:
    """An instrument named at [start, end): a treaty code, "Convention"/"Covenant", or other."""

    start: int
    end: int
    kind: str  # "treaty", "generic" or "other"
    value: str | None = None
    in_protocol: bool = False  # the treaty named in "Optional Protocol to the Convention ..."


def treaty_code(match: re.Match[str]) -> str:
    """The treaty whose named group matched in P.TREATY_NAME and its kin: "ICERD"."""
    return next(code for code, value in match.groupdict().items() if value)


def find_mentions(text: str) -> list[Mention]:
    """Every instrument named in the text, in order."""
    mentions = [
        Mention(m.start(), m.end(), "treaty", treaty_code(m)) for m in P.TREATY_NAME.finditer(text)
    ]
    taken = [(m.start, m.end) for m in mentions]
    for m in P.GENERIC_MENTION.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            kind = "Covenant" if "Covenant" in m.group() else "Convention"
            mentions.append(Mention(m.start(), m.end(), "generic", kind))
            taken.append((m.start(), m.end()))
    for m in P.OPTIONAL_PROTOCOL.finditer(text):
        mentions.append(Mention(m.start(), m.end(), "other"))
        taken.append((m.start(), m.end()))
        if to := P.PROTOCOL_TO.match(text, m.end()):
            mentions = [
                Mention(t.start, t.end, t.kind, t.value, True) if t.start == to.end() else t
                for t in mentions
            ]
    for m in P.OTHER_MENTION.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            mentions.append(Mention(m.start(), m.end(), "other"))
    return sorted(mentions, key=lambda m: m.start)


class Context:
    """The text around references: sentences, named treaties, the body's treaty."""

    def __init__(self, text: str, body: str | None) -> None:
        self.text = text
        self.body_treaty = BODY_TREATY.get(body or "")

    @cached_property
    def mentions(self) -> list[Mention]:
        """Instruments named in the text (computed when a reference needs them)."""
        return find_mentions(self.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence or clause (split at ";") begins."""
        return [0] + [m.end() for m in P.SENTENCE_END.finditer(self.text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The [start, end) of the sentence holding pos."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i], end

    def treaties_in(
        self, start: int, end: int, generic: str | None = None, protocols: bool = True
    ) -> list[str]:
        """Treaties named in [start, end), optionally only Conventions or only Covenants, and
        optionally leaving out the treaty of an "Optional Protocol to ..."."""
        codes = [
            m.value
            for m in self.mentions
            if m.kind == "treaty" and start <= m.start < end and m.value
            if generic is None or TREATIES[m.value]["generic"] == generic
            if protocols or not m.in_protocol
        ]
        return unique(codes)

    def resolve_generic(self, kind: str, pos: int) -> str | None:
        """Which treaty "the Convention"/"the Covenant" at pos means."""
        start, end = self.sentence(pos)
        in_sentence = self.treaties_in(start, end, kind)
        if len(in_sentence) == 1:
            return in_sentence[0]
        if self.body_treaty and TREATIES[self.body_treaty]["generic"] == kind:
            return self.body_treaty
        before = self.treaties_in(0, pos, kind)
        if before:
            return before[-1]
        after = self.treaties_in(pos, len(self.text), kind)
        return after[0] if after else None
