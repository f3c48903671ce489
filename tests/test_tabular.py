"""CSV and JSON exports: responses, States, symbols from file names, paragraph-list cleaning."""

from __future__ import annotations

import json

import pytest

from recsearch.plaintext import decode_text
from recsearch.tabular import (
    NotADocument,
    normalise_response,
    paragraph_entries,
    parse_csv,
    parse_json,
    split_states,
    symbol_from_name,
    year_from_symbol,
)


@pytest.mark.parametrize(
    ("cell", "response"),
    [
        ("Accepted", "supported"),
        ("Supported", "supported"),
        ("support", "supported"),
        ("Noted", "noted"),
        ("reject", "noted"),
        ("Supported/Noted", None),
        ("consider", None),
        ("", None),
    ],
    ids=["accepted", "supported", "support", "noted", "rejected", "mixed", "pending", "empty"],
)
def test_normalise_response(cell: str, response: str | None) -> None:
    assert normalise_response(cell) == response


@pytest.mark.parametrize(
    ("cell", "states"),
    [
        ("Chile\nEstonia\nSlovenia\n", ["Chile", "Estonia", "Slovenia"]),
        ("Turkey", ["Türkiye"]),
        ("France; Brazil", ["France", "Brazil"]),
        ("United Kingdom of Great Britain and Northern Ireland", [
            "United Kingdom of Great Britain and Northern Ireland"]),
    ],
    ids=["one-per-line", "renamed-state", "semicolons", "name-with-and"],
)  # fmt: skip
def test_split_states(cell: str, states: list[str]) -> None:
    pytest.importorskip("recsearch.metadata")
    assert split_states(cell) == states


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("cerd-gr/CERD_C_GC_32.json", "CERD/C/GC/32"),
        ("cerd-gr/CERD_GR31_A_60_18.json", "A/60/18"),
        ("special-procedures/A_HRC_43_49.json", "A/HRC/43/49"),
        ("E_CN_4_1986_15.json", "E/CN.4/1986/15"),
        ("E_C.12_GC_21.json", "E/C.12/GC/21"),
        ("CCPR_C_21_Rev.1_Add._12.json", "CCPR/C/21/Rev.1/Add.12"),
        ("CEDAW_C_GC_31_Rev.1–CRC_C_GC_18_Rev.1.json", "CEDAW/C/GC/31/Rev.1"),
        ("UPR20_Egypt_Matrix_of_Recommendations.docx", None),
    ],
    ids=["cerd-gc", "gr-in-annual-report", "hrc", "commission", "cescr", "add-split",
         "joint", "not-a-symbol"],
)  # fmt: skip
def test_symbol_from_name(name: str, symbol: str | None) -> None:
    assert symbol_from_name(name) == symbol


@pytest.mark.parametrize(
    ("symbol", "year"),
    [
        ("A/HRC/43/49", 2020),
        ("A/HRC/28/16/", 2015),
        ("A/60/18", 2005),
        ("E/CN.4/1986/15", 1986),
        ("CRC/GC/2003/5", 2003),
        ("A/87/18", None),  # really "A/8718": no General Assembly session 87 yet
        ("CERD/C/GC/32", None),
    ],
    ids=["hrc-43", "hrc-28", "ga-60", "printed-year", "crc-year", "implausible-ga", "none"],
)
def test_year_from_symbol(symbol: str, year: int | None) -> None:
    assert year_from_symbol(symbol) == year


def test_paragraph_entries_drop_stray_headings_and_footnotes() -> None:
    items = [
        {"ID": "1.", "Text": "The report is submitted under resolution 34/19. II. Activities"},
        {"ID": "2.", "Text": "The Special Rapporteur sent 114 communications."},
        {"ID": "2.", "Text": "Distinguishing “methods” from “effects”"},
        {"ID": "47.", "Text": "22 David Luban, “Personality disruption”, p. 4."},
        {"ID": "3.", "Text": "Torture is defined in article 1 of the Convention."},
        {"ID": None, "Text": "4.Every State must criminalize torture."},
        {
            "ID": 6,
            "Text": "States parties should repeal:\n(a)\u00a0\u00a0laws X;\n7.\u00a0Next one.",
        },
    ]
    got = paragraph_entries(items)
    assert [n for n, _, _ in got] == ["1", "2", "3", "4", "6", "7"]
    assert got[1][2] == ["II. Activities"]
    assert got[2][2] == ["II. Activities", "2. Distinguishing “methods” from “effects”"]
    assert got[0][1] == "The report is submitted under resolution 34/19."
    assert got[4][1] == "States parties should repeal:\n(a) laws X;"
    assert got[5][1] == "Next one."


