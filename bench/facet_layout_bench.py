"""Facet counting under other fast-field layouts: cost per query against the product's.

The product counts the facets of a narrow query with a `terms` aggregation over each of
its two FACET_GROUPS' id columns (multi-valued u64: the document's facets with kind and
response, 5-6 ids a record; the list tags, 2.7), on two threads, and turns the buckets
into ranked (value, count) lists in Python (tantivy_facets._id_ranked). Before FACET_GROUPS
it was one column of every id (7.6 a record). Layouts measured, in one lab index:

- groups: the product's two columns, counted one after the other here (CPU is the sum of
  the two threads'); "product" runs tantivy_facets.start_facet_counts itself;
- one col: every id in one column (facet_all), in DocumentMaker's order;
- sorted: the same ids ascending within each record (tantivy's terms aggregation
  de-duplicates each document's values of a multi-valued column, sorting those of a
  document with more than two); groups sorted: each group's ids ascending; ranges: the
  document's ids, then the tags' ids moved to a range of their own (TAG_RANGE above), each
  part ascending (ascending with no sort per record);
- combo+tag: a single-valued column, the id of the record's (body, doc_type, country,
  year, kind, response) combination (2,307 distinct), and a multi-valued one with the list
  tags; each combination's count is added to its six values, in Python or by numpy;
- p2: one multi-valued column, ascending, with (body, doc_type) and (kind, response) as
  one id each (their combination) and the other values one id each (5.6 a record).

Conversions: the product's; "fast" reads the buckets with itemgetters into a dict per
facet made beforehand (same counts); combinations' counts are added to their values.
Every layout's counts must equal the product's for every query, else it is no candidate
(the script stops).

Measured with earlier versions of this script and dropped (one-term median of CPU ms,
against about 1.7-2.0 for one column): doc combination + multi-valued kind/response/tags
2.74; combo_id + single-valued tag-set id (70,330 distinct sets) 12.9; combo_id + the
first 3, 4 or 6 tag values in single-valued "slot" columns + a multi-valued overflow
3.5-4.1; all six single-valued facets as one id in the multi-valued column (3.7 ids a
record) 1.9-2.0; a histogram aggregation (interval 1) instead of terms: 1.7x the terms
time; terms options (order by key, no error bound, a smaller size): within 2%.

The index (the product's schema and documents, plus the layouts' columns) is built once
under /tmp/facetlab/ from search_bench's records; later runs reuse it (--rebuild makes it
again). Each query is timed `--reps` times per layout, the layouts taking turns, after one
untimed run; the medians are of wall time (perf_counter) and of this process's CPU time
(process_time, which counts tantivy's work too: it aggregates on the calling thread, or
on the product's pool threads). The build cost is the Python CPU seconds of making each
layout's JSON for every record with DocumentMaker's caches.

    nice .venv/bin/python bench/facet_layout_bench.py            # 300k records, 21 repeats
    nice .venv/bin/python bench/facet_layout_bench.py --rebuild  # remake the index first
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_bench
from recsearch import query as qn
from recsearch import tantivy_schema
from recsearch.engine import FACET_FIELDS, EngineQuery
from recsearch.records import Record
from recsearch.tantivy_compile import QueryCompiler, and_all
from recsearch.tantivy_engine import WRITER_HEAP, WRITER_THREADS
from recsearch.tantivy_facet_ids import FILE as IDS_FILE
from recsearch.tantivy_facet_ids import FacetIds
from recsearch.tantivy_facets import _id_ranked, start_facet_counts
from recsearch.tantivy_schema import (
    FACET_GROUPS,
    FP_SEP,
    DocumentMaker,
    FacetGroup,
    _field_values,
    build_schema,
)

WORKDIR = Path("/tmp/facetlab/index")
TABLES = "layouts.json"  # the candidates' id tables, beside the index
RESULTS = search_bench.RESULTS
AGG_SIZE = 10_000_000

COMBO_FACETS = ("body", "doc_type", "country", "year", "kind", "response")  # one value each
LIST_FACETS = ("articles", "general_recommendations", "gnr", "themes", "recommending_states")
assert sorted(COMBO_FACETS + LIST_FACETS) == sorted(FACET_FIELDS)

SINGLE = ("combo_id",)
# Packed columns: each group of facets as one id (its combination of values), the other
# facets' values one id each, in one dense id space, ascending within a record.
PACKINGS: dict[str, tuple[tuple[str, ...], ...]] = {
    "p2": (("body", "doc_type"), ("kind", "response")),
}
# facet_all: every id of a record in one column (the product's layout before it split them
# into FACET_GROUPS), in DocumentMaker's order; facet_sorted the same, ascending;
# group0_sorted, group1_sorted: the two FACET_GROUPS' ids, each ascending.
MULTI = (
    "facet_all",
    "facet_sorted",
    "facet_ranges",
    "group0_sorted",
    "group1_sorted",
    "tag_id",
    *PACKINGS,
)
# facet_ranges: the document's ids as they are, the tags' ids plus this, each part
# ascending: so a record's ids are ascending with no sort per record.
TAG_RANGE = 1 << 20
# DocumentMaker's two cached parts of a record's facet ids: its document's and its tags'.
DOC_FACETS = ("body", "doc_type", "country", "year")
TAG_FACETS = tuple(f for f in FACET_FIELDS if f not in DOC_FACETS)

Counts = dict[str, dict[str, int]]
Pair = tuple[str, str]
Entry = tuple[Pair, ...]  # the (facet, value) pairs an id stands for


# -- the candidates' columns ---------------------------------------------------------------


class Ids:
    """Dense ids of hashable keys, each with the (facet, value) pairs it stands for."""

    def __init__(self) -> None:
        self.ids: dict[Any, int] = {}
        self.entries: list[Entry] = []

    def id_of(self, key: Any, entry: Entry) -> int:
        number = self.ids.get(key)
        if number is None:
            number = self.ids[key] = len(self.entries)
            self.entries.append(entry)
        return number


def _pairs(rec: Record, facets: Sequence[str]) -> Entry:
    return tuple((f, v) for f in facets for v in _field_values(f, getattr(rec, f)))


class ColumnMaker:
    """The candidates' columns of a record as a JSON fragment, cached per combination of
    a record's facet values (DocumentMaker caches per document and per tag combination)."""

    def __init__(self, facet_ids: FacetIds) -> None:
        self.combos = Ids()  # combo_id -> its pairs
        self.tags = Ids()  # tag_id -> its one pair
        self.packed = {name: Ids() for name in PACKINGS}  # id -> a group's pairs or one pair
        self._facet_id = facet_ids.id_of
        self._parts: dict[Any, str] = {}

    def __call__(self, rec: Record) -> str:
        combo = (rec.body, rec.doc_type, rec.country, rec.year, rec.kind, rec.response)
        lists = (
            tuple(rec.articles),
            tuple(rec.general_recommendations),
            tuple(rec.gnr),
            tuple(rec.themes),
            tuple(rec.recommending_states),
        )
        key = (combo, lists)
        part = self._parts.get(key)
        if part is None:
            part = self._parts[key] = self._part(rec, combo)
        return part

    def _part(self, rec: Record, combo: Any) -> str:
        pairs = _pairs(rec, COMBO_FACETS)
        tag_pairs = _pairs(rec, LIST_FACETS)
        facets = sorted(self._facet_id(f"{f}{FP_SEP}{v}") for f, v in pairs + tag_pairs)
        doc_ids = [self._facet_id(f"{f}{FP_SEP}{v}") for f, v in _pairs(rec, DOC_FACETS)]
        tag_ids = [self._facet_id(f"{f}{FP_SEP}{v}") for f, v in _pairs(rec, TAG_FACETS)]
        ranges = sorted(doc_ids) + sorted(TAG_RANGE + i for i in tag_ids)
        group0 = sorted(self._facet_id(f"{f}{FP_SEP}{v}") for f, v in pairs)
        group1 = sorted(self._facet_id(f"{f}{FP_SEP}{v}") for f, v in tag_pairs)
        combo_id = self.combos.id_of(combo, pairs)
        tags = [self.tags.id_of(p, (p,)) for p in tag_pairs]
        out = (
            f',"combo_id":[{combo_id}],"tag_id":[{_ints(tags)}],'
            f'"facet_sorted":[{_ints(facets)}],"facet_all":[{_ints(doc_ids + tag_ids)}],'
            f'"facet_ranges":[{_ints(ranges)}],"group0_sorted":[{_ints(group0)}],'
            f'"group1_sorted":[{_ints(group1)}]'
        )
        for name, grouped in PACKINGS.items():
            ids = self.packed[name]
            packed = [ids.id_of(("group", g, _pairs(rec, g)), _pairs(rec, g)) for g in grouped]
            alone = [f for f in FACET_FIELDS if not any(f in g for g in grouped)]
            packed += [ids.id_of(p, (p,)) for p in _pairs(rec, alone)]
            out += f',"{name}":[{_ints(sorted(packed))}]'
        return out

    def tables(self) -> dict[str, Any]:
        """Column -> id -> [pairs, grouped]: the pairs an id stands for, and whether it
        stands for a group (whose values other ids may share: their counts add up)."""
        out: dict[str, Any] = {
            "combo_id": [[e, True] for e in self.combos.entries],
            "tag_id": [[e, False] for e in self.tags.entries],
        }
        for name, ids in self.packed.items():
            out[name] = [
                [e, isinstance(k, tuple) and k[0] == "group"]
                for k, e in zip(ids.ids, ids.entries, strict=True)
            ]
        return out


