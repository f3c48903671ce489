"""Document metadata from the document's own text: symbol, title, body, type, country, dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from recsearch.countries import (
    countries_in,
    data_file,
    normalise_country,
    recommending_states,
)
from recsearch.masthead import (
    DATE,
    FOREIGN_DATE,
    MONTHS,
    ORDINAL_WORD,
    find_front_symbol,
    find_symbol,
    foreign_month,
    masthead_symbol,
    ordinal_number,
)
from recsearch.records import Document, slug
from recsearch.titles import detect_title

# Public names callers have imported from here since before the split.
__all__ = [
    "countries_in",
    "detect_metadata",
    "detect_title",
    "find_symbol",
    "normalise_country",
    "ordinal_number",
    "recommending_states",
]


# A UPR Working Group report's title, also set in capitals or misprinted without "Group"
# ("Report of the Working on the Universal Periodic Review", A/HRC/11/23).
_UPR_REPORT_TITLE = re.compile(
    r"\breport\s+of\s+the\s+working\s+(?:group\s+)?on\s+the\s+universal\s+periodic\s+review\b",
    re.IGNORECASE,
)


def _doc_type(title: str, text: str) -> str:
    if _UPR_REPORT_TITLE.search(title):
        return "upr-report"
    for source in (title, text[:3000]):
        for rule in data_file("bodies.json")["doc_types"]:
            # A first page names many mandates in passing; only the title says whose it is.
            if source is not title and rule["doc_type"] == "special-procedure-report":
                continue
            # A title set in capitals still names its type; running text is read as printed
            # ("in its concluding observations" cites another document).
            if any(cue in source for cue in rule["cues"]) or (
                source is title and any(cue.casefold() in title.casefold() for cue in rule["cues"])
            ):
                return _upr_in_lower_case(str(rule["doc_type"]), title)
    return "other"


def _upr_in_lower_case(doc_type: str, title: str) -> str:
    """A cover naming the UPR Working Group in lower case is a UPR report, not a mandate's."""
    # "Report of the Working Group on the universal periodic review" matches the
    # special-procedure cue "Report of the Working Group on" and misses the UPR cue.
    upr = re.search(r"Working Group on the Universal Periodic Review", title, re.IGNORECASE)
    return "upr-report" if doc_type == "special-procedure-report" and upr else doc_type


MANDATE = re.compile(
    r"\b(Special Rapporteur|Independent Expert|Working Group) on ((?:the )?[^,*\n]+?)"
    r"(?=,| on (?:his|her|its|their) | and other | to [A-Z]| - |\*|\n|$)"
)


# Where a mandate name read off running text runs on into the sentence: "Special Rapporteur
# on right to education examines how ...", "... health (“right to health”). Following ...".
MANDATE_RUN_ON = re.compile(
    r"\s+(?:examines|addresses|considers|presented|presents|agrees|notes|focuses|has|had|is|"
    r"was|were|will|follows|for|to prepare|and (?:his|her|its|their)|The|This|In)\b|\s*[.(“\"]"
)

# A mandate holder named in full: "Special Rapporteur of the Commission on Human Rights on
# the question of torture", "Independent Expert in the field of ...". Group "on" is what the
# mandate is about, matched against MANDATES below.
REPORT_OF = re.compile(r"\bReport of the (.{20,200})")
HOLDER = re.compile(
    r"\b(Special Rapporteur|Independent Expert|Working Group(?: of Experts)?"
    r"|Special Representative)"
    r"(?: of the (?:Commission on Human Rights|Human Rights Council|Secretary-General))?"
    r"(?: on| in the field of| for) (?=(?P<on>.{3,160}))"
)

