"""Shared fixtures: a small on-disk index built from invented records, and the Flask app over it.

The records paraphrase the forms found in the corpus (a CERD concluding observation, a
general recommendation, a UPR report, the Guidance Note action plan with "(GNR 1, 2, 8)"
marks, a special-procedure report that cites a CO paragraph) and carry hostile text
(markup, a script tag) so escaping is tested on every page that shows document text.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from recsearch.engine import Engine, open_engine
from recsearch.records import Document, Record, make_record, unique_ids

SCRIPT_TEXT = 'A submission quoted the slogan <script>alert("x")</script> & <b>bold</b> markup.'

BRA = Document(
    key="cerd-c-bra-co-18-20",
    source="cerd-co/CERD_C_BRA_CO_18-20.pdf",
    symbol="CERD/C/BRA/CO/18-20",
    title="Concluding observations on the combined eighteenth to twentieth periodic reports of "
    "Brazil",
    doc_type="concluding-observations",
    body="CERD",
    country="Brazil",
    year=2022,
    date="2022-12-19",
)
SVN = Document(
    key="cerd-c-svn-co-8-11",
    source="cerd-co/CERD_C_SVN_CO_8-11.pdf",
    symbol="CERD/C/SVN/CO/8-11",
    title="Concluding observations on the eighth to eleventh periodic reports of Slovenia",
    doc_type="concluding-observations",
    body="CERD",
    country="Slovenia",
    year=2016,
)
GR31 = Document(
    key="a-60-18",
    source="cerd-gr/CERD_GR31_A_60_18.json",
    symbol="A/60/18",
    title="General recommendation XXXI on the prevention of racial discrimination in the "
    "administration and functioning of the criminal justice system",
    doc_type="general-recommendation",
    body="CERD",
    year=2005,
)
UPR = Document(
    key="a-hrc-21-11",
    source="upr/A_HRC_21_11.pdf",
    symbol="A/HRC/21/11",
    title="Report of the Working Group on the Universal Periodic Review: Brazil",
    doc_type="upr-report",
    body="UPR Working Group",
    country="Brazil",
    year=2012,
)
PLAN = Document(
    key="seeds-002-action-plan",
    source="seeds/002_action_plan.txt",
    title="Action Plan: Implementation of the Guidance Note of the Secretary-General on "
    "Racial Discrimination and Protection of Minorities",
    doc_type="action-plan",
    body="UN Network on Racial Discrimination and Protection of Minorities",
    year=2014,
)
SR = Document(
    key="a-hrc-53-60",
    source="special-procedures/A_HRC_53_60.json",
    symbol="A/HRC/53/60",
    title="Report of the Special Rapporteur on contemporary forms of racism",
    doc_type="special-procedure-report",
    body="Special Rapporteur on contemporary forms of racism",
    year=2023,
)


def _records(doc: Document, rows: list[dict[str, Any]]) -> list[Record]:
    out = []
    for i, row in enumerate(rows):
        row = dict(row)
        out.append(
            make_record(doc, number=row.pop("number", None), text=row.pop("text"), index=i, **row)
        )
    return unique_ids(out)


FIXTURE_DOCS: list[tuple[Document, list[Record]]] = [
    (
        BRA,
        _records(
            BRA,
            [
                {
                    "number": "5",
                    "section": ["B. Positive aspects"],
                    "text": "The Committee welcomes the adoption of the Racial Equality Statute "
                    "and the quota system for public universities.",
                    "themes": ["Racial discrimination"],
                },
                {
                    "number": "6",
                    "section": ["C. Concerns and recommendations", "Demographic data"],
                    "text": "The Committee recommends that the State party collect "
                    "disaggregated data on quilombola communities and indigenous peoples "
                    "(arts. 1 and 5).",
                    "kind": "recommendation",
                    "articles": ["ICERD 1", "ICERD 5"],
                    "themes": ["Racial discrimination", "Data collection"],
                },
                {
                    "number": "7",
                    "section": ["C. Concerns and recommendations", "Hate speech"],
                    "text": SCRIPT_TEXT,
                    "themes": ["Hate speech"],
                },
                {
                    "number": "8",
                    "section": ["C. Concerns and recommendations", "Quilombola land"],
                    "text": "The Committee urges the State party to complete the titling of "
                    "quilombola lands and to ensure the right to housing (art. 5 (e) (iii)), "
                    "recalling its general recommendation No. 31 (2005) and its previous "
                    "concluding observations (CERD/C/BRA/CO/14-17, para. 12).",
                    "kind": "recommendation",
                    "articles": ["ICERD 5(e)(iii)"],
                    "general_recommendations": ["CERD GR 31"],
                    "cites": ["CERD/C/BRA/CO/14-17 para. 12"],
                    "themes": ["Land", "Housing"],
                },
            ],
        ),
    ),
    (
        SVN,
        _records(
            SVN,
            [
                {
                    "number": "12",
                    "section": ["C. Concerns and recommendations", "Roma"],
                    "text": "The Committee recommends that the State party ensure access of "
                    "Roma to safe drinking water and sanitation (art. 5).",
                    "kind": "recommendation",
                    "articles": ["ICERD 5"],
                    "themes": ["Roma", "Water and sanitation"],
                },
                {
                    "number": "13",
                    "section": ["C. Concerns and recommendations", "Roma"],
                    "text": "The Committee is concerned about segregated classes for Roma "
                    "children in primary education.",
                    "themes": ["Roma", "Education"],
                },
            ],
        ),
    ),
    (
        GR31,
        _records(
            GR31,
            [
                {
                    "number": "1",
                    "section": ["I. General steps"],
                    "text": "States parties should pay the greatest attention to indicators of "
                    "racial discrimination in the administration of criminal justice.",
                    "kind": "recommendation",
                    "themes": ["Justice"],
                },
                {
                    "number": "2",
                    "section": ["I. General steps"],
                    "text": "States parties should take steps to prevent questioning, arrests "
                    "and searches based on physical appearance (racial profiling).",
                    "kind": "recommendation",
                    "themes": ["Justice", "Racial profiling"],
                },
            ],
        ),
    ),
    (
        UPR,
        _records(
            UPR,
            [
                {
                    "number": "119.1",
                    "section": ["II. Conclusions and/or recommendations"],
                    "text": "Continue efforts to combat racial discrimination against people "
                    "of African descent (Angola);",
                    "kind": "recommendation",
                    "recommending_states": ["Angola"],
                    "response": "supported",
                    "themes": ["Racial discrimination"],
                },
                {
                    "number": "119.2",
                    "section": ["II. Conclusions and/or recommendations"],
                    "text": "Strengthen the protection of indigenous lands against invasion "
                    "(Norway);",
                    "kind": "recommendation",
                    "recommending_states": ["Norway"],
                    "response": "noted",
                    "themes": ["Indigenous peoples", "Land"],
                },
            ],
        ),
    ),
    (
        PLAN,
        _records(
            PLAN,
            [
                {
                    "number": "a",
                    "section": ["II. Activities", "Field practice"],
                    "text": "Facilitating knowledge exchange on practice: the Network will "
                    "organise sub-regional exchanges on UN field experience of work on racial "
                    "discrimination and minorities. (GNR 1, 2, 8, 10)",
                    "kind": "recommendation",
                    "gnr": [1, 2, 8, 10],
                    "themes": ["Minorities"],
                },
                {
                    "number": "b",
                    "section": ["II. Activities", "Field practice"],
                    "text": "Increasing staff diversity: the Network will produce guidance on "
                    "strategies for a more diverse UN staff. (GNR 3, 4, 5)",
                    "kind": "recommendation",
                    "gnr": [3, 4, 5],
                    "themes": ["Minorities"],
                },
                {
                    "number": "h",
                    "section": ["II. Activities", "Targeted strategies"],
                    "text": "Developing targeted strategies: the Network will help field "
                    "presences share strategic plans against racial discrimination. (GNR 1, 6, 8)",
                    "kind": "recommendation",
                    "gnr": [1, 6, 8],
                    "themes": ["Racial discrimination"],
                },
                {
                    "number": "d",
                    "section": ["III. Engagement"],
                    "text": "Disseminate the Guidance Note: the Network will support its "
                    "translation into the UN languages. (GNR 9, 15)",
                    "kind": "recommendation",
                    "gnr": [9, 15],
                },
            ],
        ),
    ),
    (
        SR,
        _records(
            SR,
            [
                {
                    "number": "40",
                    "section": ["IV. Recommendations"],
                    "text": "The Special Rapporteur echoes the call of the Committee "
                    "(CERD/C/BRA/CO/18-20, para. 6) for disaggregated data on quilombola "
                    "communities.",
                    "kind": "observation",
                    "cites": ["CERD/C/BRA/CO/18-20 para. 6"],
                    "themes": ["Data collection"],
                }
            ],
        ),
    ),
]

FIXTURE_RECORDS = [rec for _, recs in FIXTURE_DOCS for rec in recs]


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Whoosh index of the fixture records, with an ingest report pointing at their files."""
    base = tmp_path_factory.mktemp("webindex")
    root = base / "corpus"
    for doc, _ in FIXTURE_DOCS:
        path = root / doc.source
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{doc.title}\n\nfixture source file\n", encoding="utf-8")
    (base / "outside.txt").write_text("secret outside the corpus root\n", encoding="utf-8")
    index = base / "index"
    eng = open_engine(index, engine="whoosh", create=True)
    try:
        eng.replace_sources((doc.source, f"fp-{doc.key}", recs) for doc, recs in FIXTURE_DOCS)
    finally:
        eng.close()
    report = {"roots": [str(root)], "engine": "whoosh", "files": []}
    (index / "ingest-report.json").write_text(json.dumps(report), encoding="utf-8")
    return index


