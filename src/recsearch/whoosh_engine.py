"""The Whoosh engine: opening the index, atomic writes, reads and one search.

Index files live in `index_dir/whoosh/`; `index_dir/engine.json` says which engine built it.
The schema is whoosh_schema.py, query compilation whoosh_compile.py and counting (hit
sets, facets, sort keys) whoosh_facets.py. Everything that is not Whoosh-specific
(parsing, plurals, symbols, multi-select facets, paging, did-you-mean) lives in the
query*, analysis and search* modules.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index, query
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from recsearch import analysis
from recsearch import query as q
from recsearch.engine import (
    FACET_FIELDS,
    EngineError,
    EngineQuery,
    EngineResult,
    Hit,
    IndexLocked,
    write_marker,
)
from recsearch.records import Record
from recsearch.whoosh_compile import compile_node, matcher
from recsearch.whoosh_facets import SegmentColumns, segment_key
from recsearch.whoosh_schema import (
    FINGERPRINT,
    # Indexes built before the schema moved to whoosh_schema.py pickled their analyzer
    # as recsearch.whoosh_engine.FoldingTokenizer: the name must stay importable here.
    FoldingTokenizer,
    build_schema,
    to_document,
    to_record,
)

NAME = "whoosh"
# A batch of at least this many records is written by two processes, half each.
SPLIT_RECORDS = 10_000
# Memory for a writer's posting pool. Below what one ingest batch needs, Whoosh spills
# pickled runs to disk and merges them back: that is ~40% of its indexing time (bench).
WRITER_MB = 512


class WhooshEngine:
    """A recsearch index stored with Whoosh."""

    name = NAME
    # A write holds its batch's records in memory and sorts its postings at the commit;
    # 100 files a commit keep both small, and a crash loses at most one batch.
    batch_files: int | None = 100

    def __init__(self, index_dir: Path, create: bool = False) -> None:
        self.index_dir = Path(index_dir)
        self.path = self.index_dir / "whoosh"
        self._columns = SegmentColumns()
        self._terms_cache: dict[tuple[int, str], list[tuple[str, int]]] = {}
        self._segment_terms_cache: dict[tuple[str, str], dict[str, int]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # one searcher per thread, refreshed after writes
        self._ix: Any
        try:
            if index.exists_in(str(self.path)):
                self._ix = index.open_dir(str(self.path))
            elif create:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = index.create_in(str(self.path), build_schema())
                write_marker(self.index_dir, NAME, 0)
            else:
                raise EngineError(
                    f"no Whoosh index in {self.path}: build one with 'recsearch ingest'"
                )
        except EngineError:
            raise
        except Exception as exc:  # a damaged TOC or segment: one line, not a traceback
            raise EngineError(f"cannot open the index in {self.path}: {exc}") from exc

    # Writes

    def _writer(self) -> Any:
        try:
            return self._ix.writer(limitmb=WRITER_MB)
        except index.LockError as exc:
            raise IndexLocked(
                f"the index in {self.index_dir} is being written by another process; "
                "try again when it finishes"
            ) from exc

    def _commit(
        self, writer: Any, work: Callable[[Any], int], written: list[Any] | None = None
    ) -> int:
        """Run work(writer) and commit once, with the segments work wrote in another process
        (appended to `written`) placed before the writer's own; on any error or interrupt,
        cancel everything."""
        try:
            result = work(writer)
        except BaseException:
            writer.cancel()
            raise
        _commit_with(writer, written or [])
        self._ix = self._ix.refresh()
        write_marker(self.index_dir, NAME, self.doc_count())
        return result

    def replace_sources(self, batch: Iterable[tuple[str, str, list[Record]]]) -> None:
        """For each (source, fingerprint, records): drop that source's records, add these."""
        written: list[Any] = []

        def work(writer: Any) -> int:
            # A source named twice in one batch keeps its last records: a writer's deletes
            # do not reach documents it added itself, so the batch is resolved first.
            latest: dict[str, tuple[str, list[Record]]] = {}
            for source, fingerprint, records in batch:
                latest.pop(source, None)
                latest[source] = (fingerprint, records)
            docs = [(rec, s, fp) for s, (fp, records) in latest.items() for rec in records]
            for source in latest:
                writer.delete_by_term("source", source)
            head = docs[: len(docs) // 2] if len(docs) >= SPLIT_RECORDS else []
            with _segment_writer(self.path, head) as wait:
                for rec, source, fingerprint in docs[len(head) :]:
                    writer.add_document(**to_document(rec, source, fingerprint))
                written.extend(wait())
            return len(docs)

        self._commit(self._writer(), work, written)

    def delete_sources(self, sources: Iterable[str]) -> int:
        """Delete every record of these sources; return how many records went."""
        return self._commit(
            self._writer(),
            lambda writer: sum(writer.delete_by_term("source", s) for s in sources),
        )

    # Reads

    def _searcher(self) -> Searcher:
        """This thread's searcher, reopened only when the index changed (opening costs ~0.3 s)."""
        current = getattr(self._local, "searcher", None)
        if current is None:
            current = self._ix.searcher()
        elif not current.up_to_date():
            # Not Searcher.refresh(): it reuses segment readers and misses new deletions.
            current.close()
            current = self._ix.searcher()
        self._local.searcher = current
        return current

    def fingerprints(self) -> dict[str, str]:
        """source -> fingerprint, from the lexicon (no stored documents are loaded)."""
        out: dict[str, str] = {}
        searcher = self._searcher()
        reader = searcher.reader()
        for term in reader.lexicon(FINGERPRINT):
            # Lexicons keep the terms of deleted records until a merge: check postings.
            if reader.doc_frequency(FINGERPRINT, term) and _has_live(reader, FINGERPRINT, term):
                source, _, fingerprint = term.decode("utf-8").partition("\t")
                out[source] = fingerprint
        return out

    def doc_count(self) -> int:
        """Number of records in the index."""
        return int(self._ix.doc_count())

    def get_records(self, ids: Sequence[str]) -> list[Record]:
        """The records with these ids, in the order asked, missing ones left out."""
        out = []
        searcher = self._searcher()
        for rid in ids:
            stored = searcher.document(id=rid)
            if stored is not None:
                out.append(to_record(stored))
        return out

    def source_records(self, source: str) -> list[Record]:
        """Every record of one source file, in document order."""
        searcher = self._searcher()
        results = searcher.search(query.Term("source", source), limit=None, sortedby="order")
        return [to_record(hit.fields()) for hit in results]

    def terms(self, field: str = "text") -> Iterable[tuple[str, int]]:
        """Indexed terms of a field with their document frequency (cached per generation)."""
        key = (self._ix.latest_generation(), field)
        cached = self._terms_cache.get(key)
        if cached is None:
            if field not in self._ix.schema.names():
                return []
            total: Counter[str] = Counter()
            searcher = self._searcher()
            # Per segment: merging term infos across segments costs ~1 ms a term.
            for sub, _offset in searcher.leaf_searchers():
                total.update(self._segment_terms(sub, field))
            cached = sorted(total.items())
            with self._lock:
                self._terms_cache = {key: cached}
        return cached

    def _segment_terms(self, sub: Searcher, field: str) -> dict[str, int]:
        reader = sub.reader()
        key = (f"terms:{segment_key(reader)}", field)
        cached = self._segment_terms_cache.get(key)
        if cached is None:
            cached = {}
            if field in reader.indexed_field_names():
                cached = {
                    term.decode("utf-8"): info.doc_frequency()
                    for term, info in reader.iter_field(field)
                }
            with self._lock:
                self._segment_terms_cache[key] = cached
        return cached

    def search(self, eq: EngineQuery) -> EngineResult:
        """Run one query: the page of hits, the total, facet counts over all hits."""
        main = compile_node(eq.query)
        filters: list[q.Node] = [
            q.Or(tuple(q.Keyword(name, v) for v in values))
            for name, values in eq.filters.items()
            if values
        ]
        searcher = self._searcher()
        matched, facets = self._columns.count(
            searcher, [eq.query, *filters], list(eq.facets), eq.facet_limit
        )
        total = sum(len(docnums) for _sub, _offset, docnums in matched)
        hits: list[Hit] = []
        if eq.limit <= 0 or total <= eq.offset:
            return EngineResult(total=total, hits=hits, facets=facets)
        if eq.sort == "relevance":
            scored = main if eq.boost is None else query.Or([main, compile_node(eq.boost)])
            # The hit set is known: a docnum filter spares Whoosh re-running the filters.
            allowed = {offset + d for _sub, offset, docnums in matched for d in docnums}
            results = searcher.search(scored, filter=allowed, limit=eq.offset + eq.limit)
            page = [
                (results.docnum(n), float(results.score(n) or 0.0))
                for n in range(eq.offset, min(len(results.top_n), eq.offset + eq.limit))
            ]
        else:
            page = [
                (d, 0.0)
                for d in self._columns.sorted_docnums(matched, eq.sort, eq.offset + eq.limit)
            ]
            page = page[eq.offset :]
        match = matcher(eq.query) if eq.snippets else None
        for docnum, score in page:
            rec = to_record(searcher.reader().stored_fields(docnum))
            snippet = analysis.make_snippet(rec.text, match) if match else ""
            hits.append(Hit(rec, score, snippet))
        return EngineResult(total=total, hits=hits, facets=facets)

    def close(self) -> None:
        """Release the index (Whoosh holds no open handles between calls)."""
        current = getattr(self._local, "searcher", None)
        if current is not None:
            current.close()
            self._local.searcher = None
        self._columns.clear()
        self._terms_cache.clear()
        self._segment_terms_cache.clear()


@contextmanager
def _segment_writer(
    path: Path, docs: list[tuple[Record, str, str]]
) -> Iterator[Callable[[], list[Any]]]:
    """Write docs to a new segment in another process while the caller writes the rest.

    Yields a function that waits for that segment (none when there are no docs). A big
    batch costs Whoosh minutes of one core; halved between two processes, the last batch
    of an ingest (written after every file is parsed, the other core idle) takes half as
    long. The segment comes before the caller's in the index, so the records keep their
    order (document numbers), and with it every search result and tie.
    """
    if not docs:
        yield list
        return
    # Fork where there is fork: a spawned helper would re-run the caller's main module.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        future = pool.submit(_write_segment, str(path), docs)
        try:
            yield lambda: [future.result()]
        except BaseException:
            future.cancel()
            raise


def _write_segment(path: str, docs: list[tuple[Record, str, str]]) -> Any:
    """In a helper process: docs into a new, uncommitted segment of the index at path."""
    # No lock (_lk=False): the parent holds the index's write lock for this commit.
    writer = SegmentWriter(index.open_dir(path), _lk=False, limitmb=WRITER_MB)
    for rec, source, fingerprint in docs:
        writer.add_document(**to_document(rec, source, fingerprint))
    return writer._finalize_segment()


def _commit_with(writer: Any, segments: list[Any]) -> None:
    """Commit writer with segments written elsewhere placed before its own (whoosh's
    SegmentWriter.commit, plus those segments, as its multiprocess writer does)."""
    if not segments:
        writer.commit()
        return
    final = writer._merge_segments(None, None, None) + segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def _has_live(reader: Any, field: str, term: bytes) -> bool:
    """Whether any non-deleted record holds this term."""
    return bool(reader.postings(field, term).is_active())


__all__ = ["FACET_FIELDS", "FoldingTokenizer", "WhooshEngine"]
