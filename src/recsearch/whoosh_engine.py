"""The Whoosh engine: schema, analysis, node compilation, facet counting, writes.

Index files live in `index_dir/whoosh/`; `index_dir/engine.json` says which engine built it.
Everything that is not Whoosh-specific (parsing, plurals, symbols, multi-select facets,
paging, did-you-mean) lives in query.py, analysis.py and search.py.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from whoosh import index, query
from whoosh.analysis import RegexTokenizer, StemFilter, Token, Tokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language
from whoosh.searching import Searcher

from recsearch import analysis
from recsearch import query as q
from recsearch.engine import (
    FACET_FIELDS,
    KEYWORD_FIELDS,
    TEXT_FIELDS,
    EngineError,
    EngineQuery,
    EngineResult,
    Hit,
    IndexLocked,
    indexed_values,
    write_marker,
)
from recsearch.records import LIST_FIELDS, Record

NAME = "whoosh"
SEP = "\x1f"  # joins the values of a multi-valued keyword field; never occurs in a value
FINGERPRINT = "fingerprint"  # "source<TAB>fingerprint", read from the lexicon
SPELL = "spell"  # unstemmed words of the text, for "did you mean"
YEAR_NUM = "year_num"  # numeric twin of the keyword field `year`, for ranges and sorting
# Relative weight of a match in each full-text field. Titles repeat on every paragraph of
# a document, so they help only a little; headings say what a paragraph is about.
FIELD_WEIGHTS = {"text": 1.0, "section": 0.5, "title": 0.3}
TIEBREAK = 0.2  # share of the non-best fields' scores a word adds (DisjunctionMax)


class FoldingTokenizer(Tokenizer):
    """analysis.py rule steps 1-3 (letter/digit runs, lower-case, ASCII fold, length cap)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = analysis.token_spans(value) if tokenize else [(0, len(value), value)]
        for pos, (start, end, text) in enumerate(spans):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


# The Snowball English stemmer alone, for tokens already folded (snippet highlighting).
_stem = lru_cache(maxsize=200_000)(stemmer_for_language("en"))


def _text_analyzer() -> Any:
    return FoldingTokenizer() | StemFilter(lang="en")


def _plain(tokenizer: Any) -> Any:
    """A tokenizer used on its own as a field's analyzer."""
    return tokenizer


def _schema() -> Schema:
    """One schema: every record field stored; see records.md for the fields."""
    text = _text_analyzer()
    multi = _plain(RegexTokenizer(r"[^\x1f]+"))  # values as given, one term each
    spec: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "doc_key": ID(stored=True, sortable=True),
        "title": TEXT(analyzer=text, stored=True),
        "section": TEXT(analyzer=text, stored=True),
        "text": TEXT(analyzer=text, stored=True),
        SPELL: TEXT(analyzer=_plain(FoldingTokenizer()), phrase=False),
        "page": STORED(),
        "date": STORED(),
        "order": NUMERIC(int, bits=32, stored=True, sortable=True),
        YEAR_NUM: NUMERIC(int, bits=32, sortable=True),
        FINGERPRINT: ID(),
    }
    for name in KEYWORD_FIELDS:
        spec.setdefault(name, KEYWORD(stored=True, analyzer=multi))
    return Schema(**spec)


def _document(rec: Record, source: str, fingerprint: str) -> dict[str, Any]:
    """The fields Whoosh indexes for one record; `_stored_x` keeps the original value."""
    data = rec.to_dict()
    doc: dict[str, Any] = {
        "id": rec.id,
        "doc_key": rec.doc_key,
        "title": rec.title or "",
        "text": rec.text or "",
        SPELL: f"{rec.title or ''}\n{rec.text or ''}",
        "section": "\n".join(rec.section),
        "_stored_section": list(rec.section),
        "order": rec.order,
        YEAR_NUM: rec.year or 0,  # 0 sorts a record without a year as oldest
        FINGERPRINT: f"{source}\t{fingerprint}",
        "page": rec.page,
        "date": rec.date,
    }
    for name in KEYWORD_FIELDS:
        if name in doc:
            continue
        value = rec.doc_key if name == "doc_key" else data.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        terms = [t for v in values for t in indexed_values(name, str(v)) if str(v)]
        if not terms:
            continue  # no value: no term, and nothing stored (rebuilt as None / [])
        doc[name] = SEP.join(dict.fromkeys(terms))
        doc[f"_stored_{name}"] = value
    return doc


_RECORD_FIELDS = [f.name for f in dataclass_fields(Record)]


