"""Document titles: the title block of a first page, masthead and agenda lines skipped."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from recsearch.countries import data_file, normalise_country
from recsearch.masthead import is_furniture
from recsearch.masthead_lines import is_masthead_line

TITLE_STOP = re.compile(
    r"^(?:(?:(?:[IVX]+\.\s+)?(?:Summary|Contents|CONTENTS|Introduction|INTRODUCTION|R[ée]sum[ée]|"
    r"Resumen)|Annex|"
    r"Abstract|Agenda)[\s*∗]*$|(?i:(?:Information\s+)?Note by)|"
    # Officers under a session report: "Vice-President and Rapporteur: Mr. ...", "Chair-
    # Rapporteur: ...". A title line may itself start "President of the Human Rights Council".
    r"(?:Vice-)?President\b[^:]*:|Rapporteur:|Chair\w*(?:[-/]Rapporteur)?\s*:|"
    r"\d{1,3}\.(?:\s|$)|[*∗]|Distr|GE\.|Original:|Please recycle|"
    # A corrigendum's body: "Paragraph 27", "Paragraphs 3 and 4", "Page 5".
    r"(?:Paragraphs?|Page)\s+\d+\b|"
    # Authors after the title: "Obiora Okafor* and Jean Ziegler** (Co-Rapporteurs)".
    r".*\((?:Co-)?Rapporteurs?\)\s*$|"
    # A State report's receipt date: "[Date received: 8 January 2026]", "[Fecha de recepción:
    # ...]", "[Date de réception : ...]".
    r"\[(?:Date received|Fecha de recepci[óo]n|Date de r[ée]ception)\b|"
    # A web address under a publisher's name.
    r"(?:https?://|www\.)\S+$|"
    # The subject a resolution or decision opens with: "The Human Rights Council,", "Le
    # Conseil des droits de l’homme,", "El Consejo de Derechos Humanos,".
    r"(?:The|Le|La|El)\s+[A-Z][^,.;:]{2,80},$"
    r")"
)
# "Agenda item 3", "Item 2 of the provisional agenda", "Point 6 de l’ordre du jour", "Tema 3
# de la agenda".
AGENDA_LINE = re.compile(
    r"^(?:Agenda\s+items?|Items?\s+\d|Points?\s+\d.*ordre\s+du\s+jour|Temas?\s+\d.*agenda)",
    re.IGNORECASE,
)
# The first heading of the body: "I. Background", "A. Introduction", "II. METHODOLOGY".
BODY_HEADING = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.\s+[A-Z]")
# A sentence of the first paragraph: a sentence opener and a finite verb ("The High
# Commissioner has the honour to transmit ...", "For personal reasons ... has been unable").
PROSE = re.compile(
    r"^(?:The|In|At|For|On|By|This|These|It|As|During|Following|Pursuant|Since|Further|"
    r"Mr\.|Ms\.|Mrs\.)\s.*?\b(?:has|have|had|is|are|was|were|will|would|shall|may|decided|"
    r"requested|submitted|transmits?|held|took|contains?|presents?|describes?|provides?|read|"
    r"adopted|considered|made|welcomes|notes|recalls)\b"
)
# Title lines are set large: a full-width line is body text, not title.
MAX_TITLE_LINE = 80
# A prose sentence runs the full width; a title line rarely does.
MIN_PROSE_LINE = 60
# Title blocks run to seven or eight lines when a long title has an author subtitle.
MAX_TITLE_LINES = 8
# A title cut mid-phrase at that many lines goes on, up to this many (the longest study
# titles of the Advisory Committee run to nine).
MAX_WRAPPED_TITLE_LINES = 11
# A line that ends like this continues on the next line.
WRAPPED = re.compile(
    r"(?:\b(?:its|of|on|the|and|to|in|for|resolution|a|an|by|with|from|at)|[,(-])$", re.I
)
# A mandate-holder's name on its own line under the title ("Surya P. Subedi"): the author.
AUTHOR_NAME = re.compile(
    r"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?[A-Z][\w'’.-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|de|da|van|von|"
    r"del|di|dos|le|la)){1,4}"
)
# A mandate named on its own under the title, without "Report of": the byline of a
# conference room paper ("The human right to an effective remedy ... / Special Rapporteur on
# the implications for human rights of ..., Baskut Tuncak").
BYLINE = re.compile(
    r"^(?:Special Rapporteur|Independent Expert|Special Representative|Working Group)\s+"
    r"(?:on|of|for|in)\b"
)
MANDATE_HOLDER = re.compile(r"Rapporteur|Independent Expert|Representative")
# Transmittal notes have no title block; the sentence names what is transmitted: "The High
# Commissioner has the honour to transmit to the Council the report of the sixteenth meeting
# of ..., which took place in Geneva ...".
TRANSMITTAL = re.compile(
    r"has the honour to (?:transmit|submit)\b.*?\b(?:the )?((?:report|study|summary|outcome)\s+"
    r"(?:of|on)\b.*?)(?:,?\s+(?:which took place|held)\b|\.(?:\s|$))",
    re.IGNORECASE,
)
# The period or meeting a report covers, printed under its title: "Communications sent, 1 March
# to 31 May 2016;", "Replies received, 1 May to 31 July 2016", "Held at the Palais des Nations,
# Geneva, on 25 September 2006, at 1 p.m.".
PERIOD_LINE = re.compile(
    r"^(?:Communications sent|Replies received|Period covered|Reporting period|Held at)\b.*"
    r"\b(?:19|20)\d{2}\b"
)
# A report's title may name a body's session ("Report of the Human Rights Council / Thirty-
# sixth session" on an Official Records cover): not a body-in-session masthead.
REPORT_OF = re.compile(
    r"^(?:Report\s+(?:of|on)|Rapport\s+(?:de|du|sur)|Informe\s+(?:de|del|sobre))\b", re.I
)
# A subtitle follows these after a blank line ("Addendum\n\nViews on conclusions ...").
SUBTITLE_HEAD = re.compile(r"^(?:Addendum|Corrigendum|Revision)\b[*∗\s]*$", re.I)


def _norm_letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace("’", "'"))


@cache
def _agenda_keys() -> tuple[str, ...]:
    return tuple(_norm_letters(x) for x in data_file("bodies.json")["hrc_agenda_items"])


def _agenda_prefix(trial: str) -> tuple[bool, bool]:
    """Is trial (letters only) the start of an agenda item name, and does it complete one?"""
    for key in _agenda_keys():
        head = key[: len(trial)]
        # Wording drifts between sessions ("follow-up to and" / "follow-up and"): near enough.
        if trial == head or SequenceMatcher(None, trial, head, autojunk=False).ratio() >= 0.9:
            return True, len(trial) >= len(key) - 4
    return False, False


def _skip_agenda(lines: list[str], i: int, blocks: bool, several: bool) -> int:
    """Index after the agenda item names that follow an 'Agenda item(s)' line."""
    start, acc, fuzzy_end, complete_at = i, "", i, -1
    while fuzzy_end < len(lines):
        piece = _norm_letters(lines[fuzzy_end])
        if not piece:
            fuzzy_end += 1
            continue
        trial = acc + piece
        prefix, complete = _agenda_prefix(trial)
        if not prefix:
            break
        acc = "" if complete else trial
        fuzzy_end += 1
        if complete:
            complete_at = fuzzy_end
    while start < len(lines) and not lines[start]:
        start += 1  # "Agenda item 2" and the agenda name are sometimes a blank line apart
    if not blocks or start >= len(lines):
        return fuzzy_end
    # Text-layer exports separate masthead blocks by blank lines, and older documents set
    # the agenda names in capitals: the block (or the run of capitals) is the agenda.
    upper = lines[start].isupper()
    if start > i and fuzzy_end == start and not upper:
        return fuzzy_end  # no agenda name at all: the block after the blank is the title
    end = start
    while end < len(lines) and lines[end] and (not upper or lines[end].isupper()):
        end += 1
    # Within a run of capitals the title may follow the agenda name directly.
    if upper and start < complete_at < end:
        return complete_at
    # An agenda name in other words ("... REPORTS OF THE HIGH COMMISSIONER ..."): a report's
    # own title in the same capitals starts a line of its own.
    if upper and complete_at < 0:
        report = next((j for j in range(start + 1, end) if REPORT_OF.match(lines[j])), end)
        return report
    # "Agenda items 2 and 3": the second name may be a block of its own. One item's name
    # repeated as the title ("Agenda item 3 / Promotion and ... / Promotion and ...") is not.
    return max(end, complete_at) if several else end


def detect_title(text: str, symbol: str | None = None) -> str:
    """The title block of a first page, masthead and agenda lines skipped."""
    text = re.sub("[\u2010\u2011\u00ad]", "-", text).replace("\u00a0", " ")
    text = re.sub("[\u2012\u2212]", "–", text)
    raw = text.split("\n")
    # Layout-mode pages space out masthead columns: "United Nations        A/HRC/...".
    lines = [re.sub(r"\s+", " ", x).strip() for x in raw]
    # Judged on the masthead alone: later pages of a layout-mode text have blank lines too.
    blocks = sum(1 for x in raw[:20] if x == "") >= 3
    title: list[str] = []
    agenda: list[str] = []  # the agenda item names skipped: the title of a note that has none
    i, seen_text = 0, False
    while i < len(lines):
        line = lines[i]
        if not title and (not line or is_masthead_line(line, symbol)):
            i += 1
            continue
        if AGENDA_LINE.match(line) and not (title and WRAPPED.search(title[-1])):
            # The agenda line belongs to the masthead: what came before it was masthead too
            # (a subsidiary body's name: "Advisory Committee / Agenda item 5").
            title, seen_text = [], False
            several = bool(re.match(r"^(?:Agenda\s+items|Items|Points|Temas)\b", line, re.I))
            end = _skip_agenda(lines, i + 1, blocks, several)
            agenda = [x for x in lines[i + 1 : end] if x]
            i = end
            continue
        if not line:
            # Footnote stars may stand alone between the title and its country ("Review /
            # * / Nicaragua").
            nxt = next((x for x in lines[i + 1 :] if x and not re.fullmatch(r"[*∗\s]+", x)), "")
            if (
                title
                and REPORT_OF.match(nxt)
                and (_names_body(title, lines[i + 1 :]) or len(title) == 1)
            ):
                title, seen_text = [], False  # a body's name in the masthead, then its report
            elif title and not normalise_country(nxt) and not SUBTITLE_HEAD.match(title[-1]):
                break  # a blank line closes the title block (text-layer exports)
            i += 1
            continue
        if title and re.fullmatch(r"[*∗,\s]+", line):
            i += 1  # footnote stars on a line of their own ("Review\n*\nGambia")
            continue
        if title and PERIOD_LINE.match(line):
            break
        too_long = not blocks and len(line) > MAX_TITLE_LINE
        # Footnote marks end a line, also in groups: "Kosovo*, **".
        bare_end = re.sub(r"[*∗][\s*∗,]*$", "", title[-1]).rstrip() if title else ""
        wrapped = bool(WRAPPED.search(bare_end))
        too_many = len(title) >= (MAX_WRAPPED_TITLE_LINES if wrapped else MAX_TITLE_LINES)
        if title and (TITLE_STOP.match(line) or too_many or too_long):
            break
        if title and not wrapped and _starts_body(line, lines[i + 1 : i + 3]):
            break
        if not title and _starts_body(line, lines[i + 1 : i + 3]):
            # No title block before the first paragraph: a transmittal note, or a note whose
            # only title is its agenda item.
            sentence = " ".join(x for x in lines[i : i + 6] if x)
            if m := TRANSMITTAL.search(sentence):
                return _join_title([m.group(1)[:1].upper() + m.group(1)[1:]])
            if agenda:
                return _join_title(agenda)
        if title and not wrapped and (_is_author(line, title) or BYLINE.match(line)):
            break
        short = 0 < len(title) <= 3
        if short and not wrapped and _is_session(line) and not REPORT_OF.match(title[0]):
            # "Working Group on the Right to Development / Eleventh session": the name of a
            # body in session, part of the masthead of its subsidiary bodies' reports.
            title, seen_text = [], False
            i += 1
            continue
        if title and not wrapped and is_furniture(line, symbol) and not normalise_country(line):
            break
        if TITLE_STOP.match(line):
            if seen_text:
                break
            i += 1
            continue
        if len(title) == 1 and title[0].isupper() and REPORT_OF.match(line) and not line.isupper():
            # A subject heading in capitals above the report's own title ("RIGHT TO
            # DEVELOPMENT / Report of the high-level task force ...").
            title = []
        if title and _repeats(line, title):
            # A subtitle printed twice: "...: comments by the State / Comments by the State*".
            i += 1
            continue
        title.append(line)
        seen_text = True
        i += 1
    # A country alone is the tail of a title set as the agenda's name ("UNIVERSAL PERIODIC
    # REVIEW / Peru").
    if agenda and len(title) == 1 and normalise_country(title[0].strip(" *∗")):
        title = [*agenda, *title]
    # Nothing but masthead around what was taken for the agenda's name: that was the title.
    return _join_title(_drop_footnote_numbers(title, lines[i:]) or agenda)


def _names_body(block: list[str], after: list[str]) -> bool:
    """Is block the name of the body whose report the next block is?"""
    name = _norm_letters(" ".join(block))
    report = _norm_letters(" ".join(after[:4]))
    return len(name) >= 20 and name in report


def _repeats(line: str, title: list[str]) -> bool:
    """Does the title already end with line's words?"""
    words = _norm_letters(line)
    return len(words) >= 8 and _norm_letters(" ".join(title)).endswith(words)


