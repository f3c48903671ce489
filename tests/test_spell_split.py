"""Did you mean: run-together compounds split into the words records use, on both engines."""

from __future__ import annotations

import pytest

from recsearch.engine import Engine
from recsearch.records import Document
from recsearch.search import SearchRequest, search
from recsearch.search_spell import Vocabulary, _correct

DOC = Document(
    key="a-hrc-98-1",
    source="upr/A_HRC_98_1.pdf",
    symbol="A/HRC/98/1",
    title="Report of the Working Group on the Universal Periodic Review: Peru",
    doc_type="upr-report",
    body="UPR",
    country="Peru",
    year=2019,
)

TEXTS = [
    ("1", "Protect Afro-Peruvians from racial profiling by the police."),
    ("2", "Guarantee the land of Afro-Peruvian communities."),
    ("3", "Respect the principle of non-refoulement at the border."),
    ("4", "End child labour in mining."),
    ("5", "Ratify the optional protocol on child labour."),
    ("6", "Consult Afro-descendants on land titles."),
    ("7", "Collect data on Afrodescendants in rural areas."),
]


CASES = [
    # (id, query typed, query understood, records found)
    ("demonym run together", "AfroPeruvians", "afro-peruvians", {"1", "2"}),
    ("prefix run together", "nonrefoulement", "non-refoulement", {"3"}),
    ("two words run together", "childlabour mining", "child-labour mining", {"4", "5"}),
    ("inside a phrase", '"racialprofiling"', '"racial profiling"', {"1"}),
    ("no split into short parts", "abchild", "abchild", set()),
    ("nothing to split into", "xyzzyquux", "xyzzyquux", set()),
]


@pytest.mark.parametrize(("name", "q", "understood", "found"), CASES, ids=[c[0] for c in CASES])
def test_run_together_words_are_split(
    texts_engine: Engine, name: str, q: str, understood: str, found: set[str]
) -> None:
    result = search(texts_engine, SearchRequest(q=q, per_page=20))
    assert result.understood == understood
    got = {h.record.number for h in result.hits}
    assert found <= got
    if not found:
        assert result.total == 0 and result.suggestion is None


JOINED_CASES = [
    # (id, query, records found as typed, records that follow written the other way)
    ("hyphenated typed, joined in records", "Afro-descendants", {"6"}, {"7"}),
    ("with a field kept", "Afro-descendants country:Peru", {"6"}, {"7"}),
]


@pytest.mark.parametrize(
    ("name", "q", "typed", "other"), JOINED_CASES, ids=[c[0] for c in JOINED_CASES]
)
def test_compound_written_the_other_way_follows(
    texts_engine: Engine, name: str, q: str, typed: set[str], other: set[str]
) -> None:
    result = search(texts_engine, SearchRequest(q=q, per_page=20))
    got = [h.record.number for h in result.hits]
    assert set(got[: len(typed)]) == typed
    assert set(got[len(typed) :]) == other
    assert result.message is not None and "more write it another way" in result.message


def _vocab(freq: dict[str, int]) -> Vocabulary:
    buckets: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for word, df in freq.items():
        buckets.setdefault((word[0], len(word)), []).append((word, df))
    return freq, buckets


# Document frequencies as in the whole corpus's spelling field.
FREQ = {"stateless": 364, "states": 10061, "indigeneous": 1, "indigenous": 2649, "sterilisation": 4}

CORRECT_CASES = [
    ("one edit beats a common word two away", "statless", "stateless"),
    ("a far commoner word two edits away beats a rare typo one away", "indigineous", "indigenous"),
    ("rare but right", "sterilisaton", "sterilisation"),
    ("known word kept", "stateless", None),
]


@pytest.mark.parametrize(
    ("name", "word", "fixed"), CORRECT_CASES, ids=[c[0] for c in CORRECT_CASES]
)
def test_correction_weighs_edits_and_frequency(name: str, word: str, fixed: str | None) -> None:
    assert _correct(word, _vocab(FREQ)) == fixed
