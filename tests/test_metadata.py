"""Document metadata from a document's own first page: tables of real-looking strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsearch.metadata import (
    covenant_body,
    detect_metadata,
    detect_title,
    find_symbol,
    normalise_country,
    ordinal_number,
    recommending_states,
    symbol_body,
)
from recsearch.records import slug
from recsearch.symbol_names import symbol_from_name

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Swaziland", "Eswatini"),
        ("the Kingdom of Eswatini", "Eswatini"),
        ("Turkey", "Türkiye"),
        ("SVN", "Slovenia"),
        ("BRA", "Brazil"),
        ("the former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Iran (Islamic Republic of)", "Iran (Islamic Republic of)"),
        ("Venezuela (Bolivarian Republic of)", "Venezuela (Bolivarian Republic of)"),
        ("Democratic People’s Republic of Korea", "Democratic People's Republic of Korea"),
        ("Republic of Korea", "Republic of Korea"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("the Netherlands", "Netherlands"),
        ("United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
        ("Czech Republic", "Czechia"),
        ("Republic of Slovenia", "Slovenia"),
        ("Arge ntina", "Argentina"),
        ("Holy See", "Holy See"),
        ("Timor Leste", "Timor-Leste"),
        ("Guinea Bissau", "Guinea-Bissau"),
        ("Bolivia (Plurinational Republic of)", "Bolivia (Plurinational State of)"),
        ("Congo (Democratic Republic of the)", "Democratic Republic of the Congo"),
        ("Tanzania (United Republic of)", "United Republic of Tanzania"),
        ("Congo", "Congo"),
        ("State of Palestine", "State of Palestine"),
        ("Convention on Migrant Workers", None),
        ("ICRMW", None),
        ("XYZ", None),
    ],
    ids=lambda v: str(v),
)
def test_normalise_country(name: str, expected: str | None) -> None:
    assert normalise_country(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ratify ICRMW (Senegal, Sierra Leone, Venezuela (Bolivarian\nRepublic of), Peru);",
         ["Senegal", "Sierra Leone", "Venezuela (Bolivarian Republic of)", "Peru"]),
        ("Ratify the Convention (Iran (Islamic Republic of));", ["Iran (Islamic Republic of)"]),
        ("Consider joining (Algeria)/sign and ratify (Egypt)/ratify (Bosnia and Herzegovina) "
         "the Convention (Algeria, Egypt)", ["Algeria", "Egypt", "Bosnia and Herzegovina"]),
        ("Ratify the Optional Protocol (OP-CAT) (Holy See);", ["Holy See"]),
        ("Continue its efforts (Brazil and Argentina).", ["Brazil", "Argentina"]),
        ("Adopt a law (see A/HRC/WG.6/7/SVN/1, para. 12)", []),
    ],
    ids=["nested-brackets", "iran", "inline-groups", "acronym-skipped", "and-inside", "none"],
)  # fmt: skip
def test_recommending_states(text: str, expected: list[str]) -> None:
    assert recommending_states(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A/HRC/40/78\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General", "A/HRC/40/78"),
        ("GE.14-23930 (E)\nHuman Rights Council\nUnited Nations A/HRC/28/15\nGeneral Assembly",
         "A/HRC/28/15"),
        (" United Nations CERD/C/BRA/CO/18-20*\nInternational Convention on",
         "CERD/C/BRA/CO/18-20"),
        ("UNITED\nNATIONS\nA\nGeneral Assembly Distr.\nGENERAL\nA/HRC/8/20\n13 May 2008",
         "A/HRC/8/20"),
        ("United Nations\nA/HRC/WG.6/41/BRA/1\nGeneral Assembly", "A/HRC/WG.6/41/BRA/1"),
        ("A/HRC/38/3–E/CN.6/2018/9\n\nUnited Nations", "A/HRC/38/3–E/CN.6/2018/9"),
        ("Report of the Conference (A/CONF.189/12), chapter VII.", "A/CONF.189/12"),
        ("No symbol here, only and/or and 5/1.", None),
    ],
    ids=["first-line", "masthead-line", "reissue-star", "old-masthead", "wg6", "joint",
         "in-text-fallback", "none"],
)  # fmt: skip
def test_find_symbol(text: str, expected: str | None) -> None:
    assert find_symbol(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Twenty-first", 21), ("thirteenth", 13), ("108th", 108), ("Thirty- sixth", 36),
     ("first", 1), ("fortieth", 40), ("session", None)],
    ids=["hyphenated", "teen", "digits", "broken-hyphen", "first", "tens", "not-ordinal"],
)  # fmt: skip
def test_ordinal_number(word: str, expected: int | None) -> None:
    assert ordinal_number(word) == expected


NEW_LAYOUT = """A/HRC/31/7

