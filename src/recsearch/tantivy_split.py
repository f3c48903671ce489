"""A big write's documents made by two processes: the JSON of the batch's tail is made by a
forked worker while this process makes the head and hands every document to tantivy.

Making documents (tantivy_schema.DocumentMaker) is Python, so one core's work, while
tantivy indexes on another thread; a second process puts the other core to work on it.

Facet ids are handed out in the order a one-process write meets new values: the head's,
then the tail's. The worker first walks the head (DocumentMaker.prime), handing out in its
copy of the table the ids this process hands out while making the head, then makes the
tail; it sends back the values it added, and this process checks they start with its own
and takes the rest. So the ids stay dense and the same as a one-process write's, and the
worker's documents are the strings this process would have made.

Small batches are made here alone: they would not pay for a fork.
"""

from __future__ import annotations

import contextlib
import gc
import json
import mmap
import os
import signal
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, NoReturn

from recsearch.engine import EngineError
from recsearch.records import Record
from recsearch.tantivy_facet_ids import FacetIds
from recsearch.tantivy_schema import DocumentMaker

# A batch of at least this many records is made by two processes.
SPLIT_RECORDS = 5_000
# The share of a split batch this process makes itself: besides making documents, it
# parses every document's JSON for tantivy (IndexWriter.add_json); the worker does not.
HEAD_SHARE = 0.43
# The worker writes its documents in chunks of this many: the memory of one chunk is
# used again for the next (fresh memory costs a page fault a page).
CHUNK = 500

Batch = Sequence[tuple[str, str, list[Record]]]
Item = tuple[Record, str, str]  # a record, its source and fingerprint


def documents(make: DocumentMaker, ids: FacetIds, batch: Batch) -> Iterator[str]:
    """The JSON of every record of the batch (source by source, in order), as `make` makes
    them; `ids` is the table `make` hands facet ids out of.

    The worker's part comes after this process's own: a failed worker raises EngineError
    there, and leaving the iterator early ends the worker.
    """
    items = [(rec, source, fp) for source, fp, records in batch for rec in records]
    if len(items) < SPLIT_RECORDS or not hasattr(os, "fork"):
        for rec, source, fp in items:
            yield make(rec, source, fp)
        return
    head = int(len(items) * HEAD_SHARE)
    known = len(ids.values)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as added:
        pid = os.fork()
        if pid == 0:  # the worker
            _work(make, ids, items, head, out, added)
        reaped = False
        try:
            for rec, source, fp in items[:head]:
                yield make(rec, source, fp)
            reaped = True
            _wait(pid, out)
        finally:
            if not reaped:  # left early (an error here, or the caller stopped)
                _end(pid)
        _adopt(ids, known, added)
        yield from _read(out, len(items) - head)


def _work(
    make: DocumentMaker,
    ids: FacetIds,
    items: list[Item],
    head: int,
    out: IO[bytes],
    added: IO[bytes],
) -> NoReturn:
    """Write the documents of items[head:] to `out`, each ended by a newline, and the facet
    values added to `ids` (as a JSON list) to `added`; then exit (never returns): status 0
    once all is written, else 1 with the reason in `out`."""
    code = 1
    try:
        # A collection would write to every object the worker shares with this process,
        # copying its memory page by page; the worker is short-lived and makes no cycles.
        gc.disable()
        known = len(ids.values)
        make.prime(rec for rec, _source, _fp in items[:head])
        for start in range(head, len(items), CHUNK):
            chunk = [make(rec, source, fp) for rec, source, fp in items[start : start + CHUNK]]
            chunk.append("")  # a newline after the last one too
            out.write("\n".join(chunk).encode())
        out.flush()
        added.write(json.dumps(ids.values[known:]).encode())
        added.flush()
        code = 0
    except BaseException as exc:  # reported by the parent, which owns the write
        with contextlib.suppress(BaseException):
            out.seek(0)
            out.truncate()
            out.write(f"{type(exc).__name__}: {exc}".encode())
            out.flush()
    finally:
        os._exit(code)  # no exit handlers, no flushing of buffers copied from the parent


def _wait(pid: int, out: IO[bytes]) -> None:
    """Wait for the worker to exit; EngineError if it failed."""
    _pid, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 1:
        out.seek(0)
        reason = out.read(500).decode(errors="replace")
        raise EngineError(f"the process making documents failed: {reason}")
    if code != 0:
        raise EngineError(f"the process making documents failed: exit status {code}")


def _adopt(ids: FacetIds, known: int, added: IO[bytes]) -> None:
    """Take the facet values the worker added after this process's own, in its order."""
    added.seek(0)
    try:
        theirs = json.loads(added.read())
    except ValueError:
        raise EngineError("the process making documents sent no facet values") from None
    mine = ids.values[known:]
    if theirs[: len(mine)] != mine:
        raise EngineError("the process making documents handed out other facet ids")
    for value in theirs[len(mine) :]:
        if ids.id_of(value) != known + len(mine):
            raise EngineError("the process making documents handed out other facet ids")
        mine.append(value)


def _read(out: IO[bytes], count: int) -> Iterator[str]:
    """The `count` documents the worker wrote to `out`, one by one (EngineError if
    there are more or fewer)."""
    size = out.seek(0, os.SEEK_END)
    if not size:
        raise EngineError(f"the process making documents made none of {count}")
    with (
        mmap.mmap(out.fileno(), size, access=mmap.ACCESS_READ) as data,
        memoryview(data) as view,
    ):
        pos = 0
        for _ in range(count):
            end = data.find(b"\n", pos)
            if end < 0:
                raise EngineError(f"the process making documents made fewer than {count}")
            yield str(view[pos:end], "utf-8")
            pos = end + 1
        if pos != size:
            raise EngineError(f"the process making documents made more than {count}")


def _end(pid: int) -> None:
    """Stop the worker and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
