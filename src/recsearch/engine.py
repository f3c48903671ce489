"""The narrow interface every search engine implements, and the plain objects it returns.

Only the Whoosh engine modules (`whoosh_*.py`) import whoosh and only the tantivy ones
(`tantivy_*.py`) import tantivy. Both analyse text under analysis.py's rule. The rest of
recsearch talks to an `Engine` and reads `EngineQuery` / `EngineResult`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from recsearch.analysis import ANALYSIS_VERSION, normalize_symbol
from recsearch.query_nodes import FULLTEXT_FIELDS, Node
from recsearch.records import Record

# Fields a search can be filtered and faceted on, as stored in the index. The article
# facet is hierarchical: "ICERD 5(e)(v)" is also indexed under "ICERD 5(e)" and "ICERD 5".
FACET_FIELDS = (
    "body",
    "doc_type",
    "country",
    "year",
    "articles",
    "general_recommendations",
    "gnr",
    "themes",
    "kind",
    "recommending_states",
    "response",
)

# Exact-match (keyword) fields besides the facets.
# `number` lets a citation ("A/HRC/21/11, para. 119.3") be looked up exactly.
KEYWORD_FIELDS = (
    *FACET_FIELDS,
    "symbol",
    "session",
    "source",
    "doc_key",
    "id",
    "cites",
    "number",
)

# Analysed full-text fields; a bare word searches these.
TEXT_FIELDS = FULLTEXT_FIELDS
# Unstemmed, folded words of title and text with their document frequency: bare prefix
# queries ("discriminat*") and "did you mean" read it (Engine.terms(SPELL_FIELD)).
SPELL_FIELD = "spell"
# Both engines score alike: a word counts in its best field (disjunction max) plus this
# share of its other fields; a match in the text counts most, titles (repeated on every
# paragraph of a document) least, headings (what a paragraph is about) between.
FIELD_WEIGHTS = {"text": 1.0, "section": 0.5, "title": 0.3}
TIEBREAK = 0.2

SORTS = ("relevance", "newest", "oldest", "document")

ENGINE_FILE = "engine.json"  # remembers which engine built an index folder


class EngineError(Exception):
    """The index cannot be opened or written (missing, locked, corrupt); one line for the user."""


class IndexLocked(EngineError):
    """Another writer holds the index."""


@dataclass
class EngineQuery:
    """A parsed query plus filters: filters on one field are OR, across fields AND."""

    query: Node
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: Sequence[str] = FACET_FIELDS
    facet_limit: int | None = None  # None: every value
    snippets: bool = True
    # Optional ranking clause: it matches only records `query` matches (search.py builds it
    # that way), so an engine ORs it into the scored query for the page of hits and leaves
    # it out of counting. An engine that ignores it still returns the right hits.
    boost: Node | None = None


@dataclass
class Hit:
    record: Record
    score: float
    snippet: str  # HTML-escaped text with matches wrapped in <mark>…</mark>


@dataclass
class EngineResult:
    """What one EngineQuery matched: the query AND every one of its filters.

    Both engines apply every filter, facet fields included, to the total, the hits and
    the facet counts alike. Multi-select faceting (a selected facet counted without its
    own filter) is not the engine's job: search_facets.run_page asks again without that
    filter, for that one facet.
    """

    total: int
    hits: list[Hit]  # the page asked for (offset, limit), in the query's sort
    # facet -> [(value, count)] for each facet asked for, counted over every hit, most
    # frequent first (ties by value), cut to facet_limit when one is given.
    facets: dict[str, list[tuple[str, int]]]


class Engine(Protocol):
    """A search index on disk. Every write is one atomic commit."""

    name: str
    # Files an ingest writes in one commit; None: the whole run in one (ingest.py). A batch
    # may be a generator that yields files while they are parsed.
    batch_files: int | None

    def replace_sources(self, batch: Iterable[tuple[str, str, list[Record]]]) -> None:
        """For each (source, fingerprint, records): drop that source's records, add these."""

    def delete_sources(self, sources: Iterable[str]) -> int:
        """Delete every record of these sources; return how many records went."""

    def fingerprints(self) -> dict[str, str]:
        """source -> content fingerprint of what is indexed, for skipping unchanged files."""

    def search(self, q: EngineQuery) -> EngineResult: ...

    def get_records(self, ids: Sequence[str]) -> list[Record]:
        """The records with these ids, in the order asked, missing ones left out."""

    def source_records(self, source: str) -> list[Record]:
        """Every record of one source file, in document order."""

    def terms(self, field: str = "text") -> Iterable[tuple[str, int]]:
        """Indexed terms of a field with their document frequency (for 'did you mean')."""

    def doc_count(self) -> int: ...

    def close(self) -> None: ...


