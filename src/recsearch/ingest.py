"""Ingest: files under some folders -> parsed in parallel, cached -> the index, with a report."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any

from recsearch.engine import (
    EngineError,
    EngineQuery,
    EngineResult,
    engine_name,
    open_engine,
    remove_index,
)
from recsearch.parse import ParseOutcome, parse_file
from recsearch.query import Keyword
from recsearch.records import Document, Record, slug

REPORT_FILE = "ingest-report.json"
CACHE_DIR = "parse-cache"


@dataclass
class FileReport:
    """What happened to one file."""

    source: str
    fmt: str
    status: str  # indexed | unchanged | skipped | failed
    records: int = 0
    doc_type: str | None = None
    reason: str | None = None
    cached: bool = False
    seconds: float = 0.0  # parse (and tag) time in its worker; 0 when served from cache


@dataclass
class IngestReport:
    roots: list[str]
    engine: str
    started: str
    seconds: float = 0.0
    files: list[FileReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    def by_format(self) -> dict[str, int]:
        return dict(Counter(f.fmt for f in self.files))

    def by_doc_type(self) -> dict[str, int]:
        return dict(Counter(f.doc_type for f in self.files if f.doc_type))

    def records_by_doc_type(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for f in self.files:
            if f.doc_type:
                out[f.doc_type] += f.records
        return dict(out)

    def without_records(self) -> list[FileReport]:
        """Every file that yielded nothing this run, each with its one-line reason."""
        return [f for f in self.files if f.status in ("skipped", "failed")]

    def to_json(self) -> dict[str, object]:
        return {
            **asdict(self),
            "summary": {
                "files": len(self.files),
                "indexed": self.count("indexed"),
                "unchanged": self.count("unchanged"),
                "skipped": self.count("skipped"),
                "failed": self.count("failed"),
                "records_written": sum(f.records for f in self.files if f.status == "indexed"),
                "by_format": self.by_format(),
                "by_doc_type": self.by_doc_type(),
                "records_by_doc_type": self.records_by_doc_type(),
            },
        }


# Modules downstream of parsing and tagging: changing them changes no record, so they do
# not invalidate the parse cache (the search, index and web layers, and ingest itself).
_DOWNSTREAM = (
    "cli",
    "web",
    "api",
    "search",
    "query",
    "engine",
    "whoosh",
    "tantivy",
    "export",
    "cite",
    "ingest",
)


def code_version() -> str:
    """Digest of the code and data that make records: a parser change invalidates the cache."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if rel.parts[0].startswith(_DOWNSTREAM) or rel.parts[0] == "__pycache__":
            continue
        if path.is_file() and path.suffix in (".py", ".json", ".gz", ".npz", ".txt"):
            digest.update(rel.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def collect_files(paths: Sequence[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every visible file under the paths; a lone file is rooted at its folder."""
    for given in paths:
        path = given.resolve()
        if path.is_file():
            yield path, path.parent
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.startswith("."):
                    yield Path(dirpath) / name, path


def fingerprint(path: Path, version: str) -> str:
    digest = hashlib.sha256(version.encode())
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:32]


def _cache_path(index_dir: Path, fp: str) -> Path:
    return index_dir / CACHE_DIR / fp[:2] / f"{fp}.json.gz"


def _load_cached(index_dir: Path, fp: str) -> ParseOutcome | None:
    path = _cache_path(index_dir, fp)
    if not path.exists():
        return None
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None  # a damaged cache entry is just re-parsed
    return _outcome_from_json(data)


def cached_outcome(index_dir: Path, path: Path) -> ParseOutcome | None:
    """A file's parse as an ingest into index_dir cached it, if the code has not changed since."""
    return _load_cached(index_dir, fingerprint(path, code_version()))


def _save_cached(index_dir: Path, fp: str, outcome: ParseOutcome) -> None:
    path = _cache_path(index_dir, fp)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(gzip.compress(json.dumps(asdict(outcome)).encode(), compresslevel=3))
    os.replace(tmp, path)


def _outcome_from_json(data: dict[str, Any]) -> ParseOutcome:
    doc = data.get("document")
    return ParseOutcome(
        source=data["source"],
        fmt=data["fmt"],
        document=Document(**doc) if doc else None,
        records=[Record.from_dict(r) for r in data.get("records", [])],
        skipped=data.get("skipped"),
        error=bool(data.get("error")),
    )


def _move(outcome: ParseOutcome, source: str) -> None:
    """Identical bytes may sit at another path: the cached records then belong to this one,
    and a key the parser made from the other file's name is made from this one's."""
    old_key = slug(Path(outcome.source).stem)
    new_key = slug(Path(source).stem)
    moved = outcome.source != source and old_key != new_key
    if moved and outcome.records and outcome.records[0].doc_key == old_key:
        _rekey(outcome.records, old_key, new_key)
        if outcome.document is not None:
            outcome.document.key = new_key
    outcome.source = source
    for rec in outcome.records:
        rec.source = source


def _failure(source: str, reason: str) -> ParseOutcome:
    fmt = Path(source).suffix.lstrip(".").lower() or "unknown"
    return ParseOutcome(
        source=source, fmt=fmt, document=None, records=[], skipped=reason, error=True
    )


def _parse_job(path: str, root: str) -> tuple[ParseOutcome, float]:
    started = time.perf_counter()
    outcome = parse_file(Path(path), Path(root))
    return outcome, time.perf_counter() - started


def _rekey(records: list[Record], old: str, new: str) -> None:
    for rec in records:
        rec.id = new + rec.id[len(old) :]


class _KeyRegistry:
    """Keeps document keys (the first part of every record id) unique across sources."""

    def __init__(self, engine_search: Callable[[EngineQuery], EngineResult]) -> None:
        self._search = engine_search
        self._owner: dict[str, str] = {}

    def claim(self, outcome: ParseOutcome) -> None:
        if not outcome.records:
            return
        key = outcome.records[0].doc_key
        candidate, n = key, 1
        while self._taken(candidate, outcome.source):
            n += 1
            candidate = f"{key}-{slug(Path(outcome.source).suffix) or 'v'}{n if n > 2 else ''}"
        self._owner[candidate] = outcome.source
        if candidate != key:
            _rekey(outcome.records, key, candidate)

    def _taken(self, key: str, source: str) -> bool:
        owner = self._owner.get(key)
        if owner is not None:
            return owner != source
        result = self._search(
            EngineQuery(Keyword("doc_key", key), limit=1, facets=(), snippets=False)
        )
        hits = result.hits
        if hits and hits[0].record.source != source:
            self._owner[key] = hits[0].record.source
            return True
        return False


def ingest(
    paths: Sequence[Path],
    index_dir: Path,
    *,
    engine: str | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    progress: Callable[[int], Callable[[ParseOutcome], None]] | None = None,
    rebuild: bool = False,
) -> IngestReport:
    """Parse every file under paths (in parallel, cached by content) and write it to the index.

    rebuild: start from an empty index (its engine stays, unless `engine` names another).
    """
    started = time.perf_counter()
    index_dir.mkdir(parents=True, exist_ok=True)
    if rebuild:
        # An unreadable marker: the default engine, as for a new index.
        with contextlib.suppress(EngineError):
            engine = engine or engine_name(index_dir)
        remove_index(index_dir)
    files = list(collect_files(paths))
    roots = sorted(
        {str(root) for _, root in files} | {str(p.resolve()) for p in paths if p.is_dir()}
    )
    eng = open_engine(index_dir, engine=engine, create=True)
    report = IngestReport(roots=roots, engine=eng.name, started=datetime.now(UTC).isoformat())
    try:
        version = code_version()
        indexed = eng.fingerprints()
        todo: list[tuple[Path, Path, str, str]] = []
        for path, root in files:
            source = path.relative_to(root).as_posix()
            fp = fingerprint(path, version)
            if indexed.get(source) == fp:
                report.files.append(
                    FileReport(source, path.suffix.lstrip(".").lower(), "unchanged")
                )
            else:
                todo.append((path, root, source, fp))
        tick = progress(len(todo)) if progress else None
        keys = _KeyRegistry(eng.search)

        def parsed() -> Iterator[tuple[str, str, list[Record]]]:
            """Each file's records as its parse comes in. Ctrl-C while waiting for one ends
            the run there: the files before it are still written."""
            try:
                for outcome, fp, seconds in _parse_all(todo, index_dir, workers, use_cache):
                    if tick:
                        tick(outcome)
                    report.files.append(_file_report(outcome, seconds))
                    if outcome.records:
                        keys.claim(outcome)
                        yield (outcome.source, fp, outcome.records)
            except KeyboardInterrupt:
                report.interrupted = True

        try:
            for batch in batches(parsed(), eng.batch_files):
                eng.replace_sources(batch)
        except KeyboardInterrupt:  # during a write: that write is rolled back whole
            report.interrupted = True
    finally:
        eng.close()
    report.seconds = round(time.perf_counter() - started, 2)
    save_report(index_dir, report)
    return report


def batches(
    files: Iterator[tuple[str, str, list[Record]]], size: int | None
) -> Iterator[Iterable[tuple[str, str, list[Record]]]]:
    """The files in lists of `size`, or all of them as one lazy batch (size None), each
    batch a commit of its own; none when there are no files (no empty commit)."""
    first = next(files, None)
    if first is None:
        return
    files = chain([first], files)
    if size is None:
        yield files
        return
    while batch := list(islice(files, size)):
        yield batch


def _parse_all(
    todo: list[tuple[Path, Path, str, str]], index_dir: Path, workers: int | None, use_cache: bool
) -> Iterator[tuple[ParseOutcome, str, float | None]]:
    """Yield (outcome, fingerprint, parse seconds or None from cache), in the order of `todo`.

    The order is the files' order, whatever finishes first: document keys are claimed in
    it (two documents with one symbol), so the same corpus always gets the same record ids.
    """
    cached: dict[str, ParseOutcome] = {}
    to_parse = []
    for path, root, source, fp in todo:
        hit = _load_cached(index_dir, fp) if use_cache else None
        if hit is not None:
            _move(hit, source)
            cached[source] = hit
        else:
            to_parse.append((path, root, source, fp))
    if not to_parse:
        for _path, _root, source, fp in todo:
            yield cached[source], fp, None
        return
    workers = workers or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Submitted in the order they are taken back, so the index is written while the
        # rest are parsed (not all at the end).
        futures = {
            source: pool.submit(_parse_job, str(p), str(r)) for p, r, source, _fp in to_parse
        }
        for _path, _root, source, fp in todo:
            if source in cached:
                yield cached[source], fp, None
                continue
            seconds = 0.0
            try:
                outcome, seconds = futures.pop(source).result()
            except BrokenProcessPool:
                outcome = _failure(source, "the parser process died on this file")
            except Exception as exc:  # a parser bug must not stop the batch
                outcome = _failure(source, f"internal parser error: {type(exc).__name__}: {exc}")
            if use_cache and not outcome.error:
                _save_cached(index_dir, fp, outcome)
            yield outcome, fp, seconds


def _file_report(outcome: ParseOutcome, seconds: float | None) -> FileReport:
    doc_type = outcome.document.doc_type if outcome.document else None
    status = "indexed" if outcome.records else "failed" if outcome.error else "skipped"
    reason = None if outcome.records else outcome.skipped or "no paragraphs found"
    return FileReport(
        outcome.source,
        outcome.fmt,
        status,
        len(outcome.records),
        doc_type,
        reason,
        cached=seconds is None,
        seconds=round(seconds or 0.0, 3),
    )


def save_report(index_dir: Path, report: IngestReport) -> Path:
    path = index_dir / REPORT_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    os.replace(tmp, path)
    return path


def load_report(index_dir: Path) -> dict[str, object] | None:
    try:
        return dict(json.loads((index_dir / REPORT_FILE).read_text()))
    except (OSError, ValueError):
        return None


def remove(index_dir: Path, doc: str) -> tuple[str, int]:
    """Delete one document by source path, document key or symbol; -> (source, records removed)."""
    eng = open_engine(index_dir)
    try:
        sources = _resolve_sources(eng.search, doc)
        if not sources:
            return doc, 0
        return ", ".join(sources), eng.delete_sources(sources)
    finally:
        eng.close()


def _resolve_sources(search: Callable[[EngineQuery], EngineResult], doc: str) -> list[str]:
    for field_name in ("source", "doc_key", "symbol"):
        result = search(
            EngineQuery(Keyword(field_name, doc), limit=1000, facets=(), snippets=False)
        )
        hits = result.hits
        if hits:
            return sorted({h.record.source for h in hits})
    return []
