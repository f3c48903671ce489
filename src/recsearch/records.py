"""The record model: one citable paragraph or recommendation, and its document."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

DOC_TYPES = (
    "concluding-observations",
    "general-recommendation",
    "upr-report",
    "upr-recommendations",
    "special-procedure-report",
    "guidance-note",
    "action-plan",
    "declaration",
    "other",
)

KINDS = ("recommendation", "observation")


class ParseError(Exception):
    """A file that yields no records, with a one-line reason a user can act on."""


# Fields that hold lists (facets) and the ones that are plain scalars.
LIST_FIELDS = (
    "section",
    "articles",
    "general_recommendations",
    "gnr",
    "cites",
    "themes",
    "recommending_states",
)


def slug(text: str) -> str:
    """URL-safe lower-case key: 'CERD/C/BRA/CO/18-20' -> 'cerd-c-bra-co-18-20'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.") or "doc"


@dataclass
class Document:
    """What a document says about itself, found in the document."""

    key: str
    source: str
    symbol: str | None = None
    title: str = ""
    doc_type: str = "other"
    body: str | None = None
    country: str | None = None
    year: int | None = None
    date: str | None = None  # ISO date of adoption or issue, where printed
    session: str | None = None  # UPR or committee session, as a number string


@dataclass
class Record:
    """One numbered paragraph or recommendation, with provenance and tags (records.md)."""

    id: str
    symbol: str | None
    title: str
    doc_type: str
    body: str | None
    country: str | None
    year: int | None
    source: str
    number: str | None
    section: list[str]
    page: int | None
    text: str
    kind: str = "observation"
    articles: list[str] = field(default_factory=list)
    general_recommendations: list[str] = field(default_factory=list)
    gnr: list[int] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    recommending_states: list[str] = field(default_factory=list)
    response: str | None = None
    # Beyond records.md: what a researcher also filters and sorts on.
    session: str | None = None
    date: str | None = None
    order: int = 0  # position in the document, for document-order sorting

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copy is a tenth of indexing time; the values
        # are flat (str, int, lists of str), so copying the lists is enough.
        return {k: list(v) if isinstance(v, list) else v for k, v in vars(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        for name in LIST_FIELDS:
            values[name] = list(values.get(name) or [])
        return cls(**values)

    @property
    def doc_key(self) -> str:
        return self.id.rsplit("/", 1)[0]

    @property
    def part(self) -> str | None:
        """The part whose numbering the number restarts in ('Programme of Action',
        'Resolution 14/1'): the segmenter names it in the id, before the number."""
        if not self.section or self.number is None:
            return None
        local = self.id.rsplit("/", 1)[1]
        return self.section[0] if local.startswith(f"{slug(self.section[0])}-") else None

    @property
    def citation(self) -> str:
        """Plain citation a researcher pastes: 'CERD/C/BRA/CO/18-20, para. 6'."""
        ref = self.symbol or self.title or self.source
        if self.number is None:
            return ref
        if self.part:
            ref = f"{ref}, {self.part}"
        # A CSV export's number is its data row, not a printed paragraph number.
        label = "row" if self.source.lower().endswith(".csv") else "para."
        return f"{ref}, {label} {self.number}"


def record_id(doc_key: str, number: str | None, index: int) -> str:
    """Stable id: document key + '/' + printed number (or running index)."""
    local = slug(number) if number else f"n{index}"
    return f"{doc_key}/{local}"


def unique_ids(records: list[Record]) -> list[Record]:
    """Numbering that restarts (Durban, two 1-5 lists) still gets one id per record."""
    seen: dict[str, int] = {}
    for rec in records:
        n = seen.get(rec.id, 0)
        seen[rec.id] = n + 1
        if n:
            rec.id = f"{rec.id}-{n + 1}"
    return records


def make_record(
    doc: Document, *, number: str | None, text: str, index: int, **extra: Any
) -> Record:
    """A record carrying its document's metadata; parsers call this for every paragraph."""
    return Record(
        id=record_id(doc.key, number, index),
        symbol=doc.symbol,
        title=doc.title,
        doc_type=doc.doc_type,
        body=doc.body,
        country=doc.country,
        year=doc.year,
        source=doc.source,
        number=number,
        section=list(extra.pop("section", [])),
        page=extra.pop("page", None),
        text=text,
        session=extra.pop("session", doc.session),
        date=doc.date,
        order=index,
        **extra,
    )
