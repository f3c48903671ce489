"""UPR coverage: are UPR Info's recommendations found among the records of the WG report PDFs?

For every UPR Working Group report PDF in the corpus (upr/A_HRC_*.pdf) whose State under
review and UPR session (both read from the PDF by recsearch) are covered by a
upr/UPRInfo_recommendations_sessions_*.csv file, each CSV row with To = that State and
Session = that session is looked up among the PDF's recommendation records:
- text match: a record that contains at least 0.8 of the row's words (UPR Info splits and
  trims recommendations, so containment, not equality);
- state match: one of the text-matching records has the row's From State among its
  recommending_states (normalised with metadata.normalise_country). Several States often
  make the same short recommendation in separate records ("Ratify OP-CAT"), so the
  closest text alone does not decide.
Target: >= 95% of rows found with the right State. The CSVs are MacRoman-encoded with CR
line ends and are read here directly. Writes eval/results/upr_coverage.json.

Run: nice .venv/bin/python eval/upr_coverage.py [--corpus DIR] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recsearch.countries import normalise_country  # noqa: E402
from recsearch.pdf import parse_pdf  # noqa: E402
from recsearch.records import ParseError  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
MIN_CONTAINMENT = 0.8


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold()))


def read_upr_info(corpus: Path) -> dict[tuple[str, str], list[dict[str, str]]]:
    """UPR Info rows by (State under review, session), duplicates across files dropped."""
    rows: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    seen: set[tuple[str, ...]] = set()
    for path in sorted((corpus / "upr").glob("UPRInfo_recommendations_sessions_*.csv")):
        text = path.read_bytes().decode("mac_roman")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            key = (row["To"], row["Session"], row["From"], row["Text"])
            if key in seen:
                continue
            seen.add(key)
            state = normalise_country(row["To"]) or row["To"]
            rows[(state, row["Session"].strip())].append(row)
    return rows


def _parse(path: Path) -> tuple[str, dict[str, Any] | None, list[dict[str, Any]]]:
    try:
        doc, records = parse_pdf(path.read_bytes(), path.name)
    except ParseError:
        return path.name, None, []
    recs = [
        {"number": r.number, "words": _words(r.text), "states": r.recommending_states}
        for r in records
        if r.kind == "recommendation"
    ]
    return path.name, {"country": doc.country, "session": doc.session, "type": doc.doc_type}, recs


def check(rows: list[dict[str, str]], recs: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of CSV rows whose text and recommending State are found among the records."""
    text_found = state_found = 0
    misses = []
    for row in rows:
        want = _words(row["Text"])
        if not want or not recs:
            misses.append({"text": row["Text"][:100], "from": row["From"], "why": "no records"})
            continue
        # Several States often make the same recommendation in separate records ("Ratify
        # OP-CAT"), so every record that matches the text counts, not only the closest.
        matches = [r for r in recs if len(want & r["words"]) >= MIN_CONTAINMENT * len(want)]
        if not matches:
            misses.append({"text": row["Text"][:100], "from": row["From"], "why": "text"})
            continue
        text_found += 1
        frm = normalise_country(row["From"]) or row["From"]
        best = max(matches, key=lambda r: (frm in r["states"], len(want & r["words"])))
        if frm in best["states"]:
            state_found += 1
        else:
            misses.append({"text": row["Text"][:100], "from": frm, "number": best["number"],
                           "got_states": best["states"], "why": "state"})  # fmt: skip
    return {"rows": len(rows), "text_found": text_found, "state_found": state_found,
            "misses": misses}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    info = read_upr_info(args.corpus)
    sessions = {s for _, s in info}
    paths = sorted((args.corpus / "upr").glob("A_HRC_*.pdf"))
    with Pool(args.workers) as pool:
        parsed = pool.map(_parse, paths, chunksize=2)
    results = []
    for name, doc, recs in parsed:
        if not doc or doc["type"] != "upr-report" or "Add" in name:
            continue
        rows = info.get((doc["country"] or "", doc["session"] or ""))
        if not rows:
            continue
        res = check(rows, recs)
        res.update(source=f"upr/{name}", country=doc["country"], session=doc["session"],
                   pdf_recommendations=len(recs))  # fmt: skip
        results.append(res)
        pct = res["state_found"] / res["rows"]
        print(f"{name:22} {doc['country']:30} s{doc['session']:>3} rows {res['rows']:4} "
              f"text {res['text_found']:4} both {res['state_found']:4} ({pct:.1%})")  # fmt: skip
    total = sum(r["rows"] for r in results)
    summary = {
        "documents": len(results),
        "sessions_in_csv": sorted(sessions, key=lambda s: int(s) if s.isdigit() else 0),
        "rows": total,
        "text_found": round(sum(r["text_found"] for r in results) / max(total, 1), 4),
        "text_and_state_found": round(sum(r["state_found"] for r in results) / max(total, 1), 4),
    }
    print("\nSUMMARY", json.dumps(summary))
    out = REPO / "eval" / "results" / "upr_coverage.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": summary, "documents": results}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
