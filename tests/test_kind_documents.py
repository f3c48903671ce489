"""Kind judged over a whole document: general comments, recommendations sections, chapeaux."""

from __future__ import annotations

import pytest

from recsearch.tag_kind import document_kinds, find_kind

CONCLUSIONS = ["IV. Conclusions and recommendations"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mandate holders have long recognized “psychological” torture as an analytical "
         "concept distinct from physical torture.", "observation"),
        ("Mandate the national human rights institution to receive individual complaints.",
         "recommendation"),
        ("In the light of these considerations, in the present report, the Special Rapporteur: "
         "(a) Examines the conceptual discrepancies; (b) Encourages the interpretation of the "
         "prohibition in line with emerging technologies.", "observation"),
        ("Encourages States to adopt national action plans against racism.", "recommendation"),
    ],
    ids=["mandate-holders-noun", "mandate-imperative", "report-outline", "operative-verb"],
)  # fmt: skip
def test_find_kind_whole_paragraph_forms(text: str, expected: str) -> None:
    assert find_kind(text, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In accordance with article 6 of the Convention, States parties are obliged to "
         "guarantee the right of every person to an effective remedy.", "recommendation"),
        ("In advance of the initiation of proceedings, States parties could also encourage "
         "the use of parajudicial procedures for conflict resolution.", "recommendation"),
        ("Prior to the trial, States parties may, where appropriate, give preference to "
         "non-judicial procedures for dealing with the offence.", "recommendation"),
        ("Any refusal by a police official to accept a complaint involving an act of racism "
         "should lead to disciplinary sanctions.", "recommendation"),
        ("States parties may have different systems of criminal procedure.", "observation"),
        ("The Committee has noted in its reviews that racial discrimination persists in the "
         "criminal justice system.", "observation"),
        ("The Committee quoted the principle that “States should protect victims”.",
         "observation"),
    ],
    ids=["are-obliged", "could-encourage", "may-give-preference", "passive-should",
         "may-have-is-a-fact", "noted-is-an-observation", "modal-only-in-quotation"],
)  # fmt: skip
def test_general_comment_measures_are_recommendations(text: str, expected: str) -> None:
    kinds = document_kinds([text], [[]], [find_kind(text, "CERD")], "general-recommendation")
    assert kinds == [expected]


def test_recommendations_section_measures_chapeau_and_items() -> None:
    rows = [
        (["III. Applying the elements"], "Its interpretation should evolve with technology."),
        (CONCLUSIONS, "On the basis of the above observations, the Special Rapporteur proposes "
                      "the conclusions and recommendations set out below."),
        (CONCLUSIONS, "Prevalence. Psychological torture occurs in a wide variety of contexts."),
        (CONCLUSIONS, "General recommendations. The Special Rapporteur herewith reiterates the "
                      "general recommendations of his mandate."),
        (CONCLUSIONS, "Istanbul Protocol. Medical personnel should be provided with training."),
        (CONCLUSIONS, "Specific recommendations. The Special Rapporteur recommends that States "
                      "adopt the following definitions and understandings."),
        (CONCLUSIONS, "Predominant methods. Psychological torture targets basic psychological "
                      "needs, such as security and self-determination."),
        (["V. Annex"], "Participants in the consultation came from 40 States."),
    ]  # fmt: skip
    texts = [t for _, t in rows]
    sections = [s for s, _ in rows]
    kinds = document_kinds(
        texts, sections, [find_kind(t, None) for t in texts], "special-procedure-report"
    )
    assert kinds == [
        "observation",  # "should" outside a recommendations section stays the tagger's call
        "observation",  # announcing recommendations is not making one
        "observation",
        "recommendation",
        "recommendation",
        "recommendation",
        "recommendation",  # an item the recommending chapeau introduces
        "observation",  # the chapeau's reach ends with its section
    ]


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        (["IV. Conclusions and recommendations", "A. Conclusions"], "observation"),
        (["IV. Conclusions and recommendations", "B. Recommendations"], "recommendation"),
        (["V. Recommendations"], "recommendation"),
    ],
    ids=["conclusions-subsection", "recommendations-subsection", "recommendations-chapter"],
)
def test_the_innermost_heading_decides(section: list[str], expected: str) -> None:
    text = "Detention conditions should meet the Nelson Mandela Rules."
    assert document_kinds([text], [section], ["observation"], "other") == [expected]


@pytest.mark.parametrize(
    "doc_type", ["upr-report", "upr-recommendations", "concluding-observations"]
)
def test_structural_kinds_are_left_alone(doc_type: str) -> None:
    text = "The delegation said that detention conditions should improve."
    assert document_kinds([text], [["II. Recommendations"]], ["observation"], doc_type) == [
        "observation"
    ]