def _ints(numbers: Sequence[int]) -> str:
    return ",".join(map(str, numbers))


# -- building --------------------------------------------------------------------------------


def _register_analyzers(index: tantivy.Index) -> None:
    """The product's analyzers, under either of the schema module's ways of naming them."""
    register = getattr(tantivy_schema, "register_analyzers", None)
    if register is not None:
        register(index)
    else:
        index.register_tokenizer(tantivy_schema.ANALYZER, tantivy_schema.build_analyzer())


_SchemaBuilder = tantivy.SchemaBuilder


class _Builder:
    """tantivy.SchemaBuilder with the candidates' columns added before it builds."""

    def __init__(self) -> None:
        self._sb = _SchemaBuilder()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sb, name)

    def build(self) -> tantivy.Schema:
        for name in (*SINGLE, *MULTI):
            self._sb.add_unsigned_field(name, stored=False, indexed=False, fast=True)
        return self._sb.build()


def lab_schema() -> tantivy.Schema:
    """The product's schema (build_schema) plus the candidates' columns."""
    tantivy.SchemaBuilder = _Builder  # type: ignore[misc,assignment]
    try:
        return build_schema()
    finally:
        tantivy.SchemaBuilder = _SchemaBuilder  # type: ignore[misc]


# Sources per commit: how ingest wrote tantivy indexes until session 7 (one commit a run
# since), kept so that the lab's index has the segments its results were measured on.
LAB_BATCH = 100


