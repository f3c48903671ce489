"""The tagger's regular expressions for instruments, articles, general recommendations,
GNR marks and document symbols, each with a real example and the reason for exclusions
(the patterns of recommendation-vs-observation are in tag_kind_patterns).

Vocabularies (treaty and committee names) live in data files and are
compiled here once, at import, so tagging a record never compiles a pattern.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any


def load_vocabulary(name: str) -> dict[str, Any]:
    """One JSON vocabulary from recsearch/data."""
    text = resources.files("recsearch").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


TREATY_DATA = load_vocabulary("treaties.json")


def _name_source(name: str) -> str:
    """A name from the data file (a regular expression) as a pattern: a space matches any
    run of whitespace, "’" either apostrophe."""
    return name.replace("’", "['’]").replace(" ", r"\s+")


def _alternation(sources: list[str]) -> str:
    # Longest first, so the full name wins over its shortened form.
    return "|".join(sorted(sources, key=len, reverse=True))


# --- Instruments -------------------------------------------------------------------------

# One named group per treaty: "the International Covenant on Civil and Political Rights",
# "ICERD", "CRC". Names ignore case ("Convention Against Torture"); acronyms do not, so the
# word "cat" is never the Convention against Torture.
TREATY_NAME = re.compile(
    # A cheap look at the first letters first: trying every name at every position made
    # this the slowest pattern of the tagger.
    r"\b(?=(?i:international|convention|covenant|racial|women|migrant|enforced|un\s|united)|[A-Z]{3})(?:"
    + "|".join(
        rf"(?P<{code}>(?i:{_alternation([_name_source(n) for n in spec['names']])})"
        rf"|\b(?:{'|'.join(spec['acronyms'])})\b)"
        for code, spec in TREATY_DATA["treaties"].items()
    )
    + ")"
)

# The same treaties anchored at the start, for what follows "article 5 of ": the anchor
# stops "article 11 (3) of the African Charter on the Rights and Welfare of the Child" from
# matching the Convention on the Rights of the Child further along.
TREATY_AT_START = re.compile(r"(?:the\s+|this\s+)?(?:" + TREATY_NAME.pattern + ")")

# "the Convention", "the present Convention", "this Covenant": the treaty the context gives.
# Not when a name follows: "the Convention relating to the Status of Refugees",
# "the Convention for the Protection of Human Rights and Fundamental Freedoms" (European).
GENERIC_AT_START = re.compile(
    r"(?:the\s+(?:present\s+|said\s+|same\s+)?|this\s+|that\s+)(?P<kind>Convention|Covenant)\b"
    r"(?!\s+(?:on|for|against|relating|concerning|of|to)\s+(?:the\s+)?[A-Z])"
    # "the Convention No. 169", "the Convention (No. 111)": an ILO convention.
    r"(?!\s*\(?(?:No|ILO)\b)"
)
GENERIC_MENTION = re.compile(
    r"\b(?:the\s+(?:present\s+|said\s+|same\s+)?|this\s+|that\s+)(?:Convention|Covenant)\b"
    r"(?!\s+(?:on|for|against|relating|concerning|of|to)\s+(?:the\s+)?[A-Z])"
    r"(?!\s*\(?(?:No|ILO)\b)"
)

# Optional Protocols have no canonical code, so their articles are never tagged:
# "article 3 of the Optional Protocol to the Convention against Torture (OP-CAT)",
# "article 5, paragraph 4, of the Optional Protocol".
OPTIONAL_PROTOCOL = re.compile(
    r"\b(?:(?:First|Second|Third)\s+)?Optional\s+Protocols?\b|\bOP-?(?:CAT|CRC|ICESCR|CEDAW)\b"
)

# What joins a protocol to its treaty: "Optional Protocol to the Convention against Torture".
PROTOCOL_TO = re.compile(r"\s+(?:to|of)\s+(?:the\s+)?")

_INSTRUMENT_WORDS = "|".join(TREATY_DATA["instrument_words"])

# Another instrument named after "of": "article 16 of the International Labour Organization
# Indigenous and Tribal Peoples Convention", "article 75 of the Constitution of Australia",
# "article 73 of the 2014 Constitution", "Article 3 of Decree n. 10,883",
# "article 2 of the Paris Principles". An instrument word among the next few words, or a
# capitalised name right after "the", makes the reference foreign to the nine treaties.
OTHER_AT_START = re.compile(
    # The words before the instrument word stay within one name: no "and", "or" or "article"
    # ("of this general recommendation and article 5 of the Convention" is not foreign).
    r"(?:(?:the|its|this|that|a|an)\s+)?(?:(?:(?!(?:and|or|articles?|arts?)\b)[\w’'.-]+,?\s+){0,6}?)"
    # National law is often written in lower case: "Amend article 126 of the penal code in
    # conformity with CAT", "article 19 of the new constitution".
    rf"(?:{_INSTRUMENT_WORDS}|code|constitution|decree|ordinance|law)\b"
    r"|(?:the\s+)?(?:[A-Z]|\d{4}\b)"
)

# An instrument name ending right before "(art. 6)" or ", art. 4": the capitalised run
# "Universal Declaration of Human Rights (arts. 2 and 7)", "Declaration on Social Progress
# and Development (art. 6)", "Penal Code (arts. 218, 220, 221, 227)".
OTHER_BEFORE = re.compile(
    rf"\b(?:{_INSTRUMENT_WORDS})\b"
    r"(?:\s+(?:of|on|for|and|the|against|to|in|from|with|relating)\b|\s+[A-Z][\w’'-]*|,"
    r"|\s+(?:No\.?\s*)?\d+)*"  # "ILO Convention No. 111 (art. 1)", "Convention, 1989 (art. 5)"
    r"\s*(?:\([^()]{1,40}\)\s*)?$"
)

# Any capitalised instrument word, to find foreign instruments named earlier in a sentence:
# "In the Universal Declaration of Human Rights, the right to work is recognized in article 23."
OTHER_MENTION = re.compile(rf"\b(?:{_INSTRUMENT_WORDS})\b")

# --- Articles ----------------------------------------------------------------------------

# The word that opens an article reference: "article 5", "Articles 1 (1) and 5 (e)(iv)",
# "art. 14", "(arts. 1–2)". "articles,8" (a footnote marker glued to the word) is not one.
ARTICLE_WORD = re.compile(r"\b(?:[Aa]rticles?|ARTICLES?|[Aa]rts?\.)(?=\s*\d)")

# Tokens of the list after the word. A number is not followed by ",288" or "/2003", which
# belong to laws ("Law No. 12,288", "10,639/2003"); "12.1" is article 12, paragraph 1.
ARTICLE_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<num>\d{1,3}(?:\.\d{1,2})?)(?![\d/]|,\d|\.\d)"
    r"|(?P<paren>\((?:[a-z]{1,5}|\d{1,2})\))"
    r"|(?P<para>sub-?paragraphs?\b|paragraphs?\b|paras?\.|para\b)"
    r"|(?P<comma>,)"
    r"|(?P<and>and|or)\b"
    r"|(?P<dash>[–—\-\u2010\u2011\u2212]|to\b)"
    r"|(?P<letter>[a-z])\b(?!\.\w)"
    r")"
)

# What ties the list to an instrument: ", of the Convention", " of ICCPR", and, when "of"
# is missing, a named instrument right after: "article 32 the Fourth Geneva Convention".
# Only "of": "article 2 in conjunction with article 5 of the Convention" names no instrument
# for article 2.
AFTER_ARTICLE = re.compile(r"\s*,?\s*of\s+")
# A second reference joined to the first: "article 1 or article 16 of the Convention".
NEXT_ARTICLE = re.compile(r"\s*,?\s*(?:and|or)\s+(?:[Aa]rticles?|[Aa]rts?\.)(?=\s*\d)")
AFTER_ARTICLE_NO_OF = re.compile(r"\s+(?=the\s+[A-Z]|[A-Z]{3,})")

# Roman numerals used for sub-paragraphs, "(iv)", and old general recommendations, "XXVII".
STRICT_ROMAN = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xv)$")
ROMAN_NUMERAL = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")

# Sentence and clause ends, for "which treaty does a bare article belong to". A full stop
# after "art.", "No.", "para." or a single capital does not end a sentence.
SENTENCE_END = re.compile(
    r"(?:\.(?=\s+[“\"(]?[A-Z0-9])|;(?=\s)|[.;]$)"
    r"(?<!\bart.)(?<!\barts.)(?<!\bArt.)(?<!\bNo.)(?<!\bNos.)(?<!\bpara.)(?<!\bparas.)"
    r"(?<!\bvol.)(?<!\bCorr.)(?<!\bAdd.)(?<!\bRev.)(?<!\b[A-Z].)(?<!\bpp.)(?<!\bp.)"
    r"(?<!\be\.g.)(?<!\bi\.e.)"
)

# A bracket right after a closing quotation mark: '... in economic and social life” (art. 1 (a))'.
AFTER_QUOTE = re.compile(r"[”\"’']\s*\(\s*$")

# "as provided for in its preamble and article 1", "its article 4 requires".
ITS_ARTICLE = re.compile(r"\bits\s+(?:[a-z]+\s+(?:and\s+)?)?$")

# "paragraph (1) of article 5": the paragraph named before its article.
PARAGRAPH_OF = re.compile(
    r"\b(?:sub-?)?paragraphs?\s+(?P<subs>\(?(?:\d{1,2}|[a-z])\)?"
    r"(?:\s*(?:,|and|,\s*and)\s*\(?(?:\d{1,2}|[a-z])\)?)*)\s*,?\s*(?:respectively\s*,\s*)?of\s+$"
)

# --- General recommendations and comments -----------------------------------------------

# "general recommendation No. 31 (2005)", "general recommendations Nos. 23 and 35",
# "General Comment No 5", "General Comment 18", "general recommendation XX (48)",
# "joint general recommendation No. 31". Numbers are one or two digits so that
# "General Comment 291" (footnote 1 glued to 29) and counts ("36 general recommendations")
# are not read as references.
GR_HEAD = re.compile(
    r"\b(?i:general)\s+(?P<word>(?i:recommendation|comment))(?P<plural>s?)\s*"
    r"(?:(?i:nos?)\.?|(?i:numbers?)|[Nn][°º]|#)?\s*"
    # "A, B and C": after "and" the list ends, so in "Nos. 23 and 35, 12 States" 12 is not one.
    # A comma glued to a number is a footnote mark: "general comment No. 20,56 articulating".
    r"(?P<nums>(?:\d{1,2}|[IVXL]{1,7})(?![\d/\w])"
    r"(?:\s*,(?!\d)\s*(?:(?i:nos?)\.?\s*)?(?:\d{1,2}|[IVXL]{1,7})(?![\d/\w]))*"
    r"(?:\s*,?\s*(?:and|&)\s*(?:(?i:nos?)\.?\s*)?(?:\d{1,2}|[IVXL]{1,7})(?![\d/\w]))?)"
)

# A further number in the same series: "general comments No. 6, adopted ... (1982), and
# No. 14", "No. 5 (seventh session, 1988), on temporary special measures, No. 8 ...".
# "Convention, 1989 (No. 169)" and "Law No. 12,288" do not continue a series: "No." must
# follow a comma, a semicolon or "and", never a bracket or a name.
GR_CONTINUATION = re.compile(
    r"(?:,|;|\band)\s*(?:and\s+)?(?:(?i:nos?)\.|[Nn][°º])\s*"
    r"(?P<nums>\d{1,2}(?![\d/]|,\d)(?:\s*(?:,\s*and|,|and)\s*\d{1,2}(?![\d/]|,\d))*)"
)

# After a plural head, bare numbers continue the list through brackets: "general
# recommendations Nos. 8 (1990), 27 (2000) and 32 (2009)".
GR_CONTINUATION_BARE = re.compile(
    r"\s*(?:,|\band)\s*(?:and\s+)?(?P<nums>\d{1,2})(?![\d/]|,\d|\.\d)"
    r"(?=\s*(?:\(|,|and\b|on\b|;|\.|\)|of\b))"
)

# Brackets after a number that do not change the tag: "(2005)", "(48)",
# "(thirteenth session, 1981)", "(“The position of aliens under the Covenant”, 1986)".
BRACKETS = re.compile(r"\s*\([^()]{0,120}\)")


def _committee_source() -> str:
    parts = []
    for code, spec in TREATY_DATA["committees"].items():
        names = _alternation([_name_source(n) for n in spec["names"]])
        parts.append(rf"(?P<{code}>(?i:{names})|\b(?:{'|'.join(spec['acronyms'])})\b)")
    # The first letters first, as for the treaty names: much faster than the bare alternation.
    return r"\b(?=(?i:committee|human|cedaw)|[A-Z]{3})(?:" + "|".join(parts) + ")"


COMMITTEE_SOURCE = _committee_source()
COMMITTEE_NAME = re.compile(COMMITTEE_SOURCE)

# A committee named before the reference: "CERD's General Recommendation 29", "CEDAW
# general recommendation No. 19", "the Committee on the Elimination of Racial
# Discrimination in its general recommendation XXVII".
# "Human Rights Committee (HRC) general comment No. 28": an acronym in brackets may follow.
COMMITTEE_BEFORE = re.compile(
    rf"(?:{COMMITTEE_SOURCE})(?:\s*\([A-Z]{{2,8}}\))?(?:['’]s)?\s*,?\s*(?:in\s+)?(?:its\s+)?"
    r"(?:(?:recent|latest|joint|revised|previous|earlier)\s+)*$"
)

# A treaty named where the committee would be: "See Convention on Economic, Social and
# Cultural Rights, general comment No. 6" (the Covenant's committee issued it).
TREATY_BEFORE = re.compile(
    r"(?:" + TREATY_NAME.pattern + r")(?:['’]s)?\s*,?\s*(?:(?:Committee|in)\s+)?(?:its\s+)?$"
)

# A document symbol just before: "E/2003/22-E/C.12/2002/13, annex IV, general comment 15".
SYMBOL_AFTER = re.compile(r"\s*,\s*(?P<symbol>[A-Z]+/\S+)")
SYMBOL_BEFORE = re.compile(r"(?P<symbol>\S+/\S+)\s*,?\s*(?:annex\s+[IVXL]+\s*,?\s*)?$")

# A committee named after it: "general recommendation No. 25 (2004) of the Committee on the
# Elimination of Discrimination against Women", "General Comment 34 of the Committee of
# Human Rights", "... on ‘descent’ of the Committee on the Elimination of Racial Discrimination".
COMMITTEE_AFTER = re.compile(rf"\b(?:of|by)\s+(?:the\s+)?(?:{COMMITTEE_SOURCE})")

# "In its recent General Comment No. 31, the Human Rights Committee reaffirmed ...".
# Also after a title: "in paragraphs 18 and 19 of its general comment No. 2 (2007) on the
# implementation of article 2 by States parties, the Committee Against Torture ...".
COMMITTEE_SUBJECT = re.compile(rf",\s*(?:the\s+)?(?:{COMMITTEE_SOURCE})")
ITS_BEFORE = re.compile(
    r"(?:\b(?P<its>its)\s+(?:\w+\s+){0,2}|\b[Ii]n\s+(?:paragraphs?\s+[\d\s,and]+of\s+)?)$"
)

# --- GNR marks ---------------------------------------------------------------------------

# "(GNR 1, 2, 8, 10)", "(GNR 9, 7, 10, 19)", also in square brackets and with the word
# repeated: "[GNR 5]", "(GNR 2; GNR 7)". "(GNR)" alone names no recommendation.
_GNR_NUMS = r"GNRs?\s*:?\s*\d{1,2}(?:\s*(?:[,;&]|and|[–-])\s*\d{1,2})*"
GNR_MARK = re.compile(rf"[(\[]\s*(?P<nums>{_GNR_NUMS}(?:\s*[,;]\s*{_GNR_NUMS})*)\s*[)\]]")

# --- UN document symbols -----------------------------------------------------------------

# "CERD/C/USA/CO/6", "A/HRC/14/37", "E/CN.4/2003/68", "A/RES/53/144", "A/53/44/Corr.1",
# "CEDAW/C/GC/31-CRC/C/GC/18" (a joint symbol, kept whole), "A/2929". Only the UN's own
# series open a symbol, so "10,639/2003" (a Brazilian law) and "resolution 47/111" (a
# resolution number) are not cites; a slash, dot or letter before the series letter means
# the text is part of a web address.
SYMBOL = re.compile(
    r"(?<![\w/.\-])"
    r"(?:A|E|S|CERD|CCPR|CEDAW|CRC|CAT|CMW|CRPD|CED|HRI|ST|SPT|UNEP|TD|DP|ICEF|INCB)"
    # A line break after a slash leaves a space: "See A/ HRC/16/52, paras. 53-57" (joined).
    r"(?:/ ?(?:[A-Z0-9][A-Za-z0-9.]*(?:-(?=[A-Z0-9])[A-Za-z0-9.]+)*))+"
    r"(?=[\s,;:)\].”\"'/–—]|$)"
)

# The paragraph given with a symbol: ", para. 14", ", paras. 281-285" (the first number),
# ", para. 87 (p)" (the sub-item dropped), after an annex or chapter that is dropped.
SYMBOL_PARA = re.compile(
    r"\s*,?\s*(?:(?:annex|chap\.|chapter|sect\.|section|part|vol\.)\s+[\w.]+\s*,?\s*)*"
    r"(?:paras?\.?|paragraphs?)\s*(?P<num>\d{1,4}(?:\.\d{1,3})?)"
)

# A symbol that is a page header the source left in the running text, not a citation:
# followed by the print job number or a page ("A/61/259 06-46815", "A/71/298 5/25
# 16-13568", "E/CN.4/1988/17 paqe 5") or by another symbol with nothing between them
# ("(see E/CN.4/1995/34 E/CN.4/1994/31, para. 17)", the first being the header, unless the
# second has the job number: "see also E/CN.4/2006/48/Add.2 A/62/214 07-45379").
HEADER_JOB = re.compile(r"\s+(?:(?:\d{1,3}/\d{1,3}\s+)?\d{2}-\d{5}\b|pa[gq]e\s+\d)")
HEADER_NEXT_SYMBOL = re.compile(r"\s+(?=(?:A|E|CERD|CCPR|CEDAW|CRC|CAT|CMW|CRPD|CED|HRI)/\S*\d)")
# Or it stands right after a sentence, before the next one, a number or the end: "persons
# who might be at risk of torture. A/59/324", "... in Kabul. E/CN.4/1989/15 Bahrain" (a
# citation after a full stop has "See" before it, or a paragraph after it).
HEADER_AFTER_STOP = re.compile(
    r"(?<![A-Z])(?<!\bp)(?<!\bpp)(?<!\bpara)(?<!\bparas)(?<!\bibid)(?<!\bal)"
    r"[a-z)”\"’]\.[”\"’]?\s+$"
)
HEADER_BEFORE_NEXT = re.compile(r"\s*$|\s+[A-Z(•\d]")
# Or it stands between two words of a sentence with no word that introduces a citation
# before it: "either flatly to deny the allegation or E/CN.4/1986/15 to reply", "between
# the Goals and a number of human rights, A/59/422 including the rights to health".
HEADER_WORD_BEFORE = re.compile(r"\b(?P<word>[a-z]+),?\s+$")
HEADER_WORD_AFTER = re.compile(r"\s+(?:\([a-z]\)\s+)?[a-z]")
# Words after which a bare symbol is cited: "see A/68/295 and", "document E/CN.4/2005/62
# containing", "draft resolution A/HRC/14/L.1 as orally revised", "in her report A/79/181
# and" ("or" is not one: "to deny the allegation or E/CN.4/1986/15 to reply").
CITING_WORDS = frozenset(
    [
        "see",
        "also",
        "and",
        "in",
        "as",
        "by",
        "of",
        "to",
        "cf",
        "document",
        "documents",
        "report",
        "reports",
        "resolution",
        "resolutions",
        "amendment",
        "amendments",
        "decision",
        "decisions",
        "example",
        "note",
        "addendum",
        "addenda",
        "including",
        "namely",
        "letter",
        "communication",
        "statement",
        "symbol",
        "under",
        "study",
        "paper",
        "draft",
        "contained",
    ]
)
