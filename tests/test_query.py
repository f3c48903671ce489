"""The query language: what a user types -> the node tree, and what it is understood as."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsearch.query import (
    And,
    Keyword,
    MatchAll,
    Not,
    Or,
    Phrase,
    Prefix,
    Range,
    Term,
    expand,
    normalize_article,
    parse_query,
    positive_terms,
)

# (typed, understood, node)
PARSES = [
    ("Quilombola woman", "Quilombola woman", And((Term("Quilombola"), Term("woman")))),
    (
        "hate speech NOT internet",
        "hate speech NOT internet",
        And((Term("hate"), Term("speech"), Not(Term("internet")))),
    ),
    ("hate -internet", "hate NOT internet", And((Term("hate"), Not(Term("internet"))))),
    ('"stop and search"', '"stop and search"', Phrase(("stop", "and", "search"))),
    ("roma OR sinti", "roma OR sinti", Or((Term("roma"), Term("sinti")))),
    (
        "(roma OR sinti) housing",
        "(roma OR sinti) housing",
        And((Or((Term("roma"), Term("sinti"))), Term("housing"))),
    ),
    ("discrim*", "discrim*", Prefix("discrim")),
    ("country:Brazil", "country:Brazil", Keyword("country", "Brazil")),
    (
        'country:"United States of America"',
        'country:"United States of America"',
        Keyword("country", "United States of America"),
    ),
    ('article:"ICERD 5 (e) (v)"', 'article:"ICERD 5(e)(v)"', Keyword("articles", "ICERD 5(e)(v)")),
    ("article:5", "article:5", Keyword("articles", "5")),
    ('gr:"cerd gr 31"', 'gr:"CERD GR 31"', Keyword("general_recommendations", "CERD GR 31")),
    ("general recommendation 13", 'gr:"GR 13"', Keyword("general_recommendations", "GR 13")),
    ("gr:13", "gr:13", Keyword("general_recommendations", "13")),
    ("General Comment No. 20", 'gr:"GC 20"', Keyword("general_recommendations", "GC 20")),
    ("CERD GR 35", 'gr:"CERD GR 35"', Keyword("general_recommendations", "CERD GR 35")),
    ("gnr:9", "gnr:9", Keyword("gnr", "9")),
    ("theme:Justice", "theme:Justice", Keyword("themes", "Justice")),
    ("type:upr-report", "type:upr-report", Keyword("doc_type", "upr-report")),
    ("kind:recommendations", "kind:recommendation", Keyword("kind", "recommendation")),
    ("state:France", "state:France", Keyword("recommending_states", "France")),
    ("response:Noted", "response:noted", Keyword("response", "noted")),
    ("session:13", "session:13", Keyword("session", "13")),
    ("year:2012", "year:2012", Range("year", 2012, 2012)),
    ("year:2010..2015", "year:2010..2015", Range("year", 2010, 2015)),
    ("year:2010-2015", "year:2010..2015", Range("year", 2010, 2015)),
    ("year:>2015", "year:2016..", Range("year", 2016, None)),
    ("year:<=2000", "year:..2000", Range("year", None, 2000)),
    ("cerd/c/bra/co/18-20", "symbol:CERD/C/BRA/CO/18-20", Keyword("symbol", "CERD/C/BRA/CO/18-20")),
    (
        "CERD / C / BRA / CO / 18-20",
        "symbol:CERD/C/BRA/CO/18-20",
        Keyword("symbol", "CERD/C/BRA/CO/18-20"),
    ),
    (
        "A/HRC/21/11, para. 119.3",
        "symbol:A/HRC/21/11 number:119.3",
        And((Keyword("symbol", "A/HRC/21/11"), Keyword("number", "119.3"))),
    ),
    (
        "CERD/C/BRA/CO/18-20 racial profiling",
        "symbol:CERD/C/BRA/CO/18-20 racial profiling",
        And((Keyword("symbol", "CERD/C/BRA/CO/18-20"), Term("racial"), Term("profiling"))),
    ),
    (
        "land rights of indigenous peoples",
        "land rights indigenous peoples",
        And((Term("land"), Term("rights"), Term("indigenous"), Term("peoples"))),
    ),
    ("the", "the", Term("the")),
    ("and/or", "and/or", Term("and/or")),
    ("title:education", "title:education", Term("education", "title")),
    ("NOT NOT roma", "roma", Term("roma")),
    ("roma AND sinti", "roma sinti", And((Term("roma"), Term("sinti")))),
]


@pytest.mark.parametrize(("typed", "understood", "node"), PARSES, ids=[p[0] for p in PARSES])
def test_parse(typed: str, understood: str, node: object) -> None:
    parsed = parse_query(typed)
    assert parsed.node == node
    assert parsed.understood == understood
    assert parse_query(parsed.understood).node == parsed.node


# (typed, understood, words the message must contain)
REPAIRS = [
    ('"stop and search', '"stop and search"', "quote"),
    ("(roma OR sinti", "roma OR sinti", "'('"),
    ("roma)", "roma", "')'"),
    ("*", "", "wildcard"),
    ("a*", "a", "wildcard"),
    ("AND", "", "AND"),
    ("roma OR", "roma", ""),
    ("NOT", "", "NOT"),
    ("!@#", "", "nothing searchable"),
    ("foo:bar", "foo:bar", "unknown field"),
    ("year:soon", "", "year"),
    ("country:", "", "no value"),
    ("roma\x00sinti\x07", "roma sinti", ""),
    ("'; DROP TABLE records; --", "DROP TABLE records;", "nothing searchable"),
    ("<script>alert(1)</script>", "<script>alert 1 </script>", ""),
    ("👩‍⚖️ women", "women", "nothing searchable"),
    ("x" * 5000, "", "cut"),
]


@pytest.mark.parametrize(("typed", "understood", "note"), REPAIRS, ids=[r[0][:30] for r in REPAIRS])
def test_bad_input_is_repaired_with_a_message(typed: str, understood: str, note: str) -> None:
    parsed = parse_query(typed)
    assert parsed.understood == understood
    if note:
        assert parsed.message is not None and note in parsed.message
    assert parse_query(parsed.understood).node == parsed.node


EXPLICIT_AND = [
    ("quilombola AND eviction", True),
    ("quilombola && eviction", True),
    ("+quilombola eviction", True),
    ("quilombola eviction", False),
    ("quilombola OR eviction", False),
    ("AND eviction", False),  # an AND with nothing before it joins nothing
    ("C++ eviction", False),
    ("android", False),
]


@pytest.mark.parametrize(("typed", "explicit"), EXPLICIT_AND, ids=[e[0] for e in EXPLICIT_AND])
def test_explicit_and_is_read_by_the_parser(typed: str, explicit: bool) -> None:
    assert parse_query(typed).explicit_and is explicit


def test_plus_marks_a_word_and_is_not_searched() -> None:
    parsed = parse_query("+quilombola eviction")
    assert parsed.understood == "quilombola eviction"


def test_empty_query_matches_everything_silently() -> None:
    parsed = parse_query("   ")
    assert parsed.node == MatchAll()
    assert parsed.message is None


EXPANSIONS = [
    ("women", Or((Term("women"), Term("woman")))),
    ("child", Or((Term("child"), Term("children")))),
    ("discrimination", Term("discrimination")),
    (
        "article:5",
        Or(
            tuple(
                Keyword("articles", f"{t} 5")
                for t in ("ICERD", "ICCPR", "ICESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CPED")
            )
        ),
    ),
]


@pytest.mark.parametrize(("typed", "node"), EXPANSIONS, ids=[e[0] for e in EXPANSIONS])
def test_expand(typed: str, node: object) -> None:
    assert expand(parse_query(typed).node) == node


def test_gr_number_expands_to_citations_and_the_document_itself() -> None:
    node = expand(parse_query('gr:"CERD GR 13"').node)
    assert isinstance(node, Or)
    assert Keyword("general_recommendations", "CERD GR 13") in node.children
    itself = node.children[-1]
    assert isinstance(itself, And)
    assert Keyword("body", "CERD") in itself.children
    assert Keyword("doc_type", "general-recommendation") in itself.children
    titles = itself.children[-1]
    assert isinstance(titles, Or)
    assert Phrase(("general", "recommendation", "xiii"), "title") in titles.children


ARTICLES = [
    ("icerd 5 (e) (v)", "ICERD 5(e)(v)"),
    ("ICERD5", "ICERD 5"),
    ("article 5", "5"),
    ("CRC 12.1", "CRC 12(1)"),
]


@pytest.mark.parametrize(("typed", "value"), ARTICLES, ids=[a[0] for a in ARTICLES])
def test_normalize_article(typed: str, value: str) -> None:
    assert normalize_article(typed) == value


def test_positive_terms_skip_negated_words() -> None:
    words, prefixes = positive_terms(parse_query('hate "speech online" discrim* NOT internet').node)
    assert words == ["hate", "speech", "online"]
    assert prefixes == ["discrim"]


QUERY_ALPHABET = st.sampled_from(
    [
        *'abcXYZ019 ()"*:-/.,\\!@#<>&|\x00\x07\t\néüß👩',
        "AND",
        "OR",
        "NOT",
        "country:",
        "year:",
        "article:",
        "gr:",
        " general recommendation 1",
        "CERD/C/1/2",
        " para. 3",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    parsed = parse_query(text)
    assert parsed.node is not None
    assert isinstance(parsed.understood, str)


@settings(max_examples=400, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
def test_understood_reparses_to_the_same_node(text: str) -> None:
    parsed = parse_query(text)
    again = parse_query(parsed.understood)
    assert again.node == parsed.node
    assert again.understood == parsed.understood
