"""JSON paragraph lists as whole documents: glued chapter headings, mandate bodies, kinds."""

from __future__ import annotations

import json

import pytest

from recsearch.paragraph_lists import paragraph_entries, parse_json
from recsearch.parse import parse_bytes
from recsearch.tag_kind import find_kind


def _json_list(*texts: str) -> bytes:
    return json.dumps([{"ID": f"{i}.", "Text": t} for i, t in enumerate(texts, start=1)]).encode()


@pytest.mark.parametrize(
    ("text", "kept", "sections"),
    [
        ("The report was prepared pursuant to resolution 34/19. II. Activities relating to the "
         "mandate", "The report was prepared pursuant to resolution 34/19.",
         ["II. Activities relating to the mandate"]),
        ("Some human rights place legal responsibilities on business enterprises.62 "
         "IV. Conclusions", "Some human rights place legal responsibilities on business "
         "enterprises.62", ["IV. Conclusions"]),
        ("States should reform domestic laws on drugs. A/65/255 10-47791 II. The right to "
         "health and international drug control", "States should reform domestic laws on drugs.",
         ["II. The right to health and international drug control"]),
        ("States should ratify the Convention against Torture. II. Issues of special concern to "
         "the Special Rapporteur A. Gender-specific forms of torture",
         "States should ratify the Convention against Torture.",
         ["II. Issues of special concern to the Special Rapporteur",
          "A. Gender-specific forms of torture"]),
        ("The Special Rapporteur met the Minister on 3 May. He visited World War II. sites",
         "The Special Rapporteur met the Minister on 3 May. He visited World War II. sites", []),
    ],
    ids=["after-full-stop", "after-footnote-mark", "after-page-header", "chapter-and-section",
         "not-a-heading"],
)  # fmt: skip
def test_glued_chapter_headings_become_the_next_paragraphs_section(
    text: str, kept: str, sections: list[str]
) -> None:
    items = [{"ID": "1.", "Text": text}, {"ID": "2.", "Text": "The next paragraph."}]
    got = paragraph_entries(items)
    assert got[0][1] == kept
    assert got[1][2] == sections


_SR_LIST = (
    "The present report was prepared pursuant to Human Rights Council resolution 34/19.",
    "In 2019, the Special Rapporteur transmitted 114 communications on behalf of individuals "
    "exposed to torture and other ill-treatment.",
    "The Special Rapporteur considers that torture is prohibited; torture leaves no marks, "
    "and the Special Rapporteur visited places where torture occurs. IV. Conclusions and "
    "recommendations",
    "Prevalence. Psychological torture occurs in a wide variety of contexts.",
    "Istanbul Protocol. Personnel should be provided with training to document torture.",
)


def test_a_special_procedure_list_naming_no_mandate_gets_it_from_its_subject() -> None:
    out = parse_bytes(_json_list(*_SR_LIST), "sp/A_HRC_99_1.json")
    assert out.document is not None
    assert out.document.doc_type == "special-procedure-report"
    assert out.document.body == "Special Rapporteur on torture"
    records = out.records
    assert records[3].section == ["IV. Conclusions and recommendations"]
    # The operative measure in the recommendations section is one, judged over the document.
    assert [r.kind for r in records] == ["observation"] * 4 + ["recommendation"]


def test_a_general_comment_list_marks_measures_addressed_to_states() -> None:
    texts = (
        "The Committee has observed that racial discrimination persists in criminal justice.",
        "States parties are obliged to guarantee the right to an effective remedy.",
        "Prior to the trial, States parties may, where appropriate, give preference to "
        "non-judicial procedures.",
    )
    out = parse_bytes(_json_list(*texts), "CERD/CERD_GR99_A_1_18.json")
    assert out.document is not None
    assert out.document.doc_type == "general-recommendation"
    assert [r.kind for r in out.records] == ["observation", "recommendation", "recommendation"]