def groups(records: int) -> list[tuple[str, list[Record]]]:
    return list(search_bench.replicate(search_bench.load_records(), records))


def build(records: int, workdir: Path) -> None:
    """The product's documents (DocumentMaker) with the candidates' columns, committed every
    LAB_BATCH sources with a writer per commit (8 segments, as its results were measured)."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    index = tantivy.Index(lab_schema(), path=str(workdir))
    _register_analyzers(index)
    ids = FacetIds(workdir / IDS_FILE)
    make = DocumentMaker(ids)
    columns = ColumnMaker(ids)
    todo = groups(records)
    t0 = time.perf_counter()
    for start in range(0, len(todo), LAB_BATCH):
        writer = index.writer(WRITER_HEAP, WRITER_THREADS)
        for source, recs in todo[start : start + LAB_BATCH]:
            for rec in recs:
                writer.add_json(make(rec, source, "bench")[:-1] + columns(rec) + "}")
        ids.save()
        writer.commit()
        writer.wait_merging_threads()
    (workdir / TABLES).write_text(json.dumps(columns.tables()))
    print(f"built {records:,} records in {time.perf_counter() - t0:.0f} s")


# -- counting ----------------------------------------------------------------------------------


def _id_counts(
    searcher: tantivy.Searcher, query: tantivy.Query, group: FacetGroup, ids: FacetIds
) -> Counts:
    """facet -> value -> hits for a group's facets, as the product counts them."""
    ranked = _id_ranked(searcher, query, group, ids, sorted(group.facets), None)
    return {name: dict(pairs) for name, pairs in ranked.items() if pairs}


