"""tantivy documents: the JSON DocumentMaker writes holds each field's values as before, and
tantivy reads it back to the same terms and record."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import tantivy
from hypothesis import given, settings
from hypothesis import strategies as st

from recsearch.analysis import TOKEN_RE, stem, tokens
from recsearch.engine import FACET_FIELDS, KEYWORD_FIELDS, EngineError, indexed_values
from recsearch.records import Record
from recsearch.tantivy_engine import TantivyEngine
from recsearch.tantivy_facet_ids import FacetIds
from recsearch.tantivy_schema import (
    _OWN_KEYWORDS,
    _SHARED_KEYWORDS,
    _SPACED,
    _TAG_FIELDS,
    ANALYZER,
    FACET_GROUPS,
    FP_SEP,
    RAW_STEMS,
    RAW_WORDS,
    WORDS_ANALYZER,
    DocumentMaker,
    analyzers,
    build_schema,
    native_text,
    to_record,
)

ANALYZERS = analyzers()


def rule_terms(text: str) -> list[str]:
    """analysis.py's rule, step by step: the terms the Whoosh engine indexes for a text."""
    return [stem(w) for w in tokens(text)]


# Values a JSON writer must escape, and text whose tokens are not all ASCII.
AWKWARD = Record(
    id='doc-"quoted"\\back/1',
    symbol="A/HRC/1/\x1f2",
    title="Türkiye’s “report” – ½ Σίσυφος ℌ",
    doc_type="other",
    body="UPR",
    country='Côte d\'Ivoire "x"',
    year=2012,
    source="dir/it's \\ a file.pdf",
    number="3\t4",
    section=["A. Línea\none", "B. «quoted»"],
    page=2,
    text="Ensure the State’s women… “racial” – non-discrimination\u2028and\u00a0x²; CERD/C/BRA",
    kind="recommendation",
    articles=["ICERD 5(e)(v)", "ICERD 2"],
    general_recommendations=["CERD GR 31"],
    gnr=[1, 8],
    cites=["CERD/C/USA/CO/6 para. 14"],
    themes=["Justice", 'Say "no"'],
    recommending_states=["France", "Brazil"],
    response="noted",
    session="21",
    date="2012-05-01",
    order=7,
)


def expected_fields(rec: Record, source: str, fingerprint: str, ids: FacetIds) -> dict[str, Any]:
    """Every field's values, worked out the plain way (one field at a time)."""
    fields: dict[str, list[Any]] = {}
    facets: list[str] = []
    for name in KEYWORD_FIELDS:
        raw = rec.doc_key if name == "doc_key" else getattr(rec, name)
        items = raw if isinstance(raw, list) else [raw]
        values: list[str] = []
        for item in items:
            if item is None or item == "":
                continue
            values += [v for v in indexed_values(name, str(item)) if v not in values]
        if name in FACET_FIELDS:  # a facet's values are the facet field's terms only
            facets += [f"{name}{FP_SEP}{v}" for v in values]
        elif values:
            fields[name] = values
    for group in FACET_GROUPS:
        mine = [v for v in facets if v.split(FP_SEP)[0] in group.facets]
        fields[group.terms] = mine
        fields[group.ids] = [ids.id_of(v) for v in mine]
    fields["text"] = [" ".join(rule_terms(rec.text))]
    fields["title"] = [" ".join(rule_terms(rec.title))]
    fields["section"] = [" ".join(rule_terms("\n".join(rec.section)))]
    fields["spell"] = [" ".join(tokens(rec.title + "\n" + rec.text))]
    fields["fp"] = [f"{source}{FP_SEP}{fingerprint}"]
    if rec.year is not None:
        fields["year_n"] = [rec.year]
    doc = f"{rec.doc_key}{FP_SEP}{rec.order:09d}"
    fields["sort_doc"] = [doc]
    return fields


