"""PDF reading and page cleaning: small PDFs built in the test, plus loose corpus checks."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from conftest import pdf_from_streams
from recsearch.clean import clean_text, cleaners_lookup, join_hyphenated, join_lines
from recsearch.pdf import parse_pdf, pdf_pages, read_pdf
from recsearch.records import ParseError

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[tuple[str, bool]]]) -> bytes:
    """A minimal text PDF: each page a list of (line, bold) set in Helvetica."""
    streams = []
    for lines in pages:
        ops = ["BT", "14 TL", "72 760 Td"]
        for line, bold in lines:
            ops.append(f"/{'F2' if bold else 'F1'} 11 Tf ({_escape(line)}) Tj T*")
        ops.append("ET")
        streams.append("\n".join(ops).encode("latin-1"))
    return pdf_from_streams(streams)


CO_PDF = [
    [
        ("Committee on the Elimination of Racial Discrimination", False),
        ("Concluding observations on the combined first and second", True),
        ("periodic reports of Ruritania", True),
        ("1. The Committee considered the combined first and second periodic reports of", False),
        ("Ruritania,1 at its 2900th and 2901st meetings, held on 3 and 4 May 2021.", False),
        ("2. The Committee recommends that the State party adopt a comprehensive", True),
        ("anti-discrimination law.", True),
        (" 1 CERD/C/RUR/1-2.", False),
        ("United Nations CERD/C/RUR/CO/1-2", False),
        ("Distr.: General", False),
        ("20 May 2021", False),
    ],
    [
        ("CERD/C/RUR/CO/1-2", False),
        ("2", False),
        ("3. The Committee is concerned about the situation of minorities.", False),
        ("4. The Committee urges the State party to adopt special measures.", True),
        ("GE.21-07070(E)", False),
    ],
]


def test_pages_and_bold_runs() -> None:
    pdf = read_pdf(make_pdf(CO_PDF))
    assert len(pdf.pages) == 2
    assert "considered the combined" in pdf.pages[0]
    assert "urges the State party" in pdf.bold[1]
    assert "concerned" not in pdf.bold[1]


def test_parse_pdf_end_to_end() -> None:
    doc, records = parse_pdf(make_pdf(CO_PDF), "cerd-co/CERD_C_RUR_CO_1-2.pdf")
    assert doc.symbol == "CERD/C/RUR/CO/1-2"
    assert doc.doc_type == "concluding-observations"
    assert doc.year == 2021
    assert [r.number for r in records] == ["1", "2", "3", "4"]
    assert [r.kind for r in records] == ["observation", "recommendation", "observation",
                                         "recommendation"]  # fmt: skip
    assert [r.page for r in records] == [1, 1, 2, 2]
    # Footnote marker and footnote body gone; header and job number not in the text.
    assert records[0].text.endswith("Ruritania, at its 2900th and 2901st meetings, held on 3 "
                                    "and 4 May 2021.")  # fmt: skip
    assert records[1].text.endswith("comprehensive anti-discrimination law.")
    assert records[3].text == "The Committee urges the State party to adopt special measures."
    assert records[0].id == "cerd-c-rur-co-1-2/1"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body>not a pdf</body></html>", "not a PDF"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "corrupt or unreadable PDF"),
        (make_pdf([[("", False)]]), "scanned PDF with no text layer"),
    ],
    ids=["html", "truncated", "no-text-layer"],
)
def test_bad_input_gives_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as info:
        pdf_pages(data)
    assert "\n" not in str(info.value)


def test_encrypted_pdf() -> None:
    reader = pypdf.PdfReader(io.BytesIO(make_pdf(CO_PDF)))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ParseError, match="encrypted PDF"):
        pdf_pages(out.getvalue())


@pytest.mark.parametrize(
    ("page", "symbol", "expected"),
    [
        ("A/HRC/21/11\n3\n1. The Working Group held its session.", "A/HRC/21/11",
         "1. The Working Group held its session."),
        ("A/HRC/8/27\nPage 15\nII. CONCLUSIONS", "A/HRC/8/27", "II. CONCLUSIONS"),
        ("CERD/C/BRA/CO/18-20\n2\nText line.\nGE.22-27770(E)\n*2227770*\nPlease recycle",
         "CERD/C/BRA/CO/18-20", "Text line."),
        ("Text of the paragraph,1 as adopted.\nMore text.\n \n 1 CERD/C/BRA/18-20.", None,
         "Text of the paragraph, as adopted.\nMore text."),
        ("The session12 and the meetings.\nLine two.\nLine three.\n 12 CERD/C/2007/1.", None,
         "The session and the meetings.\nLine two.\nLine three."),
        ("Report of the Working Group*\nSlovenia", None, "Report of the Working Group\nSlovenia"),
        ("the inter-\nnational community", None, "the international community"),
        ("the anti-\ndiscrimination law", None, "the anti-discrimination law"),
        ("United Nations\nGeneral Assembly\nDistr.: General\n19 December 2022\nOriginal: English",
         None, ""),
        ("against women, and the\n4      GE.09-15299\ncentres were opened.", None,
         "against women, and the\ncentres were opened."),
        ("for 2021.\nUnited Nations A/HRC/WG.6/41/RUR/2\nGeneral Assembly Distr.: General\n"
         "25 August 2022", "A/HRC/WG.6/41/RUR/2", "for 2021."),
        ("1. To ratify the Convention (Spain);\nLine two.\nLine three.\n"
         "        San Marino cannot accept recommendations Nos. 5 and\n"
         "        7 above, because the law already covers them;\n"
         "2. To adopt a plan (Chile);", None,
         "1. To ratify the Convention (Spain);\nLine two.\nLine three.\n"
         " San Marino cannot accept recommendations Nos. 5 and\n"
         " 7 above, because the law already covers them;\n2. To adopt a plan (Chile);"),
        ("38. Peru underscored its achievements.\nLine two.\nLine three.\n  \n"
         " 1 https://extranet.ohchr.org/sites/upr/Sessions/16session/.", None,
         "38. Peru underscored its achievements.\nLine two.\nLine three."),
    ],
    ids=["symbol-and-page-number", "old-page-header", "job-number-barcode-recycle",
         "footnote-body-and-marker", "marker-glued-to-word", "star-marker", "hyphenation",
         "real-hyphen-kept", "masthead", "page-and-job-number-footer", "masthead-on-one-line",
         "indented-lower-case-line-is-not-a-footnote", "footnote-opening-with-a-web-address"],
)  # fmt: skip
def test_clean_page(page: str, symbol: str | None, expected: str) -> None:
    assert clean_text(page, symbol=symbol, page=2) == expected


def test_cleaners_are_named_steps() -> None:
    assert list(cleaners_lookup) == ["furniture", "footnotes", "footnote_marks", "dehyphenate",
                                     "whitespace"]  # fmt: skip
    # Steps can be chosen by name: whitespace alone leaves the header in place.
    assert clean_text("A/HRC/1/1\n3\nText", ["whitespace"]) == "A/HRC/1/1\n3\nText"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [("inter-", "national", "international"), ("self-", "determination", "self-determination"),
     ("the", "State", "the State"), ("non-", "State actors", "non-State actors")],
    ids=["hyphenation", "compound", "plain", "capital-after-hyphen"],
)  # fmt: skip
def test_join_hyphenated(left: str, right: str, expected: str) -> None:
    assert join_hyphenated(left, right) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [(["The inter-", "national  law", "applies."], "The international law applies."),
     (["self-", "determination of", "peoples"], "self-determination of peoples"),
     (["", "lead", "line"], "lead line"),
     (["a word-", "Capital"], "a word-Capital")],
    ids=["hyphenation", "compound", "empty-first-line", "capital-keeps-hyphen"],
)  # fmt: skip
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_join_lines_long_paragraph() -> None:
    # 20,000 short lines (a long table flattened into one paragraph): the old quadratic
    # join re-searched the whole paragraph for every line.
    lines = ["word-", "ing and"] * 10_000
    joined = join_lines(lines)
    assert joined.startswith("wording and wording and")
    assert joined.count("wording") == 10_000


def _corpus_pdf(name: str) -> bytes:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus not available")
    return path.read_bytes()


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "records", "recommendations", "country"),
    [
        ("cerd-co/CERD_C_BRA_CO_18-20.pdf", 70, 35, "Brazil"),
        ("upr/A_HRC_21_11.pdf", 290, 170, "Brazil"),
        ("upr/A_HRC_8_27.pdf", 100, 15, "Brazil"),
    ],
    ids=["cerd-co", "upr-second-cycle", "upr-first-cycle"],
)
def test_corpus_documents(name: str, records: int, recommendations: int, country: str) -> None:
    doc, recs = parse_pdf(_corpus_pdf(name), name)
    assert doc.country == country
    assert abs(len(recs) - records) <= 0.02 * records
    assert abs(sum(r.kind == "recommendation" for r in recs) - recommendations) <= 1


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("misc/A_HRC_WG.6_7_SVN_2_BROKEN.pdf", "corrupt or unreadable"),
        ("upr/UPR34_Slovenia_High_Commissioner_letter_SCANNED.pdf", "no text layer"),
    ],
    ids=["broken", "scanned"],
)
def test_corpus_unreadable(name: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_pdf(_corpus_pdf(name), name)