# The `body` of a special-procedure report: the mandate's short name, the one OHCHR uses in
# running text and the one researchers search by. One line per mandate: the short name; the
# pattern its full and former names match after "on"; and, for the mandates whose reports
# often name no mandate at all, the words that dominate their text. For example, "Special
# Rapporteur on the right of everyone to the enjoyment of the highest attainable standard of
# physical and mental health" is "Special Rapporteur on the right to health".
_MANDATE_TABLE = r"""
Special Rapporteur on torture | (?:the question of )?torture | \btortur
Special Rapporteur on the right to health | the right (?:of everyone )?to (?:the )?(?:enjoyment \
  of the )?(?:highest attainable standard of (?:physical and mental )?)?health | \bhealth\b
Special Rapporteur on the right to education | the right to education | \beducation(?:al)?\b
Special Rapporteur on racism | contemporary forms of racism | \bracism\b
Special Rapporteur on minority issues | minority issues | \bminority issues\b
Independent Expert on minority issues | minority issues |
Working Group of Experts on People of African Descent | people of African descent \
  | \bpeople of African descent\b
Special Rapporteur on the rights of indigenous peoples | the (?:rights of indigenous peoples?\
  |situation of human rights and fundamental freedoms of indigenous) \
  | \brights of indigenous peoples\b
Special Rapporteur on the human rights of migrants | the human rights of migrants \
  | \bhuman rights of migrants\b
Special Rapporteur on violence against women | violence against women |
Special Rapporteur on extrajudicial executions | extrajudicial |
Special Rapporteur on adequate housing | adequate housing |
Special Rapporteur on the right to food | the right to food |
Special Rapporteur on extreme poverty | extreme poverty |
Special Rapporteur on freedom of religion or belief | freedom of religion|religious intolerance |
Special Rapporteur on freedom of expression | (?:the promotion and protection of )?(?:the \
  right to )?freedom of opinion |
Special Rapporteur on freedom of assembly and association | the rights to freedom of peaceful |
Special Rapporteur on human rights defenders | (?:the situation of )?human rights defenders |
Special Rapporteur on the independence of judges and lawyers | the independence of judges |
Special Rapporteur on trafficking in persons | trafficking in persons |
Special Rapporteur on the sale of children | the sale (?:and sexual exploitation )?of children |
Special Rapporteur on contemporary forms of slavery | contemporary forms of slavery |
Special Rapporteur on truth, justice and reparation | the promotion of truth |
Special Rapporteur on counter-terrorism | the promotion and protection of human rights and \
  fundamental freedoms while countering |
Special Rapporteur on water and sanitation | the human rights? to safe drinking water |
Special Rapporteur on cultural rights | cultural rights |
Special Rapporteur on the rights of persons with disabilities | the rights of persons with disab |
Special Rapporteur on toxics and human rights | the implications for human rights of the envi |
Special Rapporteur on the environment | human rights and the environment|the (?:human )?right \
  to a clean|the issue of human rights obligations relating to the enjoyment of a safe |
Special Rapporteur on the right to development | the right to development |
Special Rapporteur on internally displaced persons | the human rights of internally displaced |
Independent Expert on sexual orientation and gender identity | protection against violence \
  and discrimination based on sexual orientation |
Independent Expert on older persons | the enjoyment of all human rights by older |
Independent Expert on foreign debt | the effects of foreign debt |
Independent Expert on international solidarity | human rights and international solidarity |
Working Group on Arbitrary Detention | arbitrary detention |
Working Group on Enforced or Involuntary Disappearances | enforced or involuntary disappear |
Working Group on business and human rights | the issue of human rights and transnational |
Working Group on discrimination against women and girls | (?:the issue of )?discrimination \
  against women |
Working Group on the use of mercenaries | the use of mercenaries |
Working Group on the Right to Development | the right to development |
"""
MANDATES: list[tuple[str, str, str]] = [
    (short.strip(), name.strip(), topic.strip())
    for line in _MANDATE_TABLE.replace("\\\n  ", "").strip().splitlines()
    # A line ending " |" has no topic words: the padding gives split its empty third cell.
    for short, name, topic in [(line + " ").split(" | ")]
]
_MANDATE_NAMES = [
    (short, short.split(" on ")[0].split(" of ")[0], re.compile(name, re.IGNORECASE))
    for short, name, _ in MANDATES
]
_MANDATE_TOPICS = [
    (short, re.compile(topic, re.IGNORECASE)) for short, _, topic in MANDATES if topic
]


def _named_mandates(text: str) -> list[str]:
    """Every mandate the text names, as its short name, in order of mention."""
    found = []
    for m in HOLDER.finditer(text):
        holder = "Working Group" if m.group(1).startswith("Working Group") else m.group(1)
        for short, short_holder, name in _MANDATE_NAMES:
            if short_holder.startswith(holder[:13]) and name.match(m.group("on")):
                found.append(short)
                break
    return found


def _topic_mandate(text: str) -> str | None:
    """The table mandate whose subject dominates the text, for reports that name none.

    "In 2019, the Special Rapporteur transmitted 114 communications ... on behalf of
    individuals exposed to torture": a researcher reads the holder from the first person and
    the mandate from what the whole report is about. The winner must be mentioned at least
    five times and a third more often than the runner-up ("torture" 76 times, "health" 56
    times in a report on torture in health-care settings).
    """
    counts = sorted(
        ((len(topic.findall(text)), short) for short, topic in _MANDATE_TOPICS), reverse=True
    )
    (best, short), (second, _) = counts[0], counts[1]
    return short if best >= 5 and best >= 1.3 * second else None


