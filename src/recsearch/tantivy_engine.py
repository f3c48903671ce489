"""The tantivy engine: the same `Engine` as Whoosh, backed by tantivy (Rust).

Queries arrive as query.py nodes and are compiled to tantivy query objects
(tantivy_compile.py); the schema and documents are tantivy_schema.py, facet counts
tantivy_facets.py and snippets tantivy_snippets.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import tantivy
from tantivy import Occur, Order, Query

from recsearch import query as qn
from recsearch.engine import (
    EngineError,
    EngineQuery,
    EngineResult,
    Hit,
    IndexLocked,
    write_marker,
)
from recsearch.records import Record
from recsearch.tantivy_bound import hits_at_most
from recsearch.tantivy_compile import QueryCompiler, and_all
from recsearch.tantivy_facet_ids import FILE as IDS_FILE
from recsearch.tantivy_facet_ids import FacetIds
from recsearch.tantivy_facets import AGG_SIZE, narrow, start_facet_counts, terms_aggs
from recsearch.tantivy_schema import (
    DOC_ORDER,
    FP_FIELD,
    FP_SEP,
    GROUP_OF,
    NUMERIC_FIELDS,
    DocumentMaker,
    build_schema,
    register_analyzers,
    to_record,
)
from recsearch.tantivy_snippets import matcher, snippet_html

YEAR = NUMERIC_FIELDS["year"]
SUBDIR = "tantivy"  # the index files live here, beside engine.json and ingest reports
WRITER_HEAP = 256_000_000
# tantivy's indexing threads. One Python thread makes the documents and one indexing thread
# nearly keeps up with it; each thread writes its own segments, which are then merged. On
# 2 cores a second thread only competes with the Python one: 300k records took 5 s less
# CPU with one (35 s against 40-41) and less time. A second where cores are to spare.
WRITER_THREADS = max(1, min(2, (os.cpu_count() or 1) - 1))


# A DocumentMaker remembering more than this many combinations is started afresh (memory).
MAKER_MEMORY = 200_000


def _lock_error(index_dir: Path, exc: Exception) -> EngineError:
    if "LockBusy" in str(exc):
        return IndexLocked(
            f"{index_dir} is being written by another process; wait for it to finish"
        )
    return EngineError(f"cannot write the index in {index_dir}: {exc}")


class TantivyEngine:
    """A recsearch index on disk, stored and searched by tantivy."""

    name = "tantivy"
    # An ingest is one write, committed at its end: each commit leaves a segment of its
    # own (the writer merges them only in eights), and every search and facet count pays
    # per segment. One segment instead of eight: 300k records built 8% faster and
    # searched 7-10% faster (session 7). The writer's memory stays within WRITER_HEAP:
    # past it, tantivy writes a segment out before the commit.
    batch_files: int | None = None

    def __init__(self, index_dir: Path, *, create: bool = False) -> None:
        self.index_dir = Path(index_dir)
        path = self.index_dir / SUBDIR
        exists = (path / "meta.json").exists()
        if not exists and not create:
            raise EngineError(f"no tantivy index in {self.index_dir}")
        try:
            if exists:
                self._index = tantivy.Index.open(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._index = tantivy.Index(build_schema(), path=str(path))
                write_marker(self.index_dir, self.name, 0)
        except (OSError, ValueError) as exc:
            raise EngineError(f"cannot open the tantivy index in {self.index_dir}: {exc}") from exc
        register_analyzers(self._index)
        self._schema = self._index.schema
        self._compiler = QueryCompiler(self._schema)
        self._meta = path / "meta.json"
        self._stamp: tuple[int, int, int] | None = None
        self._cached: tantivy.Searcher | None = None
        self._ids = FacetIds(path / IDS_FILE)
        # Kept from write to write: what it remembers (analysed titles, a document's or a
        # combination of tags' JSON, with their facet ids) stays right while no write is
        # rolled back (which forgets ids handed out since the last commit).
        self._maker: DocumentMaker | None = None

    # -- writing -------------------------------------------------------------------

    def _writer(self) -> tantivy.IndexWriter:
        try:
            return self._index.writer(WRITER_HEAP, WRITER_THREADS)
        except ValueError as exc:
            raise _lock_error(self.index_dir, exc) from exc

    def _finish(self, writer: tantivy.IndexWriter, ok: bool) -> None:
        """Commit (or roll back) and release the writer lock."""
        committed = False
        try:
            if ok:
                self._ids.save()  # before the commit, so readers know every id it holds
                writer.commit()
                committed = True
            else:
                writer.rollback()
        finally:
            if not committed:
                self._ids.forget_unsaved()
                self._maker = None
            # Consumes the writer, which releases the lock file for the next writer.
            writer.wait_merging_threads()
        self._cached = None  # the next search sees this commit
        self._index.reload()
        if committed:
            write_marker(self.index_dir, self.name, self.doc_count())

    def replace_sources(self, batch: Iterable[tuple[str, str, list[Record]]]) -> None:
        """For each (source, fingerprint, records): drop that source's records, add these."""
        writer = self._writer()
        ok = False
        try:
            self._ids.refresh()  # under the writer lock: ids other writers added
            for source, fingerprint, records in batch:
                if self._maker is None or self._maker.remembered() > MAKER_MEMORY:
                    self._maker = DocumentMaker(self._ids)  # a whole ingest is one batch
                make = self._maker
                writer.delete_documents_by_term("source", source)
                for rec in records:
                    writer.add_json(make(rec, source, fingerprint))
            ok = True
        finally:
            self._finish(writer, ok)

    def delete_sources(self, sources: Iterable[str]) -> int:
        """Delete every record of these sources; return how many records went."""
        sources = list(sources)
        gone = sum(self._count(Query.term_query(self._schema, "source", s)) for s in sources)
        writer = self._writer()
        ok = False
        try:
            for source in sources:
                writer.delete_documents_by_term("source", source)
            ok = True
        finally:
            self._finish(writer, ok)
        return gone

    # -- reading -------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """The searcher of the last commit, reloaded only when meta.json has changed."""
        # Every commit replaces meta.json (a new file: new inode), whichever process or
        # engine object made it; a stat is microseconds, a reload a fifth of a millisecond.
        # The stamp is taken before reloading, so a commit racing the reload is seen next time.
        try:
            st = os.stat(self._meta)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        cached = self._cached
        if cached is None or stamp is None or stamp != self._stamp:
            self._index.reload()
            cached = self._cached = self._index.searcher()
            self._stamp = stamp
            self._ids.refresh()  # after the reload: the file is written before each commit
        return cached

    def _count(self, query: tantivy.Query) -> int:
        # tantivy rejects a limit of 0, so count with the smallest page.
        return _total(self._searcher().search(query, 1, count=True))

    def fingerprints(self) -> dict[str, str]:
        """source -> content fingerprint, from one aggregation over a fast field."""
        out: dict[str, str] = {}
        for value, _count in terms_aggs(self._searcher(), Query.all_query(), [FP_FIELD])[
            FP_FIELD
        ].items():
            source, _, fp = value.partition(FP_SEP)
            out[source] = fp
        return out

    def doc_count(self) -> int:
        return int(self._searcher().num_docs)

    def terms(self, field: str = "text") -> Iterable[tuple[str, int]]:
        """Indexed terms of a field with their document frequency (for 'did you mean')."""
        if field in GROUP_OF:  # a facet's values are its group's terms
            prefix = f"{field}{FP_SEP}"
            pairs = self._searcher().terms_with_prefix(GROUP_OF[field].terms, prefix)
            return [(t[len(prefix) :], int(n)) for t, n in pairs]
        try:
            pairs = self._searcher().terms_with_prefix(field, "")
        except ValueError:  # not a field of this index
            return []
        return [(t, int(n)) for t, n in pairs]

    def get_records(self, ids: Sequence[str]) -> list[Record]:
        """The records with these ids, in the order asked, missing ones left out."""
        if not ids:
            return []
        searcher = self._searcher()
        query = Query.term_set_query(self._schema, "id", list(ids))
        found: dict[str, Record] = {}
        for _score, addr in searcher.search(query, len(ids), count=False).hits:
            rec = to_record(searcher.doc(addr))
            found[rec.id] = rec
        return [found[i] for i in ids if i in found]

    def source_records(self, source: str) -> list[Record]:
        """Every record of one source file, in document order."""
        searcher = self._searcher()
        query = Query.term_query(self._schema, "source", source)
        n = self._count(query)
        if not n:
            return []
        res = searcher.search(query, n, count=False, order_by_field=DOC_ORDER, order=Order.Asc)
        return [to_record(searcher.doc(addr)) for _key, addr in res.hits]

    def search(self, q: EngineQuery) -> EngineResult:
        """Hits (one page), total and facet counts for one query and its filters."""
        searcher = self._searcher()
        main = self.compile(q.query)
        filters = {f: self._compiler.filter(f, vals) for f, vals in q.filters.items() if vals}
        full = and_all([main, *filters.values()])
        # tantivy rejects a limit of 0: ask for one hit and drop it (facets-only requests).
        limit = max(q.limit, 1)
        facets = None
        bound = hits_at_most(searcher, q.query, q.filters)
        if narrow(searcher, bound):  # then counted as for the total: start at once
            facets = start_facet_counts(searcher, q, full, bound, self._ids)
        # As in Whoosh, any sort but relevance that is not a date sort is document order.
        page: list[tuple[float, tantivy.DocAddress]]
        if q.sort == "relevance":
            res = searcher.search(full, limit, count=True, offset=q.offset)
            total, page = _total(res), [(float(score), addr) for score, addr in res.hits]
        elif q.sort in ("newest", "oldest"):
            total, page = self._by_year(searcher, full, q.offset, limit, q.sort == "newest")
        else:
            res = searcher.search(
                full, limit, count=True, offset=q.offset, order_by_field=DOC_ORDER, order=Order.Asc
            )
            total, page = _total(res), [(0.0, addr) for _key, addr in res.hits]
        if facets is None:
            facets = start_facet_counts(searcher, q, full, total, self._ids)
        page = page if q.limit > 0 else []
        matches = matcher(q.query) if q.snippets and page else None
        hits: list[Hit] = []
        for score, addr in page:
            rec = to_record(searcher.doc(addr))
            snippet = "" if not q.snippets else snippet_html(rec.text, matches)
            hits.append(Hit(record=rec, score=score, snippet=snippet))
        return EngineResult(total=total, hits=hits, facets=facets())

    def _by_year(
        self, searcher: tantivy.Searcher, full: tantivy.Query, offset: int, limit: int, newest: bool
    ) -> tuple[int, list[tuple[float, tantivy.DocAddress]]]:
        """The total and one page of hits newest or oldest first, as the Whoosh engine
        orders them: by year (a record without one counts as year 0), then in document
        order. The hits of each year are counted first (one aggregation); the page is then
        read year by year in document order, from only the years it covers."""
        spec = {"y": {"terms": {"field": YEAR, "size": AGG_SIZE, "missing": 0}}}
        buckets = searcher.aggregate(full, spec)["y"]["buckets"]
        counts = {int(b["key"]): int(b["doc_count"]) for b in buckets}
        skip = offset
        page: list[tuple[float, tantivy.DocAddress]] = []
        for year in sorted(counts, reverse=newest):
            if len(page) >= limit:
                break
            if skip >= counts[year]:
                skip -= counts[year]
                continue
            in_year = and_all([full, self._year_is(year)])
            take = min(limit - len(page), counts[year] - skip)
            res = searcher.search(
                in_year, take, count=False, offset=skip, order_by_field=DOC_ORDER, order=Order.Asc
            )
            page += [(0.0, addr) for _key, addr in res.hits]
            skip = 0
        return sum(counts.values()), page

    def _year_is(self, year: int) -> tantivy.Query:
        """Records of this year; for 0, records without a year too (they count as 0)."""
        if year:
            return Query.term_query(self._schema, YEAR, year)
        dated = Query.range_query(self._schema, YEAR, tantivy.FieldType.Integer, 1, 1 << 62)
        return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, dated)])

    def close(self) -> None:
        """Nothing to release: writers are taken and released per write."""

    def compile(self, node: qn.Node) -> tantivy.Query:
        """A query.py node as a tantivy query object."""
        return self._compiler.compile(node)


def _total(res: tantivy.SearchResult) -> int:
    # tantivy's type stubs leave out SearchResult.count, which search(count=True) fills.
    return int(getattr(res, "count", None) or 0)
