"""The Whoosh schema: how a record is analysed and stored, and read back.

One schema (records.md fields). Analysed fields follow analysis.py's rule through
FoldingTokenizer; keyword fields hold each value as one term.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from typing import Any

from whoosh.analysis import RegexTokenizer, StemFilter, Token, Tokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from recsearch import analysis
from recsearch.engine import KEYWORD_FIELDS, SPELL_FIELD, indexed_values
from recsearch.records import LIST_FIELDS, Record

SEP = "\x1f"  # joins the values of a multi-valued keyword field; never occurs in a value
FINGERPRINT = "fingerprint"  # "source<TAB>fingerprint", read from the lexicon
SPELL = SPELL_FIELD  # unstemmed words of the text, for "did you mean"
YEAR_NUM = "year_num"  # numeric twin of the keyword field `year`, for ranges and sorting


class FoldingTokenizer(Tokenizer):
    """analysis.py rule steps 1-3 (letter/digit runs, lower-case, ASCII fold, length cap)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = analysis.token_spans(value) if tokenize else [(0, len(value), value)]
        for pos, (start, end, text) in enumerate(spans):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


def text_analyzer() -> Any:
    """analysis.py's rule for analysed fields: FoldingTokenizer, then analysis.stem."""
    # analysis.stem caches stems itself; the index pickles it by name with the schema.
    return FoldingTokenizer() | StemFilter(stemfn=analysis.stem, cachesize=None)


def _plain(tokenizer: Any) -> Any:
    """A tokenizer used on its own as a field's analyzer."""
    return tokenizer


def build_schema() -> Schema:
    """One schema: every record field stored; see records.md for the fields."""
    text = text_analyzer()
    multi = _plain(RegexTokenizer(r"[^\x1f]+"))  # values as given, one term each
    spec: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "doc_key": ID(stored=True, sortable=True),
        "title": TEXT(analyzer=text, stored=True),
        "section": TEXT(analyzer=text, stored=True),
        "text": TEXT(analyzer=text, stored=True),
        SPELL: TEXT(analyzer=_plain(FoldingTokenizer()), phrase=False),
        "page": STORED(),
        "date": STORED(),
        "order": NUMERIC(int, bits=32, stored=True, sortable=True),
        YEAR_NUM: NUMERIC(int, bits=32, sortable=True),
        FINGERPRINT: ID(),
    }
    for name in KEYWORD_FIELDS:
        spec.setdefault(name, KEYWORD(stored=True, analyzer=multi))
    return Schema(**spec)


@lru_cache(maxsize=64)
def _heading_words(text: str) -> tuple[str, ...]:
    """A title's or headings' folded words: every record of a document repeats them."""
    return tuple(analysis.tokens(text))


def _stems(words: Sequence[str]) -> list[str]:
    return [analysis.stem(w) for w in words]


def to_document(rec: Record, source: str, fingerprint: str) -> dict[str, Any]:
    """The fields Whoosh indexes for one record; `_stored_x` keeps the original value.

    The analysed fields are given as their analysed words (a list is indexed as given, a
    word a position), which is what the fields' analyzers make of the text: each text is
    read once, and its unstemmed words are the spell field's.
    """
    data = rec.to_dict()
    title = rec.title or ""
    text = rec.text or ""
    section = "\n".join(rec.section)
    title_words = _heading_words(title)
    text_words = analysis.tokens(text)
    doc: dict[str, Any] = {
        "id": rec.id,
        "doc_key": rec.doc_key,
        "title": _stems(title_words),
        "_stored_title": title,
        "text": _stems(text_words),
        "_stored_text": text,
        SPELL: [*title_words, *text_words],
        "section": _stems(_heading_words(section)),
        "_stored_section": list(rec.section),
        "order": rec.order,
        YEAR_NUM: rec.year or 0,  # 0 sorts a record without a year as oldest
        FINGERPRINT: f"{source}\t{fingerprint}",
        "page": rec.page,
        "date": rec.date,
    }
    for name in KEYWORD_FIELDS:
        if name in doc:
            continue
        value = rec.doc_key if name == "doc_key" else data.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        terms = [t for v in values for t in indexed_values(name, str(v)) if str(v)]
        if not terms:
            continue  # no value: no term, and nothing stored (rebuilt as None / [])
        doc[name] = SEP.join(dict.fromkeys(terms))
        doc[f"_stored_{name}"] = value
    return doc


_RECORD_FIELDS = [f.name for f in dataclass_fields(Record)]


def to_record(stored: dict[str, Any]) -> Record:
    """Rebuild a Record from its stored fields."""
    values: dict[str, Any] = {
        name: stored.get(name, [] if name in LIST_FIELDS else None) for name in _RECORD_FIELDS
    }
    if values["kind"] is None:
        values["kind"] = "observation"
    if values["order"] is None:
        values["order"] = 0
    if values["title"] is None:
        values["title"] = ""
    return Record(**values)
