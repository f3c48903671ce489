"""Do both engines make the same terms of every text of an index?

    .venv/bin/python eval/analysis_identity.py [--index DIR]

analysis.py's rule is what the Whoosh engine indexes and what every query is analysed
with: the folded words of a text (analysis.tokens), stemmed by analysis.stem (PyStemmer's
Snowball English). The tantivy engine lets tantivy analyse a record's text itself: it is
given tantivy_schema.native_text(text) and splits, lower-cases and stems it with tantivy's
own Snowball English. This script takes every distinct text of the index (record texts,
titles, headings) and checks, text by text, that tantivy's analyzers give the rule's
terms and words in the same order (so phrase positions agree too), and word by word over
the whole vocabulary that the two stemmers agree. It reports how many texts went to
tantivy as they are and how many as the rule's words, writes
eval/results/analysis_identity.json, and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from recsearch.analysis import stem, tokens
from recsearch.engine import open_engine
from recsearch.tantivy_schema import ANALYZER, WORDS_ANALYZER, analyzers, native_text

RESULTS = Path(__file__).resolve().parent / "results" / "analysis_identity.json"
SHOWN = 20  # differences listed in the results file


def index_texts(index: Path) -> set[str]:
    """Every distinct record text, title and heading block of an index (either engine)."""
    eng = open_engine(index)
    texts: set[str] = set()
    try:
        for source in eng.fingerprints():
            for rec in eng.source_records(source):
                texts.update((rec.text, rec.title or "", "\n".join(rec.section)))
    finally:
        eng.close()
    return texts


def compare(texts: set[str]) -> dict[str, Any]:
    """The checks, over these texts and every word in them."""
    stemmed, words = analyzers()[ANALYZER], analyzers()[WORDS_ANALYZER]
    differ: list[dict[str, Any]] = []
    as_is = 0
    vocabulary: set[str] = set()
    for text in sorted(texts):
        rule_words = tokens(text)
        vocabulary.update(rule_words)
        given = native_text(text)
        as_is += given == text
        rule_terms = [stem(w) for w in rule_words]
        got_terms, got_words = stemmed.analyze(given), words.analyze(given)
        if got_terms != rule_terms or got_words != rule_words:
            differ.append({"text": text[:300], "rule": rule_terms[:40], "tantivy": got_terms[:40]})
    stems_differ = [
        {"word": w, "rule": stem(w), "tantivy": stemmed.analyze(w)}
        for w in sorted(vocabulary)
        if stemmed.analyze(w) != [stem(w)]
    ]
    return {
        "texts": len(texts),
        "texts_given_as_they_are": as_is,
        "texts_given_as_rule_words": len(texts) - as_is,
        "texts_differing": len(differ),
        "vocabulary": len(vocabulary),
        "stems_differing": len(stems_differ),
        "text_differences": differ[:SHOWN],
        "stem_differences": stems_differ[:SHOWN],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", type=Path, default=Path("index"))
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    started = time.perf_counter()
    report = compare(index_texts(args.index))
    report["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(
        f"{report['texts']:,} texts ({report['texts_given_as_they_are']:,} given to tantivy "
        f"as they are, {report['texts_given_as_rule_words']:,} as the rule's words): "
        f"{report['texts_differing']} analysed differently; {report['vocabulary']:,} words: "
        f"{report['stems_differing']} stemmed differently"
    )
    sys.exit(1 if report["texts_differing"] or report["stems_differing"] else 0)


if __name__ == "__main__":
    main()