def _terms(field: str) -> dict[str, Any]:
    return {"terms": {"field": field, "size": AGG_SIZE, "segment_size": AGG_SIZE}}


def _add_py(out: Counts, buckets: list[dict[str, int]], entries: list[Entry]) -> None:
    """Each bucket's count added to its entry's values, in Python."""
    for b in buckets:
        n = b["doc_count"]
        for facet, value in entries[b["key"]]:
            found = out.get(facet)
            if found is None:
                out[facet] = {value: n}
            else:
                found[value] = found.get(value, 0) + n


class Expander:
    """Bucket counts -> value counts with numpy: entry ids index a CSR table of global value
    indexes, and one bincount adds each bucket's count to its entry's values."""

    def __init__(self, entries: list[Entry], index: dict[Pair, int]) -> None:
        lens = [len(e) for e in entries]
        self.lens = np.array(lens, dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(self.lens)[:-1])).astype(np.int64)
        self.flat = np.array([index[p] for e in entries for p in e], dtype=np.int64)
        self.single = all(n == 1 for n in lens)
        self.size = len(index)

    def add(self, totals: np.ndarray, buckets: list[dict[str, int]]) -> np.ndarray:
        if not buckets:
            return totals
        keys = np.fromiter([b["key"] for b in buckets], np.int64, len(buckets))
        counts = np.fromiter([b["doc_count"] for b in buckets], np.float64, len(buckets))
        if self.single:
            values, weights = self.flat[keys], counts
        else:
            lens = self.lens[keys]
            ends = np.cumsum(lens)
            # positions of every value of every bucket's entry in `flat`
            offsets = np.arange(ends[-1]) - np.repeat(ends - lens, lens)
            values = self.flat[np.repeat(self.starts[keys], lens) + offsets]
            weights = np.repeat(counts, lens)
        return totals + np.bincount(values, weights, minlength=self.size)


def _np_counts(totals: np.ndarray, pairs: list[Pair]) -> Counts:
    """{facet: {value: count}} of the values counted."""
    out: Counts = {}
    found_ = np.flatnonzero(totals)
    for i, n in zip(found_.tolist(), totals[found_].astype(np.int64).tolist(), strict=True):
        facet, value = pairs[i]
        found = out.get(facet)
        if found is None:
            out[facet] = {value: n}
        else:
            found[value] = n
    return out


