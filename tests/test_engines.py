"""One conformance suite, run against every engine: same records in, same answers out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from recsearch import query as q
from recsearch.analysis import ANALYSIS_VERSION
from recsearch.engine import (
    FACET_FIELDS,
    Engine,
    EngineError,
    EngineQuery,
    IndexLocked,
    engine_name,
    indexed_values,
    open_engine,
)
from recsearch.records import Record
from recsearch.search import SearchRequest, SearchResult, search

ENGINES = ["whoosh", "tantivy"]

# Seven invented documents in the shapes the corpus has: a CERD CO (Brazil, France), a UPR
# Working Group report, a UPR matrix, a CERD general recommendation, a special-procedure
# report and an undated action plan with GNR marks. 30 records.
DOCS = {
    "A": dict(
        source="cerd-co/CERD_C_BRA_CO_18-20.pdf",
        symbol="CERD/C/BRA/CO/18-20",
        title="Concluding observations on the combined eighteenth to twentieth periodic reports"
        " of Brazil",
        doc_type="concluding-observations",
        body="CERD",
        country="Brazil",
        year=2022,
    ),
    "B": dict(
        source="cerd-co/CERD_C_FRA_CO_20-21.pdf",
        symbol="CERD/C/FRA/CO/20-21",
        title="Concluding observations on the twentieth and twenty-first periodic reports"
        " of France",
        doc_type="concluding-observations",
        body="CERD",
        country="France",
        year=2015,
    ),
    "C": dict(
        source="upr/A_HRC_21_11.pdf",
        symbol="A/HRC/21/11",
        title="Report of the Working Group on the Universal Periodic Review: Brazil",
        doc_type="upr-report",
        body="UPR",
        country="Brazil",
        year=2012,
    ),
    "D": dict(
        source="upr/UPR20_Egypt_Matrix_of_Recommendations.docx",
        symbol=None,
        title="Matrix of recommendations: Egypt, second cycle",
        doc_type="upr-recommendations",
        body="UPR",
        country="Egypt",
        year=2014,
    ),
    "E": dict(
        source="cerd-gr/CERD_GR31_A_60_18.json",
        symbol="A/60/18",
        title="General recommendation XXXI on the prevention of racial discrimination in the"
        " administration and functioning of the criminal justice system",
        doc_type="general-recommendation",
        body="CERD",
        country=None,
        year=2005,
    ),
    "F": dict(
        source="special-procedures/A_HRC_43_49.json",
        symbol="A/HRC/43/49",
        title="Report of the Special Rapporteur on torture and other cruel, inhuman or"
        " degrading treatment or punishment",
        doc_type="special-procedure-report",
        body=None,
        country=None,
        year=2020,
    ),
    "G": dict(
        source="seeds/002_action_plan.txt",
        symbol=None,
        title="Ten-point action plan against racism",
        doc_type="action-plan",
        body=None,
        country=None,
        year=None,
    ),
}
KEYS = {
    "A": "cerd-c-bra-co-18-20",
    "B": "cerd-c-fra-co-20-21",
    "C": "a-hrc-21-11",
    "D": "upr20-egypt-matrix",
    "E": "cerd-gr31",
    "F": "a-hrc-43-49",
    "G": "seed-002",
}
REC, OBS = "recommendation", "observation"
CR = ["C. Concerns and recommendations"]

# (doc, number, kind, text, extra fields)
ROWS: list[tuple[str, str, str, str, dict[str, object]]] = [
    ("A", "5", OBS, "The Committee is concerned about racial profiling by the police against"
     " Afro-Brazilians, in particular young men.",
     dict(articles=["ICERD 5(b)"], themes=["Justice"], section=[*CR, "Racial profiling"])),
    ("A", "6", REC, "The Committee recommends that the State party adopt measures to end racial"
     " profiling and ensure accountability for police violence (art. 5 (b)).",
     dict(articles=["ICERD 5(b)"], general_recommendations=["CERD GR 31"],
          themes=["Justice", "Racial discrimination"], section=[*CR, "Racial profiling"])),
    ("A", "12", OBS, "The Committee notes with concern the high rates of maternal mortality"
     " among Afro-Brazilian women.",
     dict(articles=["ICERD 5(e)(iv)"], themes=["Health"], section=[*CR, "Health"])),
    ("A", "13", REC, "The Committee urges the State party to guarantee access to health services"
     " for indigenous women & girls, including the <Quilombola> communities.",
     dict(articles=["ICERD 5(e)(iv)", "ICERD 2"], general_recommendations=["CERD GR 25"],
          themes=["Health", "Women"], section=[*CR, "Health"])),
    ("A", "20", REC, "The Committee recommends that the State party demarcate indigenous lands"
     " and protect indigenous peoples from land grabbing.",
     dict(articles=["ICERD 5(d)(v)"], general_recommendations=["CERD GR 23"],
          themes=["Land"], section=[*CR, "Indigenous lands"])),
    ("B", "8", OBS, "The Committee is concerned about discriminatory identity checks targeting"
     " persons of African descent.",
     dict(articles=["ICERD 2", "ICERD 5(a)"], themes=["Justice"], section=CR)),
    ("B", "9", REC, "The Committee recommends that the State party prohibit discriminatory"
     " identity checks and keep records of every stop.",
     dict(articles=["ICERD 2"], themes=["Justice"], section=CR)),
    ("B", "14", REC, "The Committee encourages the State party to combat hate speech on the"
     " Internet, in line with general recommendation No. 35.",
     dict(articles=["ICERD 4"], general_recommendations=["CERD GR 35"],
          themes=["Hate speech"], section=CR)),
    ("B", "15", OBS, "Roma children face segregation in schools and evictions from informal"
     " settlements.",
     dict(articles=["ICERD 3", "ICERD 5(e)(v)"], themes=["Education", "Housing"], section=CR)),
    ("C", "119", OBS, "The recommendations formulated during the interactive dialogue have been"
     " examined by Brazil and enjoy its support:",
     dict(section=["II. Conclusions and/or recommendations"])),
    ("C", "119.1", REC, "Ratify the Optional Protocol to the Convention against Torture"
     " (Slovenia);",
     dict(recommending_states=["Slovenia"], response="supported", themes=["Torture"])),
    ("C", "119.2", REC, "Adopt measures to eliminate discrimination against women and girls in"
     " rural areas (France, Spain);",
     dict(recommending_states=["France", "Spain"], response="supported", themes=["Women"])),
    ("C", "119.3", REC, "Strengthen policies to combat child labour and the sexual exploitation"
     " of children (Egypt);",
     dict(recommending_states=["Egypt"], response="supported", themes=["Children"])),
    ("C", "119.4", REC, "Take further steps to reduce prison overcrowding and incarceration of"
     " persons of African descent (Nigeria);",
     dict(recommending_states=["Nigeria"], response="supported", themes=["Justice"])),
    ("C", "119.5", REC, "Continue efforts to guarantee the rights of indigenous peoples to their"
     " traditional lands (Norway, Peru);",
     dict(recommending_states=["Norway", "Peru"], response="supported", themes=["Land"])),
    ("D", "1", REC, "Consider ratifying the International Convention for the Protection of All"
     " Persons from Enforced Disappearance",
     dict(recommending_states=["France"], response="noted", section=["Civil rights"])),
    ("D", "2", REC, "Criminalize marital rape and combat violence against women",
     dict(recommending_states=["Sweden"], response="supported", themes=["Women"],
          section=["Women's rights"])),
    ("D", "3", REC, "Protect the rights of religious minorities and prevent discrimination on"
     " religious grounds",
     dict(recommending_states=["Brazil", "Canada"], response="supported",
          themes=["Racial discrimination"], section=["Minorities"])),
    ("D", "4", REC, "Abolish the death penalty",
     dict(recommending_states=["Slovenia"], response="noted", section=["Civil rights"])),
    ("D", "5", REC, "Ensure the independence of the judiciary", dict(section=["Civil rights"])),
    ("E", "1", OBS, "Racial discrimination in the administration and functioning of the"
     " criminal justice system is a concern in all countries.",
     dict(articles=["ICERD 5(a)"], general_recommendations=["CERD GR 31"])),
    ("E", "5", REC, "States parties should ensure that persons of African descent are not"
     " subjected to racial profiling at checkpoints.",
     dict(articles=["ICERD 5(a)"], general_recommendations=["CERD GR 31"])),
    ("E", "17", REC, "States parties should take measures against incarceration disparities"
     " affecting women of indigenous origin.",
     dict(articles=["ICERD 2", "ICERD 5(a)"])),
    ("E", "26", OBS, "Criteria of discrimination include descent, national or ethnic origin, as"
     " set out in article 1, paragraph 1, of the Convention.",
     dict(articles=["ICERD 1(1)"], general_recommendations=["CERD GR 31", "CERD GR 32"])),
    ("F", "12", OBS, "The Special Rapporteur received information from Türkiye about"
     " ill-treatment in detention facilities.",
     dict(themes=["Torture"], section=["III. Activities"])),
    ("F", "40", REC, "The Special Rapporteur recommends that States criminalize ill-treatment"
     " and investigate every allegation promptly.",
     dict(themes=["Torture", "Justice"], section=["IV. Conclusions and recommendations"])),
    ("F", "41", REC, "States should provide rehabilitation to victims, including children and"
     " persons with disabilities.",
     dict(themes=["Children"], section=["IV. Conclusions and recommendations"])),
    ("G", "1", REC, "Establish a national action plan against racial discrimination"
     " (GNR 1, 2, 8).", dict(gnr=[1, 2, 8])),
    ("G", "2", REC, "Collect disaggregated data on minorities and persons of African descent"
     " (GNR 10).", dict(gnr=[10])),
    ("G", "3", REC, "Train police officers on human rights standards (GNR 2, 10).",
     dict(gnr=[2, 10])),
]  # fmt: skip


def make_records() -> dict[str, list[Record]]:
    """source -> its records, in document order."""
    out: dict[str, list[Record]] = {}
    for order, (doc, number, kind, text, extra) in enumerate(ROWS):
        meta = DOCS[doc]
        fields = {"section": [], **extra}
        rec = Record(
            id=f"{KEYS[doc]}/{number}",
            number=number,
            page=1,
            text=text,
            kind=kind,
            order=order,
            **meta,  # type: ignore[arg-type]
            **fields,  # type: ignore[arg-type]
        )
        out.setdefault(rec.source, []).append(rec)
    return out


RECORDS = make_records()
ALL = [r for recs in RECORDS.values() for r in recs]


def ids(*short: str) -> set[str]:
    """'A/5' -> 'cerd-c-bra-co-18-20/5'."""
    return {f"{KEYS[s.split('/')[0]]}/{s.split('/', 1)[1]}" for s in short}


def build(index_dir: Path, name: str) -> Engine:
    eng = open_engine(index_dir, engine=name, create=True)
    eng.replace_sources((src, f"fp-{src}", recs) for src, recs in RECORDS.items())
    return eng


@pytest.fixture(scope="module", params=ENGINES)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A read-only index of the 30 records, built once per engine."""
    eng = build(tmp_path_factory.mktemp(request.param), request.param)
    yield eng
    eng.close()


