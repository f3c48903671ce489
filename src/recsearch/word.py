"""Word .docx: UPR recommendation matrices (tables), advance questions, and numbered documents."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from typing import Any

from recsearch.csv_exports import normalise_response, split_states
from recsearch.plaintext import doc_key, normalise_country, parse_blocks
from recsearch.records import Document, ParseError, Record, make_record, unique_ids
from recsearch.symbol_names import year_from_symbol

# "166.6. Ratify …", "28.212 Continue …", "121.1 Ratify …": the printed recommendation number.
REC_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,2})\.?\s+")
_SOURCE_LINE = re.compile(r"\n?\s*Source of position:.*$", re.IGNORECASE | re.DOTALL)
_HEADING_PREFIX = re.compile(r"^(Theme|Right or area|Cluster|Issue)\s*:\s*", re.IGNORECASE)
_UPR_HEADER = re.compile(r"UPR of (?P<country>[^(\-–\t]+?)\s*(?:\(|[-–]|\t|$)")
_SESSION = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\s+session", re.IGNORECASE)
_SHORT_DATE = re.compile(
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+((?:19|20)\d{2})\b"
)


def _open(data: bytes) -> Any:
    """python-docx Document from bytes, or a ParseError naming the problem."""
    import docx  # python-docx lives only here

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise ParseError("zip file is not a Word document (no word/document.xml)")
        return docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"Word file cannot be read ({type(exc).__name__})") from None


def _header_text(document: Any) -> str:
    """Running header text (matrices print 'UPR of Egypt - Second Cycle' there)."""
    texts: list[str] = []
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            try:
                texts.extend(p.text for p in part.paragraphs if p.text.strip())
            except Exception:  # a missing header part is common and harmless
                continue
    return "\n".join(dict.fromkeys(texts))


def _column_roles(header: list[str]) -> dict[str, int]:
    """Which column holds the recommendation, States, position, themes, from header labels."""
    roles: dict[str, int] = {}
    for i, label in enumerate(header):
        low = label.lower()
        if "recommendation" in low:
            roles.setdefault("text", i)
        elif "recommending" in low or low.strip() in ("state", "states", "from"):
            roles.setdefault("states", i)
        elif "position" in low or "response" in low:
            roles.setdefault("response", i)
        elif "theme" in low or "rights" in low:
            roles.setdefault("themes", i)
    return roles


def is_matrix_header(header: list[str]) -> bool:
    """A header row naming a recommendation column and a position column."""
    roles = _column_roles(header)
    return "text" in roles and "response" in roles


def _is_matrix(table: Any) -> bool:
    if len(table.rows) < 2 or len(table.columns) < 2:
        return False
    return is_matrix_header([c.text for c in table.rows[0].cells])


def _source_themes(cell: str) -> list[str]:
    """Theme labels from a themes cell, without codes, bullets, SDGs or affected persons."""
    themes = []
    for line in cell.splitlines():
        line = line.strip()
        if re.match(r"^(affected persons|sdgs?)\b", line, re.IGNORECASE) or line.endswith(":"):
            break
        label = re.sub(r"^(-\s*|[A-Z]\d{1,3}\s+|\d+(?:\.\d+)*\.?\s+)", "", line).strip()
        if label and label not in themes:
            themes.append(label)
    return themes


# A parenthesis closing a recommendation clause: "… (Ukraine); Increase … (Slovakia);".
_CLAUSE_PARENS = re.compile(r"\(([^()]{2,80})\)(?=\s*(?:[;.,]|\(|$))")


def _states_in_text(text: str) -> list[str]:
    """Recommending States in the parentheses that close each clause."""
    states = []
    for inner in _CLAUSE_PARENS.findall(text):
        for name in re.split(r"\s*[;,]\s*", inner):
            found = normalise_country(name)
            if found and found not in states:
                states.append(found)
    return states


def parse_matrix(document: Any, source: str) -> tuple[Document, list[Record], bool]:
    """A UPR matrix / thematic list in a .docx (see matrix_records)."""
    tables = [
        [[c.text for c in row.cells] for row in table.rows]
        for table in document.tables
        if _is_matrix(table)
    ]
    return matrix_records(_header_text(document), tables, source)


def matrix_records(
    header_text: str, tables: list[list[list[str]]], source: str
) -> tuple[Document, list[Record], bool]:
    """Matrix tables (rows of cell texts, header row first) -> one record per recommendation row.

    Rows whose cells are all the same (a theme merged across the table) become the section.
    """
    doc = Document(
        key=doc_key(None, source),
        source=source,
        doc_type="upr-recommendations",
        body="UPR Working Group",
    )
    if m := _UPR_HEADER.search(header_text):
        doc.country = normalise_country(m.group("country"))
    if m := _SESSION.search(header_text):
        doc.session = m.group(1)
    first_line = header_text.split("\n")[0] if header_text else ""
    parts = [
        p.strip() for p in first_line.split("\t") if p.strip() and not p.strip().startswith("Page")
    ]
    doc.title = " - ".join(parts) or "Matrix of UPR recommendations"
    records: list[Record] = []
    sources: Counter[str] = Counter()
    for table in tables:
        roles = _column_roles(table[0])
        section: list[str] = []
        for cells in table[1:]:
            if len({c.strip() for c in cells}) == 1:
                heading = _HEADING_PREFIX.sub("", cells[0].strip())
                if heading:
                    section = [heading]
                continue
            cells = cells + [""] * (len(table[0]) - len(cells))
            raw = cells[roles["text"]]
            sources.update(re.findall(r"A/HRC/\d+/\d+", raw))
            text = re.sub(r"\s+", " ", _SOURCE_LINE.sub("", raw)).strip()
            if not text or text.lower().startswith("recommendation"):
                continue  # a repeated header row
            number = None
            if m := REC_NUMBER.match(text):
                number, text = m.group(1), text[m.end() :]
            states = (
                split_states(cells[roles["states"]]) if "states" in roles else _states_in_text(text)
            )
            records.append(
                make_record(
                    doc,
                    number=number,
                    text=text,
                    index=len(records) + 1,
                    section=section,
                    kind="recommendation",
                    recommending_states=states,
                    response=normalise_response(cells[roles["response"]]),
                    themes=_source_themes(cells[roles["themes"]]) if "themes" in roles else [],
                )
            )
    if not records:
        raise ParseError("Word table has no recommendation rows")
    if sources:
        # The outcome report cited as the source of positions dates the matrix.
        doc.year = year_from_symbol(sources.most_common(1)[0][0] + "/")
        for rec in records:
            rec.year = doc.year
    return doc, unique_ids(records), True


def _num_pr(para: Any) -> Any:
    """The paragraph's list numbering, set on the paragraph or inherited from its style."""
    if para._p.pPr is not None and para._p.pPr.numPr is not None:
        return para._p.pPr.numPr
    style = para.style
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = style.base_style
    return None