class Layouts:
    """Each layout's counting: a tantivy query -> {facet: {value: count}}."""

    def __init__(self, searcher: tantivy.Searcher, ids: FacetIds, tables: dict[str, Any]) -> None:
        self.searcher = searcher
        self.ids = ids
        facet_entries: list[Entry] = [(p,) for p in ids.split]
        self.entries: dict[str, list[Entry]] = {"facet_id": facet_entries}
        self.grouped: dict[str, list[bool]] = {"facet_id": [False] * len(facet_entries)}
        for name, table in tables.items():
            self.entries[name] = [tuple((f, v) for f, v in e) for e, _g in table]
            self.grouped[name] = [g for _e, g in table]
        for name in ("facet_all", "facet_sorted", "group0_sorted", "group1_sorted"):
            self.entries[name] = facet_entries
            self.grouped[name] = self.grouped["facet_id"]
        self.pairs: list[Pair] = list(dict.fromkeys(p for e in facet_entries for p in e))
        index = {p: i for i, p in enumerate(self.pairs)}
        self.expanders = {name: Expander(e, index) for name, e in self.entries.items()}

    def product(self, query: tantivy.Query) -> Counts:
        """What the product runs (tantivy_facets.start_facet_counts): both groups side by
        side on its pool, by ids for a narrow query, by postings for a broad one (counting
        the hits first, which a search has already done)."""
        hits = self.searcher.search(query, 1, count=True).count  # type: ignore[attr-defined]
        ranked = start_facet_counts(self.searcher, _ALL_FACETS, query, hits, self.ids)()
        return {f: dict(pairs) for f, pairs in ranked.items() if pairs}

    def fast(self, *fields: str, tag_range: int = 0) -> Callable[[tantivy.Query], Counts]:
        """Columns of single values (FacetIds ids) in one request, their buckets read by
        C-level itemgetters into a dict per facet made beforehand. `tag_range`: ids at or
        above it are FacetIds ids plus it."""
        spec = {f: _terms(f) for f in fields}
        split: Any = self.ids.split
        if tag_range:
            split = dict(enumerate(split)) | {tag_range + i: p for i, p in enumerate(split)}

        def count(query: tantivy.Query) -> Counts:
            res = self.searcher.aggregate(query, spec)
            out: Counts = {f: {} for f in FACET_FIELDS}
            for f in fields:
                buckets = res[f]["buckets"]
                for (facet, value), n in zip(
                    map(split.__getitem__, map(_KEY, buckets)), map(_COUNT, buckets), strict=True
                ):
                    out[facet][value] = n
            return {f: c for f, c in out.items() if c}

        return count

    def old(self, query: tantivy.Query) -> Counts:
        """The product's layout and conversion before FACET_GROUPS: every id in one column
        (facet_all), its buckets turned into counts by tantivy_facets._id_ranked."""
        return _id_counts(self.searcher, query, _ALL_GROUP, self.ids)

    def groups(self, query: tantivy.Query) -> Counts:
        """The product's: each of FACET_GROUPS by tantivy_facets._id_ranked, one after the
        other (the product runs them on two threads: see `product`)."""
        out: Counts = {}
        for group in FACET_GROUPS:
            out.update(_id_counts(self.searcher, query, group, self.ids))
        return out

    def python(self, *fields: str) -> Callable[[tantivy.Query], Counts]:
        """These columns aggregated in one request, their buckets expanded in Python: an
        id of one value sets its count, a group's adds to its values'."""
        spec = {f: _terms(f) for f in fields}
        tables = [(f, self.entries[f], self.grouped[f]) for f in fields]

        def count(query: tantivy.Query) -> Counts:
            res = self.searcher.aggregate(query, spec)
            out: Counts = {f: {} for f in FACET_FIELDS}
            for f, entries, grouped in tables:
                buckets = res[f]["buckets"]
                for key, n in zip(map(_KEY, buckets), map(_COUNT, buckets), strict=True):
                    if grouped[key]:
                        for facet, value in entries[key]:
                            found = out[facet]
                            found[value] = found.get(value, 0) + n
                    else:
                        facet, value = entries[key][0]
                        out[facet][value] = n
            return {f: c for f, c in out.items() if c}

        return count

    def numpy(self, *fields: str) -> Callable[[tantivy.Query], Counts]:
        """These columns aggregated in one request, their buckets expanded by numpy."""
        spec = {f: _terms(f) for f in fields}
        expanders = [(f, self.expanders[f]) for f in fields]
        zero = np.zeros(len(self.pairs))

        def count(query: tantivy.Query) -> Counts:
            res = self.searcher.aggregate(query, spec)
            totals = zero
            for f, expander in expanders:
                totals = expander.add(totals, res[f]["buckets"])
            return _np_counts(totals, self.pairs)

        return count

    def agg_only(self, field: str, agg: str = "terms") -> Callable[[tantivy.Query], Any]:
        """One column's aggregation alone, with no conversion (what tantivy costs)."""
        spec = {"a": _terms(field) if agg == "terms" else {agg: {"field": field}}}
        return lambda query: self.searcher.aggregate(query, spec)


