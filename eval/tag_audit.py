"""Audit the tagger where there are no labels: tag every record of the corpus and flag
outputs that cannot be right (articles past a treaty's last article, general
recommendations/comments a committee never issued, malformed or self-cited symbols, article
numbers absent from the text or belonging to another instrument) and kinds that disagree
with the paragraph's opening words.

Usage: .venv/bin/python eval/tag_audit.py [--index /tmp/helperB/index] [--out ...] [--show N]

The records come from an ingest's parse cache (`recsearch ingest /work/shared/corpus --index
DIR` once); their text is tagged again with the current tagger and the body the gold
convention gives (CERD folders -> CERD, other treaty bodies -> the manifest's committee,
upr/ -> UPR, anything else -> none), so a tagger change is audited without re-ingesting.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from recsearch.tag import tag_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
INDEX = Path("/tmp/helperB/index")

# Last article of each treaty (the texts as adopted).
LAST_ARTICLE = {
    "ICERD": 25,
    "ICCPR": 53,
    "ICESCR": 31,
    "CEDAW": 30,
    "CRC": 54,
    "CAT": 33,
    "CMW": 93,
    "CRPD": 50,
    "CPED": 45,
}
# Highest general recommendation/comment number each committee had issued by 2025.
LAST_GENERAL = {
    "CERD GR": 37,
    "CEDAW GR": 40,
    "CCPR GC": 37,
    "CESCR GC": 27,
    "CRC GC": 26,
    "CAT GC": 4,
    "CRPD GC": 8,
    "CMW GC": 5,
    "CED GC": 1,
}

FOLDER_BODY = {"cerd-co": "CERD", "cerd-gr": "CERD", "upr": "UPR"}

ARTICLE_TAG = re.compile(r"^(?P<treaty>[A-Z]+) (?P<num>\d+)(?P<subs>(?:\([0-9a-z]+\))*)$")
GENERAL_TAG = re.compile(r"^(?P<series>[A-Z]+ G[RC]) (?P<num>\d+)$")
CITE_TAG = re.compile(r"^(?P<symbol>\S+)(?: para\. (?P<para>\d+(?:\.\d+)?))?$")

# A well-formed symbol: series parts joined by "/", each letters, digits, dots and hyphens,
# never ending in punctuation, never a lower-case word glued to a number ("52and").
SYMBOL_PART = re.compile(r"^[A-Z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?$")
GLUED = re.compile(r"\d[a-z]{2,}|[a-z]{2,}\d|[a-z]{6,}")

# Articles of an instrument that is not one of the nine treaties, right after the number.
FOREIGN_AFTER = re.compile(
    r"\s*(?:\((?:[a-z]{1,4}|\d{1,2})\)\s*)*,?\s*(?:paragraph\s+\d+\s*,?\s*)?of\s+(?:the\s+|its\s+|this\s+)?"
    r"(?:[\w’'.-]+\s+){0,5}?"
    r"(?P<word>Constitution|Code|Law|Act|Decree|Ordinance|Protocols?|Charter|Declaration|Statute"
    r"|Principles|Rules|Regulations|Bill|Guidelines|constitution|code|law"
    # Regional and other conventions: "article 5 of the European Convention on Human Rights",
    # "article 33 of the 1951 Convention relating to the Status of Refugees".
    r"|(?:European|American|Inter-American|African|Arab|Geneva|Vienna|ILO|UNESCO|Hague"
    r"|Refugee|Refugees)\b(?:\s+[\w-]+){0,3}?\s+Conventions?"
    r"|Convention\s+(?:relating|\(?No\.)|Convention\s+for\s+the\s+Protection\s+of\s+Human)"
)
ARTICLE_WORD = re.compile(r"\b(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.)\s*")
# The numbers and sub-paragraphs of the list after the word: "1(3), 55 and 56".
LIST_UP_TO = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,2})?|\([a-z0-9]{1,4}\)|\s+|,|and\b|or\b|[–-]|paras?\.|paragraphs?)+"
)
# An instrument named right before the word: "Charter articles 1(3), 55 and 56".
FOREIGN_BEFORE = re.compile(
    r"\b(?P<word>Charter|Declaration|Constitution|Code|Law|Act|Protocol|Statute)"
    r"(?:\s+of\s+(?:[A-Z][\w’'-]*\s+){1,6}?)?\s*,?\s*\(?$"
)

# Opening words that decide kind in a treaty-body paragraph.
OPENS_REC = re.compile(
    r"^\s*(?:[\d.]+\s*)?(?:The\s+Committee|It|The\s+Special\s+Rapporteur|The\s+Working\s+Group)"
    r"\s+(?:also\s+|further\s+|strongly\s+|therefore\s+|again\s+)*"
    r"(?:recommends|urges|calls\s+(?:up)?on|requests|encourages|invites)\b"
)
OPENS_OBS = re.compile(
    r"^\s*(?:[\d.]+\s*)?(?:The\s+Committee|It)\s+(?:also\s+|further\s+)*"
    r"(?:notes|welcomes|is\s+concerned|is\s+(?:deeply\s+|seriously\s+)?concerned"
    r"|expresses\s+(?:its\s+)?(?:deep\s+|serious\s+)?concern|regrets|takes\s+note|appreciates"
    r"|acknowledges|commends)\b"
)
ANY_REC_VERB = re.compile(
    r"\b(?:recommends|urges|calls\s+(?:up)?on|requests|encourages|invites|recommended"
    r"|recommend|urge|encouraged|invited|requested|called\s+(?:up)?on)\b"
)


# A State under review answering recommendations: "Burundi indicated that ...".
RESPONSE = re.compile(
    r"\b(?:indicated|indicates|explained|considers|considered|stated|mentioned|commented"
    r"|clarified|noted|recalled|not\s+supported|[Nn]ot\s+applicable|cannot\s+accept)\b"
)


def manifest_bodies() -> dict[str, str]:
    """Corpus path -> the committee code the manifest gives (treaty-body folders only)."""
    bodies = {}
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            bodies[row["path"]] = row["body"]
    return bodies


def tagger_body(source: str, bodies: dict[str, str]) -> str | None:
    """The body the gold convention passes to the tagger for a record from `source`."""
    folder = source.split("/", 1)[0]
    if folder in FOLDER_BODY:
        return FOLDER_BODY[folder]
    if folder == "other-treaty-bodies":
        return bodies.get(source) or None
    return None


def cached_records(index: Path) -> Iterator[dict]:
    """Every record in the parse cache, one version per source file (the newest entry)."""
    newest: dict[str, tuple[float, Path]] = {}
    for path in (index / "parse-cache").rglob("*.json.gz"):
        data = json.loads(gzip.decompress(path.read_bytes()))
        mtime = path.stat().st_mtime
        if data["source"] not in newest or newest[data["source"]][0] < mtime:
            newest[data["source"]] = (mtime, path)
    for source in sorted(newest):
        data = json.loads(gzip.decompress(newest[source][1].read_bytes()))
        for rec in data.get("records", []):
            rec["source"] = source
            yield rec


def _in_text(number: str, text: str) -> bool:
    """Whether the number is printed in the text, alone or as the inside of a range."""
    if re.search(rf"(?<![\d,/]){number}(?![\d/]|,\d)", text):
        return True
    n = int(number)
    for a, b in re.findall(r"(\d{1,3})\s*(?:[–—\-\u2010\u2011\u2212]|to)\s*(\d{1,3})", text):
        if int(a) < n < int(b):
            return True
    return False


def _foreign(number: str, text: str) -> str | None:
    """The other instrument every "article <number> of the X" in the text belongs to, if
    each mention of that article number names one ("Charter articles 55", "article 5 of the
    Constitution"); None when some mention is not tied to another instrument."""
    found = None
    for word in ARTICLE_WORD.finditer(text):
        m = LIST_UP_TO.match(text, word.end())
        if not m or not re.search(rf"(?<![\d.]){number}(?!\d)", m.group()):
            continue
        before = FOREIGN_BEFORE.search(text, max(0, word.start() - 60), word.start())
        after = FOREIGN_AFTER.match(text, m.end())
        if not (before or after):
            return None
        found = (after or before).group("word")  # type: ignore[union-attr]
    return found


def audit_record(rec: dict, body: str | None) -> tuple[dict, list[tuple[str, str]]]:
    """The tags and the flags (name, detail) for one record."""
    text = rec.get("text") or ""
    tags = tag_text(text, body)
    flags: list[tuple[str, str]] = []
    for tag in tags.articles:
        m = ARTICLE_TAG.match(tag)
        if not m:
            flags.append(("article_malformed", tag))
            continue
        treaty, num = m.group("treaty"), m.group("num")
        if int(num) > LAST_ARTICLE.get(treaty, 999) or int(num) == 0:
            flags.append(("article_beyond_last", tag))
        if not _in_text(num, text):
            flags.append(("article_number_not_in_text", tag))
        if word := _foreign(num, text):
            flags.append(("article_of_other_instrument", f"{tag} ({word})"))
    for tag in tags.general_recommendations:
        g = GENERAL_TAG.match(tag)
        if not g:
            flags.append(("general_malformed", tag))
            continue
        if not 1 <= int(g.group("num")) <= LAST_GENERAL.get(g.group("series"), 0):
            flags.append(("general_unknown_number", tag))
    own = (rec.get("symbol") or "").replace(" ", "")
    for cite in tags.cites:
        c = CITE_TAG.match(cite)
        if not c:
            flags.append(("cite_malformed", cite))
            continue
        symbol = c.group("symbol")
        parts = symbol.split("/")
        if (
            not all(SYMBOL_PART.match(p) for p in parts)
            or symbol.count("(") != symbol.count(")")
            or any(GLUED.search(p) for p in parts[1:])
        ):
            flags.append(("cite_malformed", cite))
        if own and symbol == own:
            flags.append(("cite_own_symbol", cite))
    flags.extend(_recall_flags(text, tags.articles, tags.general_recommendations, body))
    flags.extend(_kind_flags(rec, text, tags.kind, body))
    return {
        "articles": tags.articles,
        "general_recommendations": tags.general_recommendations,
        "cites": tags.cites,
        "kind": tags.kind,
    }, flags


# Recall probes: a numbered general recommendation/comment, or an article tied to one of
# the nine treaties by name, that produced no tag with that number.
GENERAL_MENTION = re.compile(
    r"\b(?i:general)\s+(?i:recommendation|comment)s?\s*(?:(?i:nos?)\.?\s*)?(?P<num>\d{1,2})\b(?![/,]\d)"
)
TREATY_ARTICLE = re.compile(
    r"\b[Aa]rt(?:icle|\.)\s*(?P<num>\d{1,2})\b(?![.,/]\d)(?:\s*\([a-z0-9]{1,4}\))*,?\s+of\s+the\s+"
    r"(?:International\s+Covenant|International\s+Convention|Convention\s+(?:on|against)\s+"
    r"(?:the\s+(?:Elimination|Rights)|Torture))"
)


def _recall_flags(
    text: str, articles: list[str], generals: list[str], body: str | None
) -> list[tuple[str, str]]:
    flags = []
    numbers = {g.rsplit(" ", 1)[1] for g in generals}
    for m in GENERAL_MENTION.finditer(text):
        if str(int(m.group("num"))) not in numbers:
            flags.append(("general_number_untagged", m.group()))
    tagged = {re.match(r"\S+ (\d+)", a).group(1) for a in articles}  # type: ignore[union-attr]
    for m in TREATY_ARTICLE.finditer(text):
        after = text[m.end() : m.end() + 60]
        if str(int(m.group("num"))) not in tagged and "Optional Protocol" not in after[:40]:
            flags.append(("article_of_named_treaty_untagged", m.group()))
    return flags


def _kind_flags(rec: dict, text: str, kind: str, body: str | None) -> list[tuple[str, str]]:
    flags = []
    if OPENS_REC.match(text) and kind != "recommendation":
        flags.append(("kind_rec_opening_but_observation", text[:60]))
    if OPENS_OBS.match(text) and kind == "recommendation" and not ANY_REC_VERB.search(text):
        flags.append(("kind_obs_opening_but_recommendation", text[:60]))
    if rec.get("doc_type") == "upr-recommendations" and kind != "recommendation":
        flags.append(("kind_upr_row_observation", text[:60]))
    if (
        body == "UPR"
        and rec.get("doc_type") == "upr-report"
        and any(re.search(r"recommendations", s, re.I) for s in rec.get("section") or [])
        and re.fullmatch(r"\d+\.\d+", rec.get("number") or "")
        and kind != "recommendation"
        and not RESPONSE.search(text)
    ):
        flags.append(("kind_upr_numbered_recommendation_observation", text[:60]))
    return flags


def main() -> int:
    """Tag every cached record, count and print the flags, write the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", default=str(INDEX))
    parser.add_argument("--out", default=str(REPO / "eval" / "results" / "tag_audit.json"))
    parser.add_argument("--show", type=int, default=5, help="examples printed per flag")
    parser.add_argument("--keep", type=int, default=40, help="examples kept per flag")
    parser.add_argument("--dump", help="also write every record's tags here (JSON Lines), to diff")
    args = parser.parse_args()
    bodies = manifest_bodies()
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[dict]] = collections.defaultdict(list)
    records = flagged = 0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    for rec in cached_records(Path(args.index)):
        records += 1
        body = tagger_body(rec["source"], bodies)
        tags, flags = audit_record(rec, body)
        if dump:
            dump.write(json.dumps({"id": rec.get("id"), "source": rec["source"], **tags}) + "\n")
        if flags:
            flagged += 1
        for name, detail in flags:
            counts[name] += 1
            if len(examples[name]) < args.keep:
                examples[name].append(
                    {
                        "id": rec.get("id"),
                        "source": rec["source"],
                        "number": rec.get("number"),
                        "body": body,
                        "detail": detail,
                        "tags": tags,
                        "text": (rec.get("text") or "")[:400],
                    }
                )
    if dump:
        dump.close()
    print(f"{records} records, {flagged} with a flag")
    for name, n in sorted(counts.items()):
        print(f"\n{name}: {n}")
        for ex in examples[name][: args.show]:
            print(f"    {ex['detail']!r}  {ex['source']} [{ex['number']}]  {ex['text'][:160]!r}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    result = {"records": records, "flagged": flagged, "counts": dict(sorted(counts.items()))}
    out.write_text(json.dumps({**result, "examples": examples}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
