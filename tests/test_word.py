"""Word: matrix rows, advance questions, legacy .doc conversion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recsearch.legacy_doc import parse_doc, pipe_tables
from recsearch.records import ParseError
from recsearch.word import _source_themes, _states_in_text, parse_docx

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def _matrix() -> dict[str, object]:
    doc, records, fixed = parse_docx((FIXTURES / "matrix.docx").read_bytes(), "upr/matrix.docx")
    return {"doc": doc, "records": {r.number: r for r in records}, "fixed": fixed}


@pytest.mark.parametrize(
    ("number", "field", "value"),
    [
        ("12.4", "recommending_states", ["Denmark", "Ghana"]),
        ("12.4", "response", "supported"),
        ("12.4", "text", "Ratify the Optional Protocol to the Convention against Torture "
                         "(Denmark); (Ghana);"),
        ("12.1", "recommending_states", ["Türkiye"]),
        ("12.1", "response", "noted"),
        ("12.30", "response", "supported"),
        ("12.31", "response", None),
        ("12.30", "section", ["3.2. Racial discrimination"]),
        ("12.1", "themes", ["Acceptance of international norms", "Death penalty"]),
    ],
    ids=["states-column", "supported", "source-line-dropped", "renamed-state", "noted",
         "accepted-is-supported", "mixed-is-null", "theme-row-is-section", "source-themes"],
)  # fmt: skip
def test_matrix_rows(number: str, field: str, value: object) -> None:
    pytest.importorskip("recsearch.metadata")
    record = _matrix()["records"][number]  # type: ignore[index]
    assert getattr(record, field) == value


def test_matrix_document() -> None:
    got = _matrix()
    doc = got["doc"]
    assert got["fixed"] is True
    assert len(got["records"]) == 4  # type: ignore[arg-type]
    assert (doc.doc_type, doc.country, doc.year) == ("upr-recommendations", "Chile", 2016)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Ratify ICPPED (Portugal);", ["Portugal"]),
        ("Ratify CED (France) (Lithuania);", ["France", "Lithuania"]),
        ("Complete ratification (Ukraine); Increase efforts (Slovakia);", ["Ukraine", "Slovakia"]),
        ("Sign the Second Optional Protocol to ICCPR (ICCPR-OP2) (Turkey);", ["Türkiye"]),
    ],
    ids=["one", "two-adjacent", "merged-clauses", "acronym-ignored"],
)
def test_states_in_text(text: str, states: list[str]) -> None:
    pytest.importorskip("recsearch.metadata")
    assert _states_in_text(text) == states


@pytest.mark.parametrize(
    ("cell", "themes"),
    [
        ("2.1. Acceptance of international norms  \nAffected persons:\n- general\n",
         ["Acceptance of international norms"]),
        ("A12 Acceptance of international norms\nB51 Right to an effective remedy",
         ["Acceptance of international norms", "Right to an effective remedy"]),
        ("- Members of minorities\n- Indigenous peoples\nGroups of Persons:\n- Roma",
         ["Members of minorities", "Indigenous peoples"]),
    ],
    ids=["numbered", "coded", "bulleted"],
)  # fmt: skip
def test_source_themes(cell: str, themes: list[str]) -> None:
    assert _source_themes(cell) == themes


def test_questions_keep_asking_state_as_section() -> None:
    _, records, fixed = parse_docx((FIXTURES / "questions.docx").read_bytes(), "q.docx")
    assert fixed
    assert [(r.number, r.section) for r in records] == [
        ("1", ["GERMANY"]), ("2", ["GERMANY"]), ("1", ["NORWAY"])]  # fmt: skip
    assert len({r.id for r in records}) == 3
    assert all(r.kind == "observation" and r.recommending_states == [] for r in records)


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04broken", b"not a zip at all"],
    ids=["broken-zip", "not-zip"],
)
def test_bad_docx_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse_docx(data, "bad.docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_legacy_doc_matches_its_docx() -> None:
    _, from_doc, _ = parse_doc((FIXTURES / "matrix.doc").read_bytes(), "m.doc")
    _, from_docx, _ = parse_docx((FIXTURES / "matrix.docx").read_bytes(), "m.docx")
    assert [(r.number, r.text, r.response) for r in from_doc] == [
        (r.number, r.text, r.response) for r in from_docx
    ]


def test_legacy_doc_corrupt_gives_reason() -> None:
    with pytest.raises(ParseError):
        parse_doc(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 256, "broken.doc")


def test_legacy_doc_falls_back_to_antiword(monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("antiword") is None:
        pytest.skip("antiword not installed")
    monkeypatch.setattr("recsearch.legacy_doc._soffice", lambda: None)
    _, records, _ = parse_doc((FIXTURES / "matrix.doc").read_bytes(), "m.doc")
    assert any("Optional Protocol to the Convention against Torture" in r.text for r in records)


def test_legacy_doc_without_any_converter_names_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("recsearch.legacy_doc._soffice", lambda: None)
    monkeypatch.setattr("recsearch.legacy_doc.shutil.which", lambda name: None)
    with pytest.raises(ParseError, match="libreoffice"):
        parse_doc((FIXTURES / "matrix.doc").read_bytes(), "m.doc")


def test_antiword_pipe_tables_rebuild_rows() -> None:
    text = (
        "|Recommendation      |Position   |\n"
        "|Theme: Detention                |\n"
        "|12.1. Improve prison|Supported  |\n"
        "|conditions (Chile); |           |\n"
        "|12.2. Release       |Noted      |\n"
    )
    tables = pipe_tables(text)
    assert tables == [[
        ["Recommendation", "Position"],
        ["Theme: Detention"],
        ["12.1. Improve prison\nconditions (Chile);", "Supported"],
        ["12.2. Release", "Noted"],
    ]]  # fmt: skip


def test_word_list_numbering_is_written_out() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Concluding remarks of the mission")
    document.add_paragraph("The mission met officials in two provinces.", style="List Number")
    document.add_paragraph("The mission recommends a law on hate crimes.", style="List Number")
    buf = io.BytesIO()
    document.save(buf)
    _, records, _ = parse_docx(buf.getvalue(), "mission.docx")
    assert [(r.number, r.text) for r in records] == [
        ("1", "The mission met officials in two provinces."),
        ("2", "The mission recommends a law on hate crimes."),
    ]
