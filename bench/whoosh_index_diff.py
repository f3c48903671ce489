"""Whether two Whoosh indexes hold the same content: every posting, field length and stored record.

A faster way of writing the index must leave what is written unchanged; this compares two
indexes built from the same records (documents in docnum order, so the ids must line up).

    python bench/whoosh_index_diff.py /tmp/x/before/whoosh /tmp/x/after/whoosh
"""

from __future__ import annotations

import argparse
import hashlib
from typing import Any

from whoosh import index


def digest(path: str) -> dict[str, Any]:
    """Per field: a hash of (term, every posting's docnum and value); lengths; stored fields."""
    ix = index.open_dir(path)
    out: dict[str, Any] = {"doc_count": ix.doc_count_all()}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        hashes: dict[str, Any] = {}
        for fieldname, term in reader.all_terms():
            h = hashes.setdefault(fieldname, hashlib.sha256())
            h.update(fieldname.encode() + b"\0" + term + b"\0")
            postings = reader.postings(fieldname, term)
            for docnum, value in postings.all_items():
                h.update(f"{docnum}:".encode() + (value or b"") + b";")
            h.update(str(reader.doc_frequency(fieldname, term)).encode())
            h.update(str(reader.frequency(fieldname, term)).encode())
        out["postings"] = {name: h.hexdigest() for name, h in sorted(hashes.items())}
        lengths = hashlib.sha256()
        stored = hashlib.sha256()
        names = sorted(ix.schema.scorable_names())
        for docnum in range(reader.doc_count_all()):
            for name in names:
                # A field no record of a segment has is no length column there (0); in a
                # segment where others have it, the record's length byte reads None.
                length = reader.doc_field_length(docnum, name) or 0
                lengths.update(f"{docnum}:{name}:{length};".encode())
            stored.update(repr(sorted(reader.stored_fields(docnum).items())).encode())
        out["field_lengths"] = lengths.hexdigest()
        out["field_totals"] = {name: reader.field_length(name) for name in names}
        out["stored"] = stored.hexdigest()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    args = ap.parse_args()
    a, b = digest(args.before), digest(args.after)
    differ = [key for key in a if a[key] != b.get(key)]
    for key in ("postings", "field_totals"):
        if key in differ:
            fields = sorted(k for k in a[key] if a[key][k] != b[key].get(k))
            print(f"{key} differ in fields: {fields}")
    print(f"records: {a['doc_count']} / {b['doc_count']}; differing parts: {differ or 'none'}")
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
