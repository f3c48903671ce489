"""The format dispatcher: sniffing, skipped non-documents, failures, golden files per format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from recsearch.parse import ParseOutcome, apply_tags, parse_bytes, parse_file, sniff_format
from recsearch.records import Document, Record, make_record
from recsearch.tag import tag_text

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# What a golden file pins: structure and metadata, not the tagger's or theme model's output
# (those have their own tests and change on their own schedule).
GOLDEN_FIELDS = (
    "id", "symbol", "title", "doc_type", "body", "country", "year", "source", "number",
    "section", "text", "recommending_states", "response", "session",
)  # fmt: skip


def _summary(outcome: ParseOutcome) -> dict[str, Any]:
    return {
        "fmt": outcome.fmt,
        "skipped": outcome.skipped,
        "error": outcome.error,
        "records": [{k: getattr(r, k) for k in GOLDEN_FIELDS} for r in outcome.records],
    }


def _inputs() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    if path.suffix == ".doc" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed: the .doc fallback reads text only")
    got = _summary(parse_file(path, FIXTURES))
    golden = path.with_name(path.name + ".expected.json")
    if not golden.exists():
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.fail(f"wrote {golden.name}: review it, then commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "a.pdf", "pdf"),
        (b"%PDF-1.4 body", "renamed.txt", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old.doc", "doc"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "sheet.xls", "unknown"),
        (b'[{"ID": "1.", "Text": "x"}]', "p.json", "json"),
        (b'{"a": 1}', "noext", "json"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page", "html"),
        (b"  <html><p>1. text</p></html>", "saved.txt", "html"),
        (b"To,Text,From\rChile,Ratify,Peru\r", "export.csv", "csv"),
        (b"a,b,c\n1,2,3\n", "table", "csv"),
        (b"ACTION PLAN\n\n1. Do this, and that, and more.\n", "plan.txt", "txt"),
        (b"\x00\x01\x02binary", "blob.bin", "unknown"),
        (b"PK\x03\x04not really a zip", "x.docx", "unknown"),
    ],
    ids=[
        "pdf", "pdf-misnamed", "ole2-doc", "ole2-not-doc", "json-list", "json-no-ext", "html",
        "html-saved-as-txt", "csv-cr", "csv-no-ext", "text", "binary", "broken-zip",
    ],
)  # fmt: skip
def test_sniff_format(data: bytes, name: str, fmt: str) -> None:
    assert sniff_format(data, name) == fmt


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "empty file"),
        (b"<html><body>404</body></html>", "report.pdf", "named .pdf but is not a PDF"),
        (b"PK\x03\x04garbage", "m.docx", "named .docx but is not a Word document"),
        (b"\x00\x01\x02\x03", "blob.bin", "unknown file format"),
        (b"[1, 2", "p.json", "invalid JSON"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "broken.doc", ""),
    ],
    ids=["empty", "pdf-is-html", "docx-broken-zip", "binary", "json-truncated", "doc-corrupt"],
)
def test_bad_input_gives_reason(data: bytes, name: str, reason: str) -> None:
    outcome = parse_bytes(data, name)
    assert outcome.error is True
    assert outcome.records == []
    assert outcome.skipped and reason in outcome.skipped
    assert "\n" not in outcome.skipped


@pytest.mark.parametrize(
    "name",
    ["review_years.csv", "filelist.csv", "labels.json"],
    ids=["metadata-table", "file-list", "labelled-dataset"],
)
def test_non_documents_are_skipped_not_failed(name: str) -> None:
    outcome = parse_file(FIXTURES / name, FIXTURES)
    assert outcome.error is False
    assert outcome.records == []
    assert outcome.skipped and "not a document" in outcome.skipped


def test_source_is_relative_to_root() -> None:
    outcome = parse_file(FIXTURES / "plan.txt", FIXTURES.parent)
    assert outcome.source == "formats/plan.txt"
    assert all(r.source == "formats/plan.txt" for r in outcome.records)


def test_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    outcome = parse_file(tmp_path / "gone.pdf", tmp_path)
    assert outcome.error is True and outcome.skipped
    assert outcome.skipped.startswith("cannot read file")


def test_structural_kind_survives_tagging() -> None:
    # A matrix row is a recommendation whatever its wording; a question never is.
    matrix = parse_file(FIXTURES / "matrix.docx", FIXTURES)
    questions = parse_file(FIXTURES / "questions.docx", FIXTURES)
    assert {r.kind for r in matrix.records} == {"recommendation"}
    assert {r.kind for r in questions.records} == {"observation"}


def test_tags_are_applied() -> None:
    pytest.importorskip("recsearch.tag")
    outcome = parse_file(FIXTURES / "plan.txt", FIXTURES)
    assert outcome.records[0].gnr == [2, 5]


# ------------------------------------------------------------------ corpus


def _corpus(rel: str) -> ParseOutcome:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"corpus file {rel} not present")
    return parse_file(path, CORPUS)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("rel", "count", "first", "last"),
    [
        ("upr/UPR20_Egypt_Matrix_of_Recommendations.docx", 300, "166.6", "166.36"),
        ("seeds/002_d20911ac93993ac4.txt", 23, "1(a)", "8"),
        ("seeds/001_f2ededb58a23aac0.txt", 10, "1", "5"),
        ("cerd-gr/CERD_GR31_A_60_18.json", 41, "1", "41"),
        ("special-procedures/A_HRC_43_49.json", 87, "1", "87"),
    ],
    ids=["egypt-matrix", "seed-002", "seed-001", "gr31-json", "a-hrc-43-49-json"],
)
def test_corpus_structure(rel: str, count: int, first: str, last: str) -> None:
    outcome = _corpus(rel)
    numbers = [r.number for r in outcome.records]
    assert (len(numbers), numbers[0], numbers[-1]) == (count, first, last)
    assert len({r.id for r in outcome.records}) == count


@pytest.mark.corpus
def test_corpus_doc_twin_gives_same_records() -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    docx = _corpus("upr/UPR20_Egypt_Matrix_of_Recommendations.docx")
    doc = _corpus("upr/UPR20_Egypt_Matrix_of_Recommendations.doc")
    assert doc.fmt == "doc"
    assert [(r.number, r.text) for r in doc.records] == [(r.number, r.text) for r in docx.records]


@pytest.mark.corpus
@pytest.mark.parametrize(
    "rel",
    [
        "manifest.csv",
        "upr/UPR_sessions_states_under_review.csv",
        "upr/UPR_review_years_by_country.csv",
        "misc/HURIDOCS_hrc_docs_first_pages_symbol_labels.json",
        "misc/generalcomments_GC-info.json",
        "upr/HURIDOCS_upr_paragraph_countries_options.json",
    ],
    ids=["manifest", "sessions-table", "review-years", "huridocs", "gc-info", "options-list"],
)
def test_corpus_non_documents(rel: str) -> None:
    outcome = _corpus(rel)
    assert (outcome.records, outcome.error) == ([], False)
    assert outcome.skipped and "not a document" in outcome.skipped


def _records(doc_type: str, texts: list[str]) -> list[Record]:
    doc = Document(
        key="x", source="x.pdf", symbol=None, title="T", doc_type=doc_type, body="CERD",
        country=None, year=2005,
    )  # fmt: skip
    return [make_record(doc, number=str(i + 1), text=t, index=i) for i, t in enumerate(texts)]


GC_TEXTS = [
    "States parties should ensure that the police receive training on racial profiling.",
    "In accordance with article 6, States parties are obliged to guarantee effective remedies.",
]


@pytest.mark.parametrize(
    ("doc_type", "kinds"),
    [("general-recommendation", ["recommendation", "recommendation"]),
     ("other", ["recommendation", "observation"])],
    ids=["general-comment-judged-as-a-whole", "other-documents-left-to-the-tagger"],
)  # fmt: skip
def test_general_comment_measures_are_recommendations_in_any_format(
    doc_type: str, kinds: list[str]
) -> None:
    records = _records(doc_type, GC_TEXTS)
    apply_tags(records, kind_fixed=False)
    assert [r.kind for r in records] == kinds


def test_kinds_fixed_by_the_parser_are_not_rejudged() -> None:
    records = _records("general-recommendation", GC_TEXTS)
    apply_tags(records, kind_fixed=True)
    assert [r.kind for r in records] == ["observation", "observation"]


def test_a_records_own_symbol_is_not_a_cite() -> None:
    doc = Document(key="a-65-273", source="sp/A_65_273.json", symbol="A/65/273", title="T",
                   doc_type="special-procedure-report", body=None)  # fmt: skip
    # The tagger (which sees no symbol) reads "A/65/273" as a cite; parse knows it is ours.
    text = "See A/65/273 on the visits, and the recommendations in A/HRC/13/39/Add.5."
    assert tag_text(text, None).cites == ["A/65/273", "A/HRC/13/39/Add.5"]
    records = [make_record(doc, number="1", text=text, index=0)]
    apply_tags(records, kind_fixed=False)
    assert records[0].cites == ["A/HRC/13/39/Add.5"]


@pytest.mark.parametrize(
    ("rows", "country", "year"),
    [
        (b"Haiti,Ratify the Convention,Chile,2011\rHaiti,Adopt a law,Peru,2011\r", "Haiti", 2011),
        (b"Haiti,Ratify the Convention,Chile,2011\rChile,Adopt a law,Peru,2012\r", None, None),
    ],
    ids=["one-state-one-year", "many"],
)
def test_a_csv_export_of_one_review_is_that_states_document(
    rows: bytes, country: str | None, year: int | None
) -> None:
    out = parse_bytes(b"To,Text,From,Year\r" + rows, "export.csv")
    assert out.document is not None
    assert (out.document.country, out.document.year) == (country, year)
    assert out.records[0].country == "Haiti"
