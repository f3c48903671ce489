"""Evaluate the tagger against the hand-labelled development set.

Usage: .venv/bin/python eval/tags.py [GOLD] [--out eval/results/tags.json] [--speed]

Compares articles, general_recommendations, gnr and cites as sets per item (micro
precision and recall over all tags) and kind as accuracy; prints every miss with the
gold note, writes the scores to eval/results/tags.json, and times tagging (records per
second on one core) over the gold texts and, with --speed, over short corpus records.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

from recsearch.tag import tag_text

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "tags-dev.jsonl"
CORPUS = REPO.parent / "shared" / "corpus"
SET_FIELDS = ("articles", "general_recommendations", "gnr", "cites")
TARGET = 0.95


def score(items: list[dict]) -> tuple[dict, list[dict]]:
    """Per-field precision/recall, kind accuracy, and the list of misses."""
    counts = {f: {"tp": 0, "expected": 0, "got": 0} for f in SET_FIELDS}
    kind_right = 0
    misses = []
    for item in items:
        tags = tag_text(item["text"], item.get("body"))
        expected = item["expected"]
        wrong: dict[str, dict[str, object]] = {}
        for f in SET_FIELDS:
            exp, got = set(expected[f]), set(getattr(tags, f))
            counts[f]["tp"] += len(exp & got)
            counts[f]["expected"] += len(exp)
            counts[f]["got"] += len(got)
            if exp != got:
                wrong[f] = {
                    "missing": sorted(map(str, exp - got)),
                    "extra": sorted(map(str, got - exp)),
                }
        if tags.kind == expected["kind"]:
            kind_right += 1
        else:
            wrong["kind"] = {"expected": expected["kind"], "got": tags.kind}
        if wrong:
            misses.append(
                {
                    "source": item["source"],
                    "locator": item["locator"],
                    "body": item.get("body"),
                    "wrong": wrong,
                    "note": item.get("note"),
                    "text": item["text"][:300],
                }
            )
    scores: dict = {}
    for f, c in counts.items():
        scores[f] = {
            "precision": round(c["tp"] / c["got"], 4) if c["got"] else 1.0,
            "recall": round(c["tp"] / c["expected"], 4) if c["expected"] else 1.0,
            **c,
        }
    scores["kind"] = {"accuracy": round(kind_right / len(items), 4), "right": kind_right}
    return scores, misses


def records_per_second(texts: list[tuple[str, str | None]], min_seconds: float = 1.0) -> float:
    """Tagging throughput on one core over the given (text, body) pairs."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        for text, body in texts:
            tag_text(text, body)
        done += len(texts)
    return done / (time.perf_counter() - start)


def corpus_texts(limit: int = 5000) -> list[tuple[str, str | None]]:
    """Paragraphs from the JSON files of the corpus (treaty bodies, special procedures)."""
    texts: list[tuple[str, str | None]] = []
    for path in sorted(CORPUS.glob("*/*.json")):
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("Text"), str):
                texts.append((" ".join(entry["Text"].split()), None))
        if len(texts) >= limit:
            break
    return texts[:limit]


def upr_rows(limit: int = 5000) -> list[tuple[str, str | None]]:
    """Short records: the "Text" column of the UPR Info exports (MacRoman, as published)."""
    rows: list[tuple[str, str | None]] = []
    for path in sorted((CORPUS / "upr").glob("UPRInfo_recommendations_*.csv")):
        text = path.read_bytes().decode("mac_roman")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            if row.get("Text"):
                rows.append((" ".join(row["Text"].split()), "UPR"))
        if len(rows) >= limit:
            break
    return rows[:limit]


def main() -> int:
    """Score, print, write results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", nargs="?", default=str(GOLD))
    parser.add_argument("--out", default=str(REPO / "eval" / "results" / "tags.json"))
    parser.add_argument("--speed", action="store_true", help="also time corpus records")
    args = parser.parse_args()
    items = [json.loads(line) for line in Path(args.gold).read_text().splitlines() if line]
    scores, misses = score(items)
    for miss in misses:
        print(f"MISS {miss['source']} [{miss['locator']!r}] body={miss['body']}")
        for f, detail in miss["wrong"].items():
            print(f"    {f}: {detail}")
        print(f"    note: {miss['note']}")
        print(f"    text: {miss['text']}")
    print(f"\n{len(items)} items, {len(misses)} with a miss")
    short = True
    for f in SET_FIELDS:
        s = scores[f]
        ok = s["precision"] >= TARGET and s["recall"] >= TARGET
        short &= ok
        print(
            f"{f:25s} P={s['precision']:.3f} R={s['recall']:.3f} "
            f"(tp {s['tp']}, expected {s['expected']}, got {s['got']}){'' if ok else '  < target'}"
        )
    print(f"{'kind':25s} accuracy={scores['kind']['accuracy']:.3f}")
    gold_texts = [(i["text"], i.get("body")) for i in items]
    scores["speed_gold_records_per_s"] = round(records_per_second(gold_texts))
    print(f"speed: {scores['speed_gold_records_per_s']} gold records/s (one core)")
    if args.speed:
        texts = corpus_texts()
        scores["speed_corpus_records_per_s"] = round(records_per_second(texts, 3.0))
        scores["speed_corpus_records"] = len(texts)
        print(
            f"speed: {scores['speed_corpus_records_per_s']} JSON paragraphs/s over {len(texts)} "
            f"(mean {sum(len(t) for t, _ in texts) // max(1, len(texts))} characters)"
        )
        rows = upr_rows()
        scores["speed_upr_rows_per_s"] = round(records_per_second(rows, 3.0))
        print(
            f"speed: {scores['speed_upr_rows_per_s']} UPR rows/s over {len(rows)} "
            f"(mean {sum(len(t) for t, _ in rows) // max(1, len(rows))} characters)"
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"scores": scores, "misses": misses}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
