"""The tagger: convention articles, general recommendations/comments, GNR marks, cited
UN symbols and recommendation-vs-observation kind, as a pure function of text and body.

Each kind of tag has its own module (tag_articles, tag_references, tag_kind); this one
puts them together and keeps their finders importable from here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from recsearch import tag_patterns as P
from recsearch.tag_articles import find_articles
from recsearch.tag_instruments import COMMITTEES
from recsearch.tag_kind import find_kind
from recsearch.tag_references import (
    committee_code,
    find_cites,
    find_general_recommendations,
    find_gnr,
)

__all__ = [
    "TAG_FIELDS",
    "Tags",
    "body_code",
    "find_articles",
    "find_cites",
    "find_general_recommendations",
    "find_gnr",
    "find_kind",
    "tag_objects",
    "tag_text",
]

TAG_FIELDS = ("articles", "general_recommendations", "gnr", "cites", "kind")


@dataclass
class Tags:
    """What the tagger found in one text (canonical forms of records.md)."""

    articles: list[str] = field(default_factory=list)
    general_recommendations: list[str] = field(default_factory=list)
    gnr: list[int] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    kind: str = "observation"


def tag_text(text: str, body: str | None = None) -> Tags:
    """Tag one paragraph; `body` (e.g. "CERD") decides bare "(arts. 2 and 5)"."""
    body = body_code(body)
    return Tags(
        articles=find_articles(text, body),
        general_recommendations=find_general_recommendations(text, body),
        gnr=find_gnr(text),
        cites=find_cites(text),
        kind=find_kind(text, body),
    )


def body_code(body: object) -> str | None:
    """The short code the tagger keys on: "CERD", "UPR"; the parser's "UPR Working Group" and
    a committee's full name are accepted too. Other bodies pass through upper-cased; anything
    but a non-blank string is no body."""
    if not isinstance(body, str) or not body.strip():
        return None
    code = body.strip().upper()
    if code in COMMITTEES or code == "UPR":
        return code
    if code.startswith("UPR") or "UNIVERSAL PERIODIC" in code:
        return "UPR"
    named = P.COMMITTEE_NAME.fullmatch(body.strip())
    return committee_code(named) or code


def tag_objects(objs: Iterable[dict]) -> Iterator[dict]:
    """`recsearch tag`: each JSON object with 'text' (and optional 'body') gets articles,
    general_recommendations, gnr, cites, kind added; other fields pass through untouched.
    JSON may put anything in those fields: a text that is not a string tags as "", and a body
    that is not a string as no body."""
    for obj in objs:
        text = obj.get("text")
        body = obj.get("body")
        tags = tag_text(
            text if isinstance(text, str) else "", body if isinstance(body, str) else None
        )
        yield {**obj, **{name: getattr(tags, name) for name in TAG_FIELDS}}
