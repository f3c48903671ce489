"""tantivy counts facets on a thread pool while the search reads its page."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import statelessness_record as record
from recsearch import query as q
from recsearch.engine import EngineQuery, open_engine
from recsearch.records import Record


class Recorder:
    """An executor that runs each job at once and notes when it was handed one."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        self.events.append("facets")
        done: Future[Any] = Future()
        done.set_result(fn(*args))
        return done


def test_facets_are_started_before_the_page_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recsearch import tantivy_engine, tantivy_facets

    eng = open_engine(tmp_path / "index", engine="tantivy", create=True)
    eng.replace_sources([(f"upr/doc-{n}.pdf", "fp", [record(n, c)]) for n, c in enumerate("AB")])
    events: list[str] = []
    monkeypatch.setattr(tantivy_facets, "POOL", Recorder(events))
    to_record = tantivy_engine.to_record

    def reading(doc: Any) -> Record:
        events.append("record")
        return to_record(doc)

    monkeypatch.setattr(tantivy_engine, "to_record", reading)
    result = eng.search(EngineQuery(q.Term("statelessness")))
    # One group is counted on the pool from the start; the caller counts the other after
    # reading its page (two threads busy, not three).
    assert events == ["facets", "record", "record"]
    assert result.facets["country"] == [("A", 1), ("B", 1)]
    eng.close()


def test_pool_counts_match_inline_counts(tmp_path: Path) -> None:
    """The pool's counts are the counts: several searches at once on one engine agree."""
    from concurrent.futures import ThreadPoolExecutor

    eng = open_engine(tmp_path / "index", engine="tantivy", create=True)
    countries = ["Chile", "Peru", "Peru", "Chile", "Peru"]
    eng.replace_sources(
        [(f"upr/doc-{n}.pdf", "fp", [record(n, c)]) for n, c in enumerate(countries)]
    )

    def countries_of(_: int) -> list[tuple[str, int]]:
        return eng.search(EngineQuery(q.Term("convention"), limit=2)).facets["country"]

    with ThreadPoolExecutor(4) as pool:
        assert set(map(tuple, pool.map(countries_of, range(16)))) == {(("Peru", 3), ("Chile", 2))}
    eng.close()


TEXTS = [
    "Ratify the convention on statelessness.",
    "Combat racial profiling by the police.",
    "Racial discrimination in education and racial profiling.",
    "The police shall not practise profiling; statelessness persists.",
]


@pytest.mark.parametrize(
    ("node", "filters"),
    [
        (q.Term("racial"), {}),
        (q.Term("profiling", field="text"), {}),
        (q.Phrase(("racial", "profiling")), {}),
        (q.And((q.Term("police"), q.Term("profiling"))), {}),
        (q.Or((q.Term("statelessness"), q.Term("education"))), {}),
        (q.And((q.Term("police"), q.Not(q.Term("racial")))), {}),
        (q.Keyword("country", "C1"), {}),
        (q.Term("police"), {"country": ["C1", "C3"]}),
        (q.Prefix("stateless"), {}),
        (q.MatchAll(), {"kind": ["nothing"]}),
        (q.Term("absent"), {}),
    ],
    ids=[
        "term", "term-in-field", "phrase", "and", "or", "and-not", "keyword", "filtered",
        "prefix", "filter-only", "no-match",
    ],
)  # fmt: skip
def test_bound_is_never_below_the_hits(
    tmp_path: Path, node: q.Node, filters: dict[str, list[str]]
) -> None:
    """The head start of facet counting relies on the bound: a bound below the hits would
    count a broad query the narrow way."""
    from recsearch.tantivy_bound import hits_at_most

    eng = open_engine(tmp_path / "index", engine="tantivy", create=True)
    records = [replace(record(n, f"C{n}"), text=t) for n, t in enumerate(TEXTS)]
    eng.replace_sources([(r.source, "fp", [r]) for r in records])
    total = eng.search(EngineQuery(node, filters=filters, limit=1)).total
    bound = hits_at_most(eng._searcher(), node, filters)
    assert bound >= total
    if isinstance(node, q.Term) and not filters:  # one word: the sum over its fields
        assert bound == total
    eng.close()
