"""Plain-text pages: page furniture dropped, numbered items and quoted mechanism text found."""

from __future__ import annotations

import pytest

from recsearch.countries import country_in_name
from recsearch.plaintext import (
    clean_page_text,
    numbered_items,
    parse_text,
    quoted_mechanism_items,
    split_blocks,
)


@pytest.mark.parametrize(
    "junk",
    [
        "Back to top",
        "Add comment\nThe content of this field is kept private.",
        "This question is for testing whether you are a human visitor\n3 + 16 =",
        "[footnoteRef:1]",
        "[1:  In accordance with the Guidance Note, the term applies.  ]",
    ],
    ids=["back-to-top", "comment-form", "captcha", "footnote-ref", "footnote-text"],
)
def test_page_furniture_is_dropped(junk: str) -> None:
    text = (
        f"Real content of the page.{junk}\n\nMore text."
        if junk.startswith("[")
        else (f"Real content of the page.\n\n{junk}\n\nMore text.")
    )
    cleaned = clean_page_text(text)
    assert "Real content of the page." in cleaned
    assert junk.splitlines()[0] not in cleaned


PLAN = """III.\tActivities

1. Strengthening UN work:

a) Knowledge exchange: the Network will organise meetings. (GNR 1, 2)

Implementation timeline: 2014-2017

b) Implementation timeline: 2015Staff diversity: the Network will produce guidance. (GNR 3)

Implementation timeline: 2015

5. Strengthening national action plans:

Develop national action plans: OHCHR will support governments. (GNR 6)

Implementation timeline: 2014-2017
"""


def test_action_plan_items() -> None:
    items = numbered_items(split_blocks(PLAN))
    assert [i.number for i in items] == ["1(a)", "1(b)", "5"]
    assert items[0].text.endswith("(GNR 1, 2) Implementation timeline: 2014-2017")
    assert items[1].text.startswith("Staff diversity:")
    assert items[2].text.startswith("Develop national action plans:")
    assert items[2].section == ["III. Activities", "5. Strengthening national action plans"]


def test_glued_timeline_moves_to_the_item_without_one() -> None:
    blocks = split_blocks(
        "1. Civil society:\n\na) Outreach: the Network will reach out.\n\n"
        "b) Implementation timeline: 2015-2017Identify gaps: the Network will train.\n\n"
        "Implementation timeline: 2014-2017\n"
    )
    items = numbered_items(blocks)
    assert (
        items[0].text == "Outreach: the Network will reach out. Implementation timeline: 2015-2017"
    )
    assert (
        items[1].text == "Identify gaps: the Network will train. Implementation timeline: 2014-2017"
    )


def test_two_lists_numbered_one_to_n_keep_their_intro() -> None:
    blocks = split_blocks(
        "Through the Conference:\n\n  1. Speak out against racism;\n  2. Advocate inclusion.\n\n"
        "In cities:\n\n  1. Ensure inclusive policies;\n  2. Use the bully pulpit.\n"
    )
    items = numbered_items(blocks)
    assert [(i.number, i.section) for i in items] == [
        ("1", ["Through the Conference"]), ("2", ["Through the Conference"]),
        ("1", ["In cities"]), ("2", ["In cities"]),
    ]  # fmt: skip


def test_quoted_committee_text_with_subparagraphs() -> None:
    blocks = split_blocks(
        "Please act now.\n\n"
        "The Committee calls upon the State party to eliminate racial disparities, by:\n\n"
        "(a) Amending laws with disparate impact;\n\n(c) Promoting alternatives to prison.\n\n"
        "Share this with two people.\n"
    )
    items = quoted_mechanism_items(blocks)
    assert len(items) == 1
    assert items[0].text.endswith("(c) Promoting alternatives to prison.")


def test_unnumbered_page_gives_its_paragraphs() -> None:
    data = (
        b"Campaign for a National Plan\n\nJoin the call and sign the petition!\n\n"
        b"The campaign was launched on March 21, 2013 by many organizations.\n\n"
        b"The plan would set targets for racial equality.\n"
    )
    doc, records, fixed = parse_text(data, "seeds/x.txt")
    assert not fixed
    assert [r.number for r in records] == [None, None]
    assert doc.year == 2013 and doc.body is None
    assert all("petition" not in r.text for r in records)


_CALL_TO_ACTION = (
    b"Human Rights Day - Call to Action!\n\n"
    b"Human Rights DayCall to Action!\n\n"
    b"Children of Incarcerated Parents\n\n"
    b"Over two million children in the country have a parent in prison, and the disparity "
    b"between groups is stark.\n\n"
    b"  1. The United Nations calls on local, state and federal governments to consider "
    b"diverting into the community parents of children who could face a prison sentence:\n\n"
    b"The Committee is also concerned at the impact of parental incarceration on children.\n\n"
    b"The Committee calls upon the State party to eliminate racial disparities, including by:\n\n"
    b"(a) Amending laws with a racially disparate impact;\n\n"
    b"  1. Invite others to share the above information. - Facebook, Tweet,\n\n"
    b"  1. Support our work so we can continue advancing everyone's well-being. Please donate.\n"
)


@pytest.mark.parametrize(
    ("index", "starts", "number"),
    [
        (0, "Over two million children", None),
        (1, "The United Nations calls on local", None),
        (2, "The Committee is also concerned", None),
        (3, "The Committee calls upon", None),
    ],
    ids=["own-paragraph", "own-list-item-same-numbers", "quoted-observation", "quoted-rec"],
)
def test_quoting_page_keeps_its_own_paragraphs(index: int, starts: str, number: None) -> None:
    _, records, _ = parse_text(_CALL_TO_ACTION, "seeds/call.txt")
    # Title, banner, heading, share buttons and the donation appeal are not records.
    assert len(records) == 4
    assert records[index].text.startswith(starts)
    assert records[index].number == number
    assert records[3].text.endswith("(a) Amending laws with a racially disparate impact;")


def test_a_national_organisations_plan_is_that_states() -> None:
    page = (
        b"Once And For All: National Plan of Action\n\n"
        b"The US Human Rights Network launched the campaign on March 21, 2013, a national call "
        b"to the Administration to develop a plan.\n\n"
        b"The plan would set concrete targets for racial equality.\n"
    )
    doc, _, _ = parse_text(page, "seeds/plan.txt")
    assert doc.body == "US Human Rights Network"
    assert doc.country == "United States of America"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("U.S. Conference of Mayors / UNESCO ICCAR", "United States of America"),
        ("UK Race Equality Foundation", "United Kingdom of Great Britain and Northern Ireland"),
        ("Campaign for us all", None),
        ("UN Network on Racial Discrimination and Protection of Minorities", None),
    ],
    ids=["dotted-code", "uk", "lower-case-word", "un-is-no-state"],
)
def test_the_state_an_organisations_name_carries(name: str, country: str | None) -> None:
    assert country_in_name(name) == country
