"""What the compiled modules' functions return for a fixed set of awkward inputs.

tests/test_native.py calls `outputs` in its own process (the modules compiled) and runs
this file in another with RECSEARCH_PURE=1 (the same modules from source): the two must
agree. Run as a script it prints the outputs as JSON; its argument is a path for a
FacetIds file.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from recsearch import analysis, native, tantivy_schema, tantivy_snippets
from recsearch import query as q
from recsearch.records import Record
from recsearch.tantivy_facet_ids import FacetIds

# Words a query matches or nearly matches, symbols, and what may stand between them:
# punctuation (ASCII and typographic), spaces of every kind, accents and a combining mark,
# non-Latin letters, a cased symbol, an emoji, a lone surrogate, and the characters the
# snippet escapes or uses as stand-ins.
PIECES = [
    "women", "Women", "WOMEN", "woman", "womenfolk", "rights", "Rights", "right",
    "racial", "profiling", "police", "dying", "die", "Türkiye", "TÜRKIYE", "Côte",
    "d’Ivoire", "cote", "Straße", "Ærø", "Ελλάδα", "x", "5", "²", "½",
    "CERD/C/BRA/CO/18-20", "A/HRC/21/11", "para.", "art.", "(e)", "GR 35",
    " ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", ",", ".", ";", "-", "_", "'", "’",
    "“", "”", "—", "<", ">", "&", '"', "\x02", "\x03", "é", "\u0301", "ⓦ", "\U0001f600",
    "\ud800",
]  # fmt: skip
QUERIES = [
    "women", "right*", '"racial profiling"', "Türkiye", "dying", "cote", "5",
    "CERD/C/BRA/CO/18-20", "police -women", "x", "nothing",
]  # fmt: skip


def texts(count: int = 300, seed: int = 20261124) -> list[str]:
    rng = random.Random(seed)
    out = ["", "women", " women ", "x" * (analysis.MAX_TOKEN_CHARS + 1) + " women"]
    for _ in range(count):
        out.append("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 120))))
    return out


def records(texts: list[str]) -> list[Record]:
    rng = random.Random(7)
    out = []
    for i, text in enumerate(texts[:60]):
        out.append(
            Record(
                id=f"doc-{i % 7}-{i}",
                symbol=f"CERD/C/X/CO/{i % 7}",
                title=texts[(i * 7) % len(texts)][:80],
                doc_type=rng.choice(["concluding-observations", "upr-report"]),
                body=rng.choice(["CERD", "UPR", None]),
                country=rng.choice(["Brazil", "Côte d'Ivoire", None]),
                year=rng.choice([2012, 2020, None]),
                source=f"dir/file-{i % 7}.pdf",
                number=str(i),
                section=[texts[(i * 3) % len(texts)][:40]],
                page=i % 5 or None,
                text=text,
                kind=rng.choice(["recommendation", "observation"]),
                articles=rng.sample(["ICERD 2", "ICERD 5", "ICERD 5(e)(v)"], rng.randint(0, 2)),
                themes=rng.sample(["education", "policing", "migrants"], rng.randint(0, 3)),
                recommending_states=rng.sample(["France", "Brazil"], rng.randint(0, 2)),
                response=rng.choice([None, "supported", "noted"]),
                order=i,
            )
        )
    return out


def outputs(ids_path: Path) -> dict[str, Any]:
    """Each function's results over the inputs, as JSON would carry them."""
    ts = texts()
    out: dict[str, Any] = {
        "compiled": native.running(),
        "fold": [analysis.fold(t) for t in ts],
        "tokens": [analysis.tokens(t) for t in ts],
        "token_spans": [list(analysis.token_spans(t)) for t in ts],
        "symbols": [analysis.find_symbols(t) for t in ts],
        "word_forms": [analysis.word_forms(w) for w in PIECES],
        "stems": [tantivy_schema.analyse(t) for t in ts],
        "native_text": [tantivy_schema.native_text(t) for t in ts],
    }
    for text in QUERIES:
        node = q.expand(q.parse_query(text).node)
        matches = tantivy_snippets.matcher(node)
        out[f"spans {text}"] = [
            tantivy_snippets.match_spans(t, matches) if matches is not None else None for t in ts
        ]
        out[f"snippets {text}"] = [
            tantivy_snippets.snippet_html(t, matches, width=w) for t in ts for w in (40, 250)
        ]
    stems = {analysis.stem("women"), analysis.stem("rights")}
    out["make_snippet"] = [
        analysis.make_snippet(t, lambda tok: analysis.stem(tok) in stems, width=60) for t in ts
    ]
    make = tantivy_schema.DocumentMaker(FacetIds(ids_path))
    out["documents"] = [make(rec, rec.source, "fp") for rec in records(ts)]
    return json.loads(json.dumps(out))  # tuples as lists, as the other process's arrive


if __name__ == "__main__":
    json.dump(outputs(Path(sys.argv[1])), sys.stdout)