def test_a_list_without_document_level_cues_leaves_kind_to_the_tagger() -> None:
    texts = (
        "Torture is prohibited.",
        "States should be provided with training on the prohibition.",
        "The Special Rapporteur visited two prisons.",
    )
    out = parse_bytes(_json_list(*texts), "misc/Notes_1.json")
    assert out.document is not None
    assert out.document.doc_type == "other"
    assert [r.kind for r in out.records] == [find_kind(t, None) for t in texts]


def test_a_general_comment_in_an_annual_report_is_the_reporting_committees() -> None:
    """The file names the committee's annual report (A/52/38: CEDAW's); the text names
    other committees, and dates only what it cites, so the year is the report's session."""
    data = _json_list(
        "The Convention on the Elimination of All Forms of Discrimination against Women places "
        "importance on the participation of women in public life.",
        "The Human Rights Committee adopted general comment 25 on 12 July 1996; States parties "
        "to the Convention should take all appropriate measures.",
        "States parties should ensure that women enjoy equal rights under the Convention.",
    )
    doc, records, _ = parse_json(data, "other-treaty-bodies/A_52_38.json")
    assert (doc.symbol, doc.body, doc.doc_type) == ("A/52/38", "CEDAW", "general-recommendation")
    assert doc.year == 1997
    assert doc.date is None
    assert [r.body for r in records] == ["CEDAW"] * 3


def test_a_compiled_comment_is_filed_under_its_committee_and_its_cited_dates_do_not_date_it() -> (
    None
):
    data = _json_list(
        "Article 3 of the Covenant requires States parties to ensure the equal right of men and "
        "women to the enjoyment of all civil and political rights.",
        "The Covenant was adopted on 16 December 1966; States parties should report on "
        "article 3 of the Covenant.",
    )
    doc, _, _ = parse_json(data, "other-treaty-bodies/HRI_GEN_1_Rev.9_(Vol._I)_p._175.json")
    assert (doc.symbol, doc.body, doc.doc_type) == (
        "HRI/GEN/1/Rev.9",
        "CCPR",
        "general-recommendation",
    )
    assert doc.year is None


def _sr_list(*extra: str) -> bytes:
    return _json_list(*_SR_LIST[:3], *extra)


def test_a_thematic_report_naming_a_visit_is_about_no_one_state() -> None:
    visit = "During the period, the Special Rapporteur conducted a visit to Georgia."
    doc, _, _ = parse_json(_json_list(visit, *_SR_LIST), "sp/A_HRC_99_2.json")
    assert doc.doc_type == "special-procedure-report"
    assert doc.country is None


def test_a_country_visit_report_is_about_the_state_it_names_throughout() -> None:
    visit = [
        f"In Georgia, the Special Rapporteur met detainees in facility {i}." for i in range(25)
    ]
    doc, _, _ = parse_json(_sr_list(*visit, "Tuvalu was also mentioned."), "sp/A_HRC_99_3.json")
    assert doc.doc_type == "special-procedure-report"
    assert doc.country == "Georgia"


def test_running_page_headers_are_taken_out_of_a_lists_paragraphs() -> None:
    items = [
        {"ID": "1.", "Text": "The mandate began in 1985."},
        {"ID": "2.", "Text": "It grew to cover torture. A/80/137 25-11401 4/23 II. Forty years "
                             "of the mandate"},
        {"ID": "3.", "Text": "See A/HRC/46/26. A/80/137 5/23 25-11401 Survivors were heard, "
                             "GE.10-10042 as A/80/137, para. 5, says."},
    ]  # fmt: skip
    got = paragraph_entries(items, "A/80/137")
    assert got[1][1] == "It grew to cover torture."
    assert got[2][2] == ["II. Forty years of the mandate"]
    # A citation of the report itself, with its paragraph, is text, not a header.
    assert got[2][1] == "See A/HRC/46/26. Survivors were heard, as A/80/137, para. 5, says."
