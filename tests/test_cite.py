"""Citation formats of one record: a table of records and the text each format must give."""

from __future__ import annotations

import pytest

from recsearch import cite
from recsearch.records import Record


def _rec(**kw: object) -> Record:
    base: dict[str, object] = {
        "id": "cerd-c-bra-co-18-20/6",
        "symbol": "CERD/C/BRA/CO/18-20",
        "title": "Concluding observations on the combined eighteenth to twentieth periodic "
        "reports of Brazil",
        "doc_type": "concluding-observations",
        "body": "CERD",
        "country": "Brazil",
        "year": 2022,
        "source": "cerd-co/CERD_C_BRA_CO_18-20.pdf",
        "number": "6",
        "section": [],
        "page": 2,
        "text": "The Committee recommends that the State party collect data.",
    }
    base.update(kw)
    return Record(**base)  # type: ignore[arg-type]


BRAZIL = _rec()
BRAZIL_DATED = _rec(date="2022-12-19")
UPR = _rec(
    id="a-hrc-21-11/119.12",
    symbol="A/HRC/21/11",
    title="Report of the Working Group on the Universal Periodic Review: Brazil",
    doc_type="upr-report",
    body="UPR Working Group",
    year=2012,
    number="119.12",
)
NO_SYMBOL = _rec(
    id="seeds-002/n3",
    symbol=None,
    title="Action Plan",
    body="UN Network on Racial Discrimination and Protection of Minorities",
    country=None,
    year=2014,
    number=None,
)
CSV_ROW = _rec(
    id="upr-info/12", symbol=None, title="UPR Info export", source="x/db.csv", number="12"
)
SPECIAL = _rec(title="Rates of 50% & more_", body=None, number="3")
DURBAN = _rec(
    id="a-conf.189-12/programme-of-action-75",
    symbol="A/CONF.189/12",
    title="Durban Declaration and Programme of Action",
    doc_type="declaration",
    body=None,
    country=None,
    year=2001,
    number="75",
    section=["Programme of Action", "Ratification of and effective implementation"],
)

CASES = [
    ("plain", BRAZIL, "CERD/C/BRA/CO/18-20, para. 6"),
    (
        "un",
        BRAZIL,
        "Committee on the Elimination of Racial Discrimination, Concluding observations on the "
        "combined eighteenth to twentieth periodic reports of Brazil, CERD/C/BRA/CO/18-20 (2022), "
        "para. 6.",
    ),
    (
        "un",
        UPR,
        "Human Rights Council, Working Group on the Universal Periodic Review, Report of the "
        "Working Group on the Universal Periodic Review: Brazil, A/HRC/21/11 (2012), para. 119.12.",
    ),
    (
        "un",
        NO_SYMBOL,
        "UN Network on Racial Discrimination and Protection of Minorities, Action Plan (2014).",
    ),
    (
        "oscola",
        BRAZIL,
        "Committee on the Elimination of Racial Discrimination, 'Concluding Observations on the "
        "Combined Eighteenth to Twentieth Periodic Reports of Brazil' (2022) UN Doc "
        "CERD/C/BRA/CO/18-20, para 6",
    ),
    (
        "oscola",
        BRAZIL_DATED,
        "Committee on the Elimination of Racial Discrimination, 'Concluding Observations on the "
        "Combined Eighteenth to Twentieth Periodic Reports of Brazil' (19 December 2022) UN Doc "
        "CERD/C/BRA/CO/18-20, para 6",
    ),
    (
        "bluebook",
        BRAZIL_DATED,
        "Comm. on the Elimination of Racial Discrimination, Concluding Observations on the "
        "Combined Eighteenth to Twentieth Periodic Reports of Brazil, ¶ 6, U.N. Doc. "
        "CERD/C/BRA/CO/18-20 (Dec. 19, 2022).",
    ),
    (
        "bluebook",
        UPR,
        "Human Rights Council, Working Group on the Universal Periodic Review, Report of the "
        "Working Group on the Universal Periodic Review: Brazil, ¶ 119.12, U.N. Doc. A/HRC/21/11 "
        "(2012).",
    ),
    ("plain", CSV_ROW, "UPR Info export, row 12"),
    # A number that restarts per part is cited with its part.
    ("plain", DURBAN, "A/CONF.189/12, Programme of Action, para. 75"),
    (
        "bluebook",
        DURBAN,
        "Durban Declaration and Programme of Action, Programme of Action, ¶ 75, "
        "U.N. Doc. A/CONF.189/12 (2001).",
    ),
]


@pytest.mark.parametrize(
    ("fmt", "rec", "expected"),
    CASES,
    ids=[
        "plain",
        "un-co",
        "un-upr",
        "un-no-symbol",
        "oscola",
        "oscola-date",
        "bluebook-date",
        "bluebook-upr",
        "plain-csv-row",
        "plain-part",
        "bluebook-part",
    ],
)
def test_text_formats(fmt: str, rec: Record, expected: str) -> None:
    assert cite.all_formats(rec)[fmt] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Concluding observations on the report of Brazil",
            "Concluding Observations on the Report of Brazil",
        ),
        ("the situation in the USA", "The Situation in the USA"),
        (
            "report of the Working Group on the Universal",
            "Report of the Working Group on the Universal",
        ),
    ],
    ids=["small-words", "first-word-and-acronym", "keeps-capitals"],
)
def test_title_case(text: str, expected: str) -> None:
    assert cite.title_case(text) == expected


def test_bibtex_entry_fields_and_escaping() -> None:
    out = cite.bibtex(SPECIAL, "http://x/r/cerd-c-bra-co-18-20/6")
    lines = out.splitlines()
    assert lines[0] == "@misc{cerd-c-bra-co-18-20_6,"
    assert "  title = {{Rates of 50\\% \\& more\\_}}," in lines
    assert "  author" not in out  # no body, no author
    assert "  url = {http://x/r/cerd-c-bra-co-18-20/6}" in lines
    assert out.count("{") == out.count("}")


def test_bibtex_corporate_author_braced() -> None:
    out = cite.bibtex(BRAZIL)
    assert "  author = {{Committee on the Elimination of Racial Discrimination}}," in out
    assert "  number = {CERD/C/BRA/CO/18-20}," in out
    assert "  note = {para. 6}" in out


def test_ris_entry() -> None:
    out = cite.ris(BRAZIL_DATED, "http://x/r/1")
    lines = out.splitlines()
    assert lines[0] == "TY  - GOVDOC"
    assert lines[-1] == "ER  - "
    assert "AU  - Committee on the Elimination of Racial Discrimination" in lines
    assert "DA  - 2022/12/19" in lines
    assert "M1  - CERD/C/BRA/CO/18-20" in lines
    assert "N1  - para. 6" in lines
    assert "UR  - http://x/r/1" in lines


def test_ris_folds_newlines_in_values() -> None:
    out = cite.ris(_rec(title="Line one\nTY  - injected"))
    assert [line for line in out.splitlines() if line.startswith("TY")] == ["TY  - GOVDOC"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("CERD", "Committee on the Elimination of Racial Discrimination"),
        ("cescr", "Committee on Economic, Social and Cultural Rights"),
        ("Special Rapporteur on torture", "Special Rapporteur on torture"),
        (None, ""),
    ],
    ids=["code", "lower-code", "printed-name", "none"],
)
def test_author(body: str | None, expected: str) -> None:
    assert cite.author(_rec(body=body)) == expected