def terms_split(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields with values, analysed ones as their list of terms (title and section split on
    spaces; the plain way's text and spelling words, too)."""
    analysed = ("text", "title", "section", "spell")
    return {k: [v[0].split()] if k in analysed else v for k, v in fields.items() if v != []}


def tantivy_terms(doc: dict[str, Any]) -> dict[str, Any]:
    """A made document's fields as terms_split gives them, its text and spelling words
    analysed by tantivy's own analyzers, as the index analyses them."""
    out = terms_split({k: v for k, v in doc.items() if k not in ("text", "spell")})
    for name, analyzer in (("text", ANALYZER), ("spell", WORDS_ANALYZER)):
        out[name] = [[t for v in doc[name] for t in ANALYZERS[analyzer].analyze(v)]]
    return out


def made(rec: Record, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the document DocumentMaker makes, parsed; the plain way's fields, with the ids the
    maker gave each value)."""
    ids = FacetIds(tmp_path / "a.jsonl")
    doc = json.loads(DocumentMaker(ids)(rec, rec.source, "fp 1"))
    return doc, expected_fields(rec, rec.source, "fp 1", ids)


@pytest.mark.parametrize(
    "rec",
    [
        AWKWARD,
        Record(
            id="d/1", symbol=None, title="", doc_type="other", body=None, country=None,
            year=None, source="d.txt", number=None, section=[], page=None, text="",
        ),
    ],
    ids=["awkward-values", "empty-values"],
)  # fmt: skip
def test_document_fields_are_the_plain_ones(rec: Record, tmp_path: Path) -> None:
    """Escaped values, shared parts and tags: the same values, field by field."""
    doc, expected = made(rec, tmp_path)
    stored = json.loads(base64.b64decode(doc.pop("rec")[0]))
    assert Record(*stored) == rec
    assert tantivy_terms(doc) == terms_split(expected)


def test_records_of_one_document_share_parts_but_not_tags(tmp_path: Path) -> None:
    """A second record of the same document reuses the document's part and has its own tags."""
    plain = FacetIds(tmp_path / "a.jsonl")
    maker = DocumentMaker(plain)
    # The first record's tags (articles, response 'noted') must not leak into the second's.
    second = replace(
        AWKWARD,
        id='doc-"quoted"\\back/2',
        order=8,
        number=None,
        articles=[],
        response=None,
        recommending_states=["France"],
    )
    for rec in (AWKWARD, second, AWKWARD):
        doc = json.loads(maker(rec, rec.source, "fp 1"))
        doc.pop("rec")
        expected = expected_fields(rec, rec.source, "fp 1", plain)
        assert tantivy_terms(doc) == terms_split(expected)


def test_tag_fields_complete_the_keyword_fields() -> None:
    """Every keyword field is a document's, a record's own, or a tag, exactly once."""
    parts = [*_SHARED_KEYWORDS, *_OWN_KEYWORDS, *_TAG_FIELDS]
    assert sorted(parts) == sorted(KEYWORD_FIELDS)
    assert set(_TAG_FIELDS) <= set(FACET_FIELDS)


def test_facet_groups_split_the_facets_and_hold_the_documents_in_the_first() -> None:
    """Every facet in one group; a document's facets all in the first (DocumentMaker writes
    them once per document there)."""
    first, second = FACET_GROUPS
    assert first.facets.isdisjoint(second.facets)
    assert first.facets | second.facets == set(FACET_FIELDS)
    assert set(_SHARED_KEYWORDS) & set(FACET_FIELDS) <= first.facets


@pytest.mark.parametrize("sep", [s.decode() for s in _SPACED])
def test_spaced_characters_separate_tokens(sep: str) -> None:
    """Text whose only non-ASCII characters are these goes to tantivy as it is, spaced."""
    assert not TOKEN_RE.search(sep)
    text = f"State{sep}s women{sep}{sep}and men"
    assert native_text(text) == text.replace(sep, " ")
    assert ANALYZERS[ANALYZER].analyze(native_text(text)) == rule_terms(text)


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("Organizations' rights: non-discrimination", "as it is"),
        ("ensure " + "x" * 41 + " women", "words"),  # a token the rule drops
        ("a" * 40 + "-" + "b" * 40, "as it is"),  # the longest tokens the rule keeps
        ("Türkiye’s 12½ Σίσυφος ℌ x²", "words"),
        ("", "as it is"),
    ],
    ids=["ascii", "over-long-token", "longest-tokens", "non-ascii-letters", "empty"],
)
def test_tantivy_analyses_native_text_to_the_rule_terms(text: str, given: str) -> None:
    """The text field's terms, made by tantivy from native_text, are the rule's."""
    native = native_text(text)
    assert native == (text if given == "as it is" else " ".join(tokens(text)))
    assert ANALYZERS[ANALYZER].analyze(native) == rule_terms(text)
    assert ANALYZERS[WORDS_ANALYZER].analyze(native) == tokens(text)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("aZ9 _-'\"\\\t\n\x1f.é½ℌΣς²İßæ") + ["\ud800"] + [s.decode() for s in _SPACED]
        ),
        max_size=60,
    )
    | st.text(max_size=40)
)
def test_tantivy_analyses_any_text_to_the_rule_terms(text: str) -> None:
    """ASCII, mostly-ASCII (curly quotes, dashes) and other text: the rule's terms."""
    native = native_text(text)
    assert ANALYZERS[ANALYZER].analyze(native) == rule_terms(text)
    assert ANALYZERS[WORDS_ANALYZER].analyze(native) == tokens(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_terms_and_words_need_no_json_escaping(text: str) -> None:
    """DocumentMaker writes terms and words into JSON strings as they are."""
    for raw in TOKEN_RE.findall(text):
        for value in (RAW_STEMS[raw], RAW_WORDS[raw]):
            assert all(TOKEN_RE.fullmatch(piece) for piece in value.split(" ") if value)
            assert json.dumps(value, ensure_ascii=False)[1:-1] == value


def test_index_reads_back_the_awkward_record(tmp_path: Path) -> None:
    """Through tantivy: the record, its keyword terms and its sort order come back."""
    eng = TantivyEngine(tmp_path, create=True)
    eng.replace_sources([(AWKWARD.source, "fp 1", [AWKWARD])])
    assert eng.get_records([AWKWARD.id]) == [AWKWARD]
    assert eng.source_records(AWKWARD.source) == [AWKWARD]
    assert eng.fingerprints() == {AWKWARD.source: "fp 1"}
    assert dict(eng.terms("id")) == {AWKWARD.id: 1}
    assert dict(eng.terms("country")) == {AWKWARD.country: 1}
    assert dict(eng.terms("articles")) == dict.fromkeys(
        ["ICERD 2", "ICERD 5", "ICERD 5(e)", "ICERD 5(e)(v)"], 1
    )
    assert sorted(t for t, _n in eng.terms("text")) == sorted(set(rule_terms(AWKWARD.text)))


def test_index_reads_back_a_text_with_a_lone_surrogate(tmp_path: Path) -> None:
    """json writes a lone surrogate (as an escape) that orjson will not read: json does."""
    odd = replace(AWKWARD, id="odd/1", text="Broken \ud800 text from a PDF.")
    eng = TantivyEngine(tmp_path, create=True)
    eng.replace_sources([(odd.source, "fp 1", [odd])])
    assert eng.get_records([odd.id]) == [odd]


def test_records_stored_by_name_still_read() -> None:
    """Indexes written before the list form stored each record as a dict of its fields."""
    schema = build_schema()
    old = json.dumps(AWKWARD.to_dict()).encode()
    assert to_record(tantivy.Document.from_dict({"rec": [old]}, schema)) == AWKWARD
    with pytest.raises(EngineError):
        to_record(tantivy.Document.from_dict({"rec": [b'["too", "short"]']}, schema))


def own_words() -> list[str]:
    """Every distinct word of this project's own prose and code (README, CHANGES, src)."""
    root = Path(__file__).resolve().parents[1]
    files = [root / "README.md", root / "CHANGES.md", *sorted((root / "src").rglob("*.py"))]
    return sorted({w for f in files for w in tokens(f.read_text(encoding="utf-8"))})


def test_tantivy_stems_every_word_as_the_rule_does() -> None:
    """tantivy's Snowball English is the rule's (PyStemmer's) on thousands of words: an
    upgrade of either that changed the algorithm would make the engines disagree."""
    words = own_words()
    assert len(words) > 3000
    stemmer = ANALYZERS[ANALYZER]
    assert [w for w in words if stemmer.analyze(w) != [stem(w)]] == []


def test_facet_ids_are_written_in_ascending_order(tmp_path: Path) -> None:
    """tantivy aggregates an ascending column faster. A second record's new tag values get
    ids after the first record's, so in first-seen order its ids would not be ascending."""
    maker = DocumentMaker(FacetIds(tmp_path / "a.jsonl"))
    first = replace(AWKWARD, articles=["ICERD 4"], themes=["Education"])
    second = replace(
        AWKWARD,
        id="other/1",
        body="CERD",
        country="Chile",
        year=2001,
        articles=["ICERD 4", "ICERD 1"],
        themes=["Women", "Education"],
    )
    for rec in (first, second):
        doc = json.loads(maker(rec, rec.source, "fp 1"))
        for group in FACET_GROUPS:
            assert doc[group.ids] == sorted(doc[group.ids])
            assert len(doc[group.ids]) == len(doc[group.terms])
    tags = doc[FACET_GROUPS[1].ids]
    assert tags[-1] > min(tags)  # new ids ("ICERD 1", "Women") among old ones
