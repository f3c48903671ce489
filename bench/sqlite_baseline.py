"""SQLite FTS5 baseline for the search benchmark: the same records, the same queries.

Full text in an FTS5 table with the porter tokenizer (diacritics removed); facet values in
a side table (one row per record, field and value, articles under every ancestor as the
engines index them), counted with GROUP BY over the matching rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from recsearch import query as qn
from recsearch.analysis import tokens
from recsearch.engine import FACET_FIELDS, indexed_values
from recsearch.records import Record

SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(
    text, title, section, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE rec (rowid INTEGER PRIMARY KEY, id TEXT, data TEXT);
CREATE TABLE facet (rowid INTEGER, field TEXT, value TEXT);
"""
INDEXES = """
CREATE INDEX facet_value ON facet (field, value, rowid);
CREATE INDEX facet_row ON facet (rowid);
"""


class Unsupported(ValueError):
    """A query shape FTS5's MATCH syntax cannot say (a NOT with nothing to subtract from)."""


class SqliteBaseline:
    """An FTS5 index on disk with facet counts by GROUP BY."""

    name = "sqlite-fts5"

    def __init__(self, path: Path, create: bool = False) -> None:
        self.path = Path(path)
        if create and self.path.exists():
            self.path.unlink()
        self.db = sqlite3.connect(str(self.path))
        if create:
            self.db.execute("PRAGMA journal_mode = OFF")
            self.db.executescript(SCHEMA)

    def build(self, groups: Iterable[tuple[str, list[Record]]]) -> None:
        """Insert every record in one transaction, then build the facet indexes."""
        rowid = 0
        with self.db:
            for _source, records in groups:
                fts_rows: list[tuple[int, str, str, str]] = []
                rec_rows: list[tuple[int, str, str]] = []
                facet_rows: list[tuple[int, str, str]] = []
                for rec in records:
                    rowid += 1
                    fts_rows.append((rowid, rec.text, rec.title or "", "\n".join(rec.section)))
                    rec_rows.append((rowid, rec.id, json.dumps(rec.to_dict(), ensure_ascii=False)))
                    for name in FACET_FIELDS:
                        value = getattr(rec, name)
                        values = value if isinstance(value, list) else [value]
                        seen = {
                            v
                            for x in values
                            if x not in (None, "")
                            for v in indexed_values(name, str(x))
                        }
                        facet_rows.extend((rowid, name, v) for v in seen)
                self.db.executemany(
                    "INSERT INTO fts (rowid, text, title, section) VALUES (?, ?, ?, ?)", fts_rows
                )
                self.db.executemany("INSERT INTO rec VALUES (?, ?, ?)", rec_rows)
                self.db.executemany("INSERT INTO facet VALUES (?, ?, ?)", facet_rows)
            self.db.executescript(INDEXES)
            self.db.execute("INSERT INTO fts (fts) VALUES ('optimize')")

    def search(
        self,
        node: qn.Node,
        filters: dict[str, list[str]] | None = None,
        limit: int = 20,
        facets: Sequence[str] = FACET_FIELDS,
    ) -> tuple[int, list[tuple[Record, str]], dict[str, list[tuple[str, int]]]]:
        """Total, top hits by bm25 with snippets, and every facet's value counts."""
        match = to_fts(node)
        where = ["fts MATCH ?"]
        args: list[object] = [match]
        for name, values in (filters or {}).items():
            if values:
                marks = ", ".join("?" * len(values))
                # The unary + keeps SQLite from pushing the rowid set into FTS5 as one
                # lookup per rowid (plan "INDEX 0:=M3"), which took minutes on big sets.
                where.append(
                    "+fts.rowid IN (SELECT rowid FROM facet"
                    f" WHERE field = ? AND value IN ({marks}))"
                )
                args += [name, *values]
        cond = " AND ".join(where)
        cur = self.db.cursor()
        cur.execute("DROP TABLE IF EXISTS temp.hits")
        cur.execute(
            f"CREATE TEMP TABLE hits AS SELECT fts.rowid AS rowid FROM fts WHERE {cond}", args
        )
        total = cur.execute("SELECT count(*) FROM temp.hits").fetchone()[0]
        top = cur.execute(
            "SELECT rec.data, snippet(fts, 0, '<mark>', '</mark>', '…', 40)"
            f" FROM fts JOIN rec ON rec.rowid = fts.rowid WHERE {cond}"
            " ORDER BY bm25(fts, 1.0, 0.3, 0.5) LIMIT ?",
            [*args, limit],
        ).fetchall()
        hits = [(Record.from_dict(json.loads(data)), snip) for data, snip in top]
        counts: dict[str, list[tuple[str, int]]] = {f: [] for f in facets}
        wanted = ", ".join("?" * len(facets))
        rows = cur.execute(
            "SELECT f.field, f.value, count(*) FROM facet f JOIN temp.hits h ON f.rowid = h.rowid"
            f" WHERE f.field IN ({wanted}) GROUP BY f.field, f.value",
            list(facets),
        ).fetchall()
        for field, value, n in rows:
            counts[field].append((value, n))
        for field in counts:
            counts[field].sort(key=lambda kv: (-kv[1], kv[0]))
        return total, hits, counts

    def size_bytes(self) -> int:
        return self.path.stat().st_size

    def close(self) -> None:
        self.db.close()


def _quote(words: Sequence[str]) -> str:
    return '"' + " ".join(words) + '"'


def to_fts(node: qn.Node) -> str:
    """A query node as an FTS5 MATCH expression (text nodes, AND, OR, AND NOT)."""
    if isinstance(node, qn.Term | qn.Phrase):
        words = tokens(node.text if isinstance(node, qn.Term) else " ".join(node.words))
        if not words:
            raise Unsupported("a query word with no letters or digits")
        return _quote(words)
    if isinstance(node, qn.Prefix):
        words = tokens(node.text)
        if not words:
            raise Unsupported("an empty prefix")
        return _quote(words) + " *"
    if isinstance(node, qn.Or):
        return "(" + " OR ".join(to_fts(c) for c in node.children) + ")"
    if isinstance(node, qn.And):
        pos = [to_fts(c) for c in node.children if not isinstance(c, qn.Not)]
        neg = [to_fts(c.child) for c in node.children if isinstance(c, qn.Not)]
        if not pos:
            raise Unsupported("NOT needs something to subtract from in FTS5")
        expr = "(" + " AND ".join(pos) + ")"
        if neg:
            expr = f"({expr} NOT ({' OR '.join(neg)}))"
        return expr
    raise Unsupported(f"{type(node).__name__} has no FTS5 form")
