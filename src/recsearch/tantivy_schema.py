"""The tantivy schema, its analyzers, and the documents written to it.

Both engines index the same terms for the same text (analysis.py's rule). A record's text
is analysed by tantivy itself (ANALYZER: letter/digit runs, lower-cased, stemmed with the
rule's Snowball English), given either the text as it is, when tantivy's splitting and
lower-casing are the rule's first steps on it, or else the rule's words (native_text).
Titles and headings, which every record of a document repeats, are analysed here once per
document and given as terms (TERMS_ANALYZER only splits them on spaces).
"""

from __future__ import annotations

import json
from binascii import b2a_base64
from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from operator import attrgetter
from typing import Any, NamedTuple

import orjson
import tantivy

from recsearch.analysis import MAX_TOKEN_CHARS, TOKEN_RE, fold, stem
from recsearch.engine import (
    FACET_FIELDS,
    KEYWORD_FIELDS,
    SPELL_FIELD,
    TEXT_FIELDS,
    EngineError,
    indexed_values,
)
from recsearch.records import Record
from recsearch.tantivy_facet_ids import FacetIds

ANALYZER = "recsearch_en"  # text: tantivy splits, lower-cases and stems
TERMS_ANALYZER = "recsearch_terms"  # title, section: terms analysed here, split on spaces
WORDS_ANALYZER = "recsearch_words"  # the spelling field: words, lower-cased, not stemmed
NUMERIC_FIELDS = {"year": "year_n"}  # keyword field -> its integer twin, for ranges
# Stored with every record so fingerprints() is one terms aggregation, not a document scan.
FP_FIELD = "fp"
SPELL = SPELL_FIELD  # unstemmed words, for prefixes and "did you mean"
FP_SEP = "\x1f"


class FacetGroup(NamedTuple):
    """Facets whose values are the terms of one field, as "facet\x1fvalue" (facet filters
    are terms of it, and a broad query's counts one walk of its postings), and the same
    values as dense integer ids (tantivy_facet_ids.py) in one fast field, which aggregate
    faster. Facets have no field of their own: eleven fields fewer to write per record."""

    terms: str
    ids: str
    facets: frozenset[str]


# Two groups, counted side by side on two threads (tantivy_facets): a record's document's
# facets (four values a record), and its own: kind, response and list tags. The caller
# counts the first after reading its page, so the second has the more values.
FACET_GROUPS = (
    FacetGroup("facet", "facet_id", frozenset({"body", "doc_type", "country", "year"})),
    FacetGroup(
        "facet_tag",
        "facet_tag_id",
        frozenset(
            {"articles", "general_recommendations", "gnr", "themes", "recommending_states"}
            | {"kind", "response"}
        ),
    ),
)
GROUP_OF = {name: group for group in FACET_GROUPS for name in group.facets}
_DOC_GROUP, _TAG_GROUP = FACET_GROUPS
# The fast field holding a record's document-order key, one string: doc_key, then order.
# (Newest and oldest first read it year by year: TantivyEngine._by_year.)
DOC_ORDER = "sort_doc"


class _Words(dict[str, str]):
    """Raw token -> its folded word under analysis.py's rule steps 1-3 ("" if dropped;
    the words joined by spaces in the rare case folding splits it: "½" -> "1 2").

    Filled on first sight of each distinct token, so analysing a text is one regex pass
    and one dict lookup per token.
    """

    def __missing__(self, raw: str) -> str:
        folded = fold(raw)
        if len(folded) <= MAX_TOKEN_CHARS and TOKEN_RE.fullmatch(folded):
            word = folded
        else:
            word = " ".join(w for w in TOKEN_RE.findall(folded) if len(w) <= MAX_TOKEN_CHARS)
        self[raw] = word
        return word


