"""search(): one request -> hits, total, multi-select facets, snippets, suggestions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recsearch.engine import open_engine
from recsearch.query import And, Not, Or, Phrase, Term, expand, parse_query
from recsearch.records import Document, Record, make_record
from recsearch.search import SearchRequest, SearchResult, proximity, search
from recsearch.whoosh_engine import WhooshEngine

BRA = Document(
    key="cerd-c-bra-co-18-20",
    source="cerd-co/CERD_C_BRA_CO_18-20.pdf",
    symbol="CERD/C/BRA/CO/18-20",
    title="Concluding observations on the combined eighteenth to twentieth reports of Brazil",
    doc_type="concluding-observations",
    body="CERD",
    country="Brazil",
    year=2022,
)
FIN = Document(
    key="a-hrc-21-8",
    source="upr/A_HRC_21_8.pdf",
    symbol="A/HRC/21/8",
    title="Report of the Working Group on the Universal Periodic Review: Finland",
    doc_type="upr-report",
    body="UPR",
    country="Finland",
    year=2012,
)
GR13 = Document(
    key="a-48-18",
    source="cerd-gr/CERD_GR13_A_48_18.json",
    symbol="A/48/18",
    title="General recommendation XIII on the training of law enforcement officials",
    doc_type="general-recommendation",
    body="CERD",
    year=1993,
)

DOCS: list[tuple[Document, list[dict[str, object]]]] = [
    (
        BRA,
        [
            dict(
                number="16",
                text="The Committee is concerned about quilombola women and their access to land.",
                themes=["Land"],
            ),
            dict(
                number="17",
                text="The Committee recommends that the State party protect "
                "quilombola communities against eviction (art. 5).",
                kind="recommendation",
                articles=["ICERD 5"],
                themes=["Land"],
            ),
            dict(
                number="39",
                text="The Committee is concerned by racial profiling by the "
                "police, recalling general recommendation No. 13.",
                general_recommendations=["CERD GR 13"],
            ),
            dict(
                number="40",
                text="The Committee recommends that the State party end racial "
                "profiling <script>alert(1)</script>.",
                kind="recommendation",
                articles=["ICERD 2"],
            ),
        ],
    ),
    (
        FIN,
        [
            dict(number="66", text="China commended Finland on action against hate speech."),
            dict(number="78", text="Hate speech on the Internet remains a concern."),
            dict(
                number="89.39",
                text="Combat hate speech on the internet (Estonia);",
                kind="recommendation",
                recommending_states=["Estonia"],
                response="supported",
            ),
        ],
    ),
    (
        GR13,
        [
            dict(
                number="1",
                text="Law enforcement officials should receive intensive "
                "training on discrimination.",
            ),
        ],
    ),
]


def _records() -> list[tuple[str, str, list[Record]]]:
    batch = []
    for doc, rows in DOCS:
        recs = [make_record(doc, index=i, **row) for i, row in enumerate(rows)]  # type: ignore[arg-type]
        batch.append((doc.source, "fp", recs))
    return batch


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WhooshEngine]:
    eng = open_engine(tmp_path_factory.mktemp("searchindex"), engine="whoosh", create=True)
    eng.replace_sources(_records())
    assert isinstance(eng, WhooshEngine)
    yield eng
    eng.close()


def run(engine: WhooshEngine, q: str = "", **kw: object) -> SearchResult:
    return search(engine, SearchRequest(q=q, **kw))  # type: ignore[arg-type]


def numbers(result: SearchResult) -> list[str | None]:
    return [h.record.number for h in result.hits]


# (query, filters, numbers expected, in rank order when `ordered`)
CASES: list[tuple[str, str, dict[str, list[str]], list[str], bool]] = [
    ("irregular plural", "Quilombola woman", {}, ["16"], False),
    ("stemming", "recommending quilombola", {}, ["17"], False),
    ("NOT", "hate speech NOT internet", {"country": ["Finland"]}, ["66"], False),
    ("filter value case", "hate", {"country": ["finland"]}, ["66", "78", "89.39"], False),
    ("article filter, parent", "", {"articles": ["ICERD 5"]}, ["17"], False),
    ("article filter, any treaty", "", {"article": ["2"]}, ["40"], False),
    ("gr number: citing and itself", "general recommendation 13", {}, ["39", "1"], False),
    ("symbol restricts", "cerd/c/bra/co/18-20 racial profiling", {}, ["39", "40"], False),
    ("symbol alone: document order", "CERD/C/BRA/CO/18-20", {}, ["16", "17", "39", "40"], True),
    ("citation", "A/HRC/21/8, para. 89.39", {}, ["89.39"], True),
    ("year range filter", "", {"year": ["2010..2015"]}, ["66", "78", "89.39"], False),
    ("state filter", "", {"state": ["Estonia"]}, ["89.39"], False),
]


@pytest.mark.parametrize(
    ("name", "q", "filters", "expected", "ordered"), CASES, ids=[c[0] for c in CASES]
)
def test_search_cases(
    engine: WhooshEngine,
    name: str,
    q: str,
    filters: dict[str, list[str]],
    expected: list[str],
    ordered: bool,
) -> None:
    result = run(engine, q, filters=filters)
    # Records with every word come first; partial matches may follow them.
    got = numbers(result)[: len(expected)]
    assert (got if ordered else sorted(got, key=str)) == (
        expected if ordered else sorted(expected, key=str)
    )
    assert result.total >= len(expected)


def test_records_with_every_word_come_before_partial_matches(engine: WhooshEngine) -> None:
    result = run(engine, "quilombola women eviction")
    assert result.total == 2
    assert numbers(result) == ["17", "16"] or numbers(result) == ["16", "17"]
    assert result.message is not None and "0 records contain every word" in result.message
    assert "2 more with only some of the words" in result.message
    strict = run(engine, "hate speech", filters={"country": ["Finland"]})
    assert strict.total == 3
    assert strict.message is None


def test_relaxing_keeps_not_and_fields(engine: WhooshEngine) -> None:
    result = run(engine, "speech action NOT internet")
    assert result.total == 1
    assert numbers(result) == ["66"]


def test_not_holds_when_the_other_words_form_a_phrase(engine: WhooshEngine) -> None:
    result = run(engine, "hate speech NOT internet")
    assert numbers(result) == ["66"]


def test_multi_select_facets_ignore_their_own_selection(engine: WhooshEngine) -> None:
    result = run(engine, "", filters={"country": ["Brazil"], "kind": ["recommendation"]})
    assert result.total == 2
    country = {f.value: (f.count, f.selected) for f in result.facets["country"]}
    # Counted with kind=recommendation but not country=Brazil: Finland stays selectable.
    assert country == {"Brazil": (2, True), "Finland": (1, False)}
    kind = {f.value: (f.count, f.selected) for f in result.facets["kind"]}
    assert kind == {"observation": (2, False), "recommendation": (2, True)}
    articles = {f.value: f.count for f in result.facets["articles"]}
    assert articles == {"ICERD 2": 1, "ICERD 5": 1}


def test_selected_value_without_hits_is_still_listed(engine: WhooshEngine) -> None:
    result = run(engine, "hate", filters={"country": ["Atlantis"]})
    assert result.total == 0
    assert [(f.value, f.count, f.selected) for f in result.facets["country"]] == [
        ("Finland", 3, False),
        ("Atlantis", 0, True),
    ]


def test_unknown_filter_field_is_a_message(engine: WhooshEngine) -> None:
    result = run(engine, "hate", filters={"colour": ["red"]})
    assert result.total == 3
    assert result.message is not None and "unknown filter field 'colour'" in result.message


def test_misspelling_suggests_and_shows_the_corrected_results(engine: WhooshEngine) -> None:
    result = run(engine, "quilombla")
    assert result.suggestion == "quilombola"
    assert result.total == 2
    assert result.message is not None and "showing results for quilombola" in result.message


def test_no_suggestion_for_a_good_query(engine: WhooshEngine) -> None:
    assert run(engine, "quilombola").suggestion is None


def test_unindexed_symbol_searches_what_cites_it(engine: WhooshEngine) -> None:
    result = run(engine, "CERD/C/XYZ/CO/1")
    assert result.total == 0
    assert result.message is not None and "no document CERD/C/XYZ/CO/1" in result.message


def test_snippets_mark_and_escape(engine: WhooshEngine) -> None:
    result = run(engine, "profiling", filters={"kind": ["recommendation"]})
    assert result.hits[0].snippet == (
        "The Committee recommends that the State party end racial "
        "<mark>profiling</mark> &lt;script&gt;alert(1)&lt;/script&gt;."
    )


def test_paging_keeps_the_total(engine: WhooshEngine) -> None:
    first = run(engine, "", sort="document", per_page=3, page=1)
    second = run(engine, "", sort="document", per_page=3, page=3)
    assert first.total == second.total == 8
    assert len(first.hits) == 3
    assert len(second.hits) == 2
    beyond = run(engine, "", per_page=3, page=99)
    assert (
        beyond.hits == [] and beyond.message is not None and "past the last page" in beyond.message
    )


def test_bad_paging_and_sort_values_are_repaired(engine: WhooshEngine) -> None:
    result = run(engine, "hate", page=-4, per_page=10**9, sort="random")
    assert result.request.page == 1
    assert result.request.per_page == 200
    assert result.message is not None and "unknown sort" in result.message


def test_to_json_has_the_records_md_shape(engine: WhooshEngine) -> None:
    data = run(engine, "hate", filters={"country": ["Finland"]}).to_json()
    assert data["query"] == "hate"
    assert data["total"] == 3
    assert {"id", "symbol", "text", "score", "snippet"} <= set(data["hits"][0])
    assert data["facets"]["country"] == [{"value": "Finland", "count": 3}]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.text(max_size=80) | st.sampled_from(['"', "(", "*", "AND", "NOT", "a/b/1", "year:x"]),
    field=st.sampled_from(["country", "year", "articles", "nonsense", "gnr", "symbol"]),
    value=st.text(max_size=20),
    page=st.integers(-5, 50),
)
def test_random_input_never_raises(
    engine: WhooshEngine, q: str, field: str, value: str, page: int
) -> None:
    result = run(engine, q, filters={field: [value]}, page=page, per_page=5)
    assert result.total >= len(result.hits)
    result.to_json()


PROXIMITY = [
    ("racial profiling", Phrase(("racial", "profiling"))),
    ("profiling", None),
    ("women", None),
    ("country:Brazil profiling", None),
    (
        "hate speech NOT internet",
        And((Phrase(("hate", "speech")), Not(Term("internet")))),
    ),
    (
        "Quilombola woman",
        Or((Phrase(("Quilombola", "woman")), Phrase(("Quilombola", "women")))),
    ),
]


@pytest.mark.parametrize(("q", "node"), PROXIMITY, ids=[p[0] for p in PROXIMITY])
def test_proximity_clause_holds_every_condition_but_the_words(q: str, node: object) -> None:
    assert proximity(expand(parse_query(q).node)) == node


def test_unknown_word_is_corrected_before_the_words_are_relaxed(engine: WhooshEngine) -> None:
    # No record has all three corrected words, but "quilombla" alone matches nothing ever.
    result = run(engine, "quilombla women eviction")
    assert result.understood == "quilombola women eviction"
    assert sorted(numbers(result), key=str) == ["16", "17"]


def test_total_of_a_relaxed_query_does_not_depend_on_the_page_size(engine: WhooshEngine) -> None:
    small = run(engine, "quilombola eviction", per_page=1)
    large = run(engine, "quilombola eviction", per_page=50)
    assert small.total == large.total == 2
    assert numbers(small) == numbers(large)[:1] == ["17"]


def test_facet_limit_zero_skips_facets_but_not_hits(engine: WhooshEngine) -> None:
    full = run(engine, "", filters={"country": ["Brazil"], "kind": ["recommendation"]})
    bare = run(
        engine, "", filters={"country": ["Brazil"], "kind": ["recommendation"]}, facet_limit=0
    )
    assert bare.facets == {}
    assert bare.total == full.total == 2
    assert [h.record.id for h in bare.hits] == [h.record.id for h in full.hits]


@pytest.mark.parametrize("q", ["quilombola AND women AND eviction", "+quilombola +women eviction"])
def test_explicit_and_is_never_widened(engine: WhooshEngine, q: str) -> None:
    result = run(engine, q)
    assert result.total == 0 and result.hits == []
    assert result.message is None or "some of the words" not in result.message