def _numbered_paragraph_texts(document: Any) -> list[str]:
    """Paragraph texts with Word's automatic numbering written out ('1. ', '(a) ')."""
    counters: dict[tuple[str, int], int] = {}
    texts = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        num_pr = _num_pr(para)
        if num_pr is not None and num_pr.numId is not None:
            num_id = str(num_pr.numId.val)
            level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
            counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
            for key in [k for k in counters if k[0] == num_id and k[1] > level]:
                del counters[key]
            n = counters[(num_id, level)]
            text = f"{n}. {text}" if level == 0 else f"({chr(96 + min(n, 26))}) {text}"
        texts.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
            if cells:
                texts.append(" | ".join(cells))
    return texts


def _state_line(text: str) -> str | None:
    """'BELGIUM' or 'PORTUGAL on behalf of …' → the asking State's label, else None."""
    words = text.split()
    caps = []
    for word in words:
        if (word.isupper() and len(word) > 1) or word in ("OF", "AND", "THE"):
            caps.append(word)
        else:
            break
    if caps and len(text) <= 160 and not text.endswith("?"):
        return text
    return None


def parse_questions(texts: list[str], source: str) -> tuple[Document, list[Record], bool]:
    """Advance questions to a State: one record per question, the asking State as section."""
    title = texts[0].split("\n")[0].strip()
    # Questions States send ahead of a review are documents of that review.
    doc = Document(
        key=doc_key(None, source), source=source, doc_type="other", body="UPR Working Group"
    )
    doc.title = title.title() if title.isupper() else title
    if m := re.search(r"questions to (?:the )?([A-Za-z][\w' ]+?)(?:\s*[(–-]|$)", title, re.I):
        doc.country = normalise_country(m.group(1))
    if m := _SHORT_DATE.search("\n".join(texts[:3])):
        doc.year = int(m.group(1))
    records: list[Record] = []
    asking: str | None = None
    for text in texts[1:]:
        if (label := _state_line(text)) is not None:
            asking = label
            continue
        if asking is None or re.match(r"^(generated on|\d+ \w+ \d{4})", text, re.IGNORECASE):
            continue
        number = None
        if m := re.match(r"^(\d{1,3})[.)]\s+", text):
            number, text = m.group(1), text[m.end() :]
        records.append(
            make_record(
                doc,
                number=number,
                text=re.sub(r"\s+", " ", text),
                index=len(records) + 1,
                section=[asking],
                kind="observation",  # a question is not a recommendation
            )
        )
    if not records:
        raise ParseError("advance questions document has no questions")
    return doc, unique_ids(records), True


def parse_docx(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """A .docx file to (document, records, kind fixed by structure?)."""
    document = _open(data)
    if any(_is_matrix(t) for t in document.tables):
        return parse_matrix(document, source)
    texts = _numbered_paragraph_texts(document)
    if not texts:
        raise ParseError("Word document has no text")
    if re.search(r"advance questions", " ".join(texts[:2]), re.IGNORECASE):
        return parse_questions(texts, source)
    return parse_blocks(texts, source, fmt="docx")
