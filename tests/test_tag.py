"""The tagger on a table of real strings, one row per form it recognises or must refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recsearch.tag import Tags, body_code, tag_objects, tag_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# (id, text, body, expected articles)
ARTICLES = [
    (
        "treaty-qualified-subparagraphs",
        "as defined in article 5 (e) (iv) of the Convention",
        "CERD",
        ["ICERD 5(e)(iv)"],
    ),
    (
        "bare-list-in-body-document",
        "hate speech by public officials (arts. 2, 5 and 6).",
        "CERD",
        ["ICERD 2", "ICERD 5", "ICERD 6"],
    ),
    (
        "range-en-dash",
        "persons who identify as LGBTQI+ persons (arts. 1–2).",
        "CERD",
        ["ICERD 1", "ICERD 2"],
    ),
    (
        "list-with-range",
        "seeking or holding political office (arts. 2 and 4–6).",
        "CERD",
        ["ICERD 2", "ICERD 4", "ICERD 5", "ICERD 6"],
    ),
    (
        "range-with-to",
        "in particular in respect of articles 2 to 7 of the Convention;",
        "CERD",
        [f"ICERD {n}" for n in range(2, 8)],
    ),
    (
        "article-comma-paragraph",
        "By employing the phrase, article 1, paragraph 4, of the Convention",
        "CERD",
        ["ICERD 1(4)"],
    ),
    (
        "paragraphs-list",
        "general recommendation No. 8 (1990) on article 1, paragraphs 1 and 4, of the Convention",
        "CERD",
        ["ICERD 1(1)", "ICERD 1(4)"],
    ),
    (
        "covenant-named",
        "the general non-discrimination provisions of articles 2 and 26 of the Covenant",
        "CCPR",
        ["ICCPR 2", "ICCPR 26"],
    ),
    (
        "full-treaty-name-other-body",
        "article 24 of the Convention on the Rights of the Child requires",
        "CESCR",
        ["CRC 24"],
    ),
    ("art-abbreviation-acronym", "in line with article 1 of CAT (Mexico);", "UPR", ["CAT 1"]),
    (
        "art-dot-after-name",
        "127 Convention on the Rights of Persons with Disabilities, art. 4, para. 2.",
        None,
        ["CRPD 4(2)"],
    ),
    (
        "subparagraph-list",
        "article 8 (1), (2) and (3) (a) of the International Covenant on Civil "
        "and Political Rights",
        "CRPD",
        ["ICCPR 8(1)", "ICCPR 8(2)", "ICCPR 8(3)(a)"],
    ),
    (
        "roman-subparagraph-list",
        "article 5 (e) (i) and (ii) of the International Convention on "
        "the Elimination of All Forms of Racial Discrimination",
        "CRPD",
        ["ICERD 5(e)(i)", "ICERD 5(e)(ii)"],
    ),
    (
        "subparagraph-range",
        "article 37 (b)–(d) of the Convention on the Rights of the Child",
        "CMW",
        ["CRC 37(b)", "CRC 37(c)", "CRC 37(d)"],
    ),
    (
        "paragraph-range",
        "all victims have a right to prompt, fair and adequate compensation (art. 24 (2)–(5)).",
        "CED",
        ["CPED 24(2)", "CPED 24(3)", "CPED 24(4)", "CPED 24(5)"],
    ),
    (
        "dotted-paragraph",
        "in accordance with article 12.1 of the Covenant",
        "CESCR",
        ["ICESCR 12(1)"],
    ),
    (
        "paragraph-letter",
        "We note that article 4, paragraph b, of the International Convention on "
        "the Elimination of All Forms of Racial Discrimination places an obligation",
        None,
        ["ICERD 4(b)"],
    ),
    (
        "para-abbreviations",
        "withdrawing their reservations to articles 9 para. 2, and 16 para. "
        "1(c), (d) and (g) of the Convention on the Elimination of All Forms of Discrimination "
        "against Women",
        "UPR",
        ["CEDAW 9(2)", "CEDAW 16(1)(c)", "CEDAW 16(1)(d)", "CEDAW 16(1)(g)"],
    ),
    ("arts-para-list", "(arts. 1, para. 4, and 2, para. 2)", "CERD", ["ICERD 1(4)", "ICERD 2(2)"]),
    (
        "list-continues-other-treaty",
        "the rights to life (article 6 of the International Covenant "
        "on Civil and Political Rights), liberty and security of person (art. 9)",
        "CERD",
        ["ICCPR 6", "ICCPR 9"],
    ),
    (
        "covenant-resolved-by-earlier-name",
        "Article 12 (c) of the International Covenant on "
        "Economic, Social and Cultural Rights obliges States. Article 15, paragraph 1 (b), of the "
        "Covenant also states",
        None,
        ["ICESCR 12(c)", "ICESCR 15(1)(b)"],
    ),
    (
        "convention-named-in-sentence",
        "Ratify the International Convention for the Protection of "
        "All Persons from Enforced Disappearance and recognize the competence of the Committee, as "
        "provided for in articles 31 and 32 of the Convention (France);",
        "UPR",
        ["CPED 31", "CPED 32"],
    ),
    (
        "acronym-before-brackets",
        "the standing provisions of ICCPR (articles 6 and 14) as well as "
        "of CRC (article 37) (Belgium);",
        "UPR",
        ["ICCPR 6", "ICCPR 14", "CRC 37"],
    ),
    (
        "paragraph-before-article",
        "Without prejudice to paragraph (1) of article 5 of the Covenant",
        "CCPR",
        ["ICCPR 5(1)"],
    ),
    (
        "enumeration-not-subparagraph",
        "Article 4 (a) requires States parties to penalize four "
        "categories of misconduct: (i) dissemination of ideas; (ii) incitement",
        "CERD",
        ["ICERD 4(a)"],
    ),
    (
        "name-variant-for",
        "Adopt specific criminal legislation in conformity with article 4 of "
        "the Convention for the Elimination of Racial Discrimination (Brazil);",
        "UPR",
        ["ICERD 4"],
    ),
    (
        "covenant-printed-as-convention",
        "in accordance with, inter alia, article 25 of the "
        "International Convention on Civil and Political Rights (Sweden);",
        "UPR",
        ["ICCPR 25"],
    ),
    ("acronym-without-of", "in line with article 26 ICCPR", "CERD", ["ICCPR 26"]),
    (
        "dotted-paragraph-upr",
        "Consider its position with regard to Article 22.4 and Article 76 of the International "
        "Convention on the Protection of the Rights of All Migrant Workers and Members of Their "
        "Families (Bangladesh);",
        "UPR",
        ["CMW 22(4)", "CMW 76"],
    ),
    (
        "paragraphs-before-article",
        "in accordance with paragraphs 2 and 3, respectively, of article 15.",
        "CESCR",
        ["ICESCR 15(2)", "ICESCR 15(3)"],
    ),
    (
        "named-treaty-beats-body",
        "(a) The International Convention on the Protection of the Rights "
        "of All Migrant Workers and Members of Their Families, including by making the binding "
        "declarations under articles 76 and 77; (b) The Convention on the Rights of the Child;",
        "CRC",
        ["CMW 76", "CMW 77"],
    ),
    (
        "its-article-points-back",
        "the Optional Protocol to the Convention against Torture, as "
        "provided for in its preamble and article 1, is to establish visits",
        "CMW",
        [],
    ),
    (
        "adjacent-sibling-brackets",
        "Convention on the Rights of the Child, arts. 24 (2) (c) (e) and 27 (3)",
        None,
        ["CRC 24(2)(c)", "CRC 24(2)(e)", "CRC 27(3)"],
    ),
    (
        "no-body-continues-last-treaty",
        "This is complemented by article 7 (1) of the Convention against Torture, which "
        "requires universal jurisdiction. Article 6 (1) also requires States to detain suspects.",
        None,
        ["CAT 7(1)", "CAT 6(1)"],
    ),
    (
        "in-conjunction-with",
        "article 2, read in conjunction with article 5 of the Convention",
        "CERD",
        ["ICERD 2", "ICERD 5"],
    ),
    (
        "in-conjunction-without-comma",
        "article 2 in conjunction with article 5 of the Convention",
        "CERD",
        ["ICERD 2", "ICERD 5"],
    ),
    (
        "or-article-shares-instrument",
        "a violation of article 7 of the International Covenant on "
        "Civil and Political Rights, and of article 1 or article 16 of the Convention against "
        "Torture",
        None,
        ["ICCPR 7", "CAT 1", "CAT 16"],
    ),
    ("unresolvable-covenant", "article 2 and article 20 of the Covenant", "CERD", []),
    # Exclusions: national law, constitutions, regional and other instruments, protocols.
    (
        "quotation-of-other-instrument",
        "According to the UNESCO Convention on Technical and "
        "Vocational Education (1989), TVE consists of “all forms of the educational process” "
        "(art. 1 (a)).",
        "CESCR",
        [],
    ),
    ("national-law", "(d) The Racial Equality Law (Law No. 12,288), in 2010;", "CERD", []),
    ("constitution", "Article 75 of the Constitution of Australia recognizes the right", None, []),
    (
        "amended-constitution",
        "in line with article 15(1) of the amended Jordanian Constitution",
        "UPR",
        [],
    ),
    (
        "penal-code-brackets",
        "Remove from the Penal Code (arts. 218, 220, 221, 227) any references",
        "UPR",
        [],
    ),
    (
        "regional-convention",
        "as outlined in article 3 of the European Convention on Human Rights.",
        None,
        [],
    ),
    (
        "regional-charter",
        "article 11 (3) of the African Charter on the Rights and Welfare of the Child",
        None,
        [],
    ),
    (
        "universal-declaration-brackets",
        "the anchors of the Universal Declaration of Human Rights "
        "(arts. 2 and 7) and the Convention (arts. 2 and 5 (a)).",
        "CERD",
        ["ICERD 2", "ICERD 5(a)"],
    ),
    (
        "declaration-opening-sentence",
        "In the Universal Declaration of Human Rights, the right to "
        "work is recognized in article 23.",
        "CRPD",
        [],
    ),
    (
        "ilo-convention",
        "as established by article 16 of the International Labour Organization "
        "Indigenous and Tribal Peoples Convention, 1989 (No. 169)",
        "CERD",
        [],
    ),
    (
        "optional-protocol",
        "Article 4 (2) of the Optional Protocol to the Convention against "
        "Torture defines deprivation of liberty",
        "CMW",
        [],
    ),
    ("optional-protocol-bracket", "(article 1 of the Optional Protocol)", "CCPR", []),
    (
        "ilo-convention-number",
        "the principle set out in article 6 of the Convention No. 169",
        "CERD",
        [],
    ),
    (
        "ilo-convention-brackets",
        "ILO Discrimination (Employment and Occupation) Convention No. 111 (art. 1)",
        "CERD",
        [],
    ),
    (
        "refugee-convention",
        "Honour all obligations under articles 31 and 33 of the Convention "
        "relating to the Status of Refugees",
        "UPR",
        [],
    ),
    (
        "geneva-without-of",
        "article 37 (a) of the CRC, and article 32 the Fourth Geneva Convention",
        "UPR",
        ["CRC 37(a)"],
    ),
    ("bare-article-upr", "Amend the law in line with article 15 (1)", "UPR", []),
    ("decree", "the provisions of item VIII from Article 3 of Decree n. 10,883", "UPR", []),
    ("footnote-marker", "reservations to the relevant articles,8 which have the effect", "CRC", []),
    # Audit of the whole corpus (eval/tag_audit.py): numbers past a treaty's last article.
    (
        "charter-list-past-last-article",
        "the provisions of the Charter on human rights (Articles 1, 55 and 56) still apply",
        "CESCR",
        [],
    ),
    (
        "penal-code-list-past-last-article",
        "repeal discriminatory provisions of the Penal Code, including articles 210, 214 and "
        "290, as recommended by the CEDAW Committee",
        "UPR",
        [],
    ),
    (
        "lower-case-penal-code",
        "Amend article 12 of the penal code in conformity with CAT (Ruritania);",
        "UPR",
        [],
    ),
    (
        "treaty-optional-protocol",
        "withdraw its reservation to article 5 of the CRC Optional Protocol on the sale of "
        "children",
        "UPR",
        [],
    ),
    (
        "convention-optional-protocol",
        "as required by article 3 of the Convention’s Optional Protocol",
        "CRC",
        [],
    ),
    (
        "name-all-kinds-of",
        "Withdraw the reservation to article 2 of the Convention on the Elimination of All "
        "Kinds of Discrimination against Women (Ruritania);",
        "UPR",
        ["CEDAW 2"],
    ),
    (
        "name-oxford-comma",
        "Article 13 of the International Covenant on Economic, Social, and Cultural Rights "
        "reaffirms",
        "UPR",
        ["ICESCR 13"],
    ),
    (
        "name-international-convention-against-torture",
        "as defined in Article 1 of the International Convention Against Torture (Ruritania);",
        "UPR",
        ["CAT 1"],
    ),
    (
        "lower-case-constitution",
        "The Committee regrets that article 5 of the new constitution permits such distinctions.",
        "CERD",
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "body", "expected"), [row[1:] for row in ARTICLES], ids=[row[0] for row in ARTICLES]
)
def test_articles(text: str, body: str | None, expected: list[str]) -> None:
    assert tag_text(text, body).articles == expected


GENERAL = [
    (
        "number-and-year",
        "Recalling its general recommendation No. 31 (2005) on the prevention",
        "CERD",
        ["CERD GR 31"],
    ),
    (
        "nos-list",
        "in its general recommendations Nos. 23 and 35",
        "CERD",
        ["CERD GR 23", "CERD GR 35"],
    ),
    (
        "general-comment",
        "in line with general comment No. 20 (2009) on non-discrimination",
        "CESCR",
        ["CESCR GC 20"],
    ),
    (
        "roman-numeral",
        "The Committee recalls its general recommendation VII in which",
        "CERD",
        ["CERD GR 7"],
    ),
    (
        "roman-with-session",
        "the Committee’s general recommendation XX (48) on article 5",
        "CERD",
        ["CERD GR 20"],
    ),
    ("no-without-dot", "This General Comment replaces General Comment No 3", "CCPR", ["CCPR GC 3"]),
    (
        "no-number-word",
        "have been addressed in General Comment 18 and General Comment 28",
        "CCPR",
        ["CCPR GC 18", "CCPR GC 28"],
    ),
    (
        "committee-named-after",
        "Prevent any initiative contrary to General Comment 34 of the Committee of Human Rights",
        "UPR",
        ["CCPR GC 34"],
    ),
    (
        "committee-acronym-before",
        "including CERD's General Recommendation 29 and recommendations",
        "UPR",
        ["CERD GR 29"],
    ),
    (
        "other-committee-in-body-document",
        "general recommendation No. 25 (2004) of the Committee "
        "on the Elimination of Discrimination against Women on temporary special measures",
        "CERD",
        ["CEDAW GR 25"],
    ),
    (
        "series-with-no",
        "replaces general comments No. 6, adopted by the Committee at its sixteenth "
        "session (1982), and No. 14, adopted at its twenty-third session (1984).",
        "CCPR",
        ["CCPR GC 6", "CCPR GC 14"],
    ),
    (
        "joint",
        "joint general recommendation No. 31 of the Committee on the Elimination of "
        "Discrimination against Women/general comment No. 18 of the Committee on the Rights of the "
        "Child (2014) on harmful practices",
        "CEDAW",
        ["CEDAW GR 31", "CRC GC 18"],
    ),
    (
        "subject-after-comma",
        "In its recent General Comment No. 31, the Human Rights Committee reaffirmed",
        None,
        ["CCPR GC 31"],
    ),
    (
        "plural-series-through-years",
        "general recommendations Nos. 8 (1990), 27 (2000) and 32 (2009)",
        "CERD",
        ["CERD GR 8", "CERD GR 27", "CERD GR 32"],
    ),
    (
        "list-ends-at-and",
        "its general recommendations Nos. 23 and 35, 12 States parties",
        "CERD",
        ["CERD GR 23", "CERD GR 35"],
    ),
    (
        "footnote-committee-first",
        "See Human Rights Committee, general comment No. 36 (2018), para. 12.",
        None,
        ["CCPR GC 36"],
    ),
    (
        "subject-after-title",
        "in paragraphs 18 and 19 of its general comment No. 2 (2007) on the "
        "implementation of article 2 by States parties, the Committee Against Torture stated",
        None,
        ["CAT GC 2"],
    ),
    (
        "in-then-subject",
        "In general comment No. 20 (1992), the Human Rights Committee stated",
        None,
        ["CCPR GC 20"],
    ),
    (
        "its-points-back",
        "as the Committee of the Rights of the Child states in paragraph 29 of its "
        "general comment No. 13, it is",
        None,
        ["CRC GC 13"],
    ),
    (
        "treaty-named-for-committee",
        "See Convention on Economic, Social and Cultural Rights, "
        "general comment No. 6, paras. 34 and 35",
        None,
        ["CESCR GC 6"],
    ),
    (
        "acronym-in-brackets",
        "See Human Rights Committee (HRC) general comment No. 28 (2000)",
        None,
        ["CCPR GC 28"],
    ),
    (
        "series-symbol-before",
        "42 E/2003/22-E/C.12/2002/13, annex IV, general comment 15, para. 12",
        None,
        ["CESCR GC 15"],
    ),
    (
        "series-symbol-after",
        "49 General Comment No. 14 (2000) (E/C.12/2000/4), para. 12 (d).",
        None,
        ["CESCR GC 14"],
    ),
    (
        "unnumbered",
        "the recently adopted general comment on article 12 of the Convention",
        None,
        [],
    ),
    (
        "count-not-reference",
        "To date, the Committee has adopted 36 general recommendations",
        "CERD",
        [],
    ),
    (
        "present-gr",
        "The present general recommendation replaces general recommendation XI (1993).",
        "CERD",
        ["CERD GR 11"],
    ),
    (
        "footnote-glued-by-comma",
        "The Committee has stressed equality in its general comment No. 20,41 stressing that",
        "CESCR",
        ["CESCR GC 20"],
    ),
    (
        "series-continues-committee",
        "19 CRC, general comment No. 11 (2009), para. 60; general comment No. 9 (2006), para. 62. "
        "20 CERD, general recommendation No. 27 (2000); general recommendation No. 29 (2002).",
        "CEDAW",
        ["CRC GC 11", "CRC GC 9", "CERD GR 27", "CERD GR 29"],
    ),
    (
        "series-continues-committee-after-aside",
        "Human Rights Committee general comment No. 28, on equality (in particular paras. 23-27), "
        "and general comment No. 19, on the family; and Committee on Economic, Social and "
        "Cultural Rights general comment No. 16",
        "CEDAW",
        ["CCPR GC 28", "CCPR GC 19", "CESCR GC 16"],
    ),
    (
        "series-stops-at-another-committee",
        "CERD, general recommendation No. 27; Committee on the Elimination of Discrimination "
        "against Women, general recommendation No. 25",
        None,
        ["CERD GR 27", "CEDAW GR 25"],
    ),
    (
        "committee-of-the-one-treaty-named",
        "The International Covenant on Economic, Social and Cultural Rights provides for "
        "fellowships, while the Committee’s general comment No. 13 on the right to education",
        None,
        ["CESCR GC 13"],
    ),
    (
        "committee-name-oxford-comma",
        "the Committee on Economic, Social, and Cultural Rights clarified in general comment "
        "No. 22 that",
        None,
        ["CESCR GC 22"],
    ),
    (
        "newer-than-the-table",
        "as the Committee on Enforced Disappearances set out in its general comment No. 2,",
        None,
        ["CED GC 2"],
    ),
    (
        "number-the-committee-never-issued",
        "as the Committee against Torture held in its general comment No. 12, isolation",
        None,
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "body", "expected"), [row[1:] for row in GENERAL], ids=[row[0] for row in GENERAL]
)
def test_general_recommendations(text: str, body: str | None, expected: list[str]) -> None:
    assert tag_text(text, body).general_recommendations == expected


GNR = [
    (
        "mark",
        "will be shared and disseminated through the relevant UN portals. (GNR 1, 2, 8, 10)",
        [1, 2, 8, 10],
    ),
    ("unsorted", "such as the Optional Protocol to ICESCR. (GNR 9, 7, 10, 19)", [7, 9, 10, 19]),
    ("two-marks", "treaty bodies. (GNR 6, 10)The Network may also (GNR 1, 2)", [1, 2, 6, 10]),
    ("bare-word", "one or more Guidance Note recommendations (GNR) as denoted.", []),
    ("square-brackets", "Train local officials on hate speech [GNR 5].", [5]),
    ("word-repeated", "Review the legal framework (GNR 2; GNR 7).", [2, 7]),
    ("range", "Collect disaggregated data (GNR 3–5).", [3, 4, 5]),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in GNR], ids=[r[0] for r in GNR])
def test_gnr(text: str, expected: list[int]) -> None:
    assert tag_text(text).gnr == expected


CITES = [
    ("symbol-with-para", "(CERD/C/USA/CO/6, para. 14)", ["CERD/C/USA/CO/6 para. 14"]),
    (
        "paras-first-number",
        "(see A/57/173, paras. 2-35 and A/58/128, paras. 11-22).",
        ["A/57/173 para. 2", "A/58/128 para. 11"],
    ),
    ("para-with-subitem", "(see E/CN.4/2000/5, para. 87 (p)).", ["E/CN.4/2000/5 para. 87"]),
    ("plain", "the report of the Human Rights Council (A/HRC/14/37).", ["A/HRC/14/37"]),
    ("general-comment-symbol", "see CCPR/C/GC/32, para. 5", ["CCPR/C/GC/32 para. 5"]),
    ("resolution-symbol", "Declaration on Human Rights Defenders (A/RES/53/144)", ["A/RES/53/144"]),
    ("corrigendum", "(see A/53/44 and A/53/44/Corr.1, annex IX).", ["A/53/44", "A/53/44/Corr.1"]),
    (
        "joint-symbol",
        "(see CEDAW/C/GC/31-CRC/C/GC/18, para. 9)",
        ["CEDAW/C/GC/31-CRC/C/GC/18 para. 9"],
    ),
    ("addenda-not-expanded", "presented his report (A/HRC/14/30 and Add.1-3).", ["A/HRC/14/30"]),
    ("line-break-after-slash", "See A/ HRC/16/52, paras. 53-57.", ["A/HRC/16/52 para. 53"]),
    ("resolution-number", "endorsed by the General Assembly in its resolution 47/111.", []),
    ("old-resolution", "(General Assembly resolution 2200 A (XXI))", []),
    ("internal-paragraph", "all the activities mentioned in paragraph 3 above (para. 12)", []),
    ("national-law-number", "Law No. 10,639/2003 concerning the study of history", []),
    # Audit of the whole corpus (eval/tag_audit.py): page headers left in running text.
    (
        "header-with-job-number",
        "to 40 Governments. A/65/999 10-12345 Kenya replied that",
        [],
    ),
    (
        "header-before-a-cited-symbol",
        "to this end (see E/CN.4/1997/99 E/CN.4/1996/98, para. 17) he met",
        ["E/CN.4/1996/98 para. 17"],
    ),
    (
        "cited-symbol-before-a-header",
        "see also E/CN.4/2006/11/Add.2 A/62/999 07-12345 and",
        ["E/CN.4/2006/11/Add.2"],
    ),
    (
        "header-between-words",
        "either to deny the allegation or E/CN.4/1987/99 to reply that the victims",
        [],
    ),
    ("header-after-sentence", "were reportedly beaten in custody. E/CN.4/1991/99 Egypt", []),
    (
        "cited-after-citing-word",
        "as stated in her report A/79/999 and in the annex",
        ["A/79/999"],
    ),
    (
        "cited-after-sentence-with-paragraph",
        "as the Committee observed. CERD/C/XYZ/CO/9, para. 14.",
        ["CERD/C/XYZ/CO/9 para. 14"],
    ),
    ("paragraph-glued", "88 CAT/C/XYZ/CO/3para. 10. 89 Ibid.", ["CAT/C/XYZ/CO/3 para. 10"]),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in CITES], ids=[r[0] for r in CITES])
def test_cites(text: str, expected: list[str]) -> None:
    assert tag_text(text).cites == expected


KINDS = [
    (
        "recommends",
        "The Committee recommends that the State party accept the amendment",
        "CERD",
        "recommendation",
    ),
    (
        "urges",
        "The Committee urges States parties to remove status offences.",
        "CRC",
        "recommendation",
    ),
    (
        "calls-upon",
        "the Special Rapporteur calls upon all States not to expel",
        None,
        "recommendation",
    ),
    (
        "encourages",
        "The Committee encourages the State party to make the optional declaration",
        "CERD",
        "recommendation",
    ),
    (
        "invites-opening",
        "Invites successor States to consider the importance of",
        "CERD",
        "recommendation",
    ),
    (
        "requests",
        "the Committee requests the State party to provide, within one year",
        "CERD",
        "recommendation",
    ),
    (
        "reiterates",
        "It reiterates its recommendation that the State party improve training",
        "CERD",
        "recommendation",
    ),
    (
        "passive",
        "States parties are encouraged to consider withdrawing any reservations",
        "CAT",
        "recommendation",
    ),
    (
        "would-like-to-call",
        "the Special Rapporteur would like to call upon States to reflect",
        None,
        "recommendation",
    ),
    ("we-urge", "We urge States to adopt national action plans", None, "recommendation"),
    (
        "imperative-row",
        "Ratify the Rome Statute of the International Criminal Court",
        "UPR",
        "recommendation",
    ),
    (
        "numbered-lowercase",
        "98.22..1 heed the advice of CEDAW by adopting measures (Hungary);",
        "UPR",
        "recommendation",
    ),
    (
        "dialogue",
        "Latvia recommended that Botswana consider issuing a standing invitation.",
        "UPR",
        "recommendation",
    ),
    (
        "recommending-state-suffix",
        "As long as the Government maintains the death penalty, "
        "respect minimum standards (Belgium);",
        "UPR",
        "recommendation",
    ),
    (
        "opening-phrase",
        "In order to eradicate FGM, increase public advocacy and training",
        "UPR",
        "recommendation",
    ),
    (
        "concern",
        "The Committee is concerned by reports of threats against defenders.",
        "CERD",
        "observation",
    ),
    (
        "brings-to-attention",
        "The Committee brings to the attention of the State party article 7 "
        "of the Convention, which calls upon States to adopt measures",
        "CERD",
        "observation",
    ),
    (
        "draws-attention",
        "The Committee draws the attention of States parties to the report",
        "CRC",
        "observation",
    ),
    (
        "reported",
        "The Committee takes note that this Commission has made specific recommendations.",
        "CERD",
        "observation",
    ),
    (
        "had-recommended",
        "In 2010 the Committee had recommended that the State party adopt a law.",
        None,
        "observation",
    ),
    (
        "action-plan",
        "b) Disseminate recommendations: recommendations will be consolidated and "
        "disseminated by the Network.",
        None,
        "observation",
    ),
    (
        "future-passive",
        "The use of the Guidance Note by UN treaty bodies will also be encouraged.",
        None,
        "observation",
    ),
    (
        "appreciation",
        "The Committee is encouraged by the adoption of the new law.",
        "CERD",
        "observation",
    ),
    (
        "reported-source",
        "In the Vienna Declaration and Programme of Action, States are urged to "
        "repeal existing laws.",
        "CEDAW",
        "observation",
    ),
    (
        "document-subject",
        "The Framework stipulates the responsibility of host countries and "
        "encourages States to achieve mutual recognition.",
        None,
        "observation",
    ),
    (
        "dialogue-urged",
        "Jordan urged Brazil to take further steps in this regard.",
        "UPR",
        "recommendation",
    ),
    (
        "dialogue-recommended-gerund",
        "Mexico specifically recommended enhancing access to justice.",
        "UPR",
        "recommendation",
    ),
    (
        "nominal-upr-row",
        "Ratification and effective implementation of CRPD, with full participation of NGOs",
        "UPR",
        "recommendation",
    ),
    (
        "hyphenated-imperative",
        "101.8. Re-examine laws on strikes to allow greater flexibility (United States).",
        "UPR",
        "recommendation",
    ),
    (
        "brackets-not-a-state",
        "In 2003, the Zero Hunger plan led to a programme on food supply "
        "(Programa de Aquisicao de Alimentos).",
        "UPR",
        "observation",
    ),
    (
        "verb-without-object",
        "States parties undertake to submit reports whenever the Committee so requests.",
        "CCPR",
        "observation",
    ),
    (
        "relative-clause-passive",
        "States parties can organize seminars in which children with "
        "disabilities are invited to express their opinions.",
        "CRPD",
        "observation",
    ),
    (
        "reported-by-committee",
        "The Committee on the Rights of the Child, in its concluding "
        "observations, recommended that the State party adopt legislation.",
        None,
        "observation",
    ),
    (
        "we-and-urge",
        "65. We recognize the right of refugees to return voluntarily to their homes "
        "in dignity and safety, and urge all States to facilitate such return;",
        None,
        "recommendation",
    ),
    (
        "operative-opener",
        "115. Underlines the key role that politicians can play in combating "
        "racism and encourages political parties to take concrete steps;",
        None,
        "recommendation",
    ),
    (
        "participial-opener",
        "52. Recognizing that poverty shapes economic and social status, urges "
        "States to take measures;",
        None,
        "recommendation",
    ),
    (
        "states-parties-should",
        "In this regard, States parties should fully comply with their obligations.",
        "CERD",
        "recommendation",
    ),
    (
        "reported-should",
        "the African Charter, which establishes that States should “provide free "
        "and compulsory basic education”",
        None,
        "observation",
    ),
    (
        "doctrinal-must",
        "Retrogressive measures are not permissible. States must strictly "
        "scrutinise the necessity and proportionality of measures.",
        "CERD",
        "observation",
    ),
    (
        "we-recall",
        "We recall that the dissemination of all ideas based upon racial superiority "
        "shall be declared an offence punishable by law;",
        None,
        "observation",
    ),
    (
        "purpose-clause-any-subject",
        "To join this coalition, mayors will pledge to undertake the following 10 action steps:",
        None,
        "observation",
    ),
    (
        "purpose-clause",
        "To ensure that persons with disabilities enjoy an adequate standard of "
        "living (art. 28), States parties have to provide support services.",
        "CRPD",
        "observation",
    ),
    (
        "noun-requests",
        "coercing them into withdrawing their requests for asylum",
        "CMW",
        "observation",
    ),
    (
        "quoted",
        "The Committee reminds States parties of its earlier words: “The Committee "
        "recommends that all efforts be made.”",
        "CRC",
        "observation",
    ),
    # Audit of the whole corpus (eval/tag_audit.py).
    (
        "verb-then-aside",
        "The Special Rapporteur invites, among others, academics and civil society to share "
        "their research with the mandate.",
        None,
        "recommendation",
    ),
    (
        "verb-then-aside-then-that",
        "The Committee recommends, as a matter of priority, that the State party adopt a law.",
        "CERD",
        "recommendation",
    ),
    (
        "verb-then-aside-with-a-number",
        "The Committee recommends, in line with joint general comment No. 4, that the State "
        "party end the immigration detention of children.",
        "CMW",
        "recommendation",
    ),
    (
        "verb-ending-a-clause-then-that",
        "The Committee will consider the matter whenever the State party so requests, as it "
        "did in 2015, that year.",
        None,
        "observation",
    ),
    (
        "verb-ending-a-clause",
        "The Committee will consider the matter further whenever the State party so requests, "
        "as it did in 2015.",
        None,
        "observation",
    ),
    (
        "imperative-ending-in-ly",
        "Apply the Fourth Geneva Convention in all occupied territories",
        None,
        "recommendation",
    ),
    (
        "hyphenated-noun-not-imperative",
        "Return-to-work schemes may keep employees in the same role.",
        "CRPD",
        "observation",
    ),
    ("re-verb", "Re-strengthen the independence of the media council", "UPR", "recommendation"),
    ("verb-out", "Carry-out awareness campaigns on early marriage", "UPR", "recommendation"),
    (
        "joined-adverbs",
        "Immediately and unconditionally release all detained journalists",
        "UPR",
        "recommendation",
    ),
    ("further-as-verb", "Further its efforts to end child labour", "UPR", "recommendation"),
    (
        "further-as-adverb",
        "Further, the delegation described the new housing programme.",
        "UPR",
        "observation",
    ),
    (
        "state-name-with-brackets",
        "Developing a national plan against trafficking (Bolivia (Plurinational State of));",
        "UPR",
        "recommendation",
    ),
    (
        "nominal-after-adjective",
        "Full implementation of the national action plan on gender equality",
        "UPR",
        "recommendation",
    ),
    (
        "upr-opening-phrase",
        "In cooperation with UNICEF and UNDP, strengthen birth registration in rural areas",
        "UPR",
        "recommendation",
    ),
    (
        "upr-opening-phrase-with-list",
        "In coordination with OHCHR, IOM, ILO and UNHCR, develop a strategy on migrants",
        "UPR",
        "recommendation",
    ),
    (
        "upr-narrative-later-comma",
        "In 2021, the State had proposed a law to protect journalists, improve access to "
        "information and combat hate speech.",
        "UPR",
        "observation",
    ),
    (
        "upr-narrative-participle",
        "As specified in the Declaration of Rights, set out in the Charter, two officials "
        "jointly represent the State.",
        "UPR",
        "observation",
    ),
    (
        "upr-impersonal-recommendation",
        "While acknowledging the efforts made, it was recommended that such efforts continue.",
        "UPR",
        "recommendation",
    ),
    (
        "purpose-clause-with-relative",
        "To avoid using electric weapons on detainees, which can amount to torture, in prisons",
        None,
        "recommendation",
    ),
    (
        "state-name-with-curly-apostrophe",
        "Without delay, ensuring prison inspections are independent (Côte d’Ivoire);",
        "UPR",
        "recommendation",
    ),
    (
        "upr-narrative-noun-after-comma",
        "In addition, support from donors was received for the new shelters.",
        "UPR",
        "observation",
    ),
]


@pytest.mark.parametrize(
    ("text", "body", "expected"), [row[1:] for row in KINDS], ids=[row[0] for row in KINDS]
)
def test_kind(text: str, body: str | None, expected: str) -> None:
    assert tag_text(text, body).kind == expected


def test_tag_objects_adds_fields_and_keeps_others() -> None:
    objs = [{"text": "(arts. 2 and 5)", "body": "CERD", "id": "x/1"}, {"id": "no-text"}]
    out = list(tag_objects(objs))
    assert out[0]["id"] == "x/1" and out[0]["articles"] == ["ICERD 2", "ICERD 5"]
    assert out[1] == {"id": "no-text", **{k: v for k, v in vars(Tags()).items()}}


# (id, body): JSON puts anything in "body"; all but a non-blank string is no body.
NOT_A_BODY = [
    ("number", 5),
    ("float", 2.5),
    ("boolean", True),
    ("list-of-code", ["CERD"]),
    ("object", {"code": "CERD"}),
    ("null", None),
    ("blank", "  "),
]


@pytest.mark.parametrize("body", [row[1] for row in NOT_A_BODY], ids=[row[0] for row in NOT_A_BODY])
def test_tag_objects_treats_a_non_string_body_as_none(body: object) -> None:
    # With body "CERD" the bare list would be ICERD 2 and 5; without one it names no treaty.
    text = "The Committee recommends that the State party act (arts. 2 and 5)."
    (out,) = tag_objects([{"text": text, "body": body}])
    assert out["body"] == body  # passed through untouched
    assert out["articles"] == [] and out["kind"] == "recommendation"
    assert body_code(body) is None


@pytest.mark.parametrize("body", [row[1] for row in NOT_A_BODY], ids=[row[0] for row in NOT_A_BODY])
def test_tag_command_survives_a_non_string_body(body: object) -> None:
    from click.testing import CliRunner

    from recsearch.cli import cli

    line = json.dumps(
        {"text": "Ratify the Convention against Torture (arts. 2 and 5).", "body": body}
    )
    result = CliRunner().invoke(cli, ["tag"], input=line + "\n")
    assert result.exit_code == 0, result.output
    tagged = json.loads(result.output)
    assert tagged["body"] == body and tagged["articles"] == ["CAT 2", "CAT 5"]
    assert isinstance(tagged["themes"], list)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("CERD", "CERD"),
        ("cerd", "CERD"),
        ("UPR", "UPR"),
        ("UPR Working Group", "UPR"),
        ("Working Group on the Universal Periodic Review", "UPR"),
        ("Committee on the Elimination of Racial Discrimination", "CERD"),
        ("Human Rights Committee", "CCPR"),
        ("Human Rights Council", "HUMAN RIGHTS COUNCIL"),
        ("", None),
        (None, None),
    ],
    ids=lambda v: str(v),
)
def test_body_code(body: str | None, code: str | None) -> None:
    assert body_code(body) == code


def test_body_decides_bare_articles_and_upr_rules() -> None:
    assert tag_text("(art. 4)", "cerd").articles == ["ICERD 4"]
    assert tag_text("(art. 4)", "Committee against Torture").articles == ["CAT 4"]
    assert tag_text("(art. 4)", "WGAD").articles == []
    row = "As long as the death penalty is maintained, respect minimum standards (Belgium);"
    assert tag_text(row, "UPR Working Group").kind == "recommendation"


@pytest.mark.corpus
def test_cerd_general_recommendations_tag_icerd_articles() -> None:
    folder = CORPUS / "cerd-gr"
    if not folder.is_dir():
        pytest.skip("corpus not available")
    found: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(entry, dict) and isinstance(entry.get("Text"), str):
                tags = tag_text(entry["Text"], "CERD")
                found.update(a.split()[0] for a in tags.articles)
                assert tags.kind in ("recommendation", "observation")
    assert "ICERD" in found and not found - {
        "ICERD",
        "ICCPR",
        "ICESCR",
        "CEDAW",
        "CRC",
        "CAT",
        "CMW",
        "CRPD",
        "CPED",
    }
