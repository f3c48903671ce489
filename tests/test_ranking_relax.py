"""Partial matches: the order of the wider levels and other spellings, on both engines."""

from __future__ import annotations

import pytest

from recsearch.engine import Engine
from recsearch.query import Term
from recsearch.records import Document
from recsearch.search import SearchRequest, search
from recsearch.search_spell import spelling_variants

DOC = Document(
    key="a-hrc-99-1",
    source="upr/A_HRC_99_1.pdf",
    symbol="A/HRC/99/1",
    title="Report of the Working Group on the Universal Periodic Review: Colombia",
    doc_type="upr-report",
    body="UPR",
    country="Colombia",
    year=2020,
)

# (number, text): "against" is the commonest query word, "discrimination" next, the
# demonym rarest; one record spells it another way, one uses the singular.
TEXTS = [
    ("1", "Afro-Colombians in schools."),
    ("2", "Adopt measures to end the discrimination that Afro-Colombians face at work."),
    ("3", "Guarantee the collective rights of Afro-Colombeans."),
    ("4", "Fund Afro-Colombian community radio."),
    ("5", "Combat discrimination against women."),
    ("6", "Combat discrimination against migrants."),
    ("7", "Act against violence towards children."),
    ("8", "Act against trafficking in persons."),
    ("9", "Act against torture in prisons."),
    ("10", "Act against hate speech online."),
    ("11", "Discrimination in housing persists."),
    ("12", "Discrimination in employment persists."),
    ("13", "Discrimination in health care persists."),
    ("14", "Act against corruption."),
    ("15", "Act against impunity."),
    ("16", "Act against enforced disappearance."),
]


def numbers(eng: Engine, q: str) -> list[str | None]:
    return [h.record.number for h in search(eng, SearchRequest(q=q, per_page=20)).hits]


LEVEL_CASES = [
    # (id, query, the record that must come first, records that must follow it)
    ("lacking only the commonest word", "discrimination against Afro-Colombians", "2", {"1"}),
    ("typo corrected, then relaxed", "discrimnation against Afro-Colombians", "2", {"1"}),
]


@pytest.mark.parametrize(
    ("name", "q", "first", "after"), LEVEL_CASES, ids=[c[0] for c in LEVEL_CASES]
)
def test_all_but_the_commonest_word_come_first(
    texts_engine: Engine, name: str, q: str, first: str, after: set[str]
) -> None:
    got = numbers(texts_engine, q)
    assert got[0] == first
    assert after <= set(got[1:])


def test_other_spelling_is_found_and_ranks_like_the_typed_one(texts_engine: Engine) -> None:
    got = numbers(texts_engine, "discrimination against Afro-Colombians")
    assert "3" in got
    # The variant record is as short as "4" and holds the same one query word, so it must
    # not trail it by a level: both follow the records holding more of the words.
    assert got.index("3") < got.index("5")


VARIANT_CASES = [
    ("other spelling kept", "Afro-Colombians", "afro-colombeans", True),
    ("same stem left out", "Afro-Colombians", "afro-colombian", False),
]


@pytest.mark.parametrize(
    ("name", "word", "variant", "listed"), VARIANT_CASES, ids=[c[0] for c in VARIANT_CASES]
)
def test_spelling_variants(
    texts_engine: Engine, name: str, word: str, variant: str, listed: bool
) -> None:
    got = [v.text for v in spelling_variants(texts_engine, Term(word)) if isinstance(v, Term)]
    assert (variant in got) is listed