def engine_name(index_dir: Path) -> str | None:
    """Which engine built the index in this folder, if any."""
    marker = index_dir / ENGINE_FILE
    if not marker.exists():
        return None
    try:
        return str(json.loads(marker.read_text())["engine"])
    except (ValueError, KeyError, OSError) as exc:
        raise EngineError(f"{marker} is unreadable: {exc}") from exc


def open_engine(index_dir: Path, *, engine: str | None = None, create: bool = False) -> Engine:
    """Open (or with create=True, make) the index in index_dir with the engine that built it."""
    existing = engine_name(index_dir)
    if existing and engine and existing != engine:
        raise EngineError(
            f"{index_dir} was built with {existing}; remove it or use --engine {existing}"
        )
    name = existing or engine or "whoosh"
    if not existing and not create:
        raise EngineError(f"no index in {index_dir}: build one with 'recsearch ingest'")
    if existing:
        _check_analysis(index_dir)
    if name == "whoosh":
        from recsearch.whoosh_engine import WhooshEngine

        return WhooshEngine(index_dir, create=create)
    if name == "tantivy":
        from recsearch.tantivy_engine import TantivyEngine

        return TantivyEngine(index_dir, create=create)
    raise EngineError(f"unknown engine {name!r}: choose whoosh or tantivy")


def _check_analysis(index_dir: Path) -> None:
    """Refuse an index whose words were analysed under another rule than analysis.py's:
    its terms are not the ones queries look for, so searches would quietly miss."""
    # Indexes written before the marker named the rule were written under rule 1.
    version = index_info(index_dir).get("analysis", 1)
    if version != ANALYSIS_VERSION:
        raise EngineError(
            f"{index_dir} was built by an earlier recsearch, which analysed words "
            f"differently (rule {version}, now {ANALYSIS_VERSION}): rebuild it with "
            "'recsearch ingest --rebuild'"
        )


# The folders the engines keep an index in, inside an index folder.
ENGINE_DIRS = ("whoosh", "tantivy")


def remove_index(index_dir: Path) -> None:
    """Delete the index an index folder holds (its engine's files and marker), keeping the
    rest (the parse cache, reports)."""
    for name in ENGINE_DIRS:
        shutil.rmtree(index_dir / name, ignore_errors=True)
    (index_dir / ENGINE_FILE).unlink(missing_ok=True)


def write_marker(index_dir: Path, name: str, records: int | None = None) -> None:
    """Atomically (temp file + os.replace) record which engine built index_dir, under which
    analysis rule (analysis.ANALYSIS_VERSION) and when."""
    info: dict[str, Any] = {
        "engine": name,
        "analysis": ANALYSIS_VERSION,
        "updated": datetime.now(UTC).isoformat(),
    }
    if records is not None:
        info["records"] = records
    index_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=".engine-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(info, out)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the marker is plain metadata
        os.replace(tmp, index_dir / ENGINE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def index_info(index_dir: Path) -> dict[str, Any]:
    """The engine marker of an index folder ({} when there is none)."""
    marker = index_dir / ENGINE_FILE
    if not marker.exists():
        return {}
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise EngineError(f"{marker} is unreadable: {exc}") from exc
    return data if isinstance(data, dict) else {}


def article_ancestors(value: str) -> list[str]:
    """'ICERD 5(e)(v)' -> ['ICERD 5', 'ICERD 5(e)', 'ICERD 5(e)(v)'] for the hierarchical facet."""
    head = value.split("(", 1)[0].strip()
    out = [head]
    for part in re.findall(r"\([^()]*\)", value[len(head) :]):
        out.append(out[-1] + part)
    return out


def indexed_values(field_name: str, value: str) -> list[str]:
    """Every value a keyword field is indexed under, so a filter on the parent matches.

    articles: each ancestor ('ICERD 5' matches 'ICERD 5(e)(v)');
    cites: the symbol alone too ('CERD/C/USA/CO/6' matches 'CERD/C/USA/CO/6 para. 14');
    symbol: also its normalize_symbol form, so a typed 'cerd/c/bra/co/18-20' matches.
    Both engines index through this one function, so they agree.
    """
    if field_name == "articles":
        return article_ancestors(value)
    if field_name == "cites" and " para. " in value:
        return [value.split(" para. ")[0], value]
    if field_name == "symbol":
        norm = normalize_symbol(value)
        return [value] if norm == value else [value, norm]
    return [value]