class _Stems(dict[str, str]):
    """Raw token -> its indexed term: the folded word, stemmed ("" if dropped)."""

    def __missing__(self, raw: str) -> str:
        word = RAW_WORDS[raw]
        term = _BY_WORD.get(word)
        if term is None:  # 'Women' and 'women' share one stemming
            term = _BY_WORD[word] = " ".join(map(stem, word.split()))
        self[raw] = term
        return term


RAW_WORDS = _Words()
_BY_WORD: dict[str, str] = {}
RAW_STEMS = _Stems()
_lookup = RAW_STEMS.__getitem__


# The non-ASCII separators that most often make a paragraph non-ASCII (curly quotes and
# apostrophes, dashes, ellipsis, bullet: in 80% of the corpus's non-ASCII paragraphs,
# these are the only non-ASCII characters). Replaced by spaces, which also separate tokens
# (native_text).
_SPACED = tuple(c.encode() for c in "\u2019\u201d\u201c\u2013\u2014\u2018\u201f\u2011\u2026\u2022")


class _Repeated(dict[str, tuple[str, str]]):
    """Title or heading text -> (its terms, its words): every paragraph of a document
    repeats them, so each is analysed once per batch, not once per record."""

    def __missing__(self, text: str) -> tuple[str, str]:
        raw = TOKEN_RE.findall(text)
        pair = self[text] = (" ".join(map(_lookup, raw)), " ".join(map(RAW_WORDS.__getitem__, raw)))
        return pair


def analyse(text: str) -> list[str]:
    """The terms of a query word or phrase (the rule's tokens, stemmed)."""
    return [t for term in map(_lookup, TOKEN_RE.findall(text)) for t in term.split()]


# ASCII letters and digits as b"a", every other byte as a space; a run of ASCII letters and
# digits that rule step 3 drops is then _LONG_RUN.
_LETTERS = bytes(97 if i < 128 and chr(i).isalnum() else 32 for i in range(256))
_LONG_RUN = b"a" * (MAX_TOKEN_CHARS + 1)


def native_text(text: str) -> str:
    """What ANALYZER is given for a text, so that it makes the rule's terms of it.

    tantivy splits at every character that is not a letter or digit and lower-cases,
    which on ASCII text is the rule's steps 1-3 unless a token is too long: such text (and
    text whose only non-ASCII characters are common punctuation, spaced out) is given as
    it is. Other text is given as the rule's words, joined by spaces (tantivy's letters
    and digits include Python's, and lower-casing a folded word changes nothing).
    """
    if text.isascii():
        data = text.encode()
    else:
        data = text.encode("utf-8", "surrogatepass")
        for sep in _SPACED:
            data = data.replace(sep, b" ")
        if not data.isascii():
            return _words(text)
        text = data.decode()
    # Letters and digits as "a", the rest as spaces: then a too-long token is a run of "a"s,
    # which bytes search finds several times faster than a regex.
    return _words(text) if _LONG_RUN in data.translate(_LETTERS) else text


def _words(text: str) -> str:
    """The rule's words of a text (analysis.tokens), joined by spaces."""
    return " ".join(filter(None, map(RAW_WORDS.__getitem__, TOKEN_RE.findall(text))))


def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """The analyzers the schema's text fields name, by name."""

    def simple() -> tantivy.TextAnalyzerBuilder:
        return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(
            tantivy.Filter.lowercase()
        )

    return {
        ANALYZER: simple().filter(tantivy.Filter.stemmer("english")).build(),
        WORDS_ANALYZER: simple().build(),
        TERMS_ANALYZER: tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build(),
    }


def register_analyzers(index: tantivy.Index) -> None:
    """Make the schema's analyzers known to an opened or new index."""
    for name, analyzer in analyzers().items():
        index.register_tokenizer(name, analyzer)


