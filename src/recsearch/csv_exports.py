"""CSV exports of UPR recommendations (UPR Info, parsed databases): one record per data row."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from recsearch.decode import decode_text
from recsearch.non_documents import NotADocument
from recsearch.plaintext import doc_key, normalise_country
from recsearch.records import Document, ParseError, Record, make_record
from recsearch.symbol_names import UPR_SESSION_YEAR

_RESPONSES = {
    "accepted": "supported",
    "supported": "supported",
    "support": "supported",
    "implemented": "supported",  # the State says it already does it: accepted
    "noted": "noted",
    "rejected": "noted",  # first-cycle "rejected" is what the Council now calls noted
    "reject": "noted",
}


def normalise_response(value: str) -> str | None:
    """'Accepted' -> supported, 'Noted'/'Rejected' -> noted; mixed or pending -> None."""
    return _RESPONSES.get(value.strip().lower())


def split_states(value: str) -> list[str]:
    """Recommending States from a cell: one per line, or separated by ';' or ','."""
    parts = [p for p in re.split(r"[\n;]+", value) if p.strip()]
    if len(parts) == 1 and "," in value:
        pieces = [p for p in value.split(",") if p.strip()]
        # "Korea, Republic of" is one State: split only where every piece is a State.
        if all(normalise_country(p) for p in pieces):
            parts = pieces
    states = []
    for part in parts:
        name = normalise_country(re.sub(r"^[\s(-]+|[\s)]+$", "", part))
        if name and name not in states:
            states.append(name)
    return states


def _header_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _csv_rows(text: str) -> list[list[str]]:
    try:
        sample = text[:20000]
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text, newline=""), dialect) if any(row)]


def parse_csv(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """A CSV export of UPR recommendations -> one record per data row."""
    rows = _csv_rows(decode_text(data))
    if len(rows) < 2:
        raise ParseError("CSV file has no data rows")
    header = [_header_key(h) for h in rows[0]]
    col = {name: i for i, name in reversed(list(enumerate(header)))}
    if "path" in col and ("symbol" in col or "title" in col):
        raise NotADocument("a file list (path/symbol/title columns), not a document")
    text_col = col.get("text", col.get("recommendation"))
    to_col = col.get("to", col.get("country", col.get("sur")))
    if text_col is None or to_col is None:
        raise NotADocument(
            "a metadata table (columns: "
            + ", ".join(h for h in rows[0][:6] if h)
            + "), not a document"
        )
    data_rows = rows[1:]
    sessions = sorted(
        {
            int(r[col["session"]])
            for r in data_rows
            if "session" in col and _cell(r, col["session"]).isdigit()
        }
    )
    pledges = "response" in col and all(
        "pledge" in _cell(r, col["response"]).lower() for r in data_rows[:50]
    )
    what = "Voluntary pledges" if pledges else "Recommendations"
    span = f", sessions {sessions[0]}–{sessions[-1]}" if sessions else ""
    doc = Document(
        key=doc_key(None, source),
        source=source,
        title=f"{what} of the Universal Periodic Review, database export{span}",
        # Pledges are a State's own commitments, not recommendations made to it.
        doc_type="other" if pledges else "upr-recommendations",
        body="UPR Working Group",
    )
    records: list[Record] = []
    for i, row in enumerate(data_rows, start=1):
        text = _clean_cell(_cell(row, text_col))
        if not text:
            continue
        session = _cell(row, col["session"]) if "session" in col else ""
        year_cell = _cell(row, col["year"]) if "year" in col else ""
        response_cell = _cell(row, col.get("response", col.get("decision", -1)))
        from_col = col.get("from")
        themes: list[str] = []
        if "issue" in col:
            themes = [
                t.strip() for t in re.split(r",(?!\s)|;", _cell(row, col["issue"])) if t.strip()
            ]
        rec = make_record(
            doc,
            number=str(i),
            text=text,
            index=i,
            session=session or None,
            kind="observation" if pledges else "recommendation",
            themes=themes,
            recommending_states=[]
            if pledges or from_col is None
            else split_states(_cell(row, from_col)),
            response=None if pledges else normalise_response(response_cell),
        )
        rec.country = normalise_country(_cell(row, to_col))
        if year_cell.isdigit():
            rec.year = int(year_cell)
        elif session.isdigit():
            rec.year = UPR_SESSION_YEAR.get(int(session))
        records.append(rec)
    if not records:
        raise ParseError("CSV file has no rows with text")
    # An export of one State's review (or of one year) is that State's document; an export
    # spanning many leaves the document-level value to its rows.
    countries = {r.country for r in records}
    years = {r.year for r in records}
    doc.country = countries.pop() if len(countries) == 1 else None
    doc.year = years.pop() if len(years) == 1 else None
    return doc, records, True


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if 0 <= i < len(row) else ""


def _clean_cell(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # Scraped exports end some rows with a stray ' );' after the closing parenthesis.
    return re.sub(r"(?<=[.;)])\s+\)\s*;?$", "", text)