@pytest.fixture()
def app(index_dir: Path) -> Iterator[Flask]:
    """The web app over the fixture index."""
    from recsearch.web import create_app

    application = create_app({"INDEX": str(index_dir), "TESTING": True})
    yield application
    eng = application.extensions.get("recsearch.engine")
    if eng is not None:
        eng.close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def texts_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """Each engine in turn over an on-disk index of the test module's one document `DOC`,
    whose records are the module's `TEXTS`, (number, text) pairs."""
    doc: Document = request.module.DOC
    texts: list[tuple[str, str]] = request.module.TEXTS
    eng = open_engine(tmp_path_factory.mktemp(request.param), engine=request.param, create=True)
    records = [make_record(doc, index=i, number=n, text=t) for i, (n, t) in enumerate(texts)]
    eng.replace_sources([(doc.source, "fp", records)])
    yield eng
    eng.close()


def statelessness_record(n: int, country: str) -> Record:
    """A one-paragraph UPR record of document n under review in `country` (facet tests)."""
    return Record(
        id=f"doc-{n}/1",
        symbol=None,
        title=f"Report {n}",
        doc_type="upr-report",
        body="UPR",
        country=country,
        year=2012,
        source=f"upr/doc-{n}.pdf",
        number="1",
        section=[],
        page=1,
        text="Ratify the convention on statelessness.",
        themes=["Statelessness"],
    )


def pdf_from_streams(streams: list[bytes]) -> bytes:
    """A minimal PDF, one page per content stream, with fonts F1 (Helvetica) and F2 (bold)."""
    # 1 catalog, 2 pages, 3 regular font, 4 bold font, then page + content pairs.
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(streams)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(streams)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {6 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(offsets) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()
