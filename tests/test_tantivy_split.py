"""A big write's documents made by a forked worker: the same documents, facet ids and index
as one process makes, and a failed worker rolls the whole write back."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from recsearch import tantivy_split
from recsearch.engine import EngineError
from recsearch.records import Record
from recsearch.tantivy_engine import SUBDIR, TantivyEngine
from recsearch.tantivy_facet_ids import FILE as IDS_FILE
from recsearch.tantivy_facet_ids import FacetIds
from recsearch.tantivy_schema import DocumentMaker
from recsearch.tantivy_split import Batch, documents

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked")

BASE = Record(
    id="x/1", symbol="CERD/C/X/1", title="Concluding observations",
    doc_type="concluding-observations", body="CERD", country="Brazil", year=2012,
    source="x.pdf", number="1", section=["A. Intro"], page=1,
    text="The Committee recommends that the State party ensure access to justice.",
)  # fmt: skip
COUNTRIES = ["Brazil", "France", "Chile", "Kenya", "Nepal", "Peru", "Fiji", "Mali"]


def make_batch(sources: int = 12, per_source: int = 5) -> list[tuple[str, str, list[Record]]]:
    """Sources whose records bring new facet values all along the batch (so both the head
    and the worker's tail meet values nobody has met before) and repeat earlier ones."""
    batch = []
    for s in range(sources):
        source = f"dir/doc-{s}.pdf"
        records = [
            replace(
                BASE,
                id=f"doc-{s}/{i}",
                source=source,
                symbol=f"CERD/C/{s}/1",
                country=COUNTRIES[s % len(COUNTRIES)],
                year=2000 + s,
                number=str(i),
                order=i,
                text=f"{BASE.text} Paragraph {s} {i} on théme{s} and women’s rights.",
                articles=[f"ICERD {1 + (s * per_source + i) % 9}"],
                themes=[f"Theme {s}", "Justice"] if i % 2 else [],
                recommending_states=[COUNTRIES[(s + i) % len(COUNTRIES)], f"State {s}-{i}"],
                response="supported" if i % 3 else None,
                kind="recommendation" if i % 2 else "observation",
            )
            for i in range(per_source)
        ]
        batch.append((source, f"fp{s}", records))
    return batch


def one_process(batch: Batch, ids: FacetIds) -> list[str]:
    make = DocumentMaker(ids)
    return [make(rec, source, fp) for source, fp, records in batch for rec in records]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every batch from 10 records is split; the workers' pids, as they are forked."""
    monkeypatch.setattr(tantivy_split, "SPLIT_RECORDS", 10)
    pids: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return pids


def in_worker(parent: int, action: Callable[[], Any]) -> Callable[..., str]:
    """DocumentMaker.__call__ that does `action` when called in a worker (forked from
    `parent`) on its third record."""
    original = DocumentMaker.__call__
    calls = [0]

    def call(self: DocumentMaker, rec: Record, source: str, fingerprint: str) -> str:
        if os.getpid() != parent:
            calls[0] += 1
            if calls[0] == 3:
                action()
        return original(self, rec, source, fingerprint)

    return call


def test_split_documents_are_the_one_process_documents(forks: list[int], tmp_path: Path) -> None:
    """Same strings in the same order, and the same facet ids handed out in the same order,
    the worker's new values included."""
    batch = make_batch()
    ids = FacetIds(tmp_path / "split.jsonl")
    ids.id_of("country\x1fBrazil")  # a value the table knew before the write
    plain = FacetIds(tmp_path / "plain.jsonl")
    plain.id_of("country\x1fBrazil")
    docs = list(documents(DocumentMaker(ids), ids, batch))
    assert len(forks) == 1
    assert docs == one_process(batch, plain)
    assert ids.values == plain.values
    # The worker's tail met values of its own: they came back from it.
    assert f"recommending_states\x1fState {len(batch) - 1}-4" in ids.values
    assert ids.id_of("country\x1fBrazil") == 0


def test_small_batches_are_made_without_a_worker(forks: list[int], tmp_path: Path) -> None:
    batch = make_batch(sources=1, per_source=9)
    ids = FacetIds(tmp_path / "ids.jsonl")
    docs = list(documents(DocumentMaker(ids), ids, batch))
    assert forks == []
    assert docs == one_process(batch, FacetIds(tmp_path / "plain.jsonl"))


def test_leaving_early_ends_the_worker(forks: list[int], tmp_path: Path) -> None:
    ids = FacetIds(tmp_path / "ids.jsonl")
    docs: Iterator[str] = documents(DocumentMaker(ids), ids, make_batch())
    next(docs)
    docs.close()  # type: ignore[attr-defined]
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # reaped already
        os.waitpid(forks[0], os.WNOHANG)


def index_state(eng: TantivyEngine) -> dict[str, Any]:
    """What a write could change: terms of some fields, records, facet ids on disk."""
    return {
        "count": eng.doc_count(),
        "terms": {f: list(eng.terms(f)) for f in ("text", "spell", "country", "facet", "id")},
        "records": sorted(
            (r.id, r.text, r.country) for s in eng.fingerprints() for r in eng.source_records(s)
        ),
        "ids": (eng.index_dir / SUBDIR / IDS_FILE).read_bytes(),
    }


def test_index_is_the_one_process_index(
    forks: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = make_batch()
    split = TantivyEngine(tmp_path / "split", create=True)
    split.replace_sources(batch[:1])  # small: no worker
    split.replace_sources(batch)  # replaces the first source: its delete comes first
    assert len(forks) == 1
    monkeypatch.setattr(tantivy_split, "SPLIT_RECORDS", 10**9)
    plain = TantivyEngine(tmp_path / "plain", create=True)
    plain.replace_sources(batch[:1])
    plain.replace_sources(batch)
    assert len(forks) == 1
    assert index_state(split) == index_state(plain)
    assert split.doc_count() == 60


@pytest.mark.parametrize(
    "action, reason",
    [
        (lambda: (_ for _ in ()).throw(ValueError("no good")), "ValueError: no good"),
        (lambda: os.kill(os.getpid(), signal.SIGKILL), "exit status -9"),
        (lambda: os._exit(0), "sent no facet values"),
    ],
    ids=["raises", "killed", "exits-early"],
)
def test_a_failed_worker_rolls_the_write_back(
    forks: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    action: Callable[[], Any],
    reason: str,
) -> None:
    batch = make_batch()
    eng = TantivyEngine(tmp_path / "ix", create=True)
    eng.replace_sources(batch[:1])  # small: no worker
    before = index_state(eng)
    monkeypatch.setattr(DocumentMaker, "__call__", in_worker(os.getpid(), action))
    with pytest.raises(EngineError, match=reason):
        eng.replace_sources(batch)
    assert len(forks) == 1
    assert index_state(eng) == before
    assert index_state(TantivyEngine(tmp_path / "ix")) == before  # on disk too
    monkeypatch.undo()  # the writer lock is free again: the next write goes through
    eng.replace_sources(batch)
    assert eng.doc_count() == 60


@pytest.mark.parametrize(
    "written, count, reason",
    [(b"", 2, "none of 2"), (b"{}\n", 2, "fewer than 2"), (b"{}\n{}\n{}\n", 2, "more than 2")],
    ids=["none", "fewer", "more"],
)
def test_documents_are_counted(written: bytes, count: int, reason: str, tmp_path: Path) -> None:
    with (tmp_path / "out").open("w+b") as out:
        out.write(written)
        with pytest.raises(EngineError, match=reason):
            list(tantivy_split._read(out, count))