def test_decode_macroman_export() -> None:
    raw = "To,Text\rCôte d'Ivoire,Ratify the Convention\r".encode("mac_roman")
    assert decode_text(raw).startswith("To,Text\rCôte d'Ivoire")


def test_decode_cp1252_text() -> None:
    raw = "Coalition « Égalité » – plan".encode("cp1252")
    assert decode_text(raw) == "Coalition « Égalité » – plan"


def test_csv_pledges_are_not_recommendations() -> None:
    data = (
        "To,Text,From,Response,Action,Issue,Session\r"
        'Peru,"The Government is committed to a national plan.",Peru,Voluntary Pledge,5,'
        '"Minorities,National plan of action",19\r'
    ).encode("mac_roman")
    doc, records, fixed = parse_csv(data, "upr/pledges.csv")
    assert fixed and records[0].kind == "observation"
    assert records[0].recommending_states == [] and records[0].response is None
    assert records[0].themes == ["Minorities", "National plan of action"]
    assert records[0].year == 2014 and records[0].session == "19"
    assert doc.title.startswith("Voluntary pledges") and doc.doc_type == "other"


@pytest.mark.parametrize(
    ("data", "fn"),
    [
        (b"country,review1,review2\rChile,2009,2014\r", parse_csv),
        (b"path,kind,symbol,title\rx.pdf,co,A/1,T\r", parse_csv),
        (b'[{"label": "A/HRC/1/1", "text": "First session"}]', parse_json),
        (b'["Chile", "Peru"]', parse_json),
        (b'[{"Name": "GC 1", "Committee": "CCPR", "Link": "http://x"}]', parse_json),
    ],
    ids=["metadata-table", "file-list", "labelled-dataset", "label-options", "metadata-list"],
)
def test_non_documents_by_shape(data: bytes, fn: object) -> None:
    with pytest.raises(NotADocument):
        fn(data, "x")  # type: ignore[operator]


def _json_list(*texts: str) -> bytes:
    return json.dumps([{"ID": f"{i}.", "Text": t} for i, t in enumerate(texts, start=1)]).encode()


_CERD_TEXTS = (
    "In accordance with article 2 of the Convention, States parties have undertaken that all "
    "public authorities will not engage in any practice of racial discrimination.",
    "In the implementation of article 7, the Committee calls upon States parties to review "
    "the training of law enforcement officials.",
)
_SR_TEXTS = (
    "The present report of the Special Rapporteur on torture and other cruel, inhuman or "
    "degrading treatment is submitted to the Human Rights Council.",
    "The Special Rapporteur on torture examines psychological torture in the report.",
)


@pytest.mark.parametrize(
    ("source", "texts", "title"),
    [
        ("cerd-gr/CERD_GR13_A_48_18.json", _CERD_TEXTS, "General recommendation No. 13"),
        ("cerd-gr/CERD_C_GC_35.json", _CERD_TEXTS, "General recommendation No. 35"),
        ("tb/CCPR_C_GC_36.json", _CERD_TEXTS, "General comment No. 36"),
        ("tb/CRC_GC_2003_3.json", _CERD_TEXTS, "General comment No. 3"),
        (
            "tb/CEDAW_C_GC_31_Rev.1–CRC_C_GC_18_Rev.1.json",
            _CERD_TEXTS,
            "Joint general recommendation No. 31 (CEDAW) and general comment No. 18 (CRC)",
        ),
        (
            "cerd-gr/CERD_A_48_18.json",
            (
                "General recommendation XIII on the training of law enforcement officials",
                *_CERD_TEXTS,
            ),
            "General recommendation XIII on the training of law enforcement officials",
        ),
        ("sp/A_HRC_99_1.json", _SR_TEXTS, "Report of the Special Rapporteur on torture"),
    ],
    ids=["cerd-gr-name", "cerd-gc-symbol", "ccpr-gc", "crc-year-series", "joint", "printed", "sr"],
)
def test_paragraph_list_titles(source: str, texts: tuple[str, ...], title: str) -> None:
    doc, _, _ = parse_json(_json_list(*texts), source)
    assert doc.title == title