def _drop_footnote_numbers(title: list[str], rest: list[str]) -> list[str]:
    """'..., Cephas Lumina1' -> '..., Cephas Lumina' where a footnote 1 stands below."""
    out: list[str] = []
    for line in title:
        m = re.search(r"(?<=[^\W\d_])(\d{1,2})$", line)
        if m and any(re.match(rf"{m.group(1)}(?:\s+[A-Z]|$)", x) for x in rest):
            line = line[: m.start()]
        elif out and re.fullmatch(r"\d{1,2}", line):
            continue  # the mark fell on a line of its own
        out.append(line)
    return out


def _is_author(line: str, title: list[str]) -> bool:
    """Is line a personal name under a title that names a mandate holder?"""
    bare = line.strip(" *∗")
    if not AUTHOR_NAME.fullmatch(bare) or normalise_country(bare):
        return False
    # Capitalised subtitles look like names ("Periodic Review"): a name shows an initial or
    # an honorific, or follows a title closed by its footnote mark.
    named = re.search(r"\b[A-Z]\.(?:\s|$)|^(?:Mr|Ms|Mrs|Dr)\.", bare)
    return bool(MANDATE_HOLDER.search(" ".join(title))) and bool(
        named or re.search(r"[*∗]$", title[-1])
    )


def _is_session(line: str) -> bool:
    """'Eleventh session', 'Sixth session': a session line of the masthead."""
    # Any one word before "session": French ordinals carry accents ("Septième session").
    # "Second part of the fifth session", "Resumed sixth session" also.
    part = r"(?:(?:first|second|third)\s+part\s+of\s+the\s+|resumed\s+)?"
    return bool(re.fullmatch(rf"{part}[\w’'-]+\s+(?:special\s+)?session", line.strip(" *∗"), re.I))


def _starts_body(line: str, after: list[str]) -> bool:
    """Is line, after a complete title line, a body heading or the first paragraph's text?"""
    if BODY_HEADING.match(line):
        return True
    sentence = " ".join([line, *after])
    return len(line) >= MIN_PROSE_LINE and bool(PROSE.match(sentence))


def _join_title(lines: list[str]) -> str:
    out = ""
    for line in lines:
        clean_line = re.sub(r"[*∗]+(?:\s*,\s*[*∗]+)*", "", line).strip()
        if not clean_line:
            continue
        if not out:
            out = clean_line
        elif normalise_country(clean_line) and not re.search(r"\b(?:of|in|to|on)$", out):
            out = f"{out}: {clean_line}"
        elif re.search(r"[*∗]\s*$", line) is None and out.endswith("-"):
            out = out + clean_line
        else:
            out = f"{out} {clean_line}"
    return re.sub(r"\s+", " ", out).strip()