def special_procedure_body(title: str, text: str) -> str | None:
    """The mandate a special-procedure report speaks for, as its short name (MANDATES)."""
    flat = re.sub(r"\s+", " ", text)
    # The title, or a "Report of the ..." line on the cover, names the document's own mandate.
    own = " \n".join([re.sub(r"\s+", " ", title), *REPORT_OF.findall(flat[:3000])])
    named = _named_mandates(own)
    if named:
        return named[0]
    m = MANDATE.search(own)
    if m and "Universal Periodic" not in m.group(0):
        # A mandate outside the table: its name as printed, cut where the sentence runs on.
        name = MANDATE_RUN_ON.split(m.group(2).strip(), 1)[0].rstrip(" ,;")
        return f"{m.group(1)} on {name}"
    topic = _topic_mandate(flat)
    if topic:
        return topic
    # Mandates named in passing ("jointly with the Special Rapporteur on ..."): the most named.
    named = _named_mandates(flat)
    return max(named, key=named.count) if named else None


def symbol_body(symbol: str | None) -> str | None:
    """The body a symbol names: its series ("CERD/C/...") or a committee's annual report
    ("A/49/38" is CEDAW's report to the forty-ninth General Assembly)."""
    if not symbol:
        return None
    bodies = data_file("bodies.json")["bodies"]
    for body in bodies:
        if body["code"] != "HRC" and any(symbol.startswith(p) for p in body["symbol_prefixes"]):
            return str(body["code"])
    for body in bodies:
        if any(re.match(p, symbol) for p in body.get("report_symbols", ())):
            return str(body["code"])
    return None


# "the Covenant" standing alone, not the start of another instrument's name.
_BARE_COVENANT = re.compile(r"\b(?:the|this|present) Covenant\b(?! on)")
_BARE_CONVENTION = re.compile(
    r"\b(?:the|this|present) Convention\b(?! (?:on|against|for|relating|concerning)\b)"
)


def covenant_body(text: str) -> str | None:
    """The committee of a text written under "the Covenant" (a general comment compiled
    without its committee's symbol): CESCR when it speaks of economic, social and cultural
    rights more than of civil and political ones, else the Human Rights Committee."""
    covenant = len(_BARE_COVENANT.findall(text))
    if covenant == 0 or covenant < len(_BARE_CONVENTION.findall(text)):
        return None
    esc = len(re.findall(r"economic, social and cultural rights", text, re.IGNORECASE))
    civil = len(re.findall(r"civil and political rights", text, re.IGNORECASE))
    return "CESCR" if esc > civil else "CCPR"


_ADVANCE_QUESTIONS = re.compile(r"\badvance questions\b", re.IGNORECASE)


def _body(symbol: str | None, doc_type: str, title: str, text: str) -> str | None:
    bodies = data_file("bodies.json")["bodies"]
    if doc_type in ("upr-report", "upr-recommendations") or _ADVANCE_QUESTIONS.search(title):
        # The questions States send ahead of a review are documents of that review.
        return "UPR Working Group"
    if named := symbol_body(symbol):
        return named
    if doc_type == "special-procedure-report":
        mandate = special_procedure_body(title, text)
        if mandate:
            return mandate
    head = re.sub(r"\s+", " ", text[:3000])
    for body in bodies:
        if any(cue in head for cue in body["cues"]):
            return str(body["code"])
    return None


def _date(text: str) -> str | None:
    m = re.search(r"Distr\.?[^\n]*\n?(?:[^\n]*\n){0,3}?[^\n]*?" + DATE.pattern, text,
                  re.IGNORECASE)  # fmt: skip
    m2 = DATE.search(m.group(0)) if m else None
    if m2 is None and (
        foreign := re.search(
            r"Distr\.?[^\n]*\n?(?:[^\n]*\n){0,3}?[^\n]*?" + FOREIGN_DATE.pattern, text,
            re.IGNORECASE,
        )
    ):  # fmt: skip
        # A French or Spanish edition: "Distr. générale / 16 novembre 2009".
        day, year = int(foreign.group(1)), int(foreign.group(3))
        return f"{year:04d}-{foreign_month(foreign.group(2)):02d}-{day:02d}"
    if m2 is None:
        # Adoption wording for documents without a masthead date.
        m3 = re.search(r"(?:adopted|held)\b[^.]{0,80}?" + DATE.pattern, text, re.IGNORECASE)
        m2 = DATE.search(m3.group(0)) if m3 else DATE.search(text)
    if m2 is None:
        return None
    day, month, year = int(m2.group(1)), MONTHS[m2.group(2).lower()], int(m2.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}"


