"""Small integer ids for facet values ("field\\x1fvalue"), kept in a file beside the index.

tantivy aggregates a u64 fast field of dense ids faster than a string one: a string
aggregation turns each segment's term ordinals back into strings (about 0.7 ms per query
on 300k records even for a few hundred hits). The ids are dense because they are
handed out in order, one per new value, and the list of values is an append-only file
of JSON lines `[id, "field\\x1fvalue"]`.

Writers hold tantivy's writer lock while they add ids and append them (flushed and
synced) before their commit, so every id a committed document holds is in the file; a
reader re-reads the file when it reloads its searcher. Ids never change or go away:
values whose records are deleted keep theirs, and an aggregation only returns the ids
of records that match.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from recsearch.engine import EngineError

FILE = "facet_ids.jsonl"


class IdOrder(NamedTuple):
    """The ids in the order facet counts break ties in: by facet, then by value."""

    rank: npt.NDArray[np.int64]  # id -> its place in that order
    facet_at: npt.NDArray[np.int64]  # place -> its facet's number (ascending)
    values: list[str]  # place -> its value, without the facet
    facets: dict[str, int]  # facet -> its number (facets in name order)


class FacetIds:
    """The id <-> value table of one index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: list[str] = []  # id -> value
        self.split: list[tuple[str, str]] = []  # id -> (facet, value), for counting
        self._ids: dict[str, int] = {}
        self._read = 0  # bytes of the file already read
        self._saved = 0  # ids already in the file
        # The web server's threads share one engine: one reader of the file at a time.
        self._lock = threading.Lock()
        self._order: IdOrder | None = None

    def refresh(self) -> None:
        """Read the ids other writers have appended since the last read."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        try:
            with self.path.open("rb") as fh:
                fh.seek(self._read)
                data = fh.read()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise EngineError(f"cannot read {self.path}: {exc}") from exc
        # A line still being appended (no newline yet) is left for the next read.
        complete = data[: data.rfind(b"\n") + 1]
        for line in complete.splitlines():
            try:
                number, value = json.loads(line)
            except (ValueError, TypeError):
                raise EngineError(f"{self.path} is damaged: rebuild the index") from None
            if number != len(self.values):
                raise EngineError(f"{self.path} is out of order: rebuild the index")
            self._ids[value] = number
            self._append(value)
        self._read += len(complete)
        self._saved = len(self.values)

    def order(self) -> IdOrder:
        """The ids' order by facet and value, worked out again only when ids were added."""
        known = self._order
        if known is not None and len(known.rank) == len(self.split):
            return known  # every search asks: no copy of the table then
        split = self.split[:]  # a snapshot: a writer may be adding ids
        by_value = sorted(range(len(split)), key=split.__getitem__)
        rank = np.empty(len(split), dtype=np.int64)
        rank[by_value] = np.arange(len(split), dtype=np.int64)
        facets = {name: number for number, name in enumerate(sorted({n for n, _v in split}))}
        facet_at = np.fromiter(
            (facets[split[number][0]] for number in by_value), dtype=np.int64, count=len(split)
        )
        values = [split[number][1] for number in by_value]
        known = self._order = IdOrder(rank, facet_at, values, facets)
        return known

    def id_of(self, value: str) -> int:
        """The value's id, a new one if it has none yet (saved by `save`)."""
        number = self._ids.get(value)
        if number is None:
            number = self._ids[value] = len(self.values)
            self._append(value)
        return number

    def _append(self, value: str) -> None:
        name, _, text = value.partition("\x1f")
        self.split.append((name, text))  # first: a reader checks len(values)
        self.values.append(value)

    def save(self) -> None:
        """Append the new ids to the file and sync it (call before committing)."""
        with self._lock:
            self._save()

    def _save(self) -> None:
        new = self.values[self._saved :]
        if not new:
            return
        lines = "".join(
            json.dumps([self._saved + i, value], ensure_ascii=False) + "\n"
            for i, value in enumerate(new)
        )
        try:
            with self.path.open("ab") as fh:
                # A writer that died mid-line left a partial line: cut it off first.
                end = fh.seek(0, os.SEEK_END)
                if end > self._read:
                    fh.truncate(self._read)
                fh.write(lines.encode())
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise EngineError(f"cannot write {self.path}: {exc}") from exc
        self._read += len(lines.encode())
        self._saved = len(self.values)

    def forget_unsaved(self) -> None:
        """Drop ids handed out since the last save (the write was rolled back)."""
        for value in self.values[self._saved :]:
            del self._ids[value]
        del self.values[self._saved :]
        del self.split[self._saved :]
        self._order = None  # ids handed out again may stand for other values
