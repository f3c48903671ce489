"""Legacy Word .doc: converted to .docx by LibreOffice headless, else read as text by antiword."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from recsearch.plaintext import parse_blocks, split_blocks
from recsearch.records import Document, ParseError, Record
from recsearch.word import (
    REC_NUMBER,
    is_matrix_header,
    matrix_records,
    parse_docx,
    parse_questions,
)

CONVERT_TIMEOUT = 180  # seconds; a large .doc converts in a few, a hung soffice never does


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_to_docx(data: bytes) -> bytes:
    """Convert .doc bytes to .docx bytes with LibreOffice headless (private profile per call)."""
    binary = _soffice()
    if binary is None:
        raise ParseError("LibreOffice is not installed (Debian package libreoffice-writer)")
    with tempfile.TemporaryDirectory(prefix="recsearch-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        # Each call gets its own profile: parallel workers sharing one profile lock each other out.
        profile = (Path(tmp) / "profile").as_uri()
        cmd = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise ParseError(
                f"LibreOffice did not convert the .doc within {CONVERT_TIMEOUT}s"
            ) from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise ParseError("LibreOffice could not convert the .doc (corrupt or not a Word file)")
        return out.read_bytes()


def doc_to_text(data: bytes) -> str:
    """Text of a .doc by antiword (no tables' structure, but the words)."""
    binary = shutil.which("antiword")
    if binary is None:
        raise ParseError(
            "cannot read legacy .doc: install LibreOffice (libreoffice-writer) or antiword"
        )
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            done = subprocess.run(
                [binary, "-w", "0", tmp.name], capture_output=True, timeout=CONVERT_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            raise ParseError("antiword did not finish reading the .doc") from None
    if done.returncode != 0 or not done.stdout.strip():
        raise ParseError("antiword could not read the .doc (corrupt or not a Word file)")
    return done.stdout.decode("utf-8", errors="replace")


_NEW_ROW = re.compile(r"^(Theme|Right or area|Cluster)\s*:", re.IGNORECASE)


def pipe_tables(text: str) -> list[list[list[str]]]:
    """Tables antiword draws with '|': rows of cell texts, continuation lines joined by newline."""
    tables: list[list[list[str]]] = []
    rows: list[list[str]] | None = None
    for line in text.splitlines():
        line = line.rstrip()
        if not (line.startswith("|") and line.endswith("|") and len(line) > 1):
            rows = None
            continue
        cells = [c.strip() for c in line[1:-1].split("|")]
        if rows is None:
            rows = [cells]
            tables.append(rows)
            continue
        last = rows[-1]
        # A row starts where the column count changes, a recommendation number or a theme
        # label opens the first cell; other lines continue the cells above them.
        if len(cells) != len(last) or REC_NUMBER.match(cells[0]) or _NEW_ROW.match(cells[0]):
            rows.append(cells)
        else:
            rows[-1] = [f"{a}\n{b}".strip() if b else a for a, b in zip(last, cells, strict=True)]
    return tables


def parse_doc(data: bytes, source: str) -> tuple[Document, list[Record], bool]:
    """A legacy .doc: the .docx path after conversion, antiword text when LibreOffice is absent."""
    if _soffice() is not None:
        try:
            return parse_docx(doc_to_docx(data), source)
        except ParseError:
            if shutil.which("antiword") is None:
                raise
    text = doc_to_text(data)
    tables = [t for t in pipe_tables(text) if len(t) > 1 and is_matrix_header(t[0])]
    if tables:
        return matrix_records("", tables, source)
    blocks = split_blocks("\n".join(ln for ln in text.splitlines() if not ln.startswith("|")))
    if not blocks:
        raise ParseError("the .doc has no text")
    if re.search(r"advance questions", " ".join(blocks[:2]), re.IGNORECASE):
        return parse_questions([re.sub(r"^[•·▪-]\s*", "", b) for b in blocks], source)
    return parse_blocks(blocks, source, fmt="doc")
