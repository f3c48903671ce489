"""HTML pages: navigation, scripts and footers stripped; numbered paragraphs and lists kept."""

from __future__ import annotations

import pytest

from recsearch.webpage import html_blocks, parse_html

PAGE = """<html><head><title>T</title><script>var x = "1. not content";</script>
<style>p {color: red}</style></head><body>
<nav><ul><li>Home</li><li>Treaty bodies</li></ul></nav>
<div id="breadcrumbs">Home / News</div>
<main><h1>Statement on hate speech</h1>
<p>1. The Committee is alarmed by racist hate speech online.</p>
<ol><li>Adopt a law against hate speech;</li><li>Train prosecutors.</li></ol>
<div class="social-share">Share on Facebook</div></main>
<footer>© United Nations</footer></body></html>"""


@pytest.mark.parametrize(
    "junk",
    ["not content", "Treaty bodies", "Home / News", "Share on Facebook", "United Nations", "red"],
    ids=["script", "nav", "breadcrumb", "share-bar", "footer", "style"],
)
def test_chrome_is_dropped(junk: str) -> None:
    _, blocks = html_blocks(PAGE)
    assert not any(junk in b for b in blocks)


def test_blocks_keep_content_and_list_numbers() -> None:
    title, blocks = html_blocks(PAGE)
    assert title == "Statement on hate speech"
    assert blocks == [
        "Statement on hate speech",
        "1. The Committee is alarmed by racist hate speech online.",
        "1. Adopt a law against hate speech;",
        "2. Train prosecutors.",
    ]


def test_parse_html_numbered_paragraphs() -> None:
    html = (
        b"<html><body><h1>Report</h1><p>1. First paragraph of the report.</p>"
        b"<p>2. Second paragraph of the report.</p></body></html>"
    )
    _, records, _ = parse_html(html, "page.html")
    assert [(r.number, r.text) for r in records] == [
        ("1", "First paragraph of the report."),
        ("2", "Second paragraph of the report."),
    ]


def test_latin1_page_decodes() -> None:
    html = (
        "<html><body><h1>Côte</h1><p>Rapport sur la Côte d’Ivoire et la région.</p></body></html>"
    )
    _, records, _ = parse_html(html.encode("cp1252"), "page.html")
    assert "Côte d’Ivoire" in records[0].text


UN_DOC = b"""<html><head><title>CERD/C/USA/CO/10-12</title></head><body><nav>Menu</nav><main>
<p>United Nations</p><p>CERD/C/USA/CO/10-12</p>
<p>Committee on the Elimination of Racial Discrimination</p>
<p>Concluding observations on the combined tenth to twelfth periodic reports of the United
States of America</p>
<h2>C. Concerns and recommendations</h2>
<p>1. The Committee considered the reports of the United States of America.</p>
<p>2. The Committee recommends that the State party adopt a national action plan.</p>
</main></body></html>"""


def test_un_document_page_uses_the_segmenter() -> None:
    pytest.importorskip("recsearch.segment")
    doc, records, _ = parse_html(UN_DOC, "cerd/usa.html")
    assert (doc.symbol, doc.body) == ("CERD/C/USA/CO/10-12", "CERD")
    assert [(r.number, r.page) for r in records] == [("1", None), ("2", None)]
    assert records[0].id == "cerd-c-usa-co-10-12/1"
