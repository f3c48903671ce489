"""The JSON API: shapes, filters, every error path, and the OpenAPI document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from conftest import FIXTURE_RECORDS


def get_json(client: FlaskClient, url: str, status: int = 200) -> Any:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.data[:300])
    assert resp.mimetype == "application/json"
    return resp.get_json()


def test_search_shape_is_records_md(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=quilombola&per_page=5")
    assert body["query"] == "quilombola"
    assert body["total"] == 3
    assert body["page"] == 1 and body["per_page"] == 5
    hit = next(h for h in body["hits"] if h["id"] == "cerd-c-bra-co-18-20/6")
    fields = set(FIXTURE_RECORDS[0].to_dict())
    assert fields <= set(hit)
    assert isinstance(hit["score"], float)
    assert "<mark>" in hit["snippet"]
    assert {"value": "Brazil", "count": 2} in body["facets"]["country"]


def test_search_filters_or_within_and_across(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?country=Brazil&country=Slovenia&kind=recommendation")
    ids = {h["id"] for h in body["hits"]}
    expected = {
        r.id
        for r in FIXTURE_RECORDS
        if r.country in ("Brazil", "Slovenia") and r.kind == "recommendation"
    }
    assert ids == expected
    assert body["filters"] == {"country": ["Brazil", "Slovenia"], "kind": ["recommendation"]}


def test_search_snippet_escapes_document_markup(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=slogan")
    snippet = body["hits"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_record_by_id_with_citations(client: FlaskClient) -> None:
    body = get_json(client, "/api/records/cerd-c-bra-co-18-20/6")
    assert body["id"] == "cerd-c-bra-co-18-20/6"
    assert body["citation"] == "CERD/C/BRA/CO/18-20, para. 6"
    assert body["permalink"] == "http://localhost/r/cerd-c-bra-co-18-20/6"
    assert set(body["citations"]) == {"plain", "un", "oscola", "bluebook", "bibtex", "ris"}
    assert body["articles"] == ["ICERD 1", "ICERD 5"]


@pytest.mark.parametrize(
    "doc", ["cerd-c-svn-co-8-11", "cerd-co/CERD_C_SVN_CO_8-11.pdf"], ids=["key", "source"]
)
def test_document_with_records(client: FlaskClient, doc: str) -> None:
    body = get_json(client, f"/api/documents/{doc}")
    assert body["key"] == "cerd-c-svn-co-8-11"
    assert body["symbol"] == "CERD/C/SVN/CO/8-11"
    assert body["total"] == 2
    assert [r["number"] for r in body["records"]] == ["12", "13"]


def test_facets_all_and_limited(client: FlaskClient) -> None:
    body = get_json(client, "/api/facets")
    assert body["total"] == len(FIXTURE_RECORDS)
    gnr = {f["value"]: f["count"] for f in body["facets"]["gnr"]}
    assert gnr["8"] == 2 and gnr["1"] == 2
    top = get_json(client, "/api/facets?facet_limit=1")
    assert all(len(values) <= 1 for values in top["facets"].values())
    assert "hits" not in top


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/api/records/no-such/1", 404, "no record"),
        ("/api/records/%00", 404, "no record"),
        ("/api/documents/no-such-doc", 404, "no document"),
        ("/api/documents/../../etc/passwd", 404, "no document"),
        ("/api/search?page=0", 400, "page"),
        ("/api/search?page=99999999999", 400, "page"),
        ("/api/search?per_page=-1", 400, "per_page"),
        ("/api/search?sort=random", 400, "sort"),
        ("/api/search?q=" + "x" * 10_240, 400, "too long"),
        ("/api/facets?facet_limit=-3", 400, "facet_limit"),
        ("/api/facets?facet_limit=many", 400, "facet_limit"),
        ("/api/nothing-here", 404, "not found"),
    ],
    ids=[
        "record-missing",
        "record-nul",
        "doc-missing",
        "doc-traversal",
        "page-zero",
        "page-huge",
        "per-page-negative",
        "bad-sort",
        "query-10kB",
        "facet-limit-negative",
        "facet-limit-text",
        "unknown-path",
    ],
)
def test_errors_are_json(client: FlaskClient, url: str, status: int, fragment: str) -> None:
    body = get_json(client, url, status)
    assert set(body) == {"error"}
    assert fragment in body["error"].lower()


def test_wrong_method_is_json_405(client: FlaskClient) -> None:
    resp = client.post("/api/search")
    assert resp.status_code == 405
    assert set(resp.get_json()) == {"error"}


@pytest.mark.parametrize(
    "url",
    ["/api/search?q=%ff%fe", "/api/search?q=a%00b", "/api/search?q=((", "/api/search?q=-"],
    ids=["bad-utf8", "nul", "parens", "lone-minus"],
)
def test_odd_queries_still_answer(client: FlaskClient, url: str) -> None:
    body = get_json(client, url)
    assert isinstance(body["total"], int)


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        out = [node["$ref"]] if "$ref" in node else []
        for value in node.values():
            out.extend(_refs(value))
        return out
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


def test_openapi_document(client: FlaskClient) -> None:
    doc = get_json(client, "/api/openapi.json")
    assert doc["openapi"].startswith("3.")
    assert doc["servers"] == [{"url": "http://localhost"}]
    assert set(doc["paths"]) == {
        "/api/search",
        "/api/facets",
        "/api/records/{id}",
        "/api/documents/{doc}",
    }
    for ref in _refs(doc):
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        assert node, ref
    params = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "sort", "page", "per_page", "country", "articles", "gnr"} <= params
    record_props = set(doc["components"]["schemas"]["Record"]["properties"])
    assert set(FIXTURE_RECORDS[0].to_dict()) - {"session", "date", "order"} <= record_props


def test_openapi_paths_are_served(client: FlaskClient) -> None:
    doc = get_json(client, "/api/openapi.json")
    examples = {
        "/api/search": "/api/search",
        "/api/facets": "/api/facets",
        "/api/records/{id}": "/api/records/cerd-c-bra-co-18-20/6",
        "/api/documents/{doc}": "/api/documents/a-60-18",
    }
    for path in doc["paths"]:
        assert client.get(examples[path]).status_code == 200, path


def test_missing_index_is_json_503(tmp_path: Path) -> None:
    from recsearch.web import create_app

    resp = (
        create_app({"INDEX": str(tmp_path / "none"), "TESTING": True})
        .test_client()
        .get("/api/search?q=x")
    )
    assert resp.status_code == 503
    assert "recsearch ingest" in resp.get_json()["error"]
