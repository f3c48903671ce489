"""The Whoosh engine: schema, analysis, compiled nodes, facets, snippets and safe writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from recsearch import whoosh_engine
from recsearch.engine import EngineQuery, IndexLocked, index_info
from recsearch.query import And, Keyword, MatchAll, Node, Not, Or, Phrase, Prefix, Range, Term
from recsearch.records import Document, Record, make_record
from recsearch.whoosh_engine import WhooshEngine
from recsearch.whoosh_schema import build_schema, to_document

CO = Document(
    key="cerd-c-tur-co-1",
    source="co/CERD_C_TUR_CO_1.pdf",
    symbol="CERD/C/TUR/CO/1",
    title="Concluding observations on Türkiye",
    doc_type="concluding-observations",
    body="CERD",
    country="Türkiye",
    year=2009,
)
UPR = Document(
    key="a-hrc-8-27",
    source="upr/A_HRC_8_27.pdf",
    symbol="A/HRC/8/27",
    title="Report of the Working Group on the Universal Periodic Review: Brazil",
    doc_type="upr-report",
    body="UPR",
    country="Brazil",
    year=2008,
)


def _co() -> list[Record]:
    rows = [
        dict(
            number="10",
            text="The Committee recommends that the State party combat discrimination against "
            "Roma women in access to housing (art. 5 (e) (iii)).",
            kind="recommendation",
            articles=["ICERD 5(e)(iii)"],
            general_recommendations=["CERD GR 27"],
            themes=["Roma", "Housing"],
        ),
        dict(
            number="11",
            text='A leaflet quoted <script>alert("x")</script> & racist slogans.',
            themes=["Hate speech"],
        ),
        # No list values at all: facets on multi-valued fields must cope.
        dict(number="12", text="The Committee welcomes the report of Türkiye."),
    ]
    return [make_record(CO, index=i, **row) for i, row in enumerate(rows)]  # type: ignore[arg-type]


def _upr() -> list[Record]:
    rows = [
        dict(
            number="83.1",
            text="Continue efforts to discriminate less against children of people of African "
            "descent (CERD/C/BRA/CO/14-17, para. 12);",
            kind="recommendation",
            recommending_states=["Angola", "Norway"],
            response="supported",
            cites=["CERD/C/BRA/CO/14-17 para. 12"],
        ),
        dict(
            number="83.2",
            text="Strengthen stop and search oversight of the police (Norway);",
            kind="recommendation",
            recommending_states=["Norway"],
            response="noted",
        ),
    ]
    return [make_record(UPR, index=i, **row) for i, row in enumerate(rows)]  # type: ignore[arg-type]


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[WhooshEngine]:
    eng = WhooshEngine(tmp_path, create=True)
    eng.replace_sources([(CO.source, "fp-co", _co()), (UPR.source, "fp-upr", _upr())])
    yield eng
    eng.close()


def _ids(engine: WhooshEngine, node: Node, **kw: object) -> list[str]:
    result = engine.search(EngineQuery(query=node, limit=50, **kw))  # type: ignore[arg-type]
    return sorted(h.record.id for h in result.hits)


FINDS: list[tuple[str, Node, list[str]]] = [
    ("stemmed word", Term("discrimination"), ["a-hrc-8-27/83.1", "cerd-c-tur-co-1/10"]),
    (
        "ascii folding",
        Term("Turkiye"),
        ["cerd-c-tur-co-1/10", "cerd-c-tur-co-1/11", "cerd-c-tur-co-1/12"],
    ),
    ("title only", Term("working", "title"), ["a-hrc-8-27/83.1", "a-hrc-8-27/83.2"]),
    ("phrase", Phrase(("stop", "and", "search")), ["a-hrc-8-27/83.2"]),
    ("phrase not in order", Phrase(("search", "and", "stop")), []),
    ("hyphenated word is a phrase", Term("stop-and-search"), ["a-hrc-8-27/83.2"]),
    ("prefix", Prefix("discrim"), ["a-hrc-8-27/83.1", "cerd-c-tur-co-1/10"]),
    (
        "prefix longer than the stem",
        Prefix("discriminat"),
        ["a-hrc-8-27/83.1", "cerd-c-tur-co-1/10"],
    ),
    ("keyword", Keyword("country", "Brazil"), ["a-hrc-8-27/83.1", "a-hrc-8-27/83.2"]),
    ("article parent", Keyword("articles", "ICERD 5"), ["cerd-c-tur-co-1/10"]),
    ("article exact", Keyword("articles", "ICERD 5(e)(iii)"), ["cerd-c-tur-co-1/10"]),
    ("cited symbol alone", Keyword("cites", "CERD/C/BRA/CO/14-17"), ["a-hrc-8-27/83.1"]),
    ("symbol normalised", Keyword("symbol", "A/HRC/8/27"), ["a-hrc-8-27/83.1", "a-hrc-8-27/83.2"]),
    ("number", Keyword("number", "83.2"), ["a-hrc-8-27/83.2"]),
    ("gnr none", Keyword("gnr", "9"), []),
    ("year range", Range("year", 2000, 2008), ["a-hrc-8-27/83.1", "a-hrc-8-27/83.2"]),
    (
        "open range",
        Range("year", 2009, None),
        ["cerd-c-tur-co-1/10", "cerd-c-tur-co-1/11", "cerd-c-tur-co-1/12"],
    ),
    ("and", And((Term("roma"), Term("housing"))), ["cerd-c-tur-co-1/10"]),
    ("or", Or((Term("roma"), Term("police"))), ["a-hrc-8-27/83.2", "cerd-c-tur-co-1/10"]),
    ("not", And((Keyword("country", "Brazil"), Not(Term("police")))), ["a-hrc-8-27/83.1"]),
    ("no tokens", Term("!!!"), []),
    ("unknown keyword field", Keyword("colour", "red"), []),
]


@pytest.mark.parametrize(("name", "node", "ids"), FINDS, ids=[f[0] for f in FINDS])
def test_search_finds(engine: WhooshEngine, name: str, node: Node, ids: list[str]) -> None:
    assert _ids(engine, node) == ids


def test_filters_or_within_and_across_fields(engine: WhooshEngine) -> None:
    filters = {"recommending_states": ["Angola", "Norway"], "response": ["noted"]}
    assert _ids(engine, MatchAll(), filters=filters) == ["a-hrc-8-27/83.2"]


def test_facets_count_every_hit_including_records_without_values(engine: WhooshEngine) -> None:
    result = engine.search(EngineQuery(query=MatchAll(), limit=0))
    assert result.total == 5
    assert result.hits == []
    facets = dict(result.facets)
    assert dict(facets["articles"]) == {"ICERD 5": 1, "ICERD 5(e)": 1, "ICERD 5(e)(iii)": 1}
    assert dict(facets["recommending_states"]) == {"Norway": 2, "Angola": 1}
    assert dict(facets["country"]) == {"Türkiye": 3, "Brazil": 2}
    assert dict(facets["year"]) == {"2009": 3, "2008": 2}
    assert dict(facets["gnr"]) == {}
    assert facets["kind"][0] == ("recommendation", 3)


def test_facet_limit_keeps_the_biggest(engine: WhooshEngine) -> None:
    result = engine.search(EngineQuery(query=MatchAll(), limit=0, facets=["themes"], facet_limit=1))
    assert result.facets == {"themes": [("Hate speech", 1)]}


def test_snippet_marks_matches_and_escapes_markup(engine: WhooshEngine) -> None:
    hits = engine.search(EngineQuery(query=Term("slogan"), limit=5)).hits
    assert hits[0].snippet == (
        "A leaflet quoted &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; racist "
        "<mark>slogans</mark>."
    )


SORTS = [
    (
        "newest",
        [
            "cerd-c-tur-co-1/10",
            "cerd-c-tur-co-1/11",
            "cerd-c-tur-co-1/12",
            "a-hrc-8-27/83.1",
            "a-hrc-8-27/83.2",
        ],
    ),
    (
        "oldest",
        [
            "a-hrc-8-27/83.1",
            "a-hrc-8-27/83.2",
            "cerd-c-tur-co-1/10",
            "cerd-c-tur-co-1/11",
            "cerd-c-tur-co-1/12",
        ],
    ),
    (
        "document",
        [
            "a-hrc-8-27/83.1",
            "a-hrc-8-27/83.2",
            "cerd-c-tur-co-1/10",
            "cerd-c-tur-co-1/11",
            "cerd-c-tur-co-1/12",
        ],
    ),
]


@pytest.mark.parametrize(("sort", "ids"), SORTS, ids=[s[0] for s in SORTS])
def test_sorts(engine: WhooshEngine, sort: str, ids: list[str]) -> None:
    result = engine.search(EngineQuery(query=MatchAll(), sort=sort, limit=10))
    assert [h.record.id for h in result.hits] == ids


def test_paging(engine: WhooshEngine) -> None:
    q = EngineQuery(query=MatchAll(), sort="document", offset=3, limit=10)
    result = engine.search(q)
    assert result.total == 5
    assert [h.record.id for h in result.hits] == ["cerd-c-tur-co-1/11", "cerd-c-tur-co-1/12"]


def test_records_round_trip_through_stored_fields(engine: WhooshEngine) -> None:
    assert engine.source_records(CO.source) == _co()
    assert engine.get_records(["a-hrc-8-27/83.2", "missing", "cerd-c-tur-co-1/12"]) == [
        _upr()[1],
        _co()[2],
    ]


def test_marker_and_fingerprints(engine: WhooshEngine, tmp_path: Path) -> None:
    info = index_info(tmp_path)
    assert info["engine"] == "whoosh"
    assert info["records"] == 5
    assert "updated" in info
    assert engine.fingerprints() == {CO.source: "fp-co", UPR.source: "fp-upr"}


def test_replace_and_delete_sources(engine: WhooshEngine, tmp_path: Path) -> None:
    engine.replace_sources([(CO.source, "fp-co-2", _co()[:1])])
    assert engine.doc_count() == 3
    assert engine.fingerprints() == {CO.source: "fp-co-2", UPR.source: "fp-upr"}
    assert engine.delete_sources([UPR.source, "never/indexed.pdf"]) == 2
    assert engine.fingerprints() == {CO.source: "fp-co-2"}
    assert json.loads((tmp_path / "engine.json").read_text())["records"] == 1


def test_a_source_twice_in_one_batch_keeps_its_last_records(engine: WhooshEngine) -> None:
    engine.replace_sources([(CO.source, "fp-a", _co()), (CO.source, "fp-b", _co()[:1])])
    assert engine.doc_count() == 3
    assert engine.fingerprints()[CO.source] == "fp-b"


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt], ids=["error", "interrupt"])
def test_failed_batch_leaves_the_index_as_it_was(
    engine: WhooshEngine, tmp_path: Path, error: type[BaseException]
) -> None:
    def batch() -> Iterator[tuple[str, str, list[Record]]]:
        yield (CO.source, "fp-new", [])  # would delete the whole CO document
        raise error("parser crashed")

    with pytest.raises(error):
        engine.replace_sources(batch())
    assert engine.doc_count() == 5
    assert engine.fingerprints()[CO.source] == "fp-co"
    again = WhooshEngine(tmp_path)
    assert _ids(again, Term("roma")) == ["cerd-c-tur-co-1/10"]
    again.replace_sources([(CO.source, "fp-co-3", _co())])  # the lock was released
    assert again.doc_count() == 5


def test_a_batch_written_by_two_processes_is_the_index_one_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = [(CO.source, "fp-co", _co()), (UPR.source, "fp-upr", _upr())]
    one = WhooshEngine(tmp_path / "one", create=True)
    one.replace_sources(batch)
    monkeypatch.setattr(whoosh_engine, "SPLIT_RECORDS", 2)
    two = WhooshEngine(tmp_path / "two", create=True)
    two.replace_sources(batch)
    two.replace_sources([(CO.source, "fp-co-2", _co()[:2])])  # deletes reach both halves
    one.replace_sources([(CO.source, "fp-co-2", _co()[:2])])
    assert len(two._ix.searcher().leaf_searchers()) > len(one._ix.searcher().leaf_searchers())

    def stored(eng: WhooshEngine) -> list[dict[str, object]]:
        reader = eng._ix.reader()
        return [dict(fields) for _docnum, fields in reader.iter_docs()]

    assert len(stored(two)) == 4
    assert stored(two) == stored(one)  # the same records in the same order
    assert two.fingerprints() == one.fingerprints()
    for node in (Term("discrimination"), Term("turkiye"), Phrase(("roma", "women"))):
        hits = two.search(EngineQuery(query=node, limit=10)).hits
        want = one.search(EngineQuery(query=node, limit=10)).hits
        assert [(h.record.id, h.score) for h in hits] == [(h.record.id, h.score) for h in want]
    one.close()
    two.close()


def test_second_writer_gets_index_locked(engine: WhooshEngine, tmp_path: Path) -> None:
    other = WhooshEngine(tmp_path)
    writer = engine._ix.writer()
    try:
        with pytest.raises(IndexLocked, match="another process"):
            other.replace_sources([(UPR.source, "fp-x", [])])
    finally:
        writer.cancel()
    assert other.doc_count() == 5


def test_spell_terms_are_unstemmed_words(engine: WhooshEngine) -> None:
    words = dict(engine.terms("spell"))
    assert words["discrimination"] == 1
    assert words["turkiye"] == 3  # title and text, folded
    assert "discrimin" not in words
    assert list(engine.terms("no_such_field")) == []


def test_analysed_fields_are_given_as_the_schemas_analyzers_read_them() -> None:
    # to_document hands Whoosh the analysed words (each text read once); they must be
    # exactly what the field's own analyzer makes of the text, in order (positions).
    rec = make_record(
        CO,
        index=0,
        number="3",
        text="Roma women's non-discrimination in Türkiye: ½ of the housing cases (2009).",
        section=["C. Concerns", "Housing and Roma"],
    )
    doc = to_document(rec, CO.source, "fp")
    schema = build_schema()
    given = {
        "title": rec.title,
        "text": rec.text,
        "section": "\n".join(rec.section),
        "spell": f"{rec.title}\n{rec.text}",
    }
    for name, value in given.items():
        analysed = [t.text for t in schema[name].analyzer(value, mode="index")]
        assert doc[name] == analysed, name
    assert "discrimin" in doc["text"] and "discrimination" in doc["spell"]
    assert (doc["_stored_text"], doc["_stored_title"]) == (rec.text, rec.title)


def test_opening_a_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    from recsearch.engine import EngineError

    with pytest.raises(EngineError, match="no Whoosh index"):
        WhooshEngine(tmp_path / "nothing")
