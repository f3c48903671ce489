"""CSV and JSON exports: UPR recommendation tables, paragraph lists; non-documents told apart."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import PurePosixPath
from typing import Any

from recsearch.plaintext import decode_text, detect_document, doc_key, normalise_country
from recsearch.records import Document, ParseError, Record, make_record, unique_ids


class NotADocument(Exception):
    """A file that is data about documents (a manifest, a metadata table, a labelled dataset)."""


# ------------------------------------------------------------------- years

# UPR Working Group sessions by the year they sat (OHCHR session calendar); the
# exports give only the session number.
UPR_SESSION_YEAR = {
    **dict.fromkeys(range(1, 4), 2008),
    **dict.fromkeys(range(4, 7), 2009),
    **dict.fromkeys(range(7, 10), 2010),
    **dict.fromkeys(range(10, 13), 2011),
    **dict.fromkeys(range(13, 15), 2012),
    **dict.fromkeys(range(15, 18), 2013),
    **dict.fromkeys(range(18, 21), 2014),
    **dict.fromkeys(range(21, 24), 2015),
    **dict.fromkeys(range(24, 27), 2016),
    **dict.fromkeys(range(27, 29), 2017),
    **dict.fromkeys(range(29, 32), 2018),
    **dict.fromkeys(range(32, 35), 2019),
    **dict.fromkeys(range(35, 37), 2020),
    **dict.fromkeys(range(37, 40), 2021),
    **dict.fromkeys(range(40, 42), 2022),
    **dict.fromkeys(range(42, 45), 2023),
    **dict.fromkeys(range(45, 48), 2024),
    **dict.fromkeys(range(48, 51), 2025),
}


def year_from_symbol(symbol: str | None) -> int | None:
    """Year a symbol implies: a printed year, a GA session (A/60/…), or an HRC session."""
    if not symbol:
        return None
    if m := re.search(r"/((?:19|20)\d{2})(?:/|$)", symbol):
        return int(m.group(1))
    if m := re.match(r"A/HRC/(\d+)/", symbol):
        # Three regular Council sessions a year since June 2006 (session 1).
        return 2006 + (int(m.group(1)) - 1) // 3
    if (m := re.match(r"A/(\d{2})/", symbol)) and int(m.group(1)) <= 80:
        return 1945 + int(m.group(1))
    return None


_SYMBOL_HEAD = ("A", "E", "CERD", "CCPR", "CRC", "CEDAW", "CAT", "CRPD", "CMW", "CED", "HRI", "S")
_SYMBOL_PART = re.compile(r"^(?:\d+(?:-\d+)?|[A-Z]{1,6}|C\.\d+|CN\.\d+|Rev\.\d+|Add\.\d+|WG\.\d+)$")


def symbol_from_name(source: str) -> str | None:
    """A UN symbol spelled in a file name: 'CERD_C_GC_32.json' -> 'CERD/C/GC/32'."""
    stem = re.split(r"[–—]", PurePosixPath(source).stem)[0]  # joint symbols: keep the first
    raw: list[str] = []
    for part in stem.split("_"):
        if raw and raw[-1].endswith(".") and part.isdigit():
            raw[-1] += part  # "Add._10" -> "Add.10"
        elif part.strip("."):
            raw.append(part)
    parts = [p.rstrip(".") for p in raw]
    for start, head in enumerate(parts):
        if head not in _SYMBOL_HEAD:
            continue
        run = [head]
        for part in parts[start + 1 :]:
            if not _SYMBOL_PART.match(part):
                break
            run.append(part)
        if len(run) >= 3 and any(p[0].isdigit() for p in run[1:]):
            symbol = "/".join(run)
            return symbol.replace("E/CN/4", "E/CN.4")
    return None


# --------------------------------------------------------------------- CSV

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
    return doc, records, True


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if 0 <= i < len(row) else ""


def _clean_cell(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # Scraped exports end some rows with a stray ' );' after the closing parenthesis.
    return re.sub(r"(?<=[.;)])\s+\)\s*;?$", "", text)


# -------------------------------------------------------------------- JSON

_ROMAN = re.compile(r"^[IVX]{1,6}$")
_TRAILING_HEADING = re.compile(r"(?<=[.”\"])\s+((?:[IVX]{1,6}|[A-H])\.\s+[A-Z][^.]{2,110})$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3}\s+\S|Ibid\b|See\s|[a-z(])")
_TOC_LEADER = re.compile(r"\.{5,}")


def _id_number(raw: Any, text: str) -> tuple[int | None, str]:
    """Paragraph number of an entry ('12.' -> 12); a missing ID may be printed at the text start."""
    if raw is not None and str(raw).strip():
        digits = re.match(r"^\s*(\d+)", str(raw))
        return (int(digits.group(1)) if digits else None), text
    if m := re.match(r"^\s*(\d{1,3})\.\s*(?=[A-Z])", text):
        return int(m.group(1)), text[m.end() :]
    return None, text


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0\u2002-\u200b]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _heading_like(text: str) -> bool:
    return len(text) <= 160 and not re.search(r"[.;:!?]$", text) and text[:1].isupper()


def _level(label: str) -> int:
    head = label.split(".", 1)[0]
    if _ROMAN.match(head):
        return 0
    if re.fullmatch(r"[A-Z]", head):
        return 1
    return 2


def _push(section: list[tuple[int, str]], label: str) -> list[tuple[int, str]]:
    lvl = _level(label)
    return [s for s in section if s[0] < lvl] + [(lvl, label)]


def paragraph_entries(items: list[dict[str, Any]]) -> list[tuple[str | None, str, list[str]]]:
    """(number, text, section) for the real paragraphs of an ID/Text list, in order.

    An entry out of the running sequence after which the sequence resumes is not a
    paragraph: a numbered sub-heading (kept as section) or a stray footnote (dropped).
    """
    entries = []
    for item in items:
        text = str(item.get("Text") or item.get("text") or "")
        raw = item.get("ID", item.get("id"))
        num, text = _id_number(raw, text)
        # A paragraph the source left inside its predecessor ("...\n51. States parties ...").
        pieces = re.split(r"\n\s*(?=\d{1,3}\.\s)", text)
        entries.append((num, _tidy(pieces[0])))
        for piece in pieces[1:]:
            m = re.match(r"(\d{1,3})\.\s*", piece)
            if m and num is not None and int(m.group(1)) == num + 1:
                num = num + 1
                entries.append((num, _tidy(piece[m.end() :])))
            else:
                text_prev = entries[-1]
                entries[-1] = (text_prev[0], text_prev[1] + "\n" + _tidy(piece))
    out: list[tuple[str | None, str, list[str]]] = []
    section: list[tuple[int, str]] = []
    last = 0
    for i, (num, text) in enumerate(entries):
        if not text:
            continue
        if _TOC_LEADER.search(text):
            continue  # a table-of-contents line
        nxt = next((n for n, t in entries[i + 1 :] if t and n is not None), None)
        if num is None:
            if _heading_like(text):
                section = _push(section, text)
            else:
                out.append((None, text, [s for _, s in section]))
            continue
        if num == last and out and re.match(r"^\([a-z]{1,3}\)", text):
            number, prev, sect = out[-1]
            out[-1] = (number, prev + "\n" + text, sect)  # a sub-paragraph split off its paragraph
            continue
        in_sequence = num == last + 1
        if not in_sequence and _heading_like(text):
            section = _push(section, f"{num}. {text}")
            continue
        resumes = nxt is not None and nxt == last + 1
        fragment_like = bool(_FOOTNOTE_START.match(text)) or abs(num - last) > 3
        if not in_sequence and fragment_like and (resumes or _FOOTNOTE_START.match(text)):
            continue  # a footnote fragment out of place
        trailing = _TRAILING_HEADING.search(text)
        if trailing:
            text = text[: trailing.start()].rstrip()
        out.append((str(num), text, [s for _, s in section]))
        last = num
        if trailing:
            section = _push(section, trailing.group(1))
    return out


def _json_shape_reason(value: Any) -> str | None:
    """Why a JSON value is not a paragraph list, or None when it is one."""
    if not isinstance(value, list) or not value:
        return "JSON is not a list of paragraphs"
    if all(isinstance(v, str) for v in value):
        return "a list of labels, not a document"
    dicts = [v for v in value if isinstance(v, dict)]
    if not dicts:
        return "JSON is not a list of paragraphs"
    keys = {k.lower() for d in dicts[:50] for k in d}
    if "text" in keys and "label" in keys and "id" not in keys:
        return "a labelled dataset (label/text pairs), not a document"
    if "text" not in keys:
        return "a metadata table (keys: " + ", ".join(sorted(keys)[:6]) + "), not a document"
    return None


def parse_json(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """A paragraph-segmented JSON list ([{ID, Labels, Text}]) -> one record per paragraph."""
    try:
        value = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list)]
        value = lists[0] if len(lists) == 1 else value
    reason = _json_shape_reason(value)
    if reason:
        raise NotADocument(reason)
    paragraphs = paragraph_entries([v for v in value if isinstance(v, dict)])
    if not paragraphs:
        raise ParseError("JSON paragraph list has no paragraphs")
    full = "\n\n".join(t for _, t, _ in paragraphs)
    # The paragraphs lack the cover page, so a symbol they mention is usually a
    # citation; the file name (which spells the symbol) stands in for the cover.
    named = symbol_from_name(source)
    doc = detect_document(f"{named}\n\n{full}" if named else full, source, "json")
    if named:
        doc.symbol = named
    doc.key = doc_key(doc.symbol, source)
    # Reports cite many dates; the symbol's session or printed year is the surer one.
    doc.year = year_from_symbol(doc.symbol) or doc.year
    head = PurePosixPath(source).stem.split("_")[0]
    if doc.body is None and head in _TREATY_BODIES:
        doc.body = head
    if not doc.title or len(doc.title) > 200 or doc.title.endswith("."):
        doc.title = doc.symbol or PurePosixPath(source).stem
    treaty_body = head in (*_TREATY_BODIES, "HRI") or (doc.symbol or "").startswith("E/C.12")
    if doc.doc_type == "other" or treaty_body:
        doc.doc_type = _json_doc_type(doc.symbol or "", source, full)
    records = [
        make_record(doc, number=number, text=text, index=i + 1, section=section)
        for i, (number, text, section) in enumerate(paragraphs)
    ]
    return doc, unique_ids(records), False


_TREATY_BODIES = ("CERD", "CCPR", "CRC", "CEDAW", "CAT", "CRPD", "CMW", "CED")


def _json_doc_type(symbol: str, source: str, text: str) -> str:
    name = PurePosixPath(source).stem
    if name.split("_")[0] in (*_TREATY_BODIES, "HRI") or symbol.startswith("E/C.12"):
        # A treaty body's paragraph list that is not about one State: a general comment.
        return "general-recommendation"
    if re.search(r"/GC/|/GR/|_G[CR]\d|_G[CR]_", symbol + " " + name) or re.search(
        r"\bgeneral (recommendation|comment)\b", text[:3000], re.IGNORECASE
    ):
        return "general-recommendation"
    if len(re.findall(r"Special Rapporteur|Independent Expert|Working Group on", text)) >= 2:
        return "special-procedure-report"
    # A committee text addressed to all States parties, naming no one State: a general comment.
    if len(re.findall(r"\bStates? part(?:y|ies)\b", text)) >= 3:
        return "general-recommendation"
    return "other"
