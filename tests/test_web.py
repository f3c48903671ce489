"""Pages of the web app through Flask's test client, HTML checked by parsing it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from flask import Flask
from flask.testing import FlaskClient

from conftest import FIXTURE_RECORDS, SCRIPT_TEXT
from recsearch.engine import open_engine
from recsearch.records import Document, make_record
from recsearch.web import create_app
from recsearch.web.browse import BODY_ORDER, TREATY_ORDER, grouped
from recsearch.web.downloads import shown_inline
from recsearch.web.listing import pages_window, value_label
from recsearch.web.pages import neighbours


def soup_of(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code, resp.data[:500])
    assert resp.mimetype == "text/html"
    return BeautifulSoup(resp.data, "html.parser")


def citations(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("li.hit a.hit-cite")]


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def facet_link(soup: BeautifulSoup, facet: str, label: str) -> Tag:
    block = soup.find("section", attrs={"aria-labelledby": f"facet-{facet}"})
    assert isinstance(block, Tag), f"no facet {facet}"
    for a in block.select("a.facet-value"):
        if a.select_one(".facet-name").get_text(" ", strip=True).endswith(label):
            return a
    raise AssertionError(f"no value {label} in facet {facet}")


# ----------------------------------------------------------------------- layout


def test_home_has_landmarks_skip_link_and_labelled_search(client: FlaskClient) -> None:
    soup = soup_of(client, "/")
    skip = soup.select_one("a.skip-link")
    assert skip is not None and skip["href"] == "#main"
    assert soup.find("main", id="main") is not None
    assert soup.find("header") is not None and soup.find("footer") is not None
    assert soup.find("nav", attrs={"aria-label": "Main"}) is not None
    box = soup.find("input", id="q")
    assert soup.find("label", attrs={"for": "q"}) is not None
    assert box is not None and box["name"] == "q"
    help_link = soup.select_one("#q-help a")
    assert help_link is not None and help_link["href"] == "/help"
    assert soup.find("html")["lang"] == "en"


def test_pages_carry_csp_and_no_inline_script_or_style(client: FlaskClient) -> None:
    for url in ("/", "/r/cerd-c-bra-co-18-20/6", "/d/cerd-c-bra-co-18-20", "/browse/gnr", "/help"):
        resp = client.get(url)
        csp = resp.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        soup = BeautifulSoup(resp.data, "html.parser")
        assert all(s.get("src") for s in soup.find_all("script")), url
        assert soup.find("style") is None and soup.find(attrs={"style": True}) is None, url
        assert not soup.find_all(attrs=lambda a: a and any(k.startswith("on") for k in a)), url


def test_static_files_served(client: FlaskClient) -> None:
    for url in ("/static/style.css", "/static/app.js"):
        with client.get(url) as resp:
            assert resp.status_code == 200


# ----------------------------------------------------------------------- search


def test_search_lists_hits_with_citation_meta_badge_and_snippet(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=quilombola")
    cites = citations(soup)
    assert "CERD/C/BRA/CO/18-20, para. 6" in cites
    assert "A/HRC/53/60, para. 40" in cites
    hit = next(li for li in soup.select("li.hit") if "para. 6" in li.select_one(".hit-cite").text)
    assert hit.select_one(".hit-cite")["href"] == "/r/cerd-c-bra-co-18-20/6"
    meta = hit.select_one(".hit-meta").get_text(" ", strip=True)
    assert "Brazil" in meta and "2022" in meta and "CERD" in meta
    assert hit.select_one(".badge").get_text(strip=True) == "Recommendation"
    marks = [m.get_text() for m in hit.select(".snippet mark")]
    assert marks and all(m.lower().startswith("quilombola") for m in marks)
    total = soup.select_one("#results-heading").get_text(" ", strip=True)
    assert total.startswith(f"{len(cites)} records")


def test_tags_link_to_filtered_search(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=quilombola")
    hrefs = [a["href"] for a in soup.select("li.hit a.tag")]
    added = [query_of(h) for h in hrefs]
    assert {"q": ["quilombola"], "articles": ["ICERD 1"]} in added
    assert {"q": ["quilombola"], "general_recommendations": ["CERD GR 31"]} in added


def test_facet_counts_select_and_remove(client: FlaskClient) -> None:
    soup = soup_of(client, "/")
    brazil = facet_link(soup, "country", "Brazil")
    assert brazil.select_one(".count").get_text() == "6"  # 4 CO + 2 UPR records
    assert query_of(brazil["href"]) == {"country": ["Brazil"]}

    chosen = soup_of(client, brazil["href"])
    assert citations(chosen) and all(
        r.country == "Brazil" for r in FIXTURE_RECORDS if r.citation in citations(chosen)
    )
    chip = chosen.select_one(".chips a.chip")
    assert "Country: Brazil" in chip.get_text(" ", strip=True)
    assert chip["href"] == "/"
    selected = facet_link(chosen, "country", "Brazil")
    assert "selected" in selected["class"] and selected["aria-current"] == "true"
    assert selected["href"] == "/"  # clicking a selected value removes it


def test_several_values_in_one_facet_are_or(client: FlaskClient) -> None:
    both = soup_of(client, "/?country=Brazil&country=Slovenia&per_page=50")
    assert len(citations(both)) == 8
    assert len(both.select(".chips a.chip:not(.chip-clear)")) == 2


def test_facet_links_keep_query_filters_and_sort(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=racial+discrimination&country=Brazil&sort=newest")
    link = facet_link(soup, "kind", "Recommendation")
    assert query_of(link["href"]) == {
        "q": ["racial discrimination"],
        "country": ["Brazil"],
        "sort": ["newest"],
        "kind": ["recommendation"],
    }
    assert link["href"].startswith("/?q=racial+discrimination&")


def test_facet_more_holds_the_rest(app: Flask, client: FlaskClient) -> None:
    app.config["FACET_TOP"] = 2
    soup = soup_of(client, "/")
    block = soup.find("section", attrs={"aria-labelledby": "facet-themes"})
    assert len(block.select(":scope > ul a.facet-value")) == 2
    more = block.select_one("details.facet-more")
    assert more.find("summary").get_text(" ", strip=True).startswith("more…")
    assert more.select("a.facet-value")


def test_sort_and_pagination_keep_the_state(client: FlaskClient) -> None:
    soup = soup_of(client, "/?country=Brazil&sort=newest&per_page=2")
    assert soup.select_one("#sort option[selected]")["value"] == "newest"
    years = [
        int(li.select_one(".hit-meta").get_text(" ", strip=True).split("·")[2])
        for li in soup.select("li.hit")
    ]
    assert years == sorted(years, reverse=True)
    nav = soup.find("nav", attrs={"aria-label": "Pages"})
    links = {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}
    assert set(links) >= {"1", "2", "3", "Next →"}
    nxt = query_of(links["Next →"])
    assert nxt == {"country": ["Brazil"], "sort": ["newest"], "per_page": ["2"], "page": ["2"]}
    page2 = soup_of(client, links["Next →"])
    assert set(citations(page2)).isdisjoint(citations(soup))
    assert page2.select_one("ol.hits")["start"] == "3"


def test_sort_form_carries_query_and_filters(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=roma&themes=Roma")
    form = soup.select_one("form.sort-form")
    hidden = {(i["name"], i["value"]) for i in form.select("input[type=hidden]")}
    assert hidden == {("q", "roma"), ("themes", "Roma")}
    assert soup.find("label", attrs={"for": "sort"}) is not None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/?q=racial+profiling", ["A/60/18, para. 2"]),
        ('/?q="safe+drinking+water"', ["CERD/C/SVN/CO/8-11, para. 12"]),
        ("/?q=roma+-segregated", ["CERD/C/SVN/CO/8-11, para. 12"]),
        (
            "/?q=gnr:8",
            [
                "Action Plan: Implementation of the Guidance Note of the Secretary-General"
                " on Racial Discrimination and Protection of Minorities, para. a",
                "Action Plan: Implementation of the Guidance Note of the Secretary-General"
                " on Racial Discrimination and Protection of Minorities, para. h",
            ],
        ),
        (
            "/?q=year:2005..2012+kind:recommendation&sort=document",
            [
                "A/60/18, para. 1",
                "A/60/18, para. 2",
                "A/HRC/21/11, para. 119.1",
                "A/HRC/21/11, para. 119.2",
            ],
        ),
    ],
    ids=["words", "phrase", "not", "gnr-field", "year-range-kind"],
)
def test_query_language_through_the_page(
    client: FlaskClient, url: str, expected: list[str]
) -> None:
    # search() may append partial matches after the full ones: the top hits must be these.
    assert sorted(citations(soup_of(client, url))[: len(expected)]) == sorted(expected)


def test_empty_result_helps(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=quilombola&country=Slovenia")
    assert citations(soup) == []
    empty = soup.select_one("div.empty")
    drop = [a for a in empty.find_all("a") if a.get_text().startswith("Drop the filter")]
    assert len(drop) == 1 and query_of(drop[0]["href"]) == {"q": ["quilombola"]}
    assert "spelling" in empty.get_text()
    assert empty.find("a", href="/help") is not None


@pytest.mark.parametrize(
    ("url", "suggested"),
    [("/?q=quilombolla", "quilombola"), ("/?q=discriminaton&country=Brazil", "discrimination")],
    ids=["one-word", "with-filter"],
)
def test_did_you_mean_shows_suggestion_results(
    client: FlaskClient, url: str, suggested: str
) -> None:
    soup = soup_of(client, url)
    note = soup.select_one("p.suggestion")
    link = note.find("a")
    assert link.get_text() == suggested
    expected = query_of(url)
    expected["q"] = [suggested]
    assert query_of(link["href"]) == expected
    assert citations(soup)
    heading = soup.select_one("#results-heading").get_text(" ", strip=True)
    assert heading.endswith(f"for “{suggested}”")


def test_repaired_query_is_explained(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=(((")
    assert soup.select_one("p.note").get_text(strip=True)


def test_exports_linked_from_results(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=roma")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("p.exports a")}
    assert set(links) == {"CSV", "JSON", "BibTeX", "RIS"}
    assert urlsplit(links["CSV"]).path == "/export.csv"
    assert query_of(links["RIS"]) == {"q": ["roma"]}


# ------------------------------------------------------------ hostile content


def test_document_markup_is_shown_as_text(client: FlaskClient) -> None:
    for url in (
        "/?q=slogan",
        "/r/cerd-c-bra-co-18-20/7",
        "/d/cerd-c-bra-co-18-20",
        "/r/cerd-c-bra-co-18-20/6",
    ):
        soup = soup_of(client, url)
        assert [s["src"] for s in soup.find_all("script")] == ["/static/app.js"], url
        assert soup.find("b") is None, url
    record = soup_of(client, "/r/cerd-c-bra-co-18-20/7")
    assert record.select_one(".record-text p").get_text() == SCRIPT_TEXT


def test_query_is_escaped_back(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert [s["src"] for s in soup.find_all("script")] == ["/static/app.js"]
    assert soup.find("input", id="q")["value"] == "<script>alert(1)</script>"


# ----------------------------------------------------------------------- record


def test_record_page_text_context_tags_and_cite_box(client: FlaskClient) -> None:
    soup = soup_of(client, "/r/cerd-c-bra-co-18-20/6")
    assert soup.find("h1").get_text(" ", strip=True).startswith("CERD/C/BRA/CO/18-20, para. 6")
    crumbs = [t.get_text(strip=True) for t in soup.select("nav.breadcrumb > *")]
    assert "Demographic data" in crumbs and "C. Concerns and recommendations" in crumbs
    assert soup.select_one(".context-before a")["href"] == "/r/cerd-c-bra-co-18-20/5"
    assert soup.select_one(".context-after a")["href"] == "/r/cerd-c-bra-co-18-20/7"
    tags = {a.get_text(strip=True): query_of(a["href"]) for a in soup.select(".tag-list a.tag")}
    assert tags["ICERD 5"] == {"articles": ["ICERD 5"]}
    assert tags["Data collection"] == {"themes": ["Data collection"]}
    boxes = {t["id"]: t.get_text() for t in soup.select(".cite-box textarea")}
    assert set(boxes) == {
        f"cite-{k}" for k in ("plain", "un", "oscola", "bluebook", "bibtex", "ris")
    }
    assert boxes["cite-plain"] == "CERD/C/BRA/CO/18-20, para. 6"
    assert boxes["cite-un"].startswith("Committee on the Elimination of Racial Discrimination,")
    assert "UR  - http://localhost/r/cerd-c-bra-co-18-20/6" in boxes["cite-ris"]
    for area in soup.select(".cite-box textarea"):
        assert area.has_attr("readonly")
        assert soup.find("label", attrs={"for": area["id"]}) is not None
    copy = soup.select("button.copy")
    assert len(copy) == 6 and all(b["data-copy"].startswith("cite-") for b in copy)


def test_record_cited_by(client: FlaskClient) -> None:
    soup = soup_of(client, "/r/cerd-c-bra-co-18-20/6")
    section = soup.find("section", attrs={"aria-labelledby": "citedby-h"})
    assert [a["href"] for a in section.find_all("a")] == ["/r/a-hrc-53-60/40"]


def test_record_cites_link_when_indexed(client: FlaskClient) -> None:
    soup = soup_of(client, "/r/a-hrc-53-60/40")
    section = soup.find("section", attrs={"aria-labelledby": "cites-h"})
    link, records = section.find_all("a")
    assert link.get_text() == "CERD/C/BRA/CO/18-20 para. 6"
    assert link["href"] == "/d/cerd-c-bra-co-18-20#6"
    assert query_of(records["href"]) == {"symbol": ["CERD/C/BRA/CO/18-20"]}
    assert len(citations(soup_of(client, records["href"]))) == 4
    other = soup_of(client, "/r/cerd-c-bra-co-18-20/8")
    section = other.find("section", attrs={"aria-labelledby": "cites-h"})
    assert section.find("a") is None
    assert "CERD/C/BRA/CO/14-17 para. 12" in section.get_text()
    assert "not in this index" in section.get_text()


def test_record_without_symbol_or_neighbours(client: FlaskClient) -> None:
    soup = soup_of(client, "/r/seeds-002-action-plan/a")
    assert soup.select_one(".context-before") is None
    assert soup.select_one(".context-after a")["href"] == "/r/seeds-002-action-plan/b"
    gnr = [a.get_text(strip=True) for a in soup.select(".tag-list a.tag-gnr")]
    assert gnr == ["GNR 1", "GNR 2", "GNR 8", "GNR 10"]


# --------------------------------------------------------------------- document


@pytest.mark.parametrize(
    "doc", ["cerd-c-bra-co-18-20", "cerd-co/CERD_C_BRA_CO_18-20.pdf"], ids=["key", "source"]
)
def test_document_page(client: FlaskClient, doc: str) -> None:
    soup = soup_of(client, f"/d/{doc}")
    assert soup.find("h1").get_text(strip=True).startswith("Concluding observations")
    assert [d["id"] for d in soup.select(".doc-para")] == ["5", "6", "7", "8"]
    outline = [a.get_text(strip=True) for a in soup.select("nav.outline a")]
    assert outline == [
        "B. Positive aspects",
        "C. Concerns and recommendations",
        "Demographic data",
        "Hate speech",
        "Quilombola land",
    ]
    assert soup.select_one("nav.outline a")["href"] == "#5"
    headings = [h.get_text(strip=True) for h in soup.select("h3.doc-heading")]
    assert headings == outline
    meta = {dt.get_text(): dt.find_next("dd") for dt in soup.select(".doc-meta dt")}
    assert meta["Symbol"].get_text() == "CERD/C/BRA/CO/18-20"
    assert meta["Source file"].find("a")["href"] == "/source/cerd-co/CERD_C_BRA_CO_18-20.pdf"


def test_source_file_served(client: FlaskClient) -> None:
    with client.get("/source/cerd-co/CERD_C_BRA_CO_18-20.pdf") as resp:
        assert resp.status_code == 200
        assert b"fixture source file" in resp.data
        assert not resp.headers.get("Content-Disposition", "").startswith("attachment")
    with client.get("/source/seeds/002_action_plan.txt") as resp:
        assert resp.status_code == 200
        assert resp.headers["Content-Security-Policy"].startswith("sandbox")


@pytest.mark.parametrize(
    ("name", "inline"),
    [
        ("a.pdf", True),
        ("b.TXT", True),
        ("c.json", True),
        ("d.html", False),
        ("e.htm", False),
        ("f.svg", False),
        ("g.docx", False),
        ("h.doc", False),
        ("noext", False),
    ],
    ids=["pdf", "txt-upper", "json", "html", "htm", "svg", "docx", "doc", "no-suffix"],
)
def test_source_files_that_could_run_are_downloaded(name: str, inline: bool) -> None:
    assert shown_inline(Path(name)) is inline


@pytest.mark.parametrize(
    "url",
    [
        "/source/../outside.txt",
        "/source/cerd-co/../../outside.txt",
        "/source/%2e%2e/outside.txt",
        "/source/..%2foutside.txt",
        "/source//etc/passwd",
        "/source/cerd-co/not-indexed.pdf",
        "/d/../../etc/passwd",
        "/d/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/r/../../etc/passwd",
        "/r/cerd-c-bra-co-18-20/99",
        "/d/no-such-doc",
    ],
    ids=[
        "dotdot",
        "inner-dotdot",
        "encoded",
        "encoded-slash",
        "absolute",
        "not-indexed",
        "doc-dotdot",
        "doc-encoded",
        "record-dotdot",
        "missing-record",
        "missing-doc",
    ],
)
def test_no_path_traversal_and_404s(client: FlaskClient, url: str) -> None:
    resp = client.get(url, follow_redirects=True)  # '//' is merged by a redirect first
    assert resp.status_code == 404, url
    assert b"secret outside" not in resp.data and b"root:" not in resp.data
    if resp.mimetype == "text/html":
        soup = BeautifulSoup(resp.data, "html.parser")
        assert soup.find("h1").get_text(" ", strip=True).startswith("Not Found")


# ----------------------------------------------------------------------- browse


def test_browse_index(client: FlaskClient) -> None:
    soup = soup_of(client, "/browse")
    hrefs = {a["href"] for a in soup.select("ul.browse-list a")}
    assert hrefs == {
        "/browse/gnr",
        "/browse/articles",
        "/browse/gr",
        "/browse/themes",
        "/browse/countries",
    }


def test_browse_gnr_counts_and_links(client: FlaskClient) -> None:
    soup = soup_of(client, "/browse/gnr")
    rows = {
        tr.th.get_text(strip=True): (tr.td.get_text(strip=True), tr.th.find("a"))
        for tr in soup.select("table.counts tbody tr")
    }
    assert list(rows) == [f"GNR {n}" for n in range(1, 20)]
    assert rows["GNR 8"][0] == "2" and rows["GNR 8"][1]["href"] == "/browse/gnr/8"
    assert rows["GNR 1"][0] == "2"
    assert rows["GNR 19"] == ("0", None)


def test_browse_gnr_8_lists_action_plan_activities(client: FlaskClient) -> None:
    soup = soup_of(client, "/browse/gnr/8")
    assert soup.find("h1").get_text() == "GNR 8"
    assert [a["href"] for a in soup.select("li.hit a.hit-cite")] == [
        "/r/seeds-002-action-plan/a",
        "/r/seeds-002-action-plan/h",
    ]


@pytest.mark.parametrize("n", ["0", "20", "x"], ids=["zero", "twenty", "not-a-number"])
def test_browse_gnr_out_of_range(client: FlaskClient, n: str) -> None:
    assert client.get(f"/browse/gnr/{n}").status_code == 404


def test_browse_articles_grouped_by_treaty(client: FlaskClient) -> None:
    soup = soup_of(client, "/browse/articles")
    groups = {s.find("h2").get_text(): s for s in soup.select("section.facet-group")}
    assert list(groups) == ["ICERD"]
    values = {
        li.a.get_text(): (li.select_one(".count").get_text(), query_of(li.a["href"]))
        for li in groups["ICERD"].select("li")
    }
    # Hierarchical: ICERD 5 counts 5(e)(iii) too.
    assert values["ICERD 5"] == ("3", {"articles": ["ICERD 5"]})
    assert values["ICERD 5(e)(iii)"][0] == "1"
    order = list(values)
    assert order.index("ICERD 1") < order.index("ICERD 5") < order.index("ICERD 5(e)")


def test_browse_gr_and_its_records(client: FlaskClient) -> None:
    soup = soup_of(client, "/browse/gr")
    link = soup.select_one("section.facet-group li a")
    assert link.get_text() == "CERD GR 31"
    page = soup_of(client, link["href"])
    assert citations(page) == ["CERD/C/BRA/CO/18-20, para. 8"]


@pytest.mark.parametrize(
    ("url", "value", "count", "param"),
    [
        ("/browse/themes", "Racial discrimination", "4", "themes"),
        ("/browse/countries", "Slovenia", "2", "country"),
    ],
    ids=["themes", "countries"],
)
def test_browse_value_lists(
    client: FlaskClient, url: str, value: str, count: str, param: str
) -> None:
    soup = soup_of(client, url)
    items = {li.a.get_text(): li for li in soup.select("ul.value-grid li")}
    assert items[value].select_one(".count").get_text() == count
    assert query_of(items[value].a["href"]) == {param: [value]}


def test_help_examples_are_links(client: FlaskClient) -> None:
    soup = soup_of(client, "/help")
    examples = {a.get_text(): a["href"] for a in soup.select(".help-table td a")}
    for form in (
        '"people of African descent"',
        "Roma OR Sinti",
        "discriminat*",
        "year:2010..2015",
        "gnr:8",
        'article:"ICERD 5"',
        "country:Brazil",
        "kind:recommendation",
        "hate speech -internet",
        "(Roma OR Sinti) education",
    ):
        assert form in examples
        assert query_of(examples[form]) == {"q": [form]}
    for url in examples.values():
        assert client.get(url).status_code == 200


# ----------------------------------------------------------------------- export


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_csv_all_hits_streamed_in_pages(index_dir: object) -> None:
    app = create_app({"INDEX": str(index_dir), "TESTING": True, "EXPORT_PAGE": 2})
    client = app.test_client()
    resp = client.get("/export.csv?country=Brazil&country=Slovenia&sort=document")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    assert resp.mimetype == "text/csv"
    rows = _csv_rows(resp.data)
    assert len(rows) == 8
    assert len({r["id"] for r in rows}) == 8
    assert rows[0]["permalink"].startswith("http://localhost/r/")
    assert rows[0]["search_filters"] == "country=Brazil; country=Slovenia"
    assert rows[0]["index_version"]
    app.extensions["recsearch.engine"].close()


@pytest.mark.parametrize(
    ("fmt", "count"),
    [("json", None), ("bib", "@misc{"), ("ris", "TY  - ")],
    ids=["json", "bibtex", "ris"],
)
def test_export_other_formats(client: FlaskClient, fmt: str, count: str | None) -> None:
    resp = client.get(f"/export.{fmt}?q=roma")
    assert resp.status_code == 200
    text = resp.data.decode("utf-8")
    if fmt == "json":
        doc = json.loads(text)
        assert doc["query"] == "roma" and doc["total"] == 2 and len(doc["records"]) == 2
        assert doc["index_version"]
        assert doc["records"][0]["permalink"].startswith("http://localhost/r/cerd-c-svn-co-8-11/")
    else:
        assert text.count(count or "") == 2


@pytest.mark.parametrize(
    ("params", "typed", "run"),
    [
        ("q=quilombolla", "quilombolla", "quilombola"),
        ("q=discriminaton&country=Brazil", "discriminaton", "discrimination"),
        ("q=roma", "roma", "roma"),
    ],
    ids=["suggestion-one-word", "suggestion-with-filter", "as-typed"],
)
def test_export_records_the_query_as_run(
    client: FlaskClient, params: str, typed: str, run: str
) -> None:
    doc = json.loads(client.get(f"/export.json?{params}").data)
    assert doc["query"] == typed
    assert doc["understood"] == run
    # The export holds what the page showed: the records of the query as run.
    shown = client.get(f"/api/search?{params}&per_page=100").get_json()
    assert shown["understood"] == run
    assert [r["id"] for r in doc["records"]] == [h["id"] for h in shown["hits"]]
    assert doc["total"] == shown["total"] == len(doc["records"]) > 0


def test_export_of_empty_search(client: FlaskClient) -> None:
    rows = _csv_rows(client.get("/export.csv?q=zzzyyyxxx").data)
    assert rows == []


# ----------------------------------------------------------------- bad input


LONG = "a" * 10_240


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/?q={LONG}", 400),
        ("/?q=land%00rights", 200),
        ("/?q=%01%02%1b%7f", 200),
        ("/?q=%ff%fe%c3", 200),
        ("/?q=%E2%28%A1", 200),
        ("/?q=(((", 200),
        ('/?q="unbalanced', 200),
        ("/?q=country:", 200),
        ("/?q=year:abc..", 200),
        ("/?q=*", 200),
        ("/?q=AND+OR+NOT", 200),
        ("/?page=99999999999999", 400),
        ("/?page=1000", 200),
        ("/?page=-1", 400),
        ("/?page=abc", 400),
        ("/?per_page=-5", 400),
        ("/?per_page=0", 400),
        ("/?per_page=100000", 400),
        ("/?sort=bogus", 400),
        (f"/?country={LONG}", 200),
        ("/?country=%00", 200),
        ("/?" + "&".join(f"country=c{i}" for i in range(60)), 400),
        ("/r/%00", 404),
        ("/d/%ff%fe", 404),
        ("/browse/gr/%00", 200),
        (f"/export.csv?q={LONG}", 400),
        ("/export.csv?page=-1", 400),
    ],
    ids=[
        "10kB-query",
        "nul",
        "control",
        "bad-utf8",
        "bad-utf8-2",
        "parens",
        "quote",
        "empty-field",
        "bad-range",
        "star",
        "operators",
        "huge-page",
        "last-page",
        "negative-page",
        "text-page",
        "negative-per-page",
        "zero-per-page",
        "huge-per-page",
        "bad-sort",
        "10kB-filter",
        "nul-filter",
        "too-many-values",
        "record-nul",
        "doc-bad-utf8",
        "gr-nul",
        "export-long",
        "export-bad-page",
    ],
)
def test_bad_input_gets_a_page_or_4xx(client: FlaskClient, url: str, status: int) -> None:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.data[:300])
    body = resp.data.decode("utf-8", "replace")
    assert "Traceback" not in body
    if resp.mimetype == "text/html":
        soup = BeautifulSoup(resp.data, "html.parser")
        assert soup.find("main") is not None
        if status == 400:
            assert soup.select_one(".error-message").get_text(strip=True)


def test_unknown_page_and_method(client: FlaskClient) -> None:
    soup = soup_of(client, "/nope", 404)
    assert soup.find("a", href="/") is not None
    assert client.post("/").status_code == 405


def test_missing_index_is_a_clear_503(tmp_path: object) -> None:
    app = create_app({"INDEX": str(tmp_path), "TESTING": True})
    resp = app.test_client().get("/")
    assert resp.status_code == 503
    soup = BeautifulSoup(resp.data, "html.parser")
    assert "recsearch ingest" in soup.select_one(".error-message").get_text()


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 10, [1, 2, 3, None, 10]),
        (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
        (12, 12, [1, None, 10, 11, 12]),
    ],
    ids=["single", "start", "middle", "end"],
)
def test_pages_window(current: int, last: int, expected: list[int | None]) -> None:
    assert pages_window(current, last) == expected


# ------------------------------------------------------- the other engine


@pytest.fixture(scope="module")
def tantivy_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """The same pages over a tantivy index: the engine is chosen by the index folder."""
    from conftest import FIXTURE_DOCS
    from recsearch.engine import open_engine

    index = tmp_path_factory.mktemp("tantivy") / "index"
    eng = open_engine(index, engine="tantivy", create=True)
    try:
        eng.replace_sources((d.source, f"fp-{d.key}", recs) for d, recs in FIXTURE_DOCS)
    finally:
        eng.close()
    app = create_app({"INDEX": str(index), "TESTING": True})
    yield app.test_client()
    app.extensions["recsearch.engine"].close()


@pytest.mark.parametrize(
    ("url", "selector", "expected"),
    [
        ("/?q=quilombola&country=Brazil", "li.hit a.hit-cite", "CERD/C/BRA/CO/18-20, para. 6"),
        ("/browse/gnr/8", "li.hit a.hit-cite", "Action Plan: Implementation"),
        ("/r/cerd-c-bra-co-18-20/6", "section[aria-labelledby=citedby-h] a", "A/HRC/53/60"),
        ("/d/cerd-c-bra-co-18-20", ".doc-para a.para-link", "5"),
        ("/browse/articles", "ul.value-grid a", "ICERD 1"),
    ],
    ids=["search", "gnr-8", "cited-by", "document", "articles"],
)
def test_pages_over_tantivy(
    tantivy_client: FlaskClient, url: str, selector: str, expected: str
) -> None:
    soup = soup_of(tantivy_client, url)
    assert soup.select_one(selector).get_text(strip=True).startswith(expected)


# -------------------------------------------------------------- configuration


def test_production_config_from_environment(
    index_dir: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.py"
    settings.write_text("PER_PAGE = 3\n", encoding="utf-8")
    monkeypatch.setenv("RECSEARCH_INDEX", str(index_dir))
    monkeypatch.setenv("RECSEARCH_SETTINGS", str(settings))
    app = create_app()
    assert app.config["INDEX"] == str(index_dir)
    soup = soup_of(app.test_client(), "/?country=Brazil")
    assert len(citations(soup)) == 3
    app.extensions["recsearch.engine"].close()


@pytest.mark.parametrize(
    ("name", "value", "label"),
    [
        ("doc_type", "upr-report", "UPR report"),
        ("doc_type", "concluding-observations", "Concluding observations"),
        ("doc_type", "new-kind-of-doc", "New kind of doc"),
        ("gnr", 8, "GNR 8"),
        ("kind", "recommendation", "Recommendation"),
        ("country", "Türkiye", "Türkiye"),
    ],
    ids=["upr", "co", "unknown-type", "gnr", "kind", "country"],
)
def test_value_labels(name: str, value: object, label: str) -> None:
    assert value_label(name, value) == label


@pytest.mark.parametrize(
    ("values", "order", "expected"),
    [
        (
            [("CAT 2", 1), ("ICERD 5(e)", 2), ("ICERD 14", 1), ("ICERD 5", 4), ("CEDAW 2", 3)],
            TREATY_ORDER,
            [
                ("ICERD", ["ICERD 5", "ICERD 5(e)", "ICERD 14"]),
                ("CEDAW", ["CEDAW 2"]),
                ("CAT", ["CAT 2"]),
            ],
        ),
        (
            [("CESCR GC 20", 1), ("CERD GR 35", 1), ("CERD GR 4", 1), ("XYZ GC 1", 1)],
            BODY_ORDER,
            [
                ("CERD", ["CERD GR 4", "CERD GR 35"]),
                ("CESCR", ["CESCR GC 20"]),
                ("XYZ", ["XYZ GC 1"]),
            ],
        ),
    ],
    ids=["treaties-natural-order", "bodies-unknown-last"],
)
def test_grouped(
    values: list[tuple[str, int]], order: tuple[str, ...], expected: list[tuple[str, list[str]]]
) -> None:
    got = [(name, [v for v, _ in items]) for name, items in grouped(values, order)]
    assert got == expected


@pytest.mark.parametrize(
    "orders",
    [[0, 1, 2, 3], [1, 2, 3, 4], [0, 3, 7, 8]],
    ids=["numbered-from-0", "numbered-from-1", "numbering-with-gaps"],
)
def test_record_neighbours(tmp_path: Path, orders: list[int]) -> None:
    doc = Document(
        key="d", source="d.pdf", symbol=None, title="D", doc_type="other", body=None,
        country=None, year=2020,
    )  # fmt: skip
    recs = [
        make_record(doc, number=str(n + 1), text=f"paragraph {n}", index=order)
        for n, order in enumerate(orders)
    ]
    eng = open_engine(tmp_path, engine="whoosh", create=True)
    try:
        eng.replace_sources([("d.pdf", "fp", recs)])
        ids = [r.id for r in recs]
        for i, rec in enumerate(recs):
            before, after = neighbours(eng, rec)
            assert (before.id if before else None) == (ids[i - 1] if i else None)
            assert (after.id if after else None) == (ids[i + 1] if i + 1 < len(ids) else None)
    finally:
        eng.close()
