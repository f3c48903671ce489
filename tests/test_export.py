"""Exports of a whole search: each format parsed back, provenance present, cells safe."""

from __future__ import annotations

import csv
import io
import json

import pytest

from recsearch import export
from recsearch.records import Record


def _rec(number: str, text: str, **kw: object) -> Record:
    base: dict[str, object] = {
        "id": f"cerd-c-bra-co-18-20/{number}",
        "symbol": "CERD/C/BRA/CO/18-20",
        "title": "Concluding observations on the reports of Brazil",
        "doc_type": "concluding-observations",
        "body": "CERD",
        "country": "Brazil",
        "year": 2022,
        "source": "cerd-co/CERD_C_BRA_CO_18-20.pdf",
        "number": number,
        "section": ["C. Concerns and recommendations", "Quilombola communities"],
        "page": 3,
        "text": text,
        "articles": ["ICERD 2", "ICERD 5(e)(v)"],
        "gnr": [8],
    }
    base.update(kw)
    return Record(**base)  # type: ignore[arg-type]


RECORDS = [
    _rec("6", "The Committee recommends that the State party protect São Paulo's quilombolas."),
    _rec("7", '=HYPERLINK("http://evil")  formula-looking text from an untrusted file'),
    _rec("8", 'Text with a "quote", a comma,\nand a newline.'),
]
META = export.ExportMeta(
    query="quilombola",
    filters={"country": ["Brazil"], "articles": ["ICERD 5", "ICERD 2"]},
    exported="2026-11-23T22:00:00+00:00",
    index_version="2026-11-23T21:00:00",
    total=3,
)


def url_for(rec: Record) -> str:
    return f"http://127.0.0.1/r/{rec.id}"


def _collect(fmt: str) -> str:
    return "".join(export.WRITERS[fmt](iter(RECORDS), META, url_for))


def test_csv_has_bom_header_rows_and_provenance() -> None:
    text = _collect("csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["id"] for r in rows] == [r.id for r in RECORDS]
    first = rows[0]
    assert first["citation"] == "CERD/C/BRA/CO/18-20, para. 6"
    assert first["text"] == RECORDS[0].text
    assert first["articles"] == "ICERD 2; ICERD 5(e)(v)"
    assert first["section"] == "C. Concerns and recommendations > Quilombola communities"
    assert first["permalink"] == "http://127.0.0.1/r/cerd-c-bra-co-18-20/6"
    assert first["search_query"] == "quilombola"
    assert first["search_filters"] == "country=Brazil; articles=ICERD 5; articles=ICERD 2"
    assert first["index_version"] == "2026-11-23T21:00:00"
    assert first["exported"] == "2026-11-23T22:00:00+00:00"
    assert rows[2]["text"] == 'Text with a "quote", a comma,\nand a newline.'


def test_csv_neutralises_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(_collect("csv")[1:])))
    assert rows[1]["text"].startswith("'=HYPERLINK")


def test_csv_utf8_bytes_round_trip() -> None:
    data = _collect("csv").encode("utf-8")
    assert data[:3] == b"\xef\xbb\xbf"
    assert "São Paulo" in data.decode("utf-8-sig")


def test_json_export_parses_with_provenance() -> None:
    doc = json.loads(_collect("json"))
    assert doc["query"] == "quilombola"
    assert doc["filters"] == {"country": ["Brazil"], "articles": ["ICERD 5", "ICERD 2"]}
    assert doc["index_version"] == "2026-11-23T21:00:00"
    assert doc["total"] == 3
    assert [r["id"] for r in doc["records"]] == [r.id for r in RECORDS]
    assert doc["records"][0]["permalink"] == "http://127.0.0.1/r/cerd-c-bra-co-18-20/6"
    assert doc["records"][0]["gnr"] == [8]


def test_json_export_of_nothing_is_valid() -> None:
    doc = json.loads("".join(export.to_json(iter([]), META, url_for)))
    assert doc["records"] == []


def test_bibtex_export_entries_and_header() -> None:
    text = _collect("bib")
    assert text.count("@misc{") == 3
    header = [line for line in text.splitlines() if line.startswith("%")]
    assert "% query: quilombola" in header
    assert "% index version: 2026-11-23T21:00:00" in header
    assert "  url = {http://127.0.0.1/r/cerd-c-bra-co-18-20/7}" in text.splitlines()


def test_ris_export_entries_carry_provenance() -> None:
    entries = [e for e in _collect("ris").split("ER  - ") if e.strip()]
    assert len(entries) == 3
    for entry, rec in zip(entries, RECORDS, strict=True):
        lines = entry.strip().splitlines()
        assert lines[0] == "TY  - GOVDOC"
        assert f"UR  - http://127.0.0.1/r/{rec.id}" in lines
        assert "DB  - recsearch (index 2026-11-23T21:00:00)" in lines
        assert "Y2  - 2026/11/23" in lines


@pytest.mark.parametrize(
    ("filters", "expected"),
    [({}, ""), ({"gnr": ["8"]}, "gnr=8"), ({"year": ["2010", "2012"]}, "year=2010; year=2012")],
    ids=["none", "one", "or-values"],
)
def test_filters_text(filters: dict[str, list[str]], expected: str) -> None:
    assert export.ExportMeta(query="", filters=filters).filters_text() == expected


def test_every_format_records_the_query_as_run() -> None:
    meta = export.ExportMeta(query="quilombolla", understood="quilombola", total=3)

    def collect(fmt: str) -> str:
        return "".join(export.WRITERS[fmt](iter(RECORDS), meta, url_for))

    rows = list(csv.DictReader(io.StringIO(collect("csv")[1:])))
    assert {(r["search_query"], r["search_understood"]) for r in rows} == {
        ("quilombolla", "quilombola")
    }
    assert "% query as run: quilombola" in collect("bib")
    assert "query as run: quilombola" in collect("ris")
    assert '"understood": "quilombola"' in collect("json")
