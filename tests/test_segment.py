"""Segmentation golden-file tests: a fake page list in, the expected records JSON out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recsearch.records import Document, unique_ids
from recsearch.segment import segment_pages

FIXTURES = Path(__file__).parent / "fixtures" / "segment"
CASES = sorted(p for p in FIXTURES.glob("*.json") if not p.name.endswith(".expected.json"))
FIELDS = ("id", "number", "section", "page", "kind", "recommending_states", "text")


def _records(case: Path) -> list[dict[str, object]]:
    spec = json.loads(case.read_text("utf-8"))
    doc = Document(**spec["doc"])
    records = unique_ids(segment_pages(spec["pages"], doc, bold=spec.get("bold")))
    return [{name: getattr(rec, name) for name in FIELDS} for rec in records]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_segment_golden(case: Path) -> None:
    got = _records(case)
    golden = case.with_suffix(".expected.json")
    if not golden.exists():
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
        pytest.fail(f"wrote {golden.name}: review it, then rerun")
    assert got == json.loads(golden.read_text("utf-8"))


def _by_number(case: str) -> dict[str, dict[str, object]]:
    return {str(r["number"]): r for r in _records(FIXTURES / f"{case}.json")}


@pytest.mark.parametrize(
    ("case", "number", "field", "expected"),
    [
        ("co_bold", "5", "kind", "recommendation"),
        ("co_bold", "4", "kind", "observation"),
        ("co_bold", "3", "text", "The Committee welcomes the adoption of the following measures: "
         "(a) The Equality Act, in 2019; (b) The national action plan against racism, in 2020."),
        ("co_bold", "4", "section", ["C. Concerns and recommendations", "Statistical data"]),
        ("co_bold", "7", "section", ["C. Concerns and recommendations",
                                     "Situation of Indigenous Peoples and minority communities"]),
        ("co_bold", "6", "text", "The Committee is concerned that 2019 census figures were not "
         "published."),
        ("co_bold_headings_only", "5", "kind", "recommendation"),
        ("co_bold_headings_only", "4", "kind", "observation"),
        ("upr_full", "5.2", "recommending_states", ["Brazil", "Argentina"]),
        ("upr_full", "5.3", "recommending_states",
         ["Senegal", "Venezuela (Bolivarian Republic of)", "Iran (Islamic Republic of)"]),
        ("upr_full", "5.4", "recommending_states", ["Algeria", "Türkiye", "Holy See"]),
        ("upr_full", "5", "kind", "observation"),
        ("upr_full", "5.1", "page", 2),
        ("upr_full", "6", "text", "All conclusions and/or recommendations contained in the "
         "present report reflect the position of the submitting State(s)."),
        ("upr_short", "1.3", "page", 2),
        ("upr_short", "1.3", "recommending_states", ["Slovenia"]),
        ("upr_short", "3", "section", ["III. VOLUNTARY COMMITMENTS OF THE STATE UNDER REVIEW"]),
        ("upr_nodot_blocks", "1.2", "recommending_states", ["Czechia", "North Macedonia"]),
        ("upr_nodot_blocks", "2.1", "recommending_states", ["Eswatini"]),
        ("upr_nodot_blocks", "3.1", "kind", "recommendation"),
        ("numbers_in_text", "2", "text", "The Special Rapporteur held 12 consultations in 2021. "
         "The outcomes are summarized below."),
        ("numbers_in_text", "5", "kind", "recommendation"),
        ("numbers_in_text", "6", "kind", "observation"),
        ("upr_misprinted_numbers", "2", "text", "The delegation said that the national report "
         "had been widely discussed."),
        ("upr_misprinted_numbers", "3", "text", "The delegation noted that 12 ministries took "
         "part."),
        ("upr_misprinted_numbers", "4.3", "recommending_states", ["Ghana"]),
        ("upr_misprinted_numbers", "4.4", "text", "Strengthen the ombudsman office (Spain);"),
        ("upr_misprinted_numbers", "4.5", "text", "Combat domestic violence (Italy);"),
        ("upr_misprinted_numbers", "4.6", "recommending_states", ["Hungary"]),
        ("upr_misprinted_numbers", "4.10", "recommending_states", ["Latvia"]),
        ("upr_misprinted_numbers", "5", "text", "All conclusions reflect the position of the "
         "submitting States."),
        ("upr_short_misprinted", "2.2", "recommending_states", ["Brazil"]),
        ("upr_short_misprinted", "2.4", "recommending_states", ["Czechia"]),
        ("upr_short_misprinted", "3", "text", "The response of Ruritania will be included in "
         "the outcome report."),
        ("headings_wrapped", "2", "section", ["II. Importance of general recommendations for "
         "the Committee, States parties and other stakeholders"]),
        ("headings_wrapped", "3", "section", ["III. Implementation of recommendations from the "
         "previous cycles"]),
        ("headings_wrapped", "4", "section", ["III. Implementation of recommendations from the "
         "previous cycles", "A. Violence against women (recommendations 18, 23, 32–39)"]),
        ("headings_wrapped", "1", "text", "The present guidelines set out the steps the "
         "Committee follows."),
        ("headings_wrapped", "4", "text", "The Government adopted a strategy against domestic "
         "violence."),
        ("upr_grouped_replies", "2-6", "text", "Ruritania accepts these recommendations and "
         "already acts accordingly."),
        ("upr_grouped_replies", "8,9,11,12,14", "text", "Ruritania accepts these "
         "recommendations and refers, in the light of the decision of the Constitutional Court, "
         "to the new Act."),
        ("headings_wrapped", "5", "section", ["IV. Follow-up information on the concluding "
         "observations (CERD/C/RUR/CO/18-20)"]),
    ],
    ids=[
        "co-bold-is-recommendation", "co-plain-is-observation", "subparagraphs-stay-inside",
        "lettered-then-topical-heading", "wrapped-heading-joined", "year-at-line-start-is-text",
        "bold-headings-only-wording-rule", "bold-headings-only-observation",
        "two-states", "nested-brackets", "inline-states-and-old-name", "chapeau-observation",
        "rec-page", "annex-not-appended", "first-cycle-rec-on-next-page", "first-cycle-states",
        "capitals-heading", "old-macedonia-name", "swaziland", "noted-block",
        "number-inside-text", "skipped-number-accepted", "reported-recommendation",
        "para-number-without-dot", "para-number-with-comma", "rec-wrong-parent",
        "rec-hyphen", "rec-space-in-number", "rec-number-lost", "rec-leading-digit-lost",
        "endnotes-not-appended", "short-rec-without-dot", "short-rec-number-skipped",
        "short-block-ends-at-next-para", "heading-wraps-after-comma",
        "heading-wraps-lower-case", "lettered-heading-wraps-after-comma",
        "paragraph-before-wrapped-heading", "paragraph-before-bracketed-heading-line",
        "bracketed-symbol-ends-heading", "run-wraps-without-text", "run-wraps-with-text",
    ],
)  # fmt: skip
def test_segment_details(case: str, number: str, field: str, expected: object) -> None:
    assert _by_number(case)[number][field] == expected


def test_upr_counts_and_numbers() -> None:
    records = _records(FIXTURES / "upr_full.json")
    assert [r["number"] for r in records] == ["1", "2", "3", "4", "5", "5.1", "5.2", "5.3",
                                               "5.4", "6"]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "numbers"),
    [
        ("upr_misprinted_numbers", ["1", "2", "3", "4", *(f"4.{k}" for k in range(1, 12)), "5"]),
        ("upr_short_misprinted", ["1", "2", "2.1", "2.2", "2.4", "2.5", "3", "4"]),
        ("upr_grouped_replies", ["1", "2-6", "7", "8,9,11,12,14", "10", "13", "15"]),
    ],
    ids=["full-block", "first-cycle-block", "replies-to-runs-of-numbers"],
)
def test_misprinted_numbers_keep_the_sequence(case: str, numbers: list[str]) -> None:
    assert [r["number"] for r in _records(FIXTURES / f"{case}.json")] == numbers


def test_bare_number_after_a_run_starts_the_next_paragraph() -> None:
    doc = Document(key="a-hrc-14-98-add.1", source="A_HRC_14_98_Add.1.pdf", doc_type="upr-report")
    page = (
        "1. Ruritania accepts the recommendation.\n"
        "2., 3., Ruritania accepts these recommendations.\n"
        "4.\n"
        "Ruritania notes the recommendation."
    )
    records = segment_pages([page], doc)
    assert [(r.number, r.text) for r in records[1:]] == [
        ("2-3", "Ruritania accepts these recommendations."),
        ("4", "Ruritania notes the recommendation."),
    ]


def test_paragraph_numbers_past_999() -> None:
    doc = Document(key="a-hrc-43-99", source="A_HRC_43_99.pdf", doc_type="other")
    page = "\n".join(
        f"{n}. At its meeting {n}, the Council heard a statement." for n in range(1, 1003)
    )
    records = segment_pages([page], doc)
    assert [r.number for r in records[-3:]] == ["1000", "1001", "1002"]
    assert records[998].text == "At its meeting 999, the Council heard a statement."


def test_parts_restart_and_index_skipped() -> None:
    records = _records(FIXTURES / "parts_and_index.json")
    assert [(r["section"][0], r["number"]) for r in records] == [
        ("Declaration", "1"), ("Declaration", "2"),
        ("Programme of Action", "1"), ("Programme of Action", "2"),
    ]  # fmt: skip
    assert len({r["id"] for r in records}) == 4
    assert records[2]["text"].endswith("in order to eradicate poverty;")
    assert records[3]["text"].startswith("(a) Calls upon States")
    assert "advertising" not in records[3]["text"]


def test_toc_lines_are_not_paragraphs() -> None:
    records = _records(FIXTURES / "numbers_in_text.json")
    assert [r["number"] for r in records] == ["1", "2", "3", "5", "6"]
    assert all("....." not in str(r["text"]) for r in records)


def test_unnumbered_document_yields_blocks() -> None:
    records = _records(FIXTURES / "unnumbered.json")
    assert records and all(r["number"] is None for r in records)
    assert any("190 recommendations" in str(r["text"]) for r in records)


def test_council_report_numbers_restart_per_adopted_text() -> None:
    spec = json.loads((FIXTURES / "council_report.json").read_text("utf-8"))
    records = unique_ids(segment_pages(spec["pages"], Document(**spec["doc"])))
    assert [r.citation for r in records[:3]] == [
        "A/HRC/99/9, Resolution 99/1, para. 1",
        "A/HRC/99/9, Resolution 99/1, para. 2",
        "A/HRC/99/9, Resolution 99/2, para. 1",
    ]
    # The summary of proceedings numbers from 1 again, cited without a part.
    assert [r.citation for r in records[3:]] == [f"A/HRC/99/9, para. {n}" for n in (1, 2, 3)]
    assert {r.doc_key for r in records} == {"a-hrc-99-9"}
    # The meeting, date and vote after a text, and a text's annex, are not its paragraphs.
    assert records[1].text == "Decides to remain seized of the matter."
    assert records[2].text == "Encourages States to cooperate with regional mechanisms;"
