"""The issuing organisation of a saved web page, from its title and lead text."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsearch.saved_pages import clean_page_text, issuing_organisation

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("ACTION PLAN\n\nImplementation of the Guidance Note\n\nThe action points will build "
         "foundations to support the UN Network on Racial Discrimination and the Protection of "
         "Minorities in achieving the aims of the Guidance Note.",
         "UN Network on Racial Discrimination and Protection of Minorities"),
        ("Once And For All Campaign\n\nThe US Human Rights Network and the Human Rights at Home "
         "Campaign launched the campaign on March 21, 2013.",
         "US Human Rights Network / Human Rights at Home Campaign"),
        ("Coalition of Cities\n\nThe United States Conference of Mayors in cooperation with "
         "UNESCO and the Department of State launched the Coalition in 2013.\n\nThe Coalition "
         "joins the International Coalition of Inclusive and Sustainable Cities – ICCAR.\n\n"
         "Through The U.S. Conference of Mayors:\n\n1. Continue collective efforts.",
         "U.S. Conference of Mayors / UNESCO ICCAR"),
        ("Ten-Point Plan\n\nThe European Coalition of Cities against Racism (ECCAR) adopted a "
         "Ten-Point Plan of Action in Nuremberg.", "ECCAR"),
        ("Teaching Tolerance\n\nThe Southern Poverty Law Center published the guide in 2017.",
         "Southern Poverty Law Center"),
        ("Through The National League of Cities:\n\n1. Hold listening sessions.",
         "National League of Cities"),
        ("Call to Action!\n\nThe Committee on the Elimination of Racial Discrimination urged "
         "States to act. The Special Rapporteur on racism agreed.", None),
        ("Yesterday was International Human Rights Day. Please welcome this call to action.",
         None),
    ],
    ids=["un-network", "two-launchers", "mayors-and-iccar", "eccar", "center-published",
         "through-heading", "cited-mechanisms-are-not-issuers", "no-issuer"],
)  # fmt: skip
def test_issuing_organisation(text: str, issuer: str | None) -> None:
    assert issuing_organisation(text) == issuer


def test_the_issuer_must_be_named_in_the_lead() -> None:
    late = "Plan\n\n" + "Intro text. " * 400 + "The Gotham Civic Network launched it."
    assert issuing_organisation(late) is None


@pytest.mark.corpus
def test_corpus_seed_pages_name_an_issuer() -> None:
    pages = sorted((CORPUS / "seeds").glob("00[012]_*.txt"))
    if not pages:
        pytest.skip("corpus not available")
    for page in pages:
        text = clean_page_text(page.read_text("utf-8"))
        assert issuing_organisation(text), page.name