@pytest.fixture(params=ENGINES)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An index of its own, for tests that write."""
    eng = build(tmp_path / "index", request.param)
    yield eng
    eng.close()


def found(eng: Engine, node: q.Node, **kw: object) -> set[str]:
    result = eng.search(EngineQuery(node, limit=100, **kw))  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return {h.record.id for h in result.hits}


NODE_CASES = [
    ("term", q.Term("incarceration"), ids("C/119.4", "E/17")),
    ("term-case-folded", q.Term("INCARCERATION"), ids("C/119.4", "E/17")),
    ("term-accent-folded", q.Term("turkiye"), ids("F/12")),
    ("term-accented-query", q.Term("Türkiye"), ids("F/12")),
    ("stem-verb-finds-noun", q.Term("evicted"), ids("B/15")),
    # Snowball joins criminal / criminalize / criminalization ("crimin").
    ("stem-noun-finds-verb", q.Term("criminalization", "text"), ids("D/2", "E/1", "F/40")),
    ("term-in-section", q.Term("activities"), ids("F/12")),
    ("term-in-title", q.Term("cruel"), ids("F/12", "F/40", "F/41")),
    ("term-field-text-only", q.Term("cruel", field="text"), set()),
    ("hyphenated-word-is-phrase", q.Term("ill-treatment"), ids("F/12", "F/40")),
    ("phrase", q.Phrase(("identity", "checks")), ids("B/8", "B/9")),
    ("phrase-stemmed", q.Phrase(("identity", "check")), ids("B/8", "B/9")),
    ("phrase-order-matters", q.Phrase(("checks", "identity")), set()),
    ("phrase-across-fields", q.Phrase(("racial", "profiling")), ids("A/5", "A/6", "E/5")),
    ("prefix", q.Prefix("indigen"), ids("A/13", "A/20", "C/119.5", "E/17")),
    ("prefix-reaches-title", q.Prefix("tortur"), ids("C/119.1", "F/12", "F/40", "F/41")),
    # A bare prefix matches whole words, not stems: "discriminat" is longer than the stem
    # "discrimin" yet finds "discrimination" and "discriminatory".
    ("prefix-longer-than-stem", q.Prefix("discriminat"),
     ids("B/8", "B/9", "C/119.2", "D/3", "E/1", "E/5", "E/17", "E/26", "G/1")),
    ("prefix-on-a-text-field", q.Prefix("indigen", "section"), ids("A/20")),
    ("prefix-on-a-keyword-field", q.Prefix("Bra", "country"), set()),
    ("and", q.And((q.Term("children"), q.Term("Roma"))), ids("B/15")),
    (
        "or",
        q.Or((q.Term("incarceration"), q.Term("evictions"))),
        ids("C/119.4", "E/17", "B/15"),
    ),
    (
        "and-not",
        q.And((q.Prefix("tortur"), q.Not(q.Term("rehabilitation")))),
        ids("C/119.1", "F/12", "F/40"),
    ),
    ("keyword-country", q.Keyword("country", "Egypt"), ids("D/1", "D/2", "D/3", "D/4", "D/5")),
    (
        "keyword-article-parent",
        q.Keyword("articles", "ICERD 5"),
        ids("A/5", "A/6", "A/12", "A/13", "A/20", "B/8", "B/15", "E/1", "E/5", "E/17"),
    ),
    ("keyword-article-middle", q.Keyword("articles", "ICERD 5(e)"), ids("A/12", "A/13", "B/15")),
    ("keyword-article-leaf", q.Keyword("articles", "ICERD 5(e)(iv)"), ids("A/12", "A/13")),
    ("keyword-article-para", q.Keyword("articles", "ICERD 1"), ids("E/26")),
    ("keyword-gr", q.Keyword("general_recommendations", "CERD GR 31"),
     ids("A/6", "E/1", "E/5", "E/26")),
    ("keyword-gnr", q.Keyword("gnr", "10"), ids("G/2", "G/3")),
    ("keyword-recommending-state", q.Keyword("recommending_states", "France"),
     ids("C/119.2", "D/1")),
    ("keyword-response", q.Keyword("response", "noted"), ids("D/1", "D/4")),
    ("keyword-symbol", q.Keyword("symbol", "A/HRC/21/11"),
     ids("C/119", "C/119.1", "C/119.2", "C/119.3", "C/119.4", "C/119.5")),
    ("keyword-is-exact", q.Keyword("country", "brazil"), set()),
    ("keyword-unknown-field", q.Keyword("colour", "blue"), set()),
    ("keyword-year", q.Keyword("year", "2005"), ids("E/1", "E/5", "E/17", "E/26")),
    ("range-closed", q.Range("year", 2013, 2015),
     ids("B/8", "B/9", "B/14", "B/15", "D/1", "D/2", "D/3", "D/4", "D/5")),
    ("range-open-low", q.Range("year", None, 2005), ids("E/1", "E/5", "E/17", "E/26")),
    ("range-open-high", q.Range("year", 2020, None),
     ids("A/5", "A/6", "A/12", "A/13", "A/20", "F/12", "F/40", "F/41")),
    ("match-none", q.MatchNone(), set()),
    ("not-text-word", q.And((q.Term("persons"), q.Not(q.Term("descent")))), ids("D/1", "F/41")),
]  # fmt: skip


@pytest.mark.parametrize(
    "node, expected", [c[1:] for c in NODE_CASES], ids=[c[0] for c in NODE_CASES]
)
def test_node(engine: Engine, node: q.Node, expected: set[str]) -> None:
    assert found(engine, node) == expected


def test_match_all_and_bare_not(engine: Engine) -> None:
    assert found(engine, q.MatchAll()) == {r.id for r in ALL}
    brazil = {r.id for r in ALL if r.country == "Brazil"}
    assert len(brazil) == 11
    assert found(engine, q.Not(q.Keyword("country", "Brazil"))) == {r.id for r in ALL} - brazil


FILTER_CASES = [
    ("one-value", {"country": ["France"]}, ids("B/8", "B/9", "B/14", "B/15")),
    ("or-within-field", {"country": ["France", "Egypt"]},
     ids("B/8", "B/9", "B/14", "B/15", "D/1", "D/2", "D/3", "D/4", "D/5")),
    ("and-across-fields", {"country": ["France", "Egypt"], "response": ["noted"]},
     ids("D/1", "D/4")),
    ("hierarchical-article", {"articles": ["ICERD 5(a)"], "kind": [REC]}, ids("E/5", "E/17")),
    ("year-filter", {"year": ["2012"], "recommending_states": ["Peru"]}, ids("C/119.5")),
    ("empty-value-list-ignored", {"country": []}, {r.id for r in ALL}),
]  # fmt: skip


@pytest.mark.parametrize(
    "filters, expected", [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES]
)
def test_filters(engine: Engine, filters: dict[str, list[str]], expected: set[str]) -> None:
    assert found(engine, q.MatchAll(), filters=filters) == expected


def test_filters_narrow_a_text_query(engine: Engine) -> None:
    node = q.Term("descent")
    assert found(engine, node) == ids("B/8", "C/119.4", "E/5", "E/26", "G/2")
    assert found(engine, node, filters={"body": ["CERD"], "kind": [REC]}) == ids("E/5")


def facets_of(eng: Engine, node: q.Node, **kw: object) -> dict[str, dict[str, int]]:
    result = eng.search(EngineQuery(node, limit=0, **kw))  # type: ignore[arg-type]
    return {name: dict(values) for name, values in result.facets.items()}


def test_facet_counts_over_all_hits(engine: Engine) -> None:
    facets = facets_of(engine, q.MatchAll())
    assert facets["country"] == {"Brazil": 11, "Egypt": 5, "France": 4}
    assert facets["year"] == {"2022": 5, "2015": 4, "2012": 6, "2014": 5, "2005": 4, "2020": 3}
    assert facets["kind"] == {REC: 22, OBS: 8}
    assert facets["gnr"] == {"1": 1, "2": 2, "8": 1, "10": 2}
    assert facets["response"] == {"supported": 7, "noted": 2}
    assert facets["recommending_states"]["Slovenia"] == 2
    assert facets["doc_type"]["upr-report"] == 6


def test_facet_counts_are_hierarchical(engine: Engine) -> None:
    articles = facets_of(engine, q.MatchAll())["articles"]
    # Every ancestor counts each record once, however many of its children it has.
    assert articles["ICERD 5"] == 10
    assert articles["ICERD 5(e)"] == 3
    assert articles["ICERD 5(e)(iv)"] == 2
    assert articles["ICERD 5(a)"] == 4
    assert articles["ICERD 1"] == 1
    assert articles["ICERD 1(1)"] == 1
    assert articles["ICERD 2"] == 4


def test_facet_counts_follow_the_query(engine: Engine) -> None:
    facets = facets_of(engine, q.Term("descent"))
    assert facets["country"] == {"France": 1, "Brazil": 1}
    assert facets["body"] == {"CERD": 3, "UPR": 1}
    assert facets["themes"] == {"Justice": 2}


def test_facet_order_and_limit(engine: Engine) -> None:
    result = engine.search(EngineQuery(q.MatchAll(), limit=0, facet_limit=2))
    assert result.facets["country"] == [("Brazil", 11), ("Egypt", 5)]
    # Ties break by value, so the order is stable across engines.
    assert result.facets["year"] == [("2012", 6), ("2014", 5)]


def test_facets_only_the_ones_asked(engine: Engine) -> None:
    result = engine.search(EngineQuery(q.MatchAll(), limit=0, facets=("kind",)))
    assert set(result.facets) == {"kind"}


def test_filtered_facet_counts(engine: Engine) -> None:
    """The engine counts facets under every filter it is given."""
    facets = facets_of(engine, q.MatchAll(), filters={"country": ["Brazil"]})
    assert facets["kind"] == {REC: 8, OBS: 3}
    assert facets["body"] == {"CERD": 5, "UPR": 6}


def test_snippet_is_escaped_and_marked(engine: Engine) -> None:
    result = engine.search(EngineQuery(q.Term("girls"), filters={"country": ["Brazil"]}))
    by_id = {h.record.id: h.snippet for h in result.hits}
    snippet = by_id[next(iter(ids("A/13")))]
    assert "<mark>girls</mark>" in snippet
    assert "&amp;" in snippet and "&lt;Quilombola&gt;" in snippet
    assert "<Quilombola>" not in snippet


@pytest.mark.parametrize(
    "node, marked",
    [
        (q.Term("evicted"), "<mark>evictions</mark>"),
        (q.Prefix("segreg"), "<mark>segregation</mark>"),
        (q.Phrase(("Roma", "children")), "<mark>Roma</mark> <mark>children</mark>"),
    ],
    ids=["stemmed", "prefix", "phrase"],
)
def test_snippet_marks_what_matched(engine: Engine, node: q.Node, marked: str) -> None:
    hits = engine.search(EngineQuery(node)).hits
    assert [h.record.id for h in hits] == sorted(ids("B/15"))
    assert marked in hits[0].snippet


def test_snippets_can_be_skipped(engine: Engine) -> None:
    hits = engine.search(EngineQuery(q.Term("girls"), snippets=False)).hits
    assert hits and all(h.snippet == "" for h in hits)


def ranked(eng: Engine, node: q.Node, sort: str, **kw: object) -> list[Record]:
    result = eng.search(EngineQuery(node, sort=sort, limit=100, **kw))  # type: ignore[arg-type]
    return [h.record for h in result.hits]


def test_sort_newest_and_oldest(engine: Engine) -> None:
    newest = ranked(engine, q.MatchAll(), "newest")
    years = [r.year or 0 for r in newest]
    assert years == sorted(years, reverse=True)
    assert newest[-1].year is None  # undated records sort as oldest
    oldest = ranked(engine, q.MatchAll(), "oldest")
    assert [r.id for r in oldest[:3]] == [f"{KEYS['G']}/{n}" for n in ("1", "2", "3")]
    assert [r.year for r in oldest[3:7]] == [2005] * 4


def test_sort_document_order(engine: Engine) -> None:
    got = ranked(engine, q.MatchAll(), "document")
    assert [r.id for r in got] == [r.id for r in sorted(ALL, key=lambda r: (r.doc_key, r.order))]


def test_sort_relevance_puts_denser_match_first(engine: Engine) -> None:
    # "indigenous" twice in A/20's text (and in its heading), once elsewhere.
    got = ranked(engine, q.Term("indigenous"), "relevance")
    assert got[0].id == next(iter(ids("A/20")))
    assert all(h.score > 0 for h in engine.search(EngineQuery(q.Term("indigenous"))).hits)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest", "document"])
def test_paging(engine: Engine, sort: str) -> None:
    node = q.Or((q.Keyword("country", "Brazil"), q.Keyword("body", "CERD")))
    full = [r.id for r in ranked(engine, node, "document" if sort == "relevance" else sort)]
    assert len(full) == 19
    pages: list[str] = []
    for offset in range(0, 24, 6):
        res = engine.search(EngineQuery(node, sort=sort, offset=offset, limit=6))
        assert res.total == 19
        pages += [h.record.id for h in res.hits]
    if sort == "relevance":
        assert sorted(pages) == sorted(full)  # every hit exactly once
    else:
        assert pages == full


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest", "document"])
def test_page_past_the_end(engine: Engine, sort: str) -> None:
    res = engine.search(EngineQuery(q.MatchAll(), sort=sort, offset=100, limit=10))
    assert res.total == 30 and res.hits == []
    res = engine.search(EngineQuery(q.Term("indigenous"), sort=sort, offset=28, limit=10))
    assert res.hits == [] and res.total == len(ranked(engine, q.Term("indigenous"), sort))


def test_get_records_and_source_records(engine: Engine) -> None:
    wanted = [*sorted(ids("E/5")), "no/such-id", *sorted(ids("A/13"))]
    got = engine.get_records(wanted)
    assert [r.id for r in got] == [wanted[0], wanted[2]]
    assert got[1] == next(r for r in ALL if r.id == wanted[2])  # every field round-trips
    src = DOCS["D"]["source"]
    assert [r.number for r in engine.source_records(str(src))] == ["1", "2", "3", "4", "5"]
    assert engine.source_records("nowhere.pdf") == []


def test_records_without_optional_values_round_trip(engine: Engine) -> None:
    rec = engine.get_records(sorted(ids("D/5")))[0]
    assert rec.symbol is None and rec.recommending_states == [] and rec.response is None
    undated = engine.get_records(sorted(ids("G/1")))[0]
    assert undated.year is None and undated.gnr == [1, 2, 8]


def test_counts_fingerprints_terms(engine: Engine) -> None:
    assert engine.doc_count() == 30
    assert engine.fingerprints() == {src: f"fp-{src}" for src in RECORDS}
    terms = dict(engine.terms("text"))
    assert terms["indigen"] == 4  # stemmed, by document frequency
    spelling = dict(engine.terms("spell"))  # unstemmed words of title and text
    assert spelling["indigenous"] == 4 and spelling["cruel"] == 3 and "indigen" not in spelling
    assert dict(engine.terms("country")) == {"Brazil": 11, "Egypt": 5, "France": 4}
    assert list(engine.terms("no_such_field")) == []


def test_replace_and_delete(fresh: Engine) -> None:
    src_a, src_b = str(DOCS["A"]["source"]), str(DOCS["B"]["source"])
    new = [replace(RECORDS[src_a][0], text="A rewritten paragraph on statelessness.")]
    fresh.replace_sources([(src_a, "fp-new", new)])
    assert fresh.doc_count() == 26
    assert fresh.fingerprints()[src_a] == "fp-new"
    assert found(fresh, q.Term("statelessness")) == ids("A/5")
    assert found(fresh, q.Term("Quilombola")) == set()
    assert fresh.get_records(sorted(ids("A/13"))) == []
    assert fresh.delete_sources([src_b, "never-indexed.pdf"]) == 4
    assert fresh.doc_count() == 22
    assert src_b not in fresh.fingerprints()
    assert facets_of(fresh, q.MatchAll())["country"] == {"Brazil": 7, "Egypt": 5}


def test_failed_batch_changes_nothing(fresh: Engine) -> None:
    src_a = str(DOCS["A"]["source"])
    new = [replace(ALL[0], id="new-file/1", source="new/file.pdf", text="Half-written batch")]

    def batch() -> Iterator[tuple[str, str, list[Record]]]:
        yield ("new/file.pdf", "fp-x", new)
        yield (src_a, "fp-y", new)
        raise RuntimeError("parser crashed mid-batch")

    with pytest.raises(RuntimeError):
        fresh.replace_sources(batch())
    assert fresh.doc_count() == 30
    assert fresh.fingerprints() == {src: f"fp-{src}" for src in RECORDS}
    assert found(fresh, q.Term("Half")) == set()
    # The lock is released: the next batch goes through.
    fresh.replace_sources([("new/file.pdf", "fp-z", new)])
    assert fresh.doc_count() == 31


def test_second_writer_is_locked(fresh: Engine, tmp_path: Path) -> None:
    other = open_engine(tmp_path / "index")
    src_g = str(DOCS["G"]["source"])
    seen: list[str] = []

    def batch() -> Iterator[tuple[str, str, list[Record]]]:
        with pytest.raises(IndexLocked, match="another process"):
            other.delete_sources([src_g])
        seen.append("locked")
        yield (src_g, "fp-2", RECORDS[src_g][:1])

    fresh.replace_sources(batch())
    assert seen == ["locked"]
    assert other.delete_sources([src_g]) == 1  # free again once the first commit is done
    other.close()


def test_reopen_from_disk(fresh: Engine, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    before = fresh.search(EngineQuery(q.Term("indigenous"), sort="document"))
    fresh.close()
    assert engine_name(index_dir) == fresh.name
    again = open_engine(index_dir)
    assert again.name == fresh.name and type(again) is type(fresh)
    after = again.search(EngineQuery(q.Term("indigenous"), sort="document"))
    assert [h.record.id for h in after.hits] == [h.record.id for h in before.hits]
    assert again.doc_count() == 30
    other = "whoosh" if fresh.name == "tantivy" else "tantivy"
    with pytest.raises(EngineError, match=f"built with {fresh.name}"):
        open_engine(index_dir, engine=other)
    again.close()


@pytest.mark.parametrize("marked", [1, None], ids=["older-rule", "before-the-rule-was-named"])
def test_index_analysed_under_another_rule_is_refused(
    fresh: Engine, tmp_path: Path, marked: int | None
) -> None:
    """Its terms are not the queries' ("organization" was "organ"): searching it would
    quietly miss, so it is not opened, and the error says how to rebuild it."""
    index_dir = tmp_path / "index"
    fresh.close()
    marker = index_dir / "engine.json"
    info = json.loads(marker.read_text())
    assert info["analysis"] == ANALYSIS_VERSION
    if marked is None:
        del info["analysis"]
    else:
        info["analysis"] = marked
    marker.write_text(json.dumps(info))
    for engine in (None, fresh.name):
        with pytest.raises(
            EngineError, match=r"analysed words differently.*'recsearch ingest --rebuild'"
        ):
            open_engine(index_dir, engine=engine, create=True)


def test_no_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="no index"):
        open_engine(tmp_path / "empty")


def searched(eng: Engine, text: str, **kw: object) -> SearchResult:
    return search(eng, SearchRequest(q=text, per_page=50, **kw))  # type: ignore[arg-type]


SEARCH_CASES = [
    ("irregular-plural-singular-finds-plural", "woman",
     ids("A/12", "A/13", "C/119.2", "D/2", "E/17")),
    ("irregular-plural-plural-finds-singular", "children", ids("B/15", "C/119.3", "F/41")),
    ("stemming-verb-finds-noun", "discriminate",
     ids("C/119.2", "D/3", "E/1", "E/5", "E/17", "E/26", "G/1")),
    ("boolean-not", "women AND NOT rural", ids("A/12", "A/13", "D/2", "E/17")),
    ("quoted-phrase", '"identity checks"', ids("B/8", "B/9")),
    ("field-query", "country:Egypt abolish", ids("D/4")),
]  # fmt: skip


@pytest.mark.parametrize(
    "text, expected", [c[1:] for c in SEARCH_CASES], ids=[c[0] for c in SEARCH_CASES]
)
def test_search_through_the_query_language(engine: Engine, text: str, expected: set[str]) -> None:
    result = searched(engine, text)
    assert {h.record.id for h in result.hits} == expected
    assert result.total == len(expected)


def test_search_multi_select_facets(engine: Engine) -> None:
    result = searched(engine, "", filters={"country": ["Brazil"], "kind": [REC]})
    assert result.total == 8
    country = {f.value: (f.count, f.selected) for f in result.facets["country"]}
    # The country facet ignores its own selection, so other countries stay choosable...
    assert country == {"Brazil": (8, True), "Egypt": (5, False), "France": (2, False)}
    kind = {f.value: (f.count, f.selected) for f in result.facets["kind"]}
    # ...while every other facet is counted under both selections.
    assert kind == {REC: (8, True), OBS: (3, False)}
    assert {f.value: f.count for f in result.facets["body"]} == {"CERD": 3, "UPR": 5}


LONG_TEXTS = [
    "The Committee is concerned that, despite the adoption of the national plan, persons of"
    " African descent continue to face structural discrimination in access to employment,"
    " housing and health care. It is also concerned about reports of racial profiling and"
    " excessive use of force by law enforcement officials, including killings of young"
    " Afro-descendant men during police operations in favelas. The Committee notes the"
    " information that the Ministry for Racial Equality was re-established in 2023, but"
    " regrets the lack of data disaggregated by ethnicity on the results of its programmes."
    " The Committee recommends that the State party ensure accountability for every killing.",
    "Le Comité note que l’égalité des chances n’est pas garantie; naïve façade — Straße ½ "
    "encyclopædia ﬁnancial œuvre Türkiye Curaçao São Tomé and Príncipe discrimination "
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx discriminatory discriminated.",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine]]:
    """Both engines over the 30 records plus two long ones (snippet windows, odd letters)."""
    extra = [
        replace(ALL[0], id=f"long/{i}", source="long.txt", order=i, text=text)
        for i, text in enumerate(LONG_TEXTS)
    ]
    engines = {}
    for name in ENGINES:
        eng = build(tmp_path_factory.mktemp(f"both-{name}"), name)
        eng.replace_sources([("long.txt", "fp", extra)])
        engines[name] = eng
    yield engines
    for eng in engines.values():
        eng.close()


SNIPPET_QUERIES = [
    q.Term("discrimination"),
    q.Term("killing"),
    q.Or((q.Term("racial"), q.Term("police"))),
    q.Prefix("discrim"),
    q.Phrase(("racial", "profiling")),
    q.And((q.Term("committee"), q.Not(q.Term("police")))),
    q.Term("Türkiye"),
    q.Term("straße"),
    q.Keyword("country", "Brazil"),
]


@pytest.mark.parametrize("node", SNIPPET_QUERIES, ids=[repr(n)[:40] for n in SNIPPET_QUERIES])
def test_snippets_identical_across_engines(both: dict[str, Engine], node: q.Node) -> None:
    got = {}
    for name, eng in both.items():
        res = eng.search(EngineQuery(node, sort="document", limit=50))
        got[name] = {h.record.id: h.snippet for h in res.hits}
    assert got["whoosh"] and got["whoosh"] == got["tantivy"]


@pytest.mark.parametrize(
    "node",
    [q.MatchAll(), q.Term("descent"), q.Keyword("articles", "ICERD 5"), q.Prefix("discrim")],
    ids=["all", "term", "article", "prefix"],
)
@pytest.mark.parametrize(
    "facets",
    [FACET_FIELDS, ("country",), ("articles", "themes")],
    ids=["all-facets", "one-facet", "two-facets"],
)
def test_tantivy_facet_counting_paths_agree(
    tmp_path: Path,
    node: q.Node,
    facets: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """tantivy counts broad queries from the facet field's postings (all of them, or one
    facet's values) and narrow ones by aggregating the facet ids: the same counts, and
    the counts of the records themselves."""
    from recsearch import tantivy_facets

    eng = build(tmp_path / "index", "tantivy")
    eng.delete_sources([str(DOCS["B"]["source"])])  # deleted records must not count
    counted = []
    for share in (0.0, 1.0):
        monkeypatch.setattr(tantivy_facets, "BROAD_SHARE", share)
        counted.append(facets_of(eng, node, facets=facets))
    assert counted[0] == counted[1]
    assert set(counted[0]) == set(facets)
    hits = eng.search(EngineQuery(node, limit=100, snippets=False)).hits
    for name in facets:
        expected: dict[str, int] = {}
        for hit in hits:
            value = getattr(hit.record, name)
            values = value if isinstance(value, list) else [] if value is None else [value]
            indexed = {v for item in values for v in indexed_values(name, str(item))}
            for v in indexed:
                expected[v] = expected.get(v, 0) + 1
        assert counted[0][name] == expected, name
    assert "France" not in counted[0].get("country", {})
    eng.close()


def test_reader_sees_another_writers_commits(fresh: Engine, tmp_path: Path) -> None:
    """An engine keeps its searcher between queries, yet sees every commit at once, even
    two made within the same clock tick by another engine object."""
    reader = open_engine(tmp_path / "index")
    word = q.Term("statelessness")
    assert found(reader, word) == set()
    src_a = str(DOCS["A"]["source"])
    new = [replace(RECORDS[src_a][0], text="A rewritten paragraph on statelessness.")]
    fresh.replace_sources([(src_a, "fp-new", new)])
    assert found(reader, word) == ids("A/5")
    fresh.delete_sources([src_a])
    assert found(reader, word) == set()
    assert reader.doc_count() == 25
    reader.close()