_ALL_FACETS = EngineQuery(qn.MatchAll(), facets=FACET_FIELDS)
# Every id in one column, counted as one group (only its ids field is read).
_ALL_GROUP = FacetGroup("facet", "facet_all", frozenset(FACET_FIELDS))
_KEY = itemgetter("key")
_COUNT = itemgetter("doc_count")


# -- timing ------------------------------------------------------------------------------------


def _queries(
    compiler: QueryCompiler, classes: Sequence[str]
) -> Iterator[tuple[str, str, tantivy.Query]]:
    """search_bench's queries of these classes, compiled with their filters as the engine
    compiles them (TantivyEngine.search)."""
    for cls in classes:
        for text, filters in search_bench.QUERIES[cls]:
            parts = [compiler.compile(search_bench.query_node(text))]
            parts += [compiler.filter(f, vals) for f, vals in filters.items() if vals]
            label = f"{text} {json.dumps(filters)}" if filters else text
            yield cls, label, and_all(parts)


def _stats(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "median": round(statistics.median(samples), 3),
        "p95": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 3),
    }


def counters(lay: Layouts) -> dict[str, Callable[[tantivy.Query], Any]]:
    """Name -> counting function; names starting "agg " or "count " are tantivy alone."""
    return {
        "groups": lay.groups,
        "groups fast": lay.fast("facet_id", "facet_tag_id"),
        "groups sorted fast": lay.fast("group0_sorted", "group1_sorted"),
        "one col (old)": lay.old,
        "one col fast": lay.fast("facet_all"),
        "sorted fast": lay.fast("facet_sorted"),
        "ranges fast": lay.fast("facet_ranges", tag_range=TAG_RANGE),
        "p2": lay.python("p2"),
        "combo+tag py": lay.python("combo_id", "tag_id"),
        "combo+tag np": lay.numpy("combo_id", "tag_id"),
        "product": lay.product,
        "agg facet_id": lay.agg_only("facet_id"),
        "agg facet_tag_id": lay.agg_only("facet_tag_id"),
        "agg group0_sorted": lay.agg_only("group0_sorted"),
        "agg group1_sorted": lay.agg_only("group1_sorted"),
        "agg facet_all": lay.agg_only("facet_all"),
        "agg facet_sorted": lay.agg_only("facet_sorted"),
        "agg facet_ranges": lay.agg_only("facet_ranges"),
        "agg p2": lay.agg_only("p2"),
        "agg combo_id": lay.agg_only("combo_id"),
        "agg tag_id": lay.agg_only("tag_id"),
        "count facet_all": lay.agg_only("facet_all", "value_count"),
    }


