"""The tantivy schema: text analysed in Python to the Whoosh engine's terms, and documents.

tantivy receives terms already analysed (index_terms) and only splits them on spaces, so
both engines index the same terms for the same text (analysis.py's rule).
"""

from __future__ import annotations

import json
from dataclasses import fields as dataclass_fields
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

ANALYZER = "recsearch_en"
NUMERIC_FIELDS = {"year": "year_n"}  # keyword field -> its integer twin, for ranges
# Stored with every record so fingerprints() is one terms aggregation, not a document scan.
FP_FIELD = "fp"
SPELL = SPELL_FIELD  # unstemmed words, for prefixes and "did you mean"
FP_SEP = "\x1f"
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


def index_terms(text: str) -> str:
    """The terms of a text, space-separated, exactly as the Whoosh engine indexes them."""
    return " ".join(map(_lookup, TOKEN_RE.findall(text)))


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
        sb.add_text_field(name, stored=False, fast=name in FACET_FIELDS, tokenizer_name="raw")
    for num in NUMERIC_FIELDS.values():
        sb.add_integer_field(num, indexed=True, fast=True)
    for key in ("sort_doc", "sort_new", "sort_old", FP_FIELD):
        sb.add_text_field(key, stored=False, fast=True, tokenizer_name="raw")
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
        raw: list[Any] = [rec.doc_key]
    else:
        value = getattr(rec, name, None)
        raw = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in raw:
        if item is None or item == "":
            continue
        for v in indexed_values(name, str(item)):
            if v not in out:
                out.append(v)
    return out


def to_document(rec: Record, source: str, fingerprint: str) -> tantivy.Document:
    """A record as a tantivy document; `source` is the batch's, which fingerprints() reports."""
    doc = tantivy.Document()
    doc.add_text("text", index_terms(rec.text))
    doc.add_text("title", index_terms(rec.title or ""))
    doc.add_text("section", index_terms("\n".join(rec.section)))
    doc.add_text(SPELL, index_words(f"{rec.title or ''}\n{rec.text}"))
    for name in KEYWORD_FIELDS:
        for value in _keyword_values(rec, name):
            doc.add_text(name, value)
    if rec.year is not None:
        doc.add_integer("year_n", rec.year)
    for key, value in _sort_keys(rec).items():
        doc.add_text(key, value)
    doc.add_text(FP_FIELD, f"{source}{FP_SEP}{fingerprint}")
    # A shallow dict: dataclasses.asdict deep-copies every list, a third of the cost here.
    data = {name: getattr(rec, name) for name in _RECORD_FIELDS}
    doc.add_bytes("rec", json.dumps(data, ensure_ascii=False).encode())
    return doc


_RECORD_FIELDS = tuple(f.name for f in dataclass_fields(Record))


def to_record(doc: tantivy.Document) -> Record:
    raw = doc.get_first("rec")
    if not isinstance(raw, bytes):
        raise EngineError("the tantivy index holds a document without its record")
    return Record.from_dict(json.loads(raw))
