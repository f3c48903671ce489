"""Symbol and title detection on the HURIDOCS first pages of ~2,800 HRC documents.

Data: misc/HURIDOCS_hrc_docs_first_pages_{symbol,title}_labels.json in the corpus, each a
list of {"text": first-page text, "label": truth}. Runs find_symbol and detect_title (the
functions metadata.detect_metadata calls) on the text alone.

Scoring:
- symbol: exact string match with the label.
- title: the labels are written "<symbol tail>: <title>" ("40/78: Report of ..."), and join a
  title and its subtitle with " - ". Before comparing, both sides are normalised: the
  "<symbol tail>: " prefix is removed from the label; case is folded; every run of
  characters that is not a letter or digit (punctuation, dashes, quotes, footnote stars,
  whitespace) becomes one space, and spaces are then ignored in the comparison (the label
  texts lose hyphens at line ends: "SecretaryGeneral", "rightsbased"). A trailing subtitle
  that only names the author ("Note by the Secretariat", "Note by the Secretary-General",
  "Report of the Secretary-General", "(Summary) Report of the (Office of the) United Nations
  High Commissioner for Human Rights", "Note by the (United Nations) High Commissioner for
  Human Rights", "Office of the ...") is optional: the two titles match if they are equal
  with it or equal without it (all such trailing lines) on both sides. The labels are
  inconsistent there: of the 661 first pages that print such a subtitle line, 420 labels
  include it and 241 leave it out.
  Three more label conventions are accepted, each a form of the same title: (1) addenda and
  corrigenda: 41 of the 59 labels whose page prints "Addendum"/"Corrigendum" are that word
  alone, 15 start with it ("Addendum - Views on ..."), 8 give the parent title; the
  product's title keeps the parent title ("Report of the Working Group ...: Spain Addendum
  Views on ..."), which matches a label that is the word alone, or that equals the title
  from the word on; (2) labels drop "A/HRC/" from a symbol quoted in a title ("(33/51/Add.1)"
  for "(A/HRC/33/51/Add.1)"), so "A/HRC/" is dropped on both sides; (3) labels are cut at
  about 500 characters, so a label of 480+ normalised characters matches a title it starts.
  "title_strict" reports plain equality of the normalised forms, nothing forgiven.
- symbol: reported raw, and "normalised" with footnote stars and trailing punctuation
  stripped from the label ("A/HRC/36/19*" -> "A/HRC/36/19": the star is a footnote mark,
  not part of the symbol). Some labels are not the document's symbol at all but a symbol
  cited in running text ("A/HRC/40/CRP.1." on the first page of A/HRC/40/69). Each label is
  classed by where it stands on its page (symbol_label_kind): the document's own symbol on
  a masthead line of its own among the first 20 lines; a former symbol in a "Previously
  issued as/under ..." footnote (UPR Working Group reports reissued under a Council
  symbol); another document cited in the text; or not on the page. The counts of each and
  find_symbol's agreement are reported, and "symbol_own_labels" is the accuracy on labels
  that are the document's own symbol. find_symbol returns the masthead symbol on purpose:
  a former or cited symbol is not the document's symbol, and printing it would misfile
  the document. How the labels were made is measured too: 98.8% of them are the page's
  last whitespace-separated token beginning with "A/HRC/", as printed (trailing ".", ")",
  "*" included), which is the masthead only when nothing later on the page cites another
  Council document without a bracket before it.
- Title misses are classed by cause (title_miss_cause, first rule that fits): the label not
  printed on the page in those words (so no rule reading the page can match it), an
  addendum/corrigendum convention, a line the labels keep on some pages and drop on others
  (a place-and-date line "(Geneva, 31 March-4 April 2015)": kept 16 times, dropped 7 on the
  pages that print one in brackets; a reporting period "Communications sent, ...": kept 7,
  dropped 19; an author line beyond the forgiven ones: "Study by the Expert Mechanism ...",
  "Progress report of the Secretary-General"; a topic or agenda line above the title),
  the title running into the first paragraph, an extra tail line (author, name), a
  masthead/session/agenda line taken, stopped early, another block taken. The counts per
  split are in the results file.
- Development used only the items whose index is divisible by 5 ("dev"); the rest ("test")
  were not looked at while writing the rules. Both are reported, with the whole set.

Run: .venv/bin/python eval/metadata_huridocs.py [--corpus DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from recsearch.masthead import find_symbol  # noqa: E402
from recsearch.titles import detect_title  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
AUTHOR_SUBTITLE = re.compile(
    r"\s*(?:note by the (?:secretariat|secretary general)|report of the secretary general|"
    r"(?:(?:summary )?report of the |note by the )?(?:office of the )?(?:united nations )?"
    r"high commissioner for human rights)$"
)
# Labels are cut at about 500 characters (the longest are 504 and 507).
TRUNCATED_LABEL = 480


def norm_title(text: str) -> str:
    """Comparison form of a title (see the module docstring)."""
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()


def titles_match(got: str, want: str) -> bool:
    """Equal, or equal once an author-only subtitle is dropped from both (spaces ignored)."""

    def key(text: str) -> str:
        return text.replace(" ", "")

    def bare(text: str) -> str:
        # A page may print two author lines ("Report of the High Commissioner / Note by the
        # Secretariat"): all trailing ones are optional.
        while (shorter := AUTHOR_SUBTITLE.sub("", text)) != text:
            text = shorter
        return text

    g, w = key(got.replace("a hrc ", "")), key(want.replace("a hrc ", ""))
    if g == w or key(bare(got)) == key(bare(want)):
        return True
    if len(want) >= TRUNCATED_LABEL and g.startswith(w):
        return True
    for word in ("addendum", "corrigendum"):
        if w.startswith(word) and word in g:
            tail = g[g.index(word) :]
            if w in (word, tail) or key(bare(w)) == key(bare(tail)):
                return True
    return False


# Lines the labels keep on some pages and drop on others, each read from the end of a
# normalised title: a place-and-date line ("(Geneva, 31 March-4 April 2015)"), a reporting
# period ("Communications sent, ...; Replies received, ..."), an author line ("Study by the
# Expert Mechanism ...", "Progress report of the Secretary-General", "Note of the High
# Commissioner ...") beyond the author subtitles titles_match forgives.
MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
LABEL_VARIANT_TAILS = (
    ("a place-and-date line", re.compile(rf"\s(?:geneva|new york)?(?:\s(?:\d+|{MONTH}|to|and))+$")),
    ("a reporting period", re.compile(r"\scommunications sent\s.*$")),
    (
        "an author line",
        re.compile(
            r"\s(?:(?:progress|interim|annual)\s)?(?:report|study|note|comments)\s(?:of|by)\s"
            r"(?:the\s)?(?:special|independent|united|office|expert|working|secretary|"
            r"human rights council|high commissioner|state)\b.*$"
        ),
    ),
)


def title_miss_cause(text: str, want: str, got: str) -> str:
    """Why a title missed, from the page and the two normalised titles (first rule that fits)."""
    page = norm_title(text).replace(" ", "")
    parts = [norm_title(x).replace(" ", "") for x in re.split(r"\s+-\s+|:\s", want)]
    w, g = want.replace(" ", ""), got.replace(" ", "")
    if not g:
        return "no title found"
    if any(x and x not in page for x in parts):
        return "label not as printed (wording, spelling, language)"
    if re.search(r"addendum|corrigendum|revision", f"{want} {got}"):
        return "addendum/corrigendum convention"
    # A line the labels keep on some pages and drop on others, printed on this one.
    for name, tail in LABEL_VARIANT_TAILS:
        if tail.sub("", want).replace(" ", "") == g or tail.sub("", got).replace(" ", "") == w:
            return f"label keeps or drops {name} (labels differ)"
    if g.endswith(w) or w.endswith(g):
        return "label keeps or drops a line above the title (topic or agenda name)"
    if g.startswith(w):
        extra = len(got.split()) - len(want.split())
        return "ran into the first paragraph" if extra > 12 else "extra tail line (author, name)"
    if w in g:
        return "masthead/session/agenda line taken"
    if w.startswith(g):
        return "stopped early"
    return "other (a different block taken)"


OWN = "own symbol (a masthead line)"


def symbol_label_kind(text: str, label: str) -> str:
    """Where a symbol label stands on its page: the masthead, a former symbol, a citation."""
    want = norm_symbol(label)
    head = [x.strip(" *∗\t") for x in text.split("\n") if x.strip()][:20]
    if any(re.fullmatch(rf"(?:United Nations\s+)?{re.escape(want)}", x) for x in head):
        return OWN
    flat = re.sub(r"\s+", " ", text)
    if re.search(rf"previously issued[^.]{{0,60}}?{re.escape(want)}", flat, re.IGNORECASE):
        return "former symbol (a footnote: previously issued as)"
    if want in text:
        return "another document cited in the text"
    return "not on the page (label misspelt, or the symbol is printed elsewhere)"


# How the symbol labels appear to have been made: the page's last whitespace-separated
# token that begins with "A/HRC/", taken with whatever punctuation clings to it.
_LAST_HRC_TOKEN = re.compile(r"(?<!\S)A/HRC/\S*")


def label_rule(text: str) -> str | None:
    """What that rule gives for a page (None: no such token)."""
    found = _LAST_HRC_TOKEN.findall(text)
    return found[-1] if found else None


def norm_symbol(label: str) -> str:
    """A label without footnote stars and trailing punctuation."""
    return label.strip().rstrip("*∗.,;:)").strip()


def label_title(label: str) -> str:
    """'40/78: Report of ...' -> 'Report of ...'."""
    return re.sub(r"^[^\s:]*\d[^\s:]*\s?:\s*", "", label, count=1)  # also "42/CRP.5 : ..."


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

    kinds = [symbol_label_kind(x["text"], x["label"]) for x in sym_items]
    report: dict[str, Any] = {}
    measures = (
        ("symbol", list(enumerate(sym_items)), sym_fn, None),
        ("symbol_normalised", list(enumerate(sym_items)), sym_norm_fn, None),
        ("symbol_own_labels", [x for x in enumerate(sym_items) if kinds[x[0]] == OWN], sym_norm_fn,
         None),
        ("title_strict", list(enumerate(title_items)), title_fn,
         lambda got, want: got.replace(" ", "") == want.replace(" ", "")),
        ("title", list(enumerate(title_items)), title_fn, titles_match),
    )  # fmt: skip
    for name, indexed, fn, same in measures:
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
    # What the symbol labels are, and how often find_symbol agrees with each kind.
    missed = {m["index"] for m in report["symbol_normalised_all"]["misses"]}
    label_kinds: dict[str, dict[str, int]] = {}
    for idx, kind in enumerate(kinds):
        row = label_kinds.setdefault(kind, {"labels": 0, "found": 0})
        row["labels"] += 1
        row["found"] += idx not in missed
    report["symbol_label_kinds"] = label_kinds
    print("symbol labels by kind (labels, find_symbol agrees):")
    for kind, row in sorted(label_kinds.items(), key=lambda kv: -kv[1]["labels"]):
        print(f"   {row['labels']:5} {row['found']:5}  {kind}")
    # The labels are explained by a mechanical rule, not by the document's own symbol.
    ruled = sum(label_rule(x["text"]) == x["label"] for x in sym_items)
    report["symbol_labels_equal_to_last_hrc_token"] = {
        "labels": len(sym_items),
        "equal": ruled,
        "share": round(ruled / len(sym_items), 4),
        "rule": "the page's last whitespace-separated token beginning with 'A/HRC/', as printed",
    }
    print(f"symbol labels equal to the page's last 'A/HRC/...' token: {ruled}/{len(sym_items)}")
    for split in ("dev", "test", "all"):
        misses = report[f"title_{split}"]["misses"]
        for miss in misses:
            text = title_items[miss["index"]]["text"]
            miss["cause"] = title_miss_cause(text, miss["expected"], miss["got"])
        causes = Counter(m["cause"] for m in misses)
        report[f"title_miss_causes_{split}"] = dict(causes.most_common())
        print(f"title misses by cause ({split}):")
        for cause, n in causes.most_common():
            print(f"   {n:5}  {cause}")
    out = REPO / "eval" / "results" / "metadata_huridocs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        k: {kk: v[kk] for kk in ("n", "correct", "accuracy")} if "misses" in v else v
        for k, v in report.items()
    }
    out.write_text(json.dumps({"summary": summary, "details": report}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
