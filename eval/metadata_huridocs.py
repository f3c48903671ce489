"""Symbol and title detection on the HURIDOCS first pages of ~2,800 HRC documents.

Data: misc/HURIDOCS_hrc_docs_first_pages_{symbol,title}_labels.json in the corpus, each a
list of {"text": first-page text, "label": truth}. Runs metadata.find_symbol and
metadata.detect_title on the text alone.

Scoring:
- symbol: exact string match with the label.
- title: the labels are written "<symbol tail>: <title>" ("40/78: Report of ..."), and join a
  title and its subtitle with " - ". Before comparing, both sides are normalised: the
  "<symbol tail>: " prefix is removed from the label; case is folded; every run of
  characters that is not a letter or digit (punctuation, dashes, quotes, footnote stars,
  whitespace) becomes one space, and spaces are then ignored in the comparison (the label
  texts lose hyphens at line ends: "SecretaryGeneral", "rightsbased"). A trailing subtitle
  that only names the author ("Note by the Secretariat", "Note by the Secretary-General",
  "Report of the Secretary-General", "Report of the (Office of the) United Nations High
  Commissioner for Human Rights") is
  optional: the two titles match if they are equal with it or equal without it on both
  sides. The labels are inconsistent there: of the 661 first pages that print such a
  subtitle line, 420 labels include it and 241 leave it out. Nothing else is forgiven.
- symbol: reported raw, and "normalised" with footnote stars and trailing punctuation
  stripped from the label ("A/HRC/36/19*" -> "A/HRC/36/19": the star is a footnote mark,
  not part of the symbol). Some labels are not the document's symbol at all but a symbol
  cited in running text ("A/HRC/40/CRP.1." on the first page of A/HRC/40/69); the share of
  labels that occur in the masthead (the first 300 characters) is reported, with the
  accuracy on those.
- Development used only the items whose index is divisible by 5 ("dev"); the rest ("test")
  were not looked at while writing the rules. Both are reported, with the whole set.

Run: .venv/bin/python eval/metadata_huridocs.py [--corpus DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recsearch.metadata import detect_title, find_symbol  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
AUTHOR_SUBTITLE = re.compile(
    r"\s*(?:note by the (?:secretariat|secretary general)|report of the secretary general|"
    r"report of the (?:office of the )?united nations high commissioner for human rights)$"
)


def norm_title(text: str) -> str:
    """Comparison form of a title (see the module docstring)."""
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()


def titles_match(got: str, want: str) -> bool:
    """Equal, or equal once an author-only subtitle is dropped from both (spaces ignored)."""

    def key(text: str) -> str:
        return text.replace(" ", "")

    if key(got) == key(want):
        return True
    return key(AUTHOR_SUBTITLE.sub("", got)) == key(AUTHOR_SUBTITLE.sub("", want))


def norm_symbol(label: str) -> str:
    """A label without footnote stars and trailing punctuation."""
    return label.strip().rstrip("*∗.,;:)").strip()


def label_title(label: str) -> str:
    """'40/78: Report of ...' -> 'Report of ...'."""
    return re.sub(r"^[^\s:]*\d[^\s:]*:\s*", "", label, count=1)


def score(items: list[tuple[int, dict[str, Any]]], fn: Any, same: Any = None) -> dict[str, Any]:
    """Accuracy of same(fn(item)) over the items, with the misses."""
    same = same or (lambda got, want: got == want)
    misses = []
    for idx, item in items:
        got, want = fn(item)
        if not same(got, want):
            misses.append({"index": idx, "expected": want, "got": got})
    n = len(items)
    return {"n": n, "correct": n - len(misses), "accuracy": round((n - len(misses)) / n, 4),
            "misses": misses}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=15, help="misses to print per measure")
    args = parser.parse_args()
    base = args.corpus / "misc"
    sym_items = json.loads((base / "HURIDOCS_hrc_docs_first_pages_symbol_labels.json").read_text())
    title_items = json.loads((base / "HURIDOCS_hrc_docs_first_pages_title_labels.json").read_text())

    def sym_fn(item: dict[str, Any]) -> tuple[str | None, str]:
        return find_symbol(item["text"]), item["label"]

    def sym_norm_fn(item: dict[str, Any]) -> tuple[str | None, str]:
        return find_symbol(item["text"]), norm_symbol(item["label"])

    def title_fn(item: dict[str, Any]) -> tuple[str, str]:
        got = detect_title(item["text"], find_symbol(item["text"]))
        return norm_title(got), norm_title(label_title(item["label"]))

    masthead = [x for x in sym_items if norm_symbol(x["label"]) in x["text"][:300]]
    print(f"symbol labels found in the masthead: {len(masthead)}/{len(sym_items)}")
    report: dict[str, Any] = {"symbol_labels_in_masthead": [len(masthead), len(sym_items)]}
    measures = (
        ("symbol", sym_items, sym_fn, None),
        ("symbol_normalised", sym_items, sym_norm_fn, None),
        ("symbol_masthead_labels", masthead, sym_norm_fn, None),
        ("title", title_items, title_fn, titles_match),
    )
    for name, items, fn, same in measures:
        indexed = list(enumerate(items))
        for split, subset in (
            ("dev", [x for x in indexed if x[0] % 5 == 0]),
            ("test", [x for x in indexed if x[0] % 5 != 0]),
            ("all", indexed),
        ):
            result = score(subset, fn, same)
            report[f"{name}_{split}"] = result
            print(f"{name:22} {split:4} {result['correct']}/{result['n']} = {result['accuracy']}")
        for miss in report[f"{name}_all"]["misses"][: args.show]:
            print(f"   #{miss['index']}: want {miss['expected']!r}\n{' ' * 9}got  {miss['got']!r}")
    out = REPO / "eval" / "results" / "metadata_huridocs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        k: {kk: v[kk] for kk in ("n", "correct", "accuracy")} if isinstance(v, dict) else v
        for k, v in report.items()
    }
    out.write_text(json.dumps({"summary": summary, "details": report}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
