"""The tantivy engine: the same `Engine` as Whoosh, backed by tantivy (Rust).

Queries arrive as query.py nodes and are compiled to tantivy query objects; user text
never reaches tantivy's own parser (which reads `A AND NOT B` differently). Facet counts
come from terms aggregations over fast fields, never from stored documents.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur, Order, Query
from whoosh.lang.snowball.english import EnglishStemmer

from recsearch import analysis
from recsearch import query as qn
from recsearch.analysis import MAX_TOKEN_CHARS, TOKEN_RE, fold, tokens
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
from recsearch.records import Record

ANALYZER = "recsearch_en"
SUBDIR = "tantivy"  # the index files live here, beside engine.json and ingest reports
NUMERIC_FIELDS = {"year": "year_n"}  # keyword field -> its integer twin, for ranges
# Stored with every record so fingerprints() is one terms aggregation, not a document scan.
FP_FIELD = "fp"
SPELL = "spell"  # the field search.py reads for "did you mean" (search.SPELL_FIELD)
FP_SEP = "\x1f"
# Scoring as the Whoosh engine weighs fields: a match in the text counts most; titles
# repeat on every paragraph of a document, so they count least.
FIELD_WEIGHTS = {"text": 1.0, "section": 0.5, "title": 0.3}
TIEBREAK = 0.2  # share of the non-best fields' scores a word adds (disjunction max)
# Sort name -> the fast field holding its single-string key (ascending); see _sort_keys.
SORT_KEYS = {"newest": "sort_new", "oldest": "sort_old", "document": "sort_doc"}
# A query matching more than this share of the index counts facets from the postings.
BROAD_SHARE = 0.25
AGG_SIZE = 10_000_000  # every value: facet counts must be exact, not top-N
WRITER_HEAP = 256_000_000


class _Words(dict[str, str]):
    """Raw token -> its folded word under analysis.py's rule steps 1-3 ("" if dropped).

    Filled on first sight of each distinct token, so analysing a text is one regex pass
    and one dict lookup per token.
    """

    def __missing__(self, raw: str) -> str:
        folded = fold(raw)
        word = folded if len(folded) <= MAX_TOKEN_CHARS and TOKEN_RE.fullmatch(folded) else ""
        self[raw] = word
        return word


class _Stems(dict[str, str]):
    """Raw token -> its indexed term: the folded word, stemmed ("" if dropped)."""

    def __missing__(self, raw: str) -> str:
        word = _WORDS[raw]
        stem = _BY_WORD.get(word)
        if stem is None:  # 'Women' and 'women' share one stemming
            stem = _BY_WORD[word] = _reference_stem(word) if word else ""
        self[raw] = stem
        return stem


# analysis.py names the stemmer: Whoosh's Snowball English (StemFilter(lang="en")).
# tantivy's own Filter.stemmer("english") is an older Snowball that differs on ~0.2% of
# the corpus vocabulary ("international" -> "internat" vs "intern", "organization",
# "universal", "emergency"), and those are frequent words. So text is analysed here, in
# Python, with the reference stemmer, and tantivy indexes the resulting terms as given.
_reference_stem = EnglishStemmer().stem
_WORDS = _Words()
_BY_WORD: dict[str, str] = {}
_STEMS = _Stems()
_lookup = _STEMS.__getitem__


def index_terms(text: str) -> str:
    """The terms of a text, space-separated, exactly as the Whoosh engine indexes them."""
    return " ".join(map(_lookup, TOKEN_RE.findall(text)))


def index_words(text: str) -> str:
    """The folded, unstemmed words of a text, space-separated (the spelling field)."""
    return " ".join(map(_WORDS.__getitem__, TOKEN_RE.findall(text)))


def analyse(text: str) -> list[str]:
    """The terms of a query word or phrase (the rule's tokens, stemmed)."""
    return [t for t in map(_lookup, TOKEN_RE.findall(text)) if t]


def build_analyzer() -> tantivy.TextAnalyzer:
    """Terms arrive analysed (index_terms): split on spaces only."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def build_schema() -> tantivy.Schema:
    """One schema: analysed text fields, raw keyword fields (fast for facets), sort keys."""
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        # Indexed from index_terms(...); the original text lives in the stored record.
        sb.add_text_field(name, stored=False, tokenizer_name=ANALYZER)
    # Unstemmed words of title and text with their document frequency, for "did you mean".
    sb.add_text_field(SPELL, stored=False, tokenizer_name=ANALYZER, index_option="basic")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=False, fast=name in FACET_FIELDS, tokenizer_name="raw")
    for num in NUMERIC_FIELDS.values():
        sb.add_integer_field(num, indexed=True, fast=True)
    for key in ("sort_doc", "sort_new", "sort_old", FP_FIELD):
        sb.add_text_field(key, stored=False, fast=True, tokenizer_name="raw")
    sb.add_bytes_field("rec", stored=True)  # the whole record, as JSON
    return sb.build()


def _regex_literal(text: str) -> str:
    """Escape for tantivy's (Rust) regex syntax: keep letters/digits, hex-escape the rest."""
    return "".join(ch if ch.isalnum() else f"\\x{{{ord(ch):X}}}" for ch in text)


def _sort_keys(rec: Record) -> dict[str, str]:
    """Single-string sort keys, because tantivy orders by one fast field only.

    The same order as the Whoosh engine: document order is (doc_key, order); a record
    without a year counts as year 0 (last under newest, first under oldest).
    """
    doc = f"{rec.doc_key}{FP_SEP}{rec.order:09d}"
    year = rec.year or 0
    return {
        "sort_doc": doc,
        "sort_new": f"{9999 - year:04d}{FP_SEP}{doc}",
        "sort_old": f"{year:04d}{FP_SEP}{doc}",
    }


def _keyword_values(rec: Record, name: str) -> list[str]:
    """Every value a record is indexed under for one keyword field, deduplicated."""
    if name == "doc_key":
        raw: list[Any] = [rec.doc_key]
    else:
        value = getattr(rec, name, None)
        raw = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in raw:
        if item is None or item == "":
            continue
        for v in indexed_values(name, str(item)):
            if v not in out:
                out.append(v)
    return out


def to_document(rec: Record, source: str, fingerprint: str) -> tantivy.Document:
    """A record as a tantivy document; `source` is the batch's, which fingerprints() reports."""
    doc = tantivy.Document()
    doc.add_text("text", index_terms(rec.text))
    doc.add_text("title", index_terms(rec.title or ""))
    doc.add_text("section", index_terms("\n".join(rec.section)))
    doc.add_text(SPELL, index_words(f"{rec.title or ''}\n{rec.text}"))
    for name in KEYWORD_FIELDS:
        for value in _keyword_values(rec, name):
            doc.add_text(name, value)
    if rec.year is not None:
        doc.add_integer("year_n", rec.year)
    for key, value in _sort_keys(rec).items():
        doc.add_text(key, value)
    doc.add_text(FP_FIELD, f"{source}{FP_SEP}{fingerprint}")
    # A shallow dict: dataclasses.asdict deep-copies every list, a third of the cost here.
    data = {name: getattr(rec, name) for name in _RECORD_FIELDS}
    doc.add_bytes("rec", json.dumps(data, ensure_ascii=False).encode())
    return doc


_RECORD_FIELDS = tuple(f.name for f in dataclass_fields(Record))


def _lock_error(index_dir: Path, exc: Exception) -> EngineError:
    if "LockBusy" in str(exc):
        return IndexLocked(
            f"{index_dir} is being written by another process; wait for it to finish"
        )
    return EngineError(f"cannot write the index in {index_dir}: {exc}")


class TantivyEngine:
    """A recsearch index on disk, stored and searched by tantivy."""

    name = "tantivy"

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
        self._index.register_tokenizer(ANALYZER, build_analyzer())
        self._schema = self._index.schema

    # -- writing -------------------------------------------------------------------

    def _writer(self) -> tantivy.IndexWriter:
        try:
            return self._index.writer(WRITER_HEAP, 0)
        except ValueError as exc:
            raise _lock_error(self.index_dir, exc) from exc

    def _finish(self, writer: tantivy.IndexWriter, ok: bool) -> None:
        """Commit (or roll back) and release the writer lock."""
        try:
            if ok:
                writer.commit()
            else:
                writer.rollback()
        finally:
            # Consumes the writer, which releases the lock file for the next writer.
            writer.wait_merging_threads()
        self._index.reload()
        if ok:
            write_marker(self.index_dir, self.name, self.doc_count())

    def replace_sources(self, batch: Iterable[tuple[str, str, list[Record]]]) -> None:
        """For each (source, fingerprint, records): drop that source's records, add these."""
        writer = self._writer()
        ok = False
        try:
            for source, fingerprint, records in batch:
                writer.delete_documents_by_term("source", source)
                for rec in records:
                    writer.add_document(to_document(rec, source, fingerprint))
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
        # Pick up commits from other writers (another process, another engine object) now,
        # not after tantivy's reload delay.
        self._index.reload()
        return self._index.searcher()

    def _count(self, query: tantivy.Query) -> int:
        # tantivy rejects a limit of 0, so count with the smallest page.
        return _total(self._searcher().search(query, 1, count=True))

    def fingerprints(self) -> dict[str, str]:
        """source -> content fingerprint, from one aggregation over a fast field."""
        out: dict[str, str] = {}
        for value, _count in self._terms_agg(self._searcher(), Query.all_query(), FP_FIELD):
            source, _, fp = value.partition(FP_SEP)
            out[source] = fp
        return out

    def doc_count(self) -> int:
        return int(self._searcher().num_docs)

    def terms(self, field: str = "text") -> Iterable[tuple[str, int]]:
        """Indexed terms of a field with their document frequency (for 'did you mean')."""
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
            rec = _record(searcher.doc(addr))
            found[rec.id] = rec
        return [found[i] for i in ids if i in found]

    def source_records(self, source: str) -> list[Record]:
        """Every record of one source file, in document order."""
        searcher = self._searcher()
        query = Query.term_query(self._schema, "source", source)
        n = self._count(query)
        if not n:
            return []
        res = searcher.search(query, n, count=False, order_by_field="sort_doc", order=Order.Asc)
        return [_record(searcher.doc(addr)) for _key, addr in res.hits]

    def search(self, q: EngineQuery) -> EngineResult:
        """Hits (one page), total and facet counts for one query and its filters."""
        searcher = self._searcher()
        main = self.compile(q.query)
        filters = {f: self._filter(f, vals) for f, vals in q.filters.items() if vals}
        full = _and([main, *filters.values()])
        # tantivy rejects a limit of 0: ask for one hit and drop it (facets-only requests).
        limit = max(q.limit, 1)
        # As in Whoosh, any sort but relevance that is not a date sort is document order.
        key = None if q.sort == "relevance" else SORT_KEYS.get(q.sort, "sort_doc")
        if key is None:
            res = searcher.search(full, limit, count=True, offset=q.offset)
        else:
            res = searcher.search(
                full, limit, count=True, offset=q.offset, order_by_field=key, order=Order.Asc
            )
        total = _total(res)
        res_hits = res.hits if q.limit > 0 else []
        matches = self._matcher(q.query) if q.snippets and res_hits else None
        hits: list[Hit] = []
        for key_or_score, addr in res_hits:
            rec = _record(searcher.doc(addr))
            score = float(key_or_score) if key is None else 0.0
            snippet = "" if not q.snippets else snippet_html(rec.text, matches)
            hits.append(Hit(record=rec, score=score, snippet=snippet))
        return EngineResult(total=total, hits=hits, facets=self._facets(searcher, q, full, total))

    def _facets(
        self, searcher: tantivy.Searcher, q: EngineQuery, full: tantivy.Query, total: int
    ) -> dict[str, list[tuple[str, int]]]:
        """Value counts over all hits, every filter applied, like the Whoosh engine.

        Multi-select (a facet counted without its own filter) is search.py's job: it asks
        again without that filter, for that one facet.
        """
        wanted = [f for f in q.facets if f in FACET_FIELDS]
        if not wanted:
            counts: dict[str, dict[str, int]] = {}
        elif total > BROAD_SHARE * searcher.num_docs:
            counts = self._postings_counts(searcher, full, wanted)
        else:
            counts = self._terms_aggs(searcher, full, wanted)
        out: dict[str, list[tuple[str, int]]] = {}
        for f in wanted:
            ranked = sorted(counts.get(f, {}).items(), key=lambda kv: (-kv[1], kv[0]))
            out[f] = ranked if q.facet_limit is None else ranked[: q.facet_limit]
        return out

    def _postings_counts(
        self, searcher: tantivy.Searcher, query: tantivy.Query, fields: Sequence[str]
    ) -> dict[str, dict[str, int]]:
        """Counts by walking each value's postings against the hits: for queries matching
        much of the index this beats aggregating value by value over every hit (on 300k
        records, 60 ms against 100 ms for a quarter of the index)."""
        return {
            f: {t: int(n) for t, n in searcher.terms_with_prefix(f, "", filter_query=query) if n}
            for f in fields
        }

    def _terms_aggs(
        self, searcher: tantivy.Searcher, query: tantivy.Query, fields: Sequence[str]
    ) -> dict[str, dict[str, int]]:
        spec = {
            f: {"terms": {"field": f, "size": AGG_SIZE, "segment_size": AGG_SIZE}} for f in fields
        }
        result = searcher.aggregate(query, spec)
        return {
            f: {str(b["key"]): int(b["doc_count"]) for b in result.get(f, {}).get("buckets", [])}
            for f in fields
        }

    def _terms_agg(
        self, searcher: tantivy.Searcher, query: tantivy.Query, field: str
    ) -> list[tuple[str, int]]:
        return list(self._terms_aggs(searcher, query, [field])[field].items())

    def close(self) -> None:
        """Nothing to release: writers are taken and released per write."""

    def _matcher(self, node: qn.Node) -> dict[str, bool] | None:
        """raw token -> does it match the query's positive words or prefixes (None: nothing can).

        The same decision as the Whoosh engine's matcher on folded tokens, but keyed by
        the raw token and memoised for the query, so a hit's tokens are dict lookups.
        """
        words, raw_prefixes = qn.positive_terms(node)
        stems = {t for w in words for t in analyse(w)}
        starts = tuple(fold(p) for p in raw_prefixes)
        if not stems and not starts:
            return None
        return _Matches(stems, starts)

    # -- compiling query nodes -----------------------------------------------------

    def _filter(self, field_name: str, values: Sequence[str]) -> tantivy.Query:
        """OR of one field's selected values; scores nothing, so ranking is the query's."""
        ors = [self.compile(qn.Keyword(field_name, v)) for v in values]
        return Query.const_score_query(_or(ors), 0.0)

    def compile(self, node: qn.Node) -> tantivy.Query:
        """A query.py node as a tantivy query object."""
        if isinstance(node, qn.MatchAll):
            return Query.all_query()
        if isinstance(node, qn.MatchNone):
            return Query.empty_query()
        if isinstance(node, qn.Term):
            return self._on_fields(node.field, lambda f: self._term(f, node.text))
        if isinstance(node, qn.Phrase):
            return self._on_fields(node.field, lambda f: self._phrase(f, node.words))
        if isinstance(node, qn.Prefix):
            return self._prefix(node.field, node.text)
        if isinstance(node, qn.Keyword):
            return self._keyword(node.field, node.value)
        if isinstance(node, qn.Range):
            return self._range(node)
        if isinstance(node, qn.And):
            return self._and(node.children)
        if isinstance(node, qn.Or):
            return _or([self.compile(c) for c in node.children])
        if isinstance(node, qn.Not):
            return Query.boolean_query(
                [(Occur.Must, Query.all_query()), (Occur.MustNot, self.compile(node.child))]
            )
        raise EngineError(f"unknown query node {node!r}")

    def _and(self, children: Sequence[qn.Node]) -> tantivy.Query:
        # NOT children become MustNot clauses, so "a AND NOT b" needs no match-all scan.
        must = [self.compile(c) for c in children if not isinstance(c, qn.Not)]
        must_not = [self.compile(c.child) for c in children if isinstance(c, qn.Not)]
        if not must:
            must = [Query.all_query()]
        if len(must) == 1 and not must_not:
            return must[0]
        return Query.boolean_query(
            [(Occur.Must, m) for m in must] + [(Occur.MustNot, m) for m in must_not]
        )

    def _on_fields(self, field_name: str | None, build: Any) -> tantivy.Query:
        """A text node on its field, or on every default full-text field (best field wins)."""
        if field_name is not None:
            return build(field_name)
        subs = [Query.boost_query(build(f), FIELD_WEIGHTS[f]) for f in TEXT_FIELDS]
        return Query.disjunction_max_query(subs, tie_breaker=TIEBREAK)

    def _term(self, field_name: str, text: str) -> tantivy.Query:
        if field_name not in TEXT_FIELDS:
            return self._keyword(field_name, text)
        stems = analyse(text)
        if not stems:
            return Query.empty_query()
        if len(stems) == 1:
            return Query.term_query(self._schema, field_name, stems[0])
        # One word that analyses to several tokens ("non-discrimination") is a phrase.
        return Query.phrase_query(self._schema, field_name, list[str | tuple[int, str]](stems))

    def _phrase(self, field_name: str, words: Sequence[str]) -> tantivy.Query:
        if field_name not in TEXT_FIELDS:
            return self._keyword(field_name, " ".join(words))
        stems = [t for w in words for t in analyse(w)]
        if not stems:
            return Query.empty_query()
        if len(stems) == 1:
            return Query.term_query(self._schema, field_name, stems[0])
        return Query.phrase_query(self._schema, field_name, list[str | tuple[int, str]](stems))

    def _prefix(self, field_name: str | None, text: str) -> tantivy.Query:
        # As the Whoosh engine: a bare prefix matches unstemmed words (the spelling field),
        # so "discriminat*" finds "discrimination" although its stem is "discrimin"; on a
        # named text field it matches stems starting with the prefix or with its stem.
        folded = "".join(tokens(text))
        if not folded:
            return Query.empty_query()
        if field_name is None:
            return Query.regex_query(self._schema, SPELL, _regex_literal(folded) + ".*")
        if field_name not in TEXT_FIELDS:
            return Query.empty_query()
        starts = sorted({folded, *analyse(folded)[:1]})
        pattern = "(" + "|".join(_regex_literal(p) for p in starts) + ").*"
        return Query.regex_query(self._schema, field_name, pattern)

    def _keyword(self, field_name: str, value: str) -> tantivy.Query:
        if field_name not in KEYWORD_FIELDS:
            return Query.empty_query()
        return Query.term_query(self._schema, field_name, value)

    def _range(self, node: qn.Range) -> tantivy.Query:
        num = NUMERIC_FIELDS.get(node.field)
        if num is None:
            return Query.empty_query()
        if node.low is None and node.high is None:
            return Query.exists_query(num)
        return Query.range_query(self._schema, num, tantivy.FieldType.Integer, node.low, node.high)


class _Matches(dict[str, bool]):
    """Memo for one query: raw token -> whether it matches (see TantivyEngine._matcher)."""

    def __init__(self, stems: set[str], starts: tuple[str, ...]) -> None:
        super().__init__()
        self.stems = stems
        self.starts = starts

    def __missing__(self, raw: str) -> bool:
        word = _WORDS[raw]
        hit = bool(word) and (word.startswith(self.starts) or _STEMS[raw] in self.stems)
        self[raw] = hit
        return hit


def snippet_html(text: str, matches: dict[str, bool] | None, width: int = 250) -> str:
    """analysis.make_snippet's passage, finding matches by raw-token lookups.

    make_snippet folds every token of every hit (about a millisecond a hit, which is most
    of a tantivy query); here each distinct token is decided once per query (`matches`
    memoises it by raw token), then the window and the markup are make_snippet's. The
    output is the same, character for character (tests/test_engines.py checks it).
    """
    spans: list[tuple[int, int]] = []
    if matches is not None:
        flags = list(map(matches.__getitem__, TOKEN_RE.findall(text)))
        if any(flags):
            found = zip(TOKEN_RE.finditer(text), flags, strict=True)
            spans = [m.span() for m, hit in found if hit]
    start, end = analysis._window(text, spans, width)
    pieces = []
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        pieces.append(html.escape(text[pos:s]))
        pieces.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    pieces.append(html.escape(text[pos:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(pieces).strip() + suffix


def _total(res: tantivy.SearchResult) -> int:
    # tantivy's type stubs leave out SearchResult.count, which search(count=True) fills.
    return int(getattr(res, "count", None) or 0)


def _and(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _or(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return Query.empty_query()
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _record(doc: tantivy.Document) -> Record:
    raw = doc.get_first("rec")
    if not isinstance(raw, bytes):
        raise EngineError("the tantivy index holds a document without its record")
    return Record.from_dict(json.loads(raw))