United Nations

General Assembly

Distr.: General
16 December 2015
Original: English

Human Rights Council
Thirty-first session
Agenda item 6
Universal periodic review

Report of the Working Group on the Universal Periodic
Review*
Nauru

*

The annex to the present report is circulated as received.
"""

# pypdf prints the old layout's empty lines as a single space ("~" below).
OLD_LAYOUT = """UNITED
NATIONS
~
A
~
General Assembly Distr.
GENERAL
A/HRC/8/20
13 May 2008
Original:  ENGLISH
~
HUMAN RIGHTS COUNCIL
Eighth session
Agenda item 6
~
UNIVERSAL PERIODIC REVIEW
~
Report of the Working Group on the Universal Periodic Review
~
Ecuador *
~
1. The Working Group on the Universal Periodic Review (UPR), established in accordance
with Human Rights Council resolution 5/1 of 18 June 2007, held its first session from 7 to
18 April 2008. The review of Ecuador was held at the 4th meeting on 8 April 2008.
""".replace("~", " ")

CO_PAGE = """GE.22-27770(E)
Committee on the Elimination of Racial Discrimination
  Concluding observations on the combined eighteenth to
twentieth periodic reports of Brazil**
1. The Committee considered the combined eighteenth to twentieth periodic reports of
Brazil,1 submitted in one document, at its 2931st and 2932nd meetings.
 ** Adopted by the Committee at its 108th session (14 November–2 December 2022).
 United Nations CERD/C/BRA/CO/18-20*
Distr.: General
19 December 2022
Original: English
"""

AGENDA_TWO_ITEMS = """A/HRC/34/37

United Nations

General Assembly

Distr.: General
10 January 2017
Original: English

Human Rights Council
Thirty-fourth session
27 February-24 March 2017
Agenda items 2 and 7
Annual report of the United Nations High Commissioner
for Human Rights and reports of the Office of
the High Commissioner and the Secretary-General
Human rights situation in Palestine and other
occupied Arab territories

Human rights in the occupied Syrian Golan
Report of the Secretary-General
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NEW_LAYOUT, "Report of the Working Group on the Universal Periodic Review: Nauru"),
        (OLD_LAYOUT, "Report of the Working Group on the Universal Periodic Review: Ecuador"),
        (CO_PAGE, "Concluding observations on the combined eighteenth to twentieth periodic "
                  "reports of Brazil"),
        (AGENDA_TWO_ITEMS, "Human rights in the occupied Syrian Golan Report of the "
                           "Secretary-General"),
    ],
    ids=["new-layout-upr", "old-layout-upr", "concluding-observations", "two-agenda-items"],
)  # fmt: skip
def test_detect_title(text: str, expected: str) -> None:
    assert detect_title(text, find_symbol(text)) == expected


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (NEW_LAYOUT, "doc_type", "upr-report"),
        (NEW_LAYOUT, "body", "UPR Working Group"),
        (NEW_LAYOUT, "country", "Nauru"),
        (NEW_LAYOUT, "date", "2015-12-16"),
        (NEW_LAYOUT, "key", "a-hrc-31-7"),
        (OLD_LAYOUT, "country", "Ecuador"),
        (OLD_LAYOUT, "session", "1"),
        (OLD_LAYOUT, "year", 2008),
        (CO_PAGE, "doc_type", "concluding-observations"),
        (CO_PAGE, "body", "CERD"),
        (CO_PAGE, "country", "Brazil"),
        (CO_PAGE, "year", 2022),
        (CO_PAGE, "session", "108"),
        (AGENDA_TWO_ITEMS, "country", None),
        (AGENDA_TWO_ITEMS, "body", "HRC"),
        ("Untitled notes without a masthead", "key", "notes-2020"),
    ],
    ids=["upr-type", "upr-body", "upr-country", "upr-date", "key-from-symbol",
         "old-country", "upr-session-from-paragraph-1", "old-year", "co-type", "co-body",
         "co-country", "co-year", "co-session", "thematic-no-country", "hrc-body",
         "key-from-file-name"],
)  # fmt: skip
def test_detect_metadata(text: str, field: str, expected: object) -> None:
    doc = detect_metadata(text, "misc/Notes_2020.pdf", fmt="pdf")
    assert getattr(doc, field) == expected


