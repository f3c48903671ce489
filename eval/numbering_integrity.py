"""Numbering integrity: a label-free self-consistency check of the records of the whole corpus.

Every document of the corpus (PDF, DOCX, DOC, HTML, JSON, TXT; CSV exports are rows, not
paragraphs, and are left out) is parsed through recsearch.parse.parse_file, and its records
are checked against what any well-formed document of these kinds must satisfy:

- top-level paragraph numbers run 1..N in document order (per part where numbering restarts,
  which the record ids mark): no other start, gaps, duplicates or steps back;
- recommendation numbers N.k (UPR reports) sit under paragraph N, start at 1 and run
  consecutively within the block, and a block is not split;
- no record text or section heading holds page furniture (job number "GE.12-34567",
  "Distr.: General", the document's own symbol as a running header, a barcode, "Please
  recycle"), a footnote body
  ("... of torture. 12 See A/HRC/...") or the heading that follows it ("... II. Conclusions");
- no record is empty, or absurdly long (a merged paragraph); no numbered record text holds
  the next paragraph's number at a sentence start ("... report. 12. The Committee").

Thematic matrices (doc_type upr-recommendations) order their rows by theme, so only the
duplicate and text checks apply to them. Prints a summary (documents checked and clean, each
anomaly type with counts and examples) and writes eval/results/numbering_integrity.json.

Run: nice .venv/bin/python eval/numbering_integrity.py [--corpus DIR] [--workers 2]
     [--only GLOB] [--examples N] [--doc PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from itertools import pairwise
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recsearch.parse import parse_file  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SKIPPED_SUFFIXES = (".csv",)
TOP = re.compile(r"^\d{1,4}$")
# One paragraph numbered by a run ("5-9", "77,78,79,82": a State's reply to several
# recommendations); the numbers it skips follow later, so such a run is checked as a set.
GROUP = re.compile(r"^\d{1,4}(?:-\d{1,4}|(?:,\d{1,4})+)$")
REC = re.compile(r"^(\d{1,3})\.(\d{1,3})$")
# A record this long is a merged paragraph in every kind of document here (the longest real
# paragraphs of special-procedure reports run to about 4,000 characters).
MAX_CHARS = 6000
# ... or this many times the document's median, above a floor where short lists mislead.
MAX_RATIO = 12
RATIO_FLOOR = 2500
MIN_CHARS = 15

FURNITURE = {
    "job number": re.compile(r"\bGE\.\s?\d{2}-\d{4,6}"),
    "distribution line": re.compile(r"\bDistr\.?:?\s*(?:General|Limited|Restricted)\b"),
    "barcode": re.compile(r"\*\s?\d{7,8}\s?\*"),
    "recycle": re.compile(r"Please recycle", re.IGNORECASE),
    "page label": re.compile(r"\bPage \d{1,3}\b"),
}
# A footnote body run into the text: a sentence end, a bare footnote number, and the words
# a footnote starts with (a reference, "See", "Ibid.", a web address).
FOOTNOTE_BODY = re.compile(
    r"[.;)\]”’]\s+\d{1,3}\s+(?:See\b|Ibid|Ibidem|Idem|Cf\.|Available at|Official Records|"
    r"https?://|www\.|(?:A|E|CCPR|CERD|CRC|CEDAW|CAT|CRPD|CMW|HRI)/[A-Z0-9])"
)
# The following heading run into the end of a paragraph: "... support. II. Conclusions".
TRAILING_HEADING = re.compile(
    r"[.;:]\s+((?:[IVX]{1,5}|[A-H])\.\s+[A-Z][^.;:!?]{2,150})$"
    r"|[.;:]\s+([A-Z][A-Z ,'’-]{15,150})$"
)


def _parse(path_root: tuple[Path, Path]) -> dict[str, Any]:
    path, root = path_root
    out = parse_file(path, root)
    doc = out.document
    return {
        "source": out.source,
        "fmt": out.fmt,
        "skipped": out.skipped,
        "error": out.error,
        "symbol": doc.symbol if doc else None,
        "doc_type": doc.doc_type if doc else None,
        "records": [
            {"id": r.id, "number": r.number, "page": r.page, "text": r.text, "section": r.section}
            for r in out.records
        ],
    }


def _run_key(rec_id: str) -> str:
    """The part of a record id between the document key and the local number (Durban parts)."""
    parts = rec_id.split("/")
    return "/".join(parts[1:-1])


def _sequence(numbers: list[int], start: int = 1) -> list[tuple[str, str]]:
    """Anomalies of a number sequence that should run start, start+1, ..."""
    found: list[tuple[str, str]] = []
    if numbers and numbers[0] != start:
        found.append(("start", f"starts at {numbers[0]}"))
    for prev, n in pairwise(numbers):
        if n == prev:
            found.append(("duplicate", f"{n} twice"))
        elif n < prev:
            found.append(("backwards", f"{prev} then {n}"))
        elif n > prev + 1:
            missing = ", ".join(str(k) for k in range(prev + 1, min(n, prev + 6)))
            found.append(("gap", f"{prev} then {n} (missing {missing})"))
    return found


def check_numbering(recs: list[dict[str, Any]], ordered: bool) -> list[tuple[str, str, str]]:
    """(anomaly type, record number, detail) for the top-level and recommendation numbers."""
    out: list[tuple[str, str, str]] = []
    if not ordered:
        counts = Counter(r["number"] for r in recs if r["number"])
        return [("duplicate number", n, f"{c} records") for n, c in counts.items() if c > 1]
    runs: dict[str, list[int]] = defaultdict(list)
    blocks: dict[int, list[int]] = defaultdict(list)
    block_order: list[int] = []
    grouped: set[str] = set()
    last_top: int | None = None
    run: str | None = None
    last_section: str | None = None
    for r in recs:
        number = r["number"] or ""
        section = r["section"][0] if r["section"] else None
        if GROUP.match(number):
            run = run if run is not None else _run_key(r["id"])
            grouped.add(run)
            ends = [int(x) for x in re.split(r"[-,]", number)]
            runs[run].extend(range(ends[0], ends[1] + 1) if "-" in number else ends)
            last_top = ends[-1]
        elif TOP.match(number):
            if run is None or not run.startswith(_run_key(r["id"])):
                run = _run_key(r["id"])
            elif number == "1" and runs[run] and section != last_section:
                # Lists that restart under each heading (advance questions, one list per
                # State) are numbered as printed; each heading's list is its own run.
                run = f"{_run_key(r['id'])} / {section}"
            runs[run].append(int(number))
            last_top, last_section = int(number), section
        elif m := REC.match(number):
            parent, k = int(m.group(1)), int(m.group(2))
            if last_top is not None and parent != last_top:
                out.append(("rec parent", number, f"under paragraph {last_top}"))
            if not block_order or block_order[-1] != parent:
                if parent in blocks:
                    out.append(("rec block split", number, f"block {parent} resumes"))
                block_order.append(parent)
            blocks[parent].append(k)
    for run, numbers in runs.items():
        for kind, detail in _sequence(sorted(numbers) if run in grouped else numbers):
            out.append((f"top {kind}", run or "-", detail))
    for parent, ks in blocks.items():
        for kind, detail in _sequence(ks):
            out.append((f"rec {kind}", str(parent), detail))
    return out


def check_texts(recs: list[dict[str, Any]], symbol: str | None) -> list[tuple[str, str, str]]:
    """(anomaly type, record number, excerpt) for furniture, footnotes, headings, lengths."""
    out: list[tuple[str, str, str]] = []
    lengths = sorted(len(r["text"]) for r in recs)
    median = lengths[len(lengths) // 2] if lengths else 0
    # The document's own symbol as a running header: beside a page number ("A/HRC/21/11 12",
    # "4 A/HRC/21/11"); cited in brackets it is text ("adopted the draft report (A/HRC/43/2)").
    sym = re.escape(symbol) if symbol else ""
    own = (
        re.compile(
            rf"(?:\b\d{{1,3}}\s+{sym}(?![\w/-])|(?<![\w/]){sym}[*∗]?\s+(?:Page\s+)?\d{{1,3}}\b)"
        )
        if symbol
        else None
    )
    numbers = {r["number"] for r in recs}
    bad_heads: set[str] = set()
    for r in recs:
        for head in r["section"]:
            furniture = any(p.search(head) for p in FURNITURE.values())
            if head not in bad_heads and (furniture or (own and own.search(head))):
                bad_heads.add(head)
                out.append(("furniture in section", r["number"] or "-", head[:120]))
        text, label = r["text"], r["number"] or r["id"].rsplit("/", 1)[-1]
        for name, pattern in FURNITURE.items():
            if m := pattern.search(text):
                out.append((f"furniture: {name}", label, _around(text, m.start())))
        if own and (m := own.search(text)):
            out.append(("furniture: own symbol", label, _around(text, m.start())))
        if m := FOOTNOTE_BODY.search(text):
            out.append(("footnote body", label, _around(text, m.start())))
        if m := TRAILING_HEADING.search(text):
            out.append(("trailing heading", label, text[m.start() :][:120]))
        if len(re.sub(r"\W", "", text)) < MIN_CHARS:
            out.append(("empty or tiny", label, repr(text[:60])))
        if len(text) > MAX_CHARS or (len(text) > RATIO_FLOOR and len(text) > MAX_RATIO * median):
            out.append(("too long", label, f"{len(text)} chars (median {median})"))
        if r["number"] and TOP.match(r["number"]):
            nxt = str(int(r["number"]) + 1)
            m = re.search(rf"[.;:]\s+{nxt}\.\s+[A-Z]", text)
            if m and nxt not in numbers:
                out.append(("merged next paragraph", label, _around(text, m.start())))
    return out


def _around(text: str, pos: int, width: int = 60) -> str:
    return text[max(0, pos - width) : pos + width]


def check_document(parsed: dict[str, Any]) -> dict[str, Any]:
    """All anomalies of one parsed document."""
    recs = parsed["records"]
    ordered = parsed["doc_type"] != "upr-recommendations"
    anomalies = check_numbering(recs, ordered) + check_texts(recs, parsed["symbol"])
    return {
        "source": parsed["source"],
        "fmt": parsed["fmt"],
        "doc_type": parsed["doc_type"],
        "records": len(recs),
        "skipped": parsed["skipped"],
        "anomalies": [{"type": t, "number": n, "detail": d} for t, n, d in anomalies],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="**/*", help="glob under the corpus, e.g. 'upr/*.pdf'")
    parser.add_argument("--examples", type=int, default=4)
    parser.add_argument("--out", type=Path, default=REPO / "eval/results/numbering_integrity.json")
    args = parser.parse_args()
    paths = sorted(
        p
        for p in args.corpus.glob(args.only)
        if p.is_file() and p.suffix.lower() not in SKIPPED_SUFFIXES and p.name != "manifest.csv"
    )
    with Pool(args.workers) as pool:
        parsed = pool.map(_parse, [(p, args.corpus) for p in paths], chunksize=1)
    docs = [check_document(p) for p in parsed if p["records"]]
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        for a in doc["anomalies"]:
            by_type[a["type"]].append({"source": doc["source"], **a})
    clean = sum(not d["anomalies"] for d in docs)
    print(f"documents parsed {len(parsed)}, with records {len(docs)}, clean {clean}")
    for fmt, n in sorted(Counter(d["fmt"] for d in docs).items()):
        ok = sum(not d["anomalies"] for d in docs if d["fmt"] == fmt)
        print(f"  {fmt:5} {ok:4}/{n} clean")
    summary: dict[str, Any] = {
        "documents_parsed": len(parsed),
        "documents_checked": len(docs),
        "documents_clean": clean,
        "records": sum(d["records"] for d in docs),
        "anomalies": {},
    }
    for kind, found in sorted(by_type.items(), key=lambda kv: -len(kv[1])):
        n_docs = len({f["source"] for f in found})
        summary["anomalies"][kind] = {"count": len(found), "documents": n_docs}
        print(f"\n{kind}: {len(found)} in {n_docs} documents")
        for f in found[: args.examples]:
            print(f"  {f['source']} [{f['number']}] {f['detail']}")
    print("\nSUMMARY", json.dumps(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {"summary": summary, "documents": [d for d in docs if d["anomalies"]]}
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