def measure(workdir: Path, classes: Sequence[str], reps: int) -> dict[str, Any]:
    index = tantivy.Index.open(str(workdir))
    _register_analyzers(index)
    searcher = index.searcher()
    ids = FacetIds(workdir / IDS_FILE)
    ids.refresh()
    lay = Layouts(searcher, ids, json.loads((workdir / TABLES).read_text()))
    named = counters(lay)
    checked = [n for n in named if not n.startswith(("agg ", "count ")) and n != "groups"]
    rows: list[dict[str, Any]] = []
    for cls, label, query in _queries(QueryCompiler(index.schema), classes):
        hits = searcher.search(query, 1, count=True).count  # type: ignore[attr-defined]
        expected = lay.groups(query)
        for name in checked:
            if named[name](query) != expected:
                raise SystemExit(f"{name} counts differ from the current layout's for {label!r}")
        wall: dict[str, list[float]] = {n: [] for n in named}
        cpu: dict[str, list[float]] = {n: [] for n in named}
        for _ in range(reps):
            for name, count in named.items():  # layouts take turns: noise falls on all
                c0, w0 = time.process_time(), time.perf_counter()
                count(query)
                wall[name].append((time.perf_counter() - w0) * 1000)
                cpu[name].append((time.process_time() - c0) * 1000)
        row: dict[str, Any] = {"class": cls, "query": label, "hits": hits}
        row["values"] = sum(map(len, expected.values()))
        row["wall_ms"] = {n: _stats(s) for n, s in wall.items()}
        row["cpu_ms"] = {n: _stats(s) for n, s in cpu.items()}
        rows.append(row)
        print(
            f"{cls:9} {label[:30]:30} {hits:7,} "
            + " ".join(f"{n}={row['cpu_ms'][n]['median']:.2f}" for n in named)
        )
    return {"rows": rows, "layouts": list(named), "segments": searcher.num_segments}


# -- the build-time cost of the columns ----------------------------------------------------------


def column_costs(records: int) -> dict[str, float]:
    """Python CPU seconds of making each layout's JSON for `records` records (cached as
    DocumentMaker caches: per document part, per tag combination), beside the product's
    whole DocumentMaker (every field of a record)."""
    todo = [rec for _source, recs in groups(records) for rec in recs]
    out: dict[str, float] = {}
    t0 = time.process_time()
    make = DocumentMaker(FacetIds(Path("/nonexistent") / IDS_FILE))
    for rec in todo:
        make(rec, "s", "bench")
    out["DocumentMaker, the product's whole document"] = time.process_time() - t0
    for name in _layout_makers():
        maker = _layout_makers()[name]  # caches of its own, filled as it goes
        t0 = time.process_time()
        for rec in todo:
            maker(rec)
        out[name] = time.process_time() - t0
    return {k: round(v, 2) for k, v in out.items()}


def _layout_makers() -> dict[str, Callable[[Record], str]]:
    """One JSON fragment maker a layout, caching as DocumentMaker does: the document's
    part per document, the tags' part (kind and response with the list tags) per tag
    combination."""
    facet_ids = FacetIds(Path("/nonexistent") / IDS_FILE)
    id_of = facet_ids.id_of
    docs: dict[Any, Part] = {}
    tags: dict[Any, tuple[Part, Part]] = {}  # (kind and response, list tags)
    group0: dict[Any, str] = {}

    def ids(rec: Record, facets: Sequence[str]) -> list[int]:
        return sorted(id_of(f"{f}{FP_SEP}{v}") for f, v in _pairs(rec, facets))

    def parts(rec: Record) -> tuple[Part, Part, Part]:
        dkey = (rec.doc_key, rec.body, rec.doc_type, rec.country, rec.year)
        d = docs.get(dkey)
        if d is None:
            found = ids(rec, DOC_FACETS)
            d = docs[dkey] = (found, _ints(found))
        tkey = tantivy_schema._tag_values(rec)
        t = tags.get(tkey)
        if t is None:
            own, lists = ids(rec, ("kind", "response")), ids(rec, LIST_FACETS)
            t = tags[tkey] = ((own, _ints(own)), (lists, _ints(lists)))
        return d, t[0], t[1]

    def groups(rec: Record) -> str:
        d, own, lists = parts(rec)
        return f',"facet_id":[{d[1]},{own[1]}],"facet_tag_id":[{lists[1]}]'

    def groups_sorted(rec: Record) -> str:
        d, own, lists = parts(rec)
        key = (id(d), own[1])
        g0 = group0.get(key)
        if g0 is None:
            g0 = group0[key] = _ints(sorted(d[0] + own[0]))
        return f',"facet_id":[{g0}],"facet_tag_id":[{lists[1]}]'

    def one_sorted(rec: Record) -> str:
        d, own, lists = parts(rec)
        return f',"facet_id":[{_ints(sorted(d[0] + own[0] + lists[0]))}]'

    return {
        "groups (the product's two columns, as DocumentMaker joins its parts)": groups,
        "groups sorted (group 0 cached per document, kind and response)": groups_sorted,
        "one column, sorted per record": one_sorted,
    }