@pytest.mark.corpus
def test_huridocs_first_pages_symbols_mostly_right() -> None:
    import json

    path = CORPUS / "misc" / "HURIDOCS_hrc_docs_first_pages_symbol_labels.json"
    if not path.exists():
        pytest.skip("corpus not available")
    items = json.loads(path.read_text("utf-8"))[::10]
    masthead = [x for x in items if x["label"].rstrip("*.,)") in x["text"][:300]]
    right = sum(find_symbol(x["text"]) == x["label"].rstrip("*.,)") for x in masthead)
    assert right >= 0.97 * len(masthead)


@pytest.mark.parametrize(
    ("first_page", "body"),
    [
        (
            "Report of the Special Rapporteur on the right to education\n"
            "The Special Rapporteur on the right to education examines how schools ...",
            "Special Rapporteur on the right to education",
        ),
        (
            "Summary\nThe Special Rapporteur on torture presents his report to the Council.",
            "Special Rapporteur on torture",
        ),
    ],
    ids=["keeps-the", "stops-before-the-verb"],
)
def test_mandate_body_is_the_mandate_name_only(first_page: str, body: str) -> None:
    doc = detect_metadata(first_page, "sp/report.json", fmt="json")
    assert doc.body == body


PUBLICATION_COVER = "Declaration and Programme of Action\nWorld Conference\nUnited Nations\n"
FRONT_SYMBOL = [
    # A symbol set on a line of its own later in the front matter is the document's.
    (["Cover page", "Foreword text.", "A/CONF.211/8\nOutcome document"], "A/CONF.211/8"),
    # A publication whose only symbol is its conference's report, named in a note.
    (["Cover", "solemnly adopt the Declaration, ii\nii Reference should be made to chapter"
      " VII of the report of the \nConference (A/CONF. 189/12), which lists all the"
      " reservations"], "A/CONF.189/12"),
    # Another conference's report is a citation, not the document's own symbol.
    (["Cover", "recalling the report of the World Conference on Human Rights"
      " (A/CONF.157/24)"], None),
    # A symbol cited in a sentence of the front matter is not the document's either.
    (["Cover", "as requested in resolution A/RES/56/266, the Assembly"], None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("pages", "symbol"), FRONT_SYMBOL, ids=["front-line", "conference-note", "other-conference",
                                            "cited-in-sentence"]
)  # fmt: skip
def test_symbol_of_a_publication_without_masthead(pages: list[str], symbol: str | None) -> None:
    doc = detect_metadata(
        PUBLICATION_COVER, "pub.pdf", fmt="pdf", front=[PUBLICATION_COVER, *pages]
    )
    assert doc.symbol == symbol
    if symbol:
        assert doc.key == slug(symbol)


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("CERD_GR30_CERD_C_64_Misc.11_rev.3.json", "CERD/C/64/Misc.11/Rev.3"),
        ("CRC_C_GC_9_Corr.1.json", "CRC/C/GC/9/Corr.1"),
        ("CRC_C_GC_22_CMW_C_GC_3.json", "CRC/C/GC/22"),
        ("CERD_GR23_A_54_18_annex_V.json", "A/54/18"),
    ],
    ids=["misc-and-lower-case-rev", "corrigendum", "joint-keeps-the-first", "annex-is-not-a-part"],
)  # fmt: skip
def test_symbol_spelled_in_a_file_name(name: str, symbol: str) -> None:
    assert symbol_from_name(name) == symbol