def _record(stored: dict[str, Any]) -> Record:
    """Rebuild a Record from its stored fields."""
    values: dict[str, Any] = {
        name: stored.get(name, [] if name in LIST_FIELDS else None) for name in _RECORD_FIELDS
    }
    if values["kind"] is None:
        values["kind"] = "observation"
    if values["order"] is None:
        values["order"] = 0
    if values["title"] is None:
        values["title"] = ""
    return Record(**values)


class WhooshEngine:
    """A recsearch index stored with Whoosh."""

    name = NAME

    def __init__(self, index_dir: Path, create: bool = False) -> None:
        self.index_dir = Path(index_dir)
        self.path = self.index_dir / "whoosh"
        self._analyzer = _text_analyzer()
        self._facet_cache: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self._terms_cache: dict[tuple[int, str], list[tuple[str, int]]] = {}
        self._segment_terms_cache: dict[tuple[str, str], dict[str, int]] = {}
        self._sort_cache: dict[tuple[str, str], list[tuple[int, str, int]]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # one searcher per thread, refreshed after writes
        self._ix: Any
        try:
            if index.exists_in(str(self.path)):
                self._ix = index.open_dir(str(self.path))
            elif create:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = index.create_in(str(self.path), _schema())
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
            return self._ix.writer()
        except index.LockError as exc:
            raise IndexLocked(
                f"the index in {self.index_dir} is being written by another process; "
                "try again when it finishes"
            ) from exc

    def _commit(self, writer: Any, work: Callable[[Any], int]) -> int:
        """Run work(writer) and commit once; on any error or interrupt, cancel everything."""
        try:
            result = work(writer)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._ix = self._ix.refresh()
        write_marker(self.index_dir, NAME, self.doc_count())
        return result

    def replace_sources(self, batch: Iterable[tuple[str, str, list[Record]]]) -> None:
        """For each (source, fingerprint, records): drop that source's records, add these."""

        def work(writer: Any) -> int:
            # A source named twice in one batch keeps its last records: a writer's deletes
            # do not reach documents it added itself, so the batch is resolved first.
            latest: dict[str, tuple[str, list[Record]]] = {}
            for source, fingerprint, records in batch:
                latest.pop(source, None)
                latest[source] = (fingerprint, records)
            added = 0
            for source, (fingerprint, records) in latest.items():
                writer.delete_by_term("source", source)
                for rec in records:
                    writer.add_document(**_document(rec, source, fingerprint))
                    added += 1
            return added

        self._commit(self._writer(), work)

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
                out.append(_record(stored))
        return out

    def source_records(self, source: str) -> list[Record]:
        """Every record of one source file, in document order."""
        searcher = self._searcher()
        results = searcher.search(query.Term("source", source), limit=None, sortedby="order")
        return [_record(hit.fields()) for hit in results]

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
        segment = reader.segment()
        key = (f"terms:{segment.segment_id() if segment else id(reader)}", field)
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
        main = self._compile(eq.query)
        filters: list[q.Node] = [
            q.Or(tuple(q.Keyword(name, v) for v in values))
            for name, values in eq.filters.items()
            if values
        ]
        searcher = self._searcher()
        matched, facets = self._count(
            searcher, [eq.query, *filters], list(eq.facets), eq.facet_limit
        )
        total = sum(len(docnums) for _sub, _offset, docnums in matched)
        hits: list[Hit] = []
        if eq.limit <= 0 or total <= eq.offset:
            return EngineResult(total=total, hits=hits, facets=facets)
        if eq.sort == "relevance":
            scored = main if eq.boost is None else query.Or([main, self._compile(eq.boost)])
            # The hit set is known: a docnum filter spares Whoosh re-running the filters.
            allowed = {offset + d for _sub, offset, docnums in matched for d in docnums}
            results = searcher.search(scored, filter=allowed, limit=eq.offset + eq.limit)
            page = [
                (results.docnum(n), float(results.score(n) or 0.0))
                for n in range(eq.offset, min(len(results.top_n), eq.offset + eq.limit))
            ]
        else:
            page = [(d, 0.0) for d in self._sorted(matched, eq.sort, eq.offset + eq.limit)]
            page = page[eq.offset :]
        match = self._matcher(eq.query) if eq.snippets else None
        for docnum, score in page:
            rec = _record(searcher.reader().stored_fields(docnum))
            snippet = analysis.make_snippet(rec.text, match) if match else ""
            hits.append(Hit(rec, score, snippet))
        return EngineResult(total=total, hits=hits, facets=facets)

    def _sorted(
        self, matched: list[tuple[Searcher, int, list[int]]], sort: str, limit: int
    ) -> list[int]:
        """Global docnums of the first `limit` hits in a non-relevance order.

        Whoosh's sorted collector reads three columns per hit (seconds for the whole
        index); the per-segment key columns here are built once and reused.
        """
        keyed: list[tuple[tuple[int, str, int], int]] = []
        for sub, offset, docnums in matched:
            keys = self._sort_keys(sub)
            for d in docnums:
                year, doc_key, order = keys[d]
                if sort == "newest":
                    year = -year
                elif sort != "oldest":  # document order
                    year = 0
                keyed.append(((year, doc_key, order), offset + d))
        return [docnum for _key, docnum in heapq.nsmallest(limit, keyed)]

    def _sort_keys(self, sub: Searcher) -> list[tuple[int, str, int]]:
        """docnum -> (year, doc_key, order) for one segment, cached like the facet columns."""
        reader = sub.reader()
        segment = reader.segment()
        key = (segment.segment_id() if segment else str(id(reader)), "_sort")
        cached = self._sort_cache.get(key)
        if cached is None:
            years = self._column(sub, "year")
            doc_keys = self._column(sub, "doc_key")
            orders = list(reader.column_reader("order")) if reader.has_column("order") else []
            cached = [
                (
                    int(years[d][0]) if years[d] and years[d][0].isdigit() else 0,
                    doc_keys[d][0] if doc_keys[d] else "",
                    int(orders[d]) if d < len(orders) else 0,
                )
                for d in range(reader.doc_count_all())
            ]
            with self._lock:
                self._sort_cache[key] = cached
        return cached

    def close(self) -> None:
        """Release the index (Whoosh holds no open handles between calls)."""
        current = getattr(self._local, "searcher", None)
        if current is not None:
            current.close()
            self._local.searcher = None
        self._facet_cache.clear()
        self._terms_cache.clear()
        self._segment_terms_cache.clear()
        self._sort_cache.clear()

    # Facets

    def _count(
        self, searcher: Searcher, parts: list[q.Node], names: list[str], limit: int | None
    ) -> tuple[list[tuple[Searcher, int, list[int]]], dict[str, list[tuple[str, int]]]]:
        """Docnums matching every part (query, filters), per segment, and value counts."""
        counters = {name: Counter[str]() for name in names}
        matched = []
        for sub, offset in searcher.leaf_searchers():
            found = self._docs(sub, parts[0])
            for part in parts[1:]:
                if not found:
                    break
                found &= self._docs(sub, part)
            docnums = sorted(found)
            matched.append((sub, offset, docnums))
            if not docnums:
                continue
            for name in names:
                column = self._column(sub, name)
                counters[name].update(chain.from_iterable(map(column.__getitem__, docnums)))
        facets = {}
        for name, counter in counters.items():
            ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            facets[name] = ranked[:limit] if limit is not None else ranked
        return matched, facets

    def _column(self, sub: Searcher, name: str) -> list[tuple[str, ...]]:
        """docnum -> values of a keyword field in one segment, built once from postings."""
        reader = sub.reader()
        segment = reader.segment()
        key = (segment.segment_id() if segment else str(id(reader)), name)
        column = self._facet_cache.get(key)
        if column is None:
            values: list[list[str]] = [[] for _ in range(reader.doc_count_all())]
            if name in reader.indexed_field_names():
                for term in reader.lexicon(name):
                    text = term.decode("utf-8")
                    for docnum in reader.postings(name, term).all_ids():
                        values[docnum].append(text)
            column = [tuple(v) for v in values]
            with self._lock:
                self._facet_cache[key] = column
        return column

    # Matching without scoring

    def _docs(self, sub: Searcher, node: q.Node) -> set[int]:
        """Segment docnums a node matches, combined as Python sets.

        Whoosh's union and intersection matchers step through postings one document at a
        time in Python; reading each term's postings whole and combining sets is several
        times faster for counting. Phrases, prefixes and ranges use Whoosh's own matching.
        """
        reader = sub.reader()
        if isinstance(node, q.And):
            positive = [c for c in node.children if not isinstance(c, q.Not)]
            found = self._docs(sub, positive[0]) if positive else self._all(sub)
            for part in positive[1:]:
                if not found:
                    return found
                found &= self._docs(sub, part)
            for negated in node.children:
                if isinstance(negated, q.Not) and found:
                    found -= self._docs(sub, negated.child)
            return found
        if isinstance(node, q.Or):
            union: set[int] = set()
            for alternative in node.children:
                union |= self._docs(sub, alternative)
            return union
        if isinstance(node, q.Not):
            return self._all(sub) - self._docs(sub, node.child)
        if isinstance(node, q.Keyword):
            return self._postings(reader, node.field, node.value)
        if isinstance(node, q.Term) and (node.field is None or node.field in TEXT_FIELDS):
            stems = self._stems(node.text)
            if len(stems) == 1:
                found = set()
                for name in [node.field] if node.field else TEXT_FIELDS:
                    found |= self._postings(reader, name, stems[0])
                return found
        return set(self._compile(node).docs(sub))

    @staticmethod
    def _postings(reader: Any, field: str, text: str) -> set[int]:
        if field not in KEYWORD_FIELDS and field not in TEXT_FIELDS:
            return set()
        if (field, text) not in reader:
            return set()
        return set(reader.postings(field, text).all_ids())

    @staticmethod
    def _all(sub: Searcher) -> set[int]:
        return set(query.Every().docs(sub))

    # Compiling query nodes

    def _stems(self, text: str) -> list[str]:
        return [t.text for t in self._analyzer(text)]

    def _matcher(self, node: q.Node) -> Callable[[str], bool] | None:
        """Predicate on folded tokens: does this token match a positive word of the query?"""
        words, prefixes = q.positive_terms(node)
        stems = {s for w in words for s in self._stems(w)}
        folded = [analysis.fold(p) for p in prefixes]
        if not stems and not folded:
            return lambda _tok: False

        heads = {s[:3] for s in stems}

        def is_match(tok: str) -> bool:
            if tok[:3] in heads and _stem(tok) in stems:
                return True
            return any(tok.startswith(p) for p in folded)

        return is_match

    def _text_query(self, tokens: list[str], fieldnames: Sequence[str]) -> query.Query:
        subs: list[query.Query] = []
        for name in fieldnames:
            weight = FIELD_WEIGHTS.get(name, 1.0)
            if len(tokens) == 1:
                subs.append(query.Term(name, tokens[0], boost=weight))
            else:
                subs.append(query.Phrase(name, tokens, boost=weight))
        return subs[0] if len(subs) == 1 else query.DisjunctionMax(subs, tiebreak=TIEBREAK)

    def _compile(self, node: q.Node) -> query.Query:
        """An engine-neutral node as a Whoosh query."""
        if isinstance(node, q.MatchAll):
            return query.Every()
        if isinstance(node, q.MatchNone):
            return query.NullQuery
        if isinstance(node, q.And):
            return query.And([self._compile(c) for c in node.children])
        if isinstance(node, q.Or):
            return query.Or([self._compile(c) for c in node.children])
        if isinstance(node, q.Not):
            return query.Not(self._compile(node.child))
        if isinstance(node, q.Keyword):
            return self._keyword(node.field, node.value)
        if isinstance(node, q.Range):
            if node.field != "year":
                return query.NullQuery
            # Records without a year are indexed as 0: an open low end starts at 1.
            return query.NumericRange(YEAR_NUM, node.low if node.low else 1, node.high)
        if isinstance(node, q.Term | q.Phrase):
            if node.field is not None and node.field not in TEXT_FIELDS:
                value = node.text if isinstance(node, q.Term) else " ".join(node.words)
                return self._keyword(node.field, value)
            text = node.text if isinstance(node, q.Term) else " ".join(node.words)
            tokens = self._stems(text)
            if not tokens:
                return query.NullQuery
            return self._text_query(tokens, [node.field] if node.field else TEXT_FIELDS)
        if isinstance(node, q.Prefix):
            folded = "".join(analysis.tokens(node.text))
            if not folded:
                return query.NullQuery
            if node.field is None:
                # Unstemmed words: "discriminat*" must find "discrimination", whose
                # stem "discrimin" is shorter than the prefix.
                return query.Prefix(SPELL, folded)
            if node.field not in TEXT_FIELDS:
                return query.NullQuery
            starts = {folded, *self._stems(folded)[:1]}
            return query.Or([query.Prefix(node.field, s) for s in starts])
        raise EngineError(f"unknown query node {node!r}")

    def _keyword(self, field: str, value: str) -> query.Query:
        if field not in KEYWORD_FIELDS:
            return query.NullQuery
        return query.Term(field, value)


def _has_live(reader: Any, field: str, term: bytes) -> bool:
    """Whether any non-deleted record holds this term."""
    return bool(reader.postings(field, term).is_active())


__all__ = ["FACET_FIELDS", "WhooshEngine"]
