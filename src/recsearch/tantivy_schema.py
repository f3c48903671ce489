"""The tantivy schema: text analysed in Python to the Whoosh engine's terms, and documents.

tantivy receives terms already analysed (index_terms) and only splits them on spaces, so
both engines index the same terms for the same text (analysis.py's rule).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from operator import attrgetter
from typing import Any

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

ANALYZER = "recsearch_en"
NUMERIC_FIELDS = {"year": "year_n"}  # keyword field -> its integer twin, for ranges
# Stored with every record so fingerprints() is one terms aggregation, not a document scan.
FP_FIELD = "fp"
SPELL = SPELL_FIELD  # unstemmed words, for prefixes and "did you mean"
FP_SEP = "\x1f"
# Every facet value of a record in one multi-valued fast field, as "field\x1fvalue": all
# facet counts are then one aggregation (or one postings walk) instead of eleven.
FACET_FIELD = "facet"
# The same values as dense integer ids (tantivy_facet_ids.py), which aggregate faster.
FACET_ID = "facet_id"
# Sort name -> the fast field holding its single-string key (ascending); see _sort_keys.
SORT_KEYS = {"newest": "sort_new", "oldest": "sort_old", "document": "sort_doc"}


class _Words(dict[str, str]):
    """Raw token -> its folded word under analysis.py's rule steps 1-3 ("" if dropped).

    Filled on first sight of each distinct token, so analysing a text is one regex pass
    and one dict lookup per token.
    """

    def __missing__(self, raw: str) -> str:
        folded = fold(raw)
        word = folded if len(folded) <= MAX_TOKEN_CHARS and TOKEN_RE.fullmatch(folded) else ""
        self[raw] = word
        return word


class _Stems(dict[str, str]):
    """Raw token -> its indexed term: the folded word, stemmed ("" if dropped)."""

    def __missing__(self, raw: str) -> str:
        word = RAW_WORDS[raw]
        term = _BY_WORD.get(word)
        if term is None:  # 'Women' and 'women' share one stemming
            term = _BY_WORD[word] = stem(word) if word else ""
        self[raw] = term
        return term


# Stems are analysis.stem's. tantivy's own Filter.stemmer("english") is an older Snowball
# that differs on ~0.2% of the corpus vocabulary ("international" -> "internat" vs
# "intern", "organization", "universal", "emergency"), and those are frequent words. So
# text is analysed here, in Python, and tantivy indexes the resulting terms as given.
RAW_WORDS = _Words()
_BY_WORD: dict[str, str] = {}
RAW_STEMS = _Stems()
_lookup = RAW_STEMS.__getitem__


# ASCII characters that are not letters or digits, as spaces: in ASCII text the tokens
# (TOKEN_RE) are then what str.split finds, in a third less time than the regex.
_SEPARATE = str.maketrans({chr(i): " " for i in range(128) if not chr(i).isalnum()})


def raw_tokens(text: str) -> list[str]:
    """TOKEN_RE.findall(text): the raw tokens of rule step 1."""
    if text.isascii():
        return text.translate(_SEPARATE).split()
    return TOKEN_RE.findall(text)


def index_terms(text: str) -> str:
    """The terms of a text, space-separated, exactly as the Whoosh engine indexes them."""
    return " ".join(map(_lookup, TOKEN_RE.findall(text)))


class _Repeated(dict[str, tuple[str, str]]):
    """Title or heading text -> (its terms, its words): every paragraph of a document
    repeats them, so each is analysed once per batch, not once per record."""

    def __missing__(self, text: str) -> tuple[str, str]:
        raw = TOKEN_RE.findall(text)
        pair = self[text] = (" ".join(map(_lookup, raw)), " ".join(map(RAW_WORDS.__getitem__, raw)))
        return pair


def index_words(text: str) -> str:
    """The folded, unstemmed words of a text, space-separated (the spelling field)."""
    return " ".join(map(RAW_WORDS.__getitem__, TOKEN_RE.findall(text)))


def analyse(text: str) -> list[str]:
    """The terms of a query word or phrase (the rule's tokens, stemmed)."""
    return [t for t in map(_lookup, TOKEN_RE.findall(text)) if t]


def build_analyzer() -> tantivy.TextAnalyzer:
    """Terms arrive analysed (index_terms): split on spaces only."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def build_schema() -> tantivy.Schema:
    """One schema: analysed text fields, raw keyword fields (fast for facets), sort keys."""
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        # Indexed from index_terms(...); the original text lives in the stored record.
        sb.add_text_field(name, stored=False, tokenizer_name=ANALYZER)
    # Unstemmed words of title and text with their document frequency, for "did you mean".
    sb.add_text_field(SPELL, stored=False, tokenizer_name=ANALYZER, index_option="basic")
    for name in KEYWORD_FIELDS:
        # One term per value, never in a phrase: no positions (or frequencies) to index.
        sb.add_text_field(
            name,
            stored=False,
            fast=name in FACET_FIELDS,
            tokenizer_name="raw",
            index_option="basic",
        )
    for num in NUMERIC_FIELDS.values():
        sb.add_integer_field(num, indexed=True, fast=True)
    for key in ("sort_doc", "sort_new", "sort_old", FP_FIELD):
        sb.add_text_field(key, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    # Indexed only: broad queries count facets by walking its postings.
    sb.add_text_field(FACET_FIELD, stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field(FACET_ID, stored=False, indexed=False, fast=True)
    sb.add_bytes_field("rec", stored=True)  # the whole record, as JSON
    return sb.build()


def _sort_keys(rec: Record) -> dict[str, str]:
    """Single-string sort keys, because tantivy orders by one fast field only.

    The same order as the Whoosh engine: document order is (doc_key, order); a record
    without a year counts as year 0 (last under newest, first under oldest).
    """
    doc = f"{rec.doc_key}{FP_SEP}{rec.order:09d}"
    year = rec.year or 0
    return {
        "sort_doc": doc,
        "sort_new": f"{9999 - year:04d}{FP_SEP}{doc}",
        "sort_old": f"{year:04d}{FP_SEP}{doc}",
    }


def _keyword_values(rec: Record, name: str) -> list[str]:
    """Every value a record is indexed under for one keyword field, deduplicated."""
    if name == "doc_key":
        return [rec.doc_key]
    value = getattr(rec, name)
    if value is None or value == "":
        return []
    if not isinstance(value, list):
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
    """(field, value) for every keyword value of these fields, and each facet value's
    FACET_FIELD twin."""
    out: list[tuple[str, str]] = []
    for name in names:
        for value in _keyword_values(rec, name):
            out.append((name, value))
            if name in _FACETS:
                out.append((FACET_FIELD, f"{name}{FP_SEP}{value}"))
    return out


# Keyword fields all the records of one document share (its metadata, besides doc_key):
# their values are worked out once per document, not once per record.
_DOC_FIELDS = ("symbol", "session", "source", "body", "doc_type", "country", "year")
_doc_values = attrgetter(*_DOC_FIELDS)


class DocumentMaker:
    """Makes the tantivy documents of one write, remembering the analysis of the titles,
    headings and metadata its records repeat.

    A document is built from one dict of value lists (Document.from_dict): one call into
    tantivy where adding each of a record's ~33 values was one call each (20 us against
    35 us a record).
    """

    def __init__(self, ids: FacetIds, schema: tantivy.Schema) -> None:
        self._repeated = _Repeated()
        self._doc_fields: dict[tuple[Any, ...], dict[str, list[Any]]] = {}
        self._id_of = ids.id_of
        self._schema = schema

    def __call__(self, rec: Record, source: str, fingerprint: str) -> tantivy.Document:
        """A record as a tantivy document; `source` is the batch's (fingerprints() reports it)."""
        raw = raw_tokens(rec.text)  # one pass serves the terms and the spelling words
        title_terms, title_words = self._repeated[rec.title or ""]
        key = (rec.doc_key, *_doc_values(rec))
        shared = self._doc_fields.get(key)
        if shared is None:
            shared = self._doc_fields[key] = self._fields(_keyword_pairs(rec, _SHARED_KEYWORDS))
        fields = {
            **shared,
            "text": [" ".join(map(_lookup, raw))],
            "title": [title_terms],
            "section": [self._repeated["\n".join(rec.section)][0]],
            # index_words(title + "\n" + text): the newline only separates tokens.
            SPELL: [f"{title_words} {' '.join(map(RAW_WORDS.__getitem__, raw))}"],
            FACET_FIELD: list(shared[FACET_FIELD]),
            FACET_ID: list(shared[FACET_ID]),
            FP_FIELD: [f"{source}{FP_SEP}{fingerprint}"],
            # A shallow dict: dataclasses.asdict deep-copies every list.
            "rec": [_encode({name: getattr(rec, name) for name in _RECORD_FIELDS}).encode()],
        }
        for name, value in _keyword_pairs(rec, _RECORD_KEYWORDS):
            if name in fields:
                fields[name].append(value)
            else:
                fields[name] = [value]
            if name == FACET_FIELD:
                fields[FACET_ID].append(self._id_of(value))
        if rec.year is not None:
            fields["year_n"] = [rec.year]
        for sort_key, value in _sort_keys(rec).items():
            fields[sort_key] = [value]
        return tantivy.Document.from_dict(fields, self._schema)

    def _fields(self, pairs: list[tuple[str, str]]) -> dict[str, list[Any]]:
        """Keyword pairs as field -> values, with the FACET_ID ids of the facet values."""
        out: dict[str, list[Any]] = {FACET_FIELD: [], FACET_ID: []}
        for name, value in pairs:
            out.setdefault(name, []).append(value)
            if name == FACET_FIELD:
                out[FACET_ID].append(self._id_of(value))
        return out


# One encoder (json.dumps with options builds one per call); ASCII output and no
# circularity check are the C encoder's fastest path (9 us a record against 12).
_encode = json.JSONEncoder(check_circular=False).encode


_FACETS = frozenset(FACET_FIELDS)
_SHARED_KEYWORDS = (*_DOC_FIELDS, "doc_key")
_RECORD_KEYWORDS = tuple(f for f in KEYWORD_FIELDS if f not in _SHARED_KEYWORDS)
_RECORD_FIELDS = tuple(f.name for f in dataclass_fields(Record))


def to_record(doc: tantivy.Document) -> Record:
    """The record stored with a document."""
    raw = doc.get_first("rec")
    if not isinstance(raw, bytes):
        raise EngineError("the tantivy index holds a document without its record")
    data = json.loads(raw.decode())  # str: json.loads skips sniffing the encoding
    try:
        # Stored as every Record field by name (DocumentMaker), so no filtering is needed.
        return Record(**data)
    except TypeError:  # written by a version whose Record had other fields
        return Record.from_dict(data)