def build_schema() -> tantivy.Schema:
    """One schema: analysed text fields, raw keyword fields, facet groups, sort keys."""
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        # The original text lives in the stored record.
        analyzer = ANALYZER if name == "text" else TERMS_ANALYZER
        sb.add_text_field(name, stored=False, tokenizer_name=analyzer)
    # Unstemmed words of title and text with their document frequency, for "did you mean".
    sb.add_text_field(SPELL, stored=False, tokenizer_name=WORDS_ANALYZER, index_option="basic")
    for name in KEYWORD_FIELDS:
        if name not in GROUP_OF:  # facet values are their group's terms (keyword_term)
            # One term per value, never in a phrase: no positions (or frequencies) to index.
            sb.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    for num in NUMERIC_FIELDS.values():
        sb.add_integer_field(num, indexed=True, fast=True)
    for key in (DOC_ORDER, FP_FIELD):
        sb.add_text_field(key, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    # A facet group's terms are indexed only (filters; broad queries walk their postings),
    # its ids are a fast field only (aggregations).
    for group in FACET_GROUPS:
        sb.add_text_field(group.terms, stored=False, tokenizer_name="raw", index_option="basic")
        sb.add_unsigned_field(group.ids, stored=False, indexed=False, fast=True)
    sb.add_bytes_field("rec", stored=True)  # the whole record, as JSON
    return sb.build()


def keyword_term(name: str, value: str) -> tuple[str, str]:
    """The (field, term) a keyword field's value is indexed as."""
    group = GROUP_OF.get(name)
    return (group.terms, f"{name}{FP_SEP}{value}") if group else (name, value)


def _keyword_values(rec: Record, name: str) -> list[str]:
    """Every value a record is indexed under for one keyword field, deduplicated."""
    if name == "doc_key":
        return [rec.doc_key]
    return _field_values(name, getattr(rec, name))


def _field_values(name: str, value: Any) -> list[str]:
    """Every value a keyword field's value (one, or a list or tuple) is indexed under."""
    if value is None or value == "":
        return []
    if not isinstance(value, list | tuple):
        return indexed_values(name, str(value))
    out: list[str] = []
    for item in value:
        if item is None or item == "":
            continue
        for v in indexed_values(name, str(item)):
            if v not in out:
                out.append(v)
    return out


def _keyword_pairs(rec: Record, names: Sequence[str]) -> list[tuple[str, str]]:
    """(field, term) for every keyword value of these fields (keyword_term)."""
    return [keyword_term(name, value) for name in names for value in _keyword_values(rec, name)]


# Keyword fields all the records of one document share (its metadata, besides doc_key):
# their values are worked out once per document, not once per record.
_DOC_FIELDS = ("symbol", "session", "source", "body", "doc_type", "country", "year")
_doc_values = attrgetter(*_DOC_FIELDS)


class DocumentMaker:
    """Makes the tantivy documents of one write, as JSON for IndexWriter.add_json,
    remembering the analysis of the titles, headings and metadata its records repeat.

    One JSON string a record, parsed by tantivy in one call, costs the writing thread
    about half of what building a dict, converting it (Document.from_dict) and copying it
    again (add_document) did. The pieces a document's records share (its metadata, facet
    values, sort-key prefixes) are encoded once per document.
    """

    def __init__(self, ids: FacetIds) -> None:
        self._repeated = _Repeated()
        self._docs: dict[tuple[Any, ...], _DocPart] = {}
        # Tag values -> their facet values and ids in JSON: whole combinations, then field
        # by field (UPR recommendations combine recommending States in many ways).
        self._tags: dict[tuple[Any, ...], tuple[str, tuple[int, ...], str]] = {}
        self._fields: dict[tuple[str, Any], tuple[str, tuple[int, ...]]] = {}
        # (a document's first-group ids, a record's tags' ones) -> the first group's ids in
        # JSON. Every group's ids are written in ascending order: tantivy aggregates an
        # ascending column about a seventh faster (it sorts each record's values).
        self._first_ids: dict[tuple[tuple[int, ...], tuple[int, ...]], str] = {}
        self._id_of = ids.id_of
        self._fp: tuple[str, str, str] = ("", "", "")

    def __call__(self, rec: Record, source: str, fingerprint: str) -> str:
        """A record as a tantivy document in JSON; `source` is the batch's (fingerprints()
        reports it)."""
        title_terms, title_words = self._repeated[rec.title or ""]
        key = (rec.doc_key, *_doc_values(rec))
        doc = self._docs.get(key)
        if doc is None:
            doc = self._docs[key] = self._doc_part(rec)
        tag_key = _tag_values(rec)
        tags = self._tags.get(tag_key)
        if tags is None:
            tags = self._tags[tag_key] = self._tag_part(tag_key)
        if self._fp[0] != source or self._fp[1] != fingerprint:
            self._fp = (source, fingerprint, _json_str(f"{source}{FP_SEP}{fingerprint}"))
        text = _json_str(native_text(rec.text))
        section = self._repeated["\n".join(rec.section)][0]
        stored = b2a_base64(_encode(_record_values(rec)).encode(), newline=False).decode()
        # Title and section terms and words are letters and digits joined by spaces (_Words
        # and _Stems make sure): JSON strings as they are.
        # The document's facets are all in the first group; tags[2] is the second group's.
        facets = doc.facets + tags[0] if doc.facets else tags[0][1:]
        ids = self._first_ids.get((doc.ids, tags[1]))
        if ids is None:
            ids = self._first_ids[doc.ids, tags[1]] = _ascending(doc.ids + tags[1])
        own = _own_keywords(rec)
        return (
            f'{{{doc.head},"text":[{text}],"title":["{title_terms}"],'
            f'"section":["{section}"],"{SPELL}":["{title_words}",{text}],'
            f'"{_DOC_GROUP.terms}":[{facets}],"{_DOC_GROUP.ids}":[{ids}],{tags[2]},'
            f'"{FP_FIELD}":[{self._fp[2]}],'
            f'"rec":["{stored}"]{own},"{DOC_ORDER}":["{doc.key}\\u001f{rec.order:09d}"]}}'
        )

    def remembered(self) -> int:
        """How many documents and combinations of tags it remembers."""
        return len(self._docs) + len(self._tags)

    def _doc_part(self, rec: Record) -> _DocPart:
        """The JSON of the keyword fields a document's records share, and its sort keys."""
        fields: dict[str, list[str]] = {}
        facets: list[str] = []
        for name, value in _keyword_pairs(rec, _SHARED_KEYWORDS):
            if name == _DOC_GROUP.terms:
                facets.append(value)
            else:
                fields.setdefault(name, []).append(value)
        head = [_json_field(name, values) for name, values in fields.items()]
        if rec.year is not None:
            head.append(f'"year_n":[{int(rec.year)}]')
        return _DocPart(
            head=",".join(head),
            facets=",".join(map(_json_str, facets)),
            ids=tuple(self._id_of(v) for v in facets),
            key=_json_str(rec.doc_key)[1:-1],
        )

    def _tag_part(self, key: tuple[Any, ...]) -> tuple[str, tuple[int, ...], str]:
        """A record's tag fields' share of the JSON (`key`: their values, _tag_values): the
        first group's terms (',"facet value"'...) and ids, and the second group's two
        fields whole; the same tags give the same part."""
        parts = [self._field_part(n, value) for n, value in zip(_TAG_FIELDS, key, strict=True)]
        first = [p for n, p in zip(_TAG_FIELDS, parts, strict=True) if n in _DOC_GROUP.facets]
        second = [p for n, p in zip(_TAG_FIELDS, parts, strict=True) if n in _TAG_GROUP.facets]
        terms = "".join(p[0] for p in second)[1:]
        ids = _ascending(tuple(i for p in second for i in p[1]))
        return (
            "".join(p[0] for p in first),
            tuple(i for p in first for i in p[1]),
            f'"{_TAG_GROUP.terms}":[{terms}],"{_TAG_GROUP.ids}":[{ids}]',
        )

    def _field_part(self, name: str, value: Any) -> tuple[str, tuple[int, ...]]:
        """One tag field's share of _tag_part, worked out once per value: its facet values
        as ',"value"'..., and their ids."""
        part = self._fields.get((name, value))
        if part is None:
            facets = [f"{name}{FP_SEP}{v}" for v in _field_values(name, value)]
            part = self._fields[name, value] = (
                "".join("," + _json_str(v) for v in facets),
                tuple(map(self._id_of, facets)),
            )
        return part


class _DocPart(NamedTuple):
    """A document's shared part of its records' JSON (DocumentMaker).

    The document-order key is a single string, because tantivy orders by one fast field
    only, in the Whoosh engine's order: (doc_key, order).
    """

    head: str  # '"symbol":["..."],...,"year_n":[2012]'
    facets: str  # its facet values, as JSON strings joined by commas
    ids: tuple[int, ...]  # their ids
    key: str  # doc_key, escaped for a JSON string: DOC_ORDER is key + FP_SEP + order


def _ascending(ids: tuple[int, ...]) -> str:
    """Facet ids in ascending order, joined by commas (a record's values are distinct)."""
    return ",".join(map(str, sorted(ids)))


def _json_field(name: str, values: Sequence[str]) -> str:
    return f'"{name}":[{",".join(map(_json_str, values))}]'


def _own_keywords(rec: Record) -> str:
    """The JSON of the keyword fields only this record has: id, number, cites."""
    out = f',"id":[{_json_str(rec.id)}]' if rec.id else ""
    if rec.number:
        out += f',"number":[{_json_str(rec.number)}]'
    if rec.cites:
        out += "," + _json_field("cites", _keyword_values(rec, "cites"))
    return out


# One encoder (json.dumps with options builds one per call); ASCII output and no
# circularity check are the C encoder's fastest path.
_encode = json.JSONEncoder(check_circular=False).encode
# A JSON string literal of any text (quotes, backslashes and control characters escaped).
_json_str = json.encoder.encode_basestring_ascii

_SHARED_KEYWORDS = (*_DOC_FIELDS, "doc_key")
_OWN_KEYWORDS = ("id", "cites", "number")
# A record's tags (its facet fields besides the document's): few distinct combinations.
# Every keyword field is the document's, the record's own or one of these (test).
_TAG_FIELDS = tuple(f for f in FACET_FIELDS if f not in _DOC_FIELDS)
_RECORD_FIELDS = tuple(f.name for f in dataclass_fields(Record))
# Stored as the list of a record's field values in _RECORD_FIELDS order: a third of the
# JSON of a dict with every field name, and Record(*values) reads it back.
_record_values = attrgetter(*_RECORD_FIELDS)


def _tag_values(rec: Record) -> tuple[Any, ...]:
    """A record's tag fields' values, hashable (lists as tuples), in _TAG_FIELDS order."""
    articles, recs, gnr, themes, kind, states, response = _tag_getter(rec)
    return (tuple(articles), tuple(recs), tuple(gnr), tuple(themes), kind, tuple(states), response)


_tag_getter = attrgetter(*_TAG_FIELDS)


def to_record(doc: tantivy.Document) -> Record:
    """The record stored with a document."""
    raw = doc.get_first("rec")
    if not isinstance(raw, bytes):
        raise EngineError("the tantivy index holds a document without its record")
    try:
        data = orjson.loads(raw)  # twice as fast as json: this is part of every search
    except orjson.JSONDecodeError:  # a lone surrogate, which json writes and reads
        data = json.loads(raw.decode())
    if isinstance(data, list) and len(data) == len(_RECORD_FIELDS):
        return Record(*data)  # DocumentMaker's form: every field's value, in field order
    if isinstance(data, list):
        raise EngineError("the tantivy index was written by another version: rebuild it")
    try:
        # Written as a dict of every Record field by name before the list form.
        return Record(**data)
    except TypeError:  # written by a version whose Record had other fields
        return Record.from_dict(data)