Part = tuple[list[int], str]  # a cached part's ids, and as JSON


# -- report ---------------------------------------------------------------------------------


def summary(result: dict[str, Any]) -> dict[str, dict[str, dict[str, float]]]:
    """Per class and layout: the median over queries of each query's median (wall, CPU)."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for cls in dict.fromkeys(r["class"] for r in result["rows"]):
        rows = [r for r in result["rows"] if r["class"] == cls]
        out[cls] = {
            n: {
                "wall": round(statistics.median(r["wall_ms"][n]["median"] for r in rows), 3),
                "cpu": round(statistics.median(r["cpu_ms"][n]["median"] for r in rows), 3),
            }
            for n in result["layouts"]
        }
    return out


def markdown(result: dict[str, Any]) -> str:
    names = result["layouts"]
    lines = [
        "# Facet counting under other fast-field layouts",
        "",
        f"{result['records']:,} records in {result['segments']} segments, {result['reps']} "
        f"repeats a query and layout, {os.cpu_count()} cores, load {result['load']:.1f} at "
        f"start, {result['when']}; `python bench/facet_layout_bench.py` (its docstring says "
        "what each layout is).",
        "",
        "Median milliseconds of CPU time (process_time) a query; wall-time medians are in the "
        "JSON. Every layout's counts equal the product's (groups) for every query. "
        "`agg X`: tantivy's terms aggregation of column X alone, no conversion; "
        "`count facet_all`: a value_count aggregation (reading the column, no buckets).",
        "",
        "| class | query | hits | values | " + " | ".join(names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    for r in result["rows"]:
        cells = [f"{r['cpu_ms'][n]['median']:.2f}" for n in names]
        lines.append(
            f"| {r['class']} | {r['query']} | {r['hits']:,} | {r['values']} | "
            + " | ".join(cells)
            + " |"
        )
    lines += ["", "Median over a class's queries of each query's median, CPU (wall):", ""]
    lines += ["| class | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for cls, by in result["summary"].items():
        lines.append(
            f"| {cls} | "
            + " | ".join(f"{by[n]['cpu']:.2f} ({by[n]['wall']:.2f})" for n in names)
            + " |"
        )
    if result.get("build_cpu_s"):
        lines += ["", f"Python CPU seconds of making the JSON of {result['records']:,} records:"]
        lines += [""] + [f"- {k}: {v} s" for k, v in result["build_cpu_s"].items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=search_bench.LARGE)
    ap.add_argument("--dir", type=Path, default=WORKDIR)
    ap.add_argument("--reps", type=int, default=21)
    ap.add_argument("--classes", nargs="+", default=["one-term", "filtered", "broad"])
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-build-cost", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    if args.rebuild or not (args.dir / TABLES).exists():
        build(args.records, args.dir)
    result: dict[str, Any] = {
        "records": args.records,
        "reps": args.reps,
        "load": load,
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    result |= measure(args.dir, args.classes, args.reps)
    result["summary"] = summary(result)
    if not args.no_build_cost:
        result["build_cpu_s"] = column_costs(args.records)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "facet_layout_bench.json").write_text(json.dumps(result, indent=1) + "\n")
    text = markdown(result)
    (RESULTS / "facet_layout_bench.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