def _imprint_year(text: str) -> int | None:
    """Publications print only an imprint year: 'New York, 2002'."""
    m = re.search(r"(?:,|©)\s*((?:19|20)\d{2})\s*$", text, re.MULTILINE)
    return int(m.group(1)) if m else None


def _session(text: str, doc_type: str) -> str | None:
    flat = re.sub(r"\s+", " ", text)
    patterns = [
        rf"Working Group on the Universal Periodic Review(?: \(UPR\))?,?[^.]{{0,120}}?"
        rf"held its ({ORDINAL_WORD}) session",
        rf"Working Group on the Universal Periodic Review ({ORDINAL_WORD}) session",
        rf"\b({ORDINAL_WORD}) (?:special )?session\b",
    ]
    if doc_type not in ("upr-report", "upr-recommendations") and "WG.6" not in text[:300]:
        patterns = patterns[2:]
    for pat in patterns:
        for m in re.finditer(pat, flat, re.IGNORECASE):
            n = ordinal_number(m.group(1).split()[-1] if " " in m.group(1) else m.group(1))
            if n is None and " " in m.group(1):
                n = ordinal_number(m.group(1))
            if n:
                return str(n)
    return None


def _country(symbol: str | None, title: str, text: str = "") -> str | None:
    if symbol:
        # A State's ISO code in the symbol: "CERD/C/BRA/CO/18-20".
        for part in symbol.split("/"):
            if re.fullmatch(r"[A-Z]{3}", part) and normalise_country(part):
                return normalise_country(part)
    # "Advance questions to Slovenia: Denmark": the State asked, not the State asking.
    m = re.search(r"\bquestions to (?:the )?(.+?)(?:\s*[:–-]|$)", title, re.IGNORECASE)
    if m and normalise_country(m.group(1)):
        return normalise_country(m.group(1))
    tail = re.split(r":|\s-\s", title)[-1]
    if normalise_country(tail):
        return normalise_country(tail)
    found = countries_in(title)
    if found:
        return found[0]
    # UPR reports say whose review it was: "The review of Ecuador was held at ...".
    m = re.search(r"\breview of (?:the )?([A-Z][^\n]{2,60}?) was held", re.sub(r"\s+", " ", text))
    return normalise_country(m.group(1)) if m else None


# A conference's outcome (a declaration, a programme of action) is published as part of the
# conference's report, and the conference's own texts call it "the report of the
# Conference" (no other conference is named so). A publication without a masthead may
# name it only in a note: "chapter VII of the report of the Conference (A/CONF. 189/12)".
_CONFERENCE_REPORT = re.compile(
    r"report\s+of\s+the\s+Conference\s*\(\s*(A/CONF\.\s?\d+/\d+(?:/(?:Add|Corr|Rev)\.\d+)*)\s*\)"
)


def conference_report_symbol(pages: Sequence[str]) -> str | None:
    """The symbol of the conference's own report, as a document names it, without spaces."""
    for page in pages:
        if m := _CONFERENCE_REPORT.search(page):
            return re.sub(r"\s+", "", m.group(1))
    return None


def detect_metadata(text: str, source: str, *, fmt: str, front: Sequence[str] = ()) -> Document:
    """Symbol, title, body, doc_type, country, year, date, session from a document's own text.

    `text` is the first pages; `front` (when given) the pages of the front matter, where a
    publication without a masthead sets its symbol on a line of its own. A symbol met only
    in running text is another document's (a letter citing the report it follows up): a
    document without a masthead or a symbol line of its own has no symbol.
    """
    symbol = (
        masthead_symbol(text) or find_front_symbol(list(front)) or conference_report_symbol(front)
    )
    title = detect_title(text, symbol)
    doc_type = _doc_type(title, text)
    date = _date(text)
    key = slug(symbol) if symbol else slug(PurePath(source).stem)
    return Document(
        key=key,
        source=source,
        symbol=symbol,
        title=title or PurePath(source).stem.replace("_", " "),
        doc_type=doc_type,
        body=_body(symbol, doc_type, title, text),
        country=_country(symbol, title, text),
        year=int(date[:4]) if date else _imprint_year(text),
        date=date,
        session=_session(text, doc_type),
    )