@pytest.mark.parametrize(
    ("symbol", "body"),
    [
        ("A/49/38", "CEDAW"),
        ("A/60/18", "CERD"),
        ("A/53/44", "CAT"),
        ("A/54/38/Rev.1", "CEDAW"),
        ("E/1998/22", "CESCR"),
        ("CCPR/C/GC/36", "CCPR"),
        ("A/60/181", None),
        ("A/HRC/43/49", None),
    ],
    ids=["cedaw-report", "cerd-report", "cat-report", "revised-report", "cescr-report",
         "series", "other-ga-document", "council-document"],
)  # fmt: skip
def test_the_body_a_symbol_names(symbol: str, body: str | None) -> None:
    assert symbol_body(symbol) == body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Article 3 of the Covenant requires States parties to ensure the equal right of men "
         "and women to the enjoyment of all civil and political rights.", "CCPR"),
        ("The Covenant's obligations on economic, social and cultural rights are progressive; "
         "the Covenant also binds States to act immediately.", "CESCR"),
        ("States parties to the Convention should, as the Convention requires, report on "
         "the International Covenant on Civil and Political Rights too.", None),
        ("No instrument is named here.", None),
    ],
    ids=["civil-and-political", "economic-social-cultural", "a-convention-text", "none"],
)  # fmt: skip
def test_the_committee_of_a_text_under_the_covenant(text: str, body: str | None) -> None:
    assert covenant_body(text) == body


@pytest.mark.parametrize(
    ("masthead", "date"),
    [
        ("Nations Unies A/HRC/WG.6/7/ITA/1\nAssemblée générale Distr. générale\n"
         "16 novembre 2009\nFrançais\nOriginal: anglais\n", "2009-11-16"),
        ("Naciones Unidas A/HRC/WG.6/7/ITA/1\nAsamblea General Distr. general\n"
         "13 de octubre de 2009\nEspañol\nOriginal: inglés\n", "2009-10-13"),
        ("Nations Unies CERD/C/FRA/CO/20-21\nDistr. générale\n1er mars 2010\n", "2010-03-01"),
    ],
    ids=["french", "spanish", "french-first-of-month"],
)  # fmt: skip
def test_a_french_or_spanish_masthead_dates_the_document(masthead: str, date: str) -> None:
    doc = detect_metadata(masthead + "Rapport national\n", "x.pdf", fmt="pdf")
    assert doc.date == date
    assert doc.year == int(date[:4])


def test_advance_questions_are_documents_of_the_review() -> None:
    page = "ADVANCE QUESTIONS TO SLOVENIA – ADD.1\n\nARGENTINA\n\n• What is the state of play?\n"
    doc = detect_metadata(page, "questions.pdf", fmt="pdf")
    assert (doc.body, doc.country) == ("UPR Working Group", "Slovenia")


def test_a_letter_citing_a_report_does_not_take_its_symbol() -> None:
    letter = (
        "THE HIGH COMMISSIONER FOR HUMAN RIGHTS\n\n1 October 2025\n\nMadam,\n\n"
        "I have the honour to refer to the review of Slovenia (A/HRC/50/64) by the Working "
        "Group.\n"
    )
    doc = detect_metadata(letter, "letter.pdf", fmt="pdf")
    assert doc.symbol is None
    assert doc.key == "letter"
    assert doc.year == 2025


UPR_COVER = (
    "UNITED\nNATIONS\nA\nGeneral Assembly\nDistr.\nGENERAL\nA/HRC/13/2\n4 January 2010\n"
    "Original: ENGLISH\nHUMAN RIGHTS COUNCIL\nThirteenth session\nAgenda item 6\n"
    "UNIVERSAL PERIODIC REVIEW\n{title}\nEritrea\n\nIntroduction\n\n1. The Working Group held "
    "its sixth session.\n"
)


@pytest.mark.parametrize(
    "title",
    [
        "REPORT OF THE WORKING GROUP ON\nTHE UNIVERSAL PERIODIC REVIEW*",
        "Report of the Working on the Universal Periodic Review *",
    ],
    ids=["capitals", "misprinted-without-group"],
)
def test_a_upr_report_titled_in_capitals_or_misprinted_is_one(title: str) -> None:
    doc = detect_metadata(UPR_COVER.format(title=title), "upr.pdf", fmt="pdf")
    assert (doc.doc_type, doc.body, doc.country) == ("upr-report", "UPR Working Group", "Eritrea")


def test_concluding_observations_cited_in_running_text_do_not_type_a_document() -> None:
    page = (
        "United Nations A/HRC/43/2\nGeneral Assembly Distr.: General\n1 May 2020\n\n"
        "Report of the Human Rights Council on its forty-third session\n\n"
        "1. The Council took note of the concluding observations of the Committee.\n"
    )
    assert detect_metadata(page, "hrc.pdf", fmt="pdf").doc_type == "other"
