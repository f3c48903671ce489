"""The facet id file: dense ids, shared by writers and readers, safe against torn lines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import statelessness_record as record
from recsearch import query as q
from recsearch.engine import EngineError, EngineQuery, open_engine
from recsearch.tantivy_facet_ids import FacetIds

VALUES = ["body\x1fCERD", "country\x1fTürkiye", "themes\x1fWomen"]


def saved(path: Path, values: list[str]) -> FacetIds:
    ids = FacetIds(path)
    ids.refresh()
    for value in values:
        ids.id_of(value)
    ids.save()
    return ids


def test_ids_are_dense_and_shared(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    first = saved(path, VALUES)
    assert [first.id_of(v) for v in VALUES] == [0, 1, 2]
    second = saved(path, ["kind\x1frecommendation", VALUES[0]])  # sees first's ids
    assert second.id_of("kind\x1frecommendation") == 3 and second.id_of(VALUES[0]) == 0
    first.refresh()
    assert first.values == [*VALUES, "kind\x1frecommendation"]


def test_unsaved_ids_are_forgotten_on_rollback(tmp_path: Path) -> None:
    ids = saved(tmp_path / "ids.jsonl", VALUES[:1])
    assert ids.id_of("year\x1f2012") == 1
    ids.forget_unsaved()
    assert ids.values == VALUES[:1]
    assert ids.id_of("gnr\x1f8") == 1  # the rolled-back id is handed out again


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (b'[1, "country\\u001fBra', 1),  # a writer died mid-line: the line is ignored
        (b"", 1),
    ],
    ids=["torn-line", "clean"],
)
def test_torn_last_line(tmp_path: Path, tail: bytes, expected: int) -> None:
    path = tmp_path / "ids.jsonl"
    saved(path, VALUES[:1])
    with path.open("ab") as fh:
        fh.write(tail)
    reader = FacetIds(path)
    reader.refresh()
    assert len(reader.values) == expected
    writer = saved(path, ["country\x1fPeru"])  # cuts the torn line off before appending
    assert writer.id_of("country\x1fPeru") == 1
    again = FacetIds(path)
    again.refresh()
    assert again.values == [VALUES[0], "country\x1fPeru"]


@pytest.mark.parametrize(
    "content",
    [b"not json\n", b'[5, "body\\u001fUPR"]\n'],
    ids=["garbage", "gap-in-ids"],
)
def test_damaged_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_bytes(content)
    with pytest.raises(EngineError, match="rebuild the index"):
        FacetIds(path).refresh()


def test_two_writers_one_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Facet ids added by one engine object are known to the others, whichever writes."""
    from recsearch import tantivy_facets

    monkeypatch.setattr(tantivy_facets, "BROAD_SHARE", 1.0)  # count by ids, not postings
    index = tmp_path / "index"
    one = open_engine(index, engine="tantivy", create=True)
    one.replace_sources([("upr/doc-1.pdf", "fp", [record(1, "Peru")])])
    two = open_engine(index)
    reader = open_engine(index)
    assert reader.search(EngineQuery(q.MatchAll())).facets["country"] == [("Peru", 1)]
    two.replace_sources([("upr/doc-2.pdf", "fp", [record(2, "Chile")])])
    one.replace_sources([("upr/doc-3.pdf", "fp", [replace(record(3, "Chile"), year=2020)])])
    facets = reader.search(EngineQuery(q.Term("statelessness"))).facets
    assert facets["country"] == [("Chile", 2), ("Peru", 1)]
    assert facets["year"] == [("2012", 2), ("2020", 1)]
    for eng in (one, two, reader):
        eng.close()


def test_threads_share_one_reader_while_another_engine_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web server's threads search one engine object while commits add new values."""
    from concurrent.futures import ThreadPoolExecutor

    from recsearch import tantivy_facets

    monkeypatch.setattr(tantivy_facets, "BROAD_SHARE", 1.0)
    index = tmp_path / "index"
    writer = open_engine(index, engine="tantivy", create=True)
    writer.replace_sources([("upr/doc-0.pdf", "fp", [record(0, "Country 0")])])
    reader = open_engine(index)
    countries = [f"Country {n}" for n in range(1, 9)]

    def searches(_: int) -> int:
        seen = 0
        for _ in range(30):
            facets = reader.search(EngineQuery(q.Term("statelessness"), limit=1)).facets
            seen = max(seen, len(facets["country"]))
        return seen

    with ThreadPoolExecutor(4) as pool:
        running = [pool.submit(searches, n) for n in range(4)]
        for n, country in enumerate(countries, start=1):
            writer.replace_sources([(f"upr/doc-{n}.pdf", "fp", [record(n, country)])])
        assert all(1 <= job.result() <= 9 for job in running)  # no errors in any thread
    facets = reader.search(EngineQuery(q.Term("statelessness"))).facets
    assert sorted(value for value, _n in facets["country"]) == sorted(["Country 0", *countries])
    writer.close()
    reader.close()


def test_a_rolled_back_write_leaves_no_stale_ids_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine keeps its document maker from write to write; after a write fails, a
    value it had given an id must be counted under the id the next write saves."""
    from recsearch import tantivy_facets

    monkeypatch.setattr(tantivy_facets, "BROAD_SHARE", 1.0)  # count by ids
    eng = open_engine(tmp_path / "index", engine="tantivy", create=True)
    eng.replace_sources([("upr/doc-0.pdf", "fp", [record(0, "Country 0")])])

    def failing() -> object:
        yield ("upr/doc-1.pdf", "fp", [record(1, "Country 1")])  # new ids: then rolled back
        raise RuntimeError("the parser died")

    with pytest.raises(RuntimeError):
        eng.replace_sources(failing())  # type: ignore[arg-type]
    # "Country 2" takes the id "Country 1" had, and "Country 1" a new one.
    eng.replace_sources([("upr/doc-2.pdf", "fp", [record(2, "Country 2")])])
    eng.replace_sources([("upr/doc-1.pdf", "fp", [record(1, "Country 1")])])
    facets = eng.search(EngineQuery(q.Term("statelessness"))).facets
    assert sorted(facets["country"]) == [("Country 0", 1), ("Country 1", 1), ("Country 2", 1)]
    eng.close()


def test_order_ranks_ids_by_facet_then_value_and_follows_new_ids(tmp_path: Path) -> None:
    ids = saved(tmp_path / "ids.jsonl", ["themes\x1fWomen", "body\x1fUPR", "themes\x1fAge"])
    order = ids.order()
    assert order.rank.tolist() == [2, 0, 1]  # body UPR, themes Age, themes Women
    assert order.values == ["UPR", "Age", "Women"]  # by place
    assert order.facets == {"body": 0, "themes": 1}
    assert order.facet_at.tolist() == [0, 1, 1]
    ids.id_of("body\x1fCERD")
    assert ids.order().rank.tolist() == [3, 1, 2, 0]
    ids.forget_unsaved()  # a rolled-back write: id 3 may come back as another value
    ids.id_of("themes\x1fYouth")
    assert ids.order().rank.tolist() == [2, 0, 1, 3]
    assert ids.order().values == ["UPR", "Age", "Women", "Youth"]
    assert ids.order().facet_at.tolist() == [0, 1, 1, 1]
