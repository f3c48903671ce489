"""The fast content-stream reader gives pypdf's operations or gives up; the passes built on it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pypdf.generic import ContentStream, DecodedStreamObject

from conftest import pdf_from_streams
from recsearch import pdf
from recsearch.pdf_content import content_operations, same_objects

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def pypdf_operations(data: bytes) -> list[Any]:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return ContentStream(stream, None, "bytes").operations


@pytest.mark.parametrize(
    "data",
    [
        b"BT /F1 11 Tf 72 760 Td (Recommends that the State party) Tj ET",
        b"BT\r\n/F2 9.96 Tf\r\n1 0 0 1 56.64 -.5 Tm [(Th)-3(e)5.(C)-2(o)4( mmittee)] TJ\r\nET",
        b"q 0.5 0 0 0.5 0 0 cm /Im1 Do Q",
        b"BT 14 TL (first) ' 1 2 (second) \" T* ET",
        b"BT <0041004200> Tj <414> Tj <> Tj ET",
        b"(nested (paren) here) Tj (esc \\( \\) \\\\ \\n\\r\\t\\b\\f) Tj",
        b"(octal \\101\\0\\12a\\1234) Tj (line \\\ncontinued \\\r\nand) Tj",
        b"/Span << /ActualText (\xfe\xff\x00A) /Lang (en-GB) /MCID 3 >> BDC EMC",
        b"/P << /MCID 0 /K [1 /Name << /Deep <4142> >>] >> BDC (x) Tj EMC",
        b"[(\x00\x12\x00E)-250(\x01\x02)] TJ 0 Tw 1 1 1 rg",
        b"12 0 0 12 0 0 cm 1 2 3 re f\n",
        b"",
        b"   \n",
        b"5 0 Td 7 ",  # operands after the last operator are dropped
    ],
    ids=[
        "tj",
        "tj-array-floats-crlf",
        "xobject",
        "quote-operators",
        "hex-even-odd-empty",
        "nested-and-escapes",
        "octal-and-line-continuation",
        "marked-content-dict",
        "nested-dict-array",
        "binary-cid-strings",
        "graphics",
        "empty",
        "blank",
        "trailing-operands",
    ],
)
def test_same_operations_as_pypdf(data: bytes) -> None:
    mine = content_operations(data)
    assert mine is not None, "the fast reader gave up on a stream it should read"
    assert same_objects(mine, pypdf_operations(data))


@pytest.mark.parametrize(
    "data",
    [
        b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
        b"% a comment\n(x) Tj",
        b"/F#31 11 Tf",
        b"[true] 0 d",
        b"/X 1 0 R Do",
        b"1.2.3 Tw",
        b"1,5 Tw",
        b"(x)\x00 Tj",
        b"[(x) TJ",
        b"(bad \\q escape) Tj",
        b"(octal overflow \\777) Tj",
        b"(unterminated Tj",
        b"<< /A 1 /A 2 >> BDC",
        b"0 0 m 12",
    ],
    ids=[
        "inline-image",
        "comment",
        "escaped-name",
        "boolean-in-array",
        "reference",
        "two-points",
        "comma",
        "nul-between-tokens",
        "unclosed-array",
        "unknown-escape",
        "octal-over-255",
        "unterminated-string",
        "repeated-key",
        "number-ends-stream",
    ],
)
def test_gives_up_where_pypdf_differs_or_fails(data: bytes) -> None:
    assert content_operations(data) is None


# Two columns, words set in pieces with kerning, a bold heading, a line further left.
PAGE = b"""BT /F2 12 Tf 72 740 Td (A. Concerns and recommendations) Tj ET
BT /F1 10 Tf 90 700 Td [(The Com)-20(mittee reco)10(mmends that the State)] TJ
0 -14 Td [(party)-3000(adopt a national)] TJ 0 -14 Td (action plan.) Tj ET
BT /F1 10 Tf 320 700 Td (Second column text) Tj 0 -14 Td (continues here.) Tj ET
BT /F1 8 Tf 40 60 Td (12) Tj ET"""


def test_plain_pass_gives_pypdf_text_and_bold() -> None:
    data = pdf_from_streams([PAGE])
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    runs: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() and "Bold" in str(font.get("/BaseFont", "")):
            runs.append(text)

    expected = page.extract_text(visitor_text=visit)
    read = pdf.read_pdf(data)
    assert read.pages == [expected]
    assert read.bold == ["".join(runs)]
    assert "Concerns and recommendations" in read.bold[0]


def test_layout_pass_gives_pypdf_layout_text() -> None:
    page = pypdf.PdfReader(io.BytesIO(pdf_from_streams([PAGE]))).pages[0]
    ops = content_operations(ContentStream(page["/Contents"], None, "bytes").get_data())
    assert ops is not None
    mine = pdf._layout_mode_text(page, ops)
    assert "Second column text" in mine
    assert mine == page.extract_text(extraction_mode="layout")


def test_private_layout_steps_match_the_installed_pypdf() -> None:
    # The layout pass runs the steps of pypdf 7.1's PageObject._layout_mode_text itself
    # (a third faster). Another pypdf takes the public call, correct but slower: after a
    # pypdf upgrade, compare that method's body with pdf._layout_mode_text, then update
    # _LAYOUT_STEPS_KNOWN.
    assert pdf._LAYOUT_STEPS_KNOWN, f"pypdf {pypdf.__version__}: re-check pdf._layout_mode_text"


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "cerd-co/CERD_C_BRA_CO_18-20.pdf",
        "guidance/DDPA_Durban_Declaration_and_Programme_of_Action_2002.pdf",
    ],
)
def test_corpus_layout_pass_gives_pypdf_layout_text(name: str) -> None:
    # The layout pass reuses the operations the plain pass extracted from: that pass must
    # leave them as they were.
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus not present")
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    for page in list(reader.pages)[:3]:
        ops = content_operations(ContentStream(page["/Contents"], reader, "bytes").get_data())
        assert ops is not None
        assert pdf._plain_text(page, ops)[0] == page.extract_text()
        assert pdf._layout_mode_text(page, ops) == page.extract_text(extraction_mode="layout")
