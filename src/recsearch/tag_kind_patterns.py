"""The regular expressions that tell a recommendation from an observation, each with a real
example and the reason for exclusions. Verb and country lists live in data files
(kind_vocab.json, countries.json) and are compiled here once, at import."""

from __future__ import annotations

import re

from recsearch.tag_patterns import load_vocabulary

KIND_DATA = load_vocabulary("kind_vocab.json")

# What may precede a paragraph's first word: its printed number, "52. ", "60.13 ".
_PRINTED_NUMBER = r"\s*(?:[\d.]+\s*)?"

# A character of an aside within a sentence: no sentence or clause end, though "No. 4",
# "art. 2" and "para. 3" may stand in it.
_ASIDE = r"\b(?:No|Nos|arts?|paras?)\.|[^.;:,]"

# The author acting: "The Committee recommends", "It also urges", "calls upon the State
# party", "Strongly recommends that they", "reiterates its recommendation that".
REC_VERB = re.compile(
    r"\b(?=[RrUuCcEeIiAa])(?:(?P<verb>recommends|urges|calls\s+(?:up)?on|requests|encourages|invites|exhorts"
    r"|appeals\s+to|reiterates\s+its\s+(?:previous\s+|earlier\s+)?(?:recommendations?|calls?"
    r"|requests?|urging|appeal))\b"
    r"|\b(?P<cap>Recommends|Urges|Calls\s+(?:up)?on|Requests|Encourages|Invites|Exhorts"
    r"|Appeals\s+to|Reaffirms\s+its\s+recommendation)\b)"
    # "withdrawing their requests for asylum": the noun, not the verb.
    r"(?!\s+(?:for|from|of|were|was|are|received|made|by|submitted|sent|addressed)\b)"
    # "whenever the Committee so requests.": nothing is asked of anyone; but a comma may open
    # an aside before the addressee: "The Special Rapporteur invites, among others,
    # international organizations ... to share", or before "that": "The Committee
    # recommends, as a matter of priority, that the State party ...".
    r"(?!\s*[.;)])(?!\s*,(?!\s*(?:among\s+others|inter\s+alia|in\s+particular|therefore"
    r"|once\s+again|again|also|further|furthermore|moreover|accordingly|notably|strongly"
    r"|in\s+(?:this|that)\s+(?:regard|respect|context))\s*,)"
    r"(?!(?:" + _ASIDE + r"){1,120}(?:,(?:" + _ASIDE + r"){1,120})?,\s*(?:that\s+(?:the|all"
    r"|it|they|States?|Governments?|[A-Z]\w*)|the\s+State|States|all\s+States)\b))"
)

# Who may make a recommendation: a verb counts only when one of these opens its sentence
# before it ("The Committee ... recommends", "It also urges"), so "The Migration Policy
# Framework ... encourages States" (a document described) stays an observation.
AUTHOR = re.compile(r"\b(?:" + "|".join(KIND_DATA["authors"]) + r")\b")

# Pieces of every verb above (active, passive and base forms): a text with none of them
# cannot match REC_VERB, REC_BASE or REC_PASSIVE.
REC_STEMS = (
    "ecommend",
    "rge",
    "alls",
    "alled",
    "call",
    "equest",
    "ncourage",
    "nvite",
    "xhort",
    "ppeal",
    "eiterate",
    "eaffirm",
    "ECOMMEND",
    "RGE",
)

# What makes such a verb reported rather than made: "article 7 ..., which calls upon
# States" (#the Convention speaks), "the State party requests", "the law encourages".
REC_VERB_REPORTED = re.compile(
    r"(?:\b(?:which|that|who|whom|whose)"
    r"|\b(?:State|States|party|parties|Government|Governments|law|Law|Constitution|article"
    r"|Article|Convention|Covenant|provision|Plan|plan|policy|Act|Code|Declaration"
    r"|Programme|Strategy|strategy|resolution|Ministry|authorities|text|Charter"
    r"|document|Principles|Guidelines|Statute))"
    r"(?:\s+(?:also|further|explicitly|specifically|expressly|not\s+only|only))?\s*$"
)

# First-person and modal forms: "We urge States", "would like to call upon States".
REC_BASE = re.compile(
    r"\b(?:[Ww]e|I|would\s+like\s+to|wishes\s+to|wish\s+to|hereby)\s+(?:also\s+|further\s+"
    r"|strongly\s+|again\s+)*(?:recommend|urge|call\s+(?:up)?on|request|encourage|invite"
    r"|exhort)\b"
)

# A first-person sentence going on with "and": "We also recognize ... and encourage States,
# wherever possible, to ...", "We strongly condemn ... and urge States to ...".
REC_BASE_AND = re.compile(
    r"\band\s+(?:(?:also|further|strongly)\s+)*(?:recommend|urge|call\s+(?:up)?on|request"
    r"|encourage|invite|exhort)\s+(?!that\b)"
)
WE_SENTENCE = re.compile(_PRINTED_NUMBER + r"We\b")

# A resolution-style sentence, whose subject is the adopting body: "115. Underlines the key
# role ... and encourages political parties", "52. Recognizing that poverty ..., urges".
OPERATIVE_SENTENCE = re.compile(
    _PRINTED_NUMBER
    + r"(?:(?:[A-Z][a-z]+ly|Also|Further)\s+)?(?:"
    + "|".join(KIND_DATA["operative_openers"])
    + r")\b"
)

# Passive: "it is recommended that", "States parties are encouraged to". Not "will also be
# encouraged" (an action plan describing itself) nor "is encouraged by" (an appreciation).
REC_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:(?:also|further|strongly|therefore|again|hereby|\w+ly)\s+)*"
    r"(?:encouraged|urged|invited|requested|recommended|called\s+(?:up)?on)\b(?!\s+by\b)"
)

# A passive inside a relative clause describes: "seminars in which children with disabilities
# are invited to express their opinions".
RELATIVE_BEFORE = re.compile(r"\b(?:which|who|whom|where)\b[^,;]*$")

# UPR dialogue: "Latvia recommended that Botswana consider ...". Not "the Committee had
# recommended" or "as recommended by", which report an earlier recommendation.
REC_PAST = re.compile(
    r"\brecommended(?!\s+(?:by|in|under|during|at|for|as|earlier|previously|above|below|and|or)\b)"
    r"(?!\s*[.,;:)])"
    r"|\b(?:urged|called\s+(?:up)?on)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,4}?\s+to\s"
)

# A verb opening its sentence after adverbs only: "Also urges States ...", "Further requests
# the High Commissioner ...", "75. Strongly recommends ..." (resolution and declaration style).
OPENING_ADVERBS = re.compile(
    r"\s*(?:[\d.]+\s+|\(?[a-z]{1,4}\)\s+)?(?:(?:[Aa]lso|[Ff]urther|[Aa]gain|[Oo]nce\s+again"
    r"|[Tt]herefore|[Ff]urthermore|[Mm]oreover|[A-Z][a-z]+ly|[a-z]+ly)\s+)+"
)
# The dialogue's impersonal form: "While acknowledging the efforts made, it was recommended
# that such efforts continue" (a recommendation made, in a UPR report).
UPR_IT_WAS_RECOMMENDED = re.compile(r"\b[Ii]t\s+was\s+(?:also\s+|further\s+)?recommended\s+that\b")
REC_PAST_REPORTED = re.compile(
    r"(?:\b(?:had|has|have|was|were|as|being|been|previously|already|earlier|which|who|Committee|"
    r"Rapporteur|Group|Expert|it\s+had|body|bodies|mechanisms?)\s*)$"
)

# The CCPR/CAT concluding-observation form, "The State party should ...", and the measures
# a general recommendation addresses to States: "States parties should take the necessary
# steps to ensure ...", "In this regard, States parties should fully comply ...". Only as a
# main clause ("which establishes that States should" reports), and not "must", which the
# general comments use for doctrine ("States must strictly scrutinise the necessity ...").
REC_SHOULD = re.compile(
    r"(?:^|[.;:]\s+|,\s+|\)\s*)(?:[\d.]+\s+)?(?:The\s+|the\s+)?(?:(?:All|all)\s+)?"
    r"(?:State\s+party|States(?:\s+parties)?|Governments?)\s+(?:also\s+|further\s+|therefore\s+)?"
    r"should\b(?!\s+(?:be\s+)?(?:aware|note|recall|understand|bear\s+in\s+mind)\b)"
)

# The opening of a recommendation written as an instruction, after its printed number or
# letter: "Ratify the Rome Statute", "60.13 Ensure that", "98.22..1 heed the advice",
# "(a) Review the legislative framework", "Fully respect the choices".
IMPERATIVES = frozenset(KIND_DATA["imperatives"])
# An adverb before the verb ends in "-ly", but "Apply", "Comply" and "Multiply" are the verb:
# "Apply the Fourth Geneva Convention in relation to the OPT (Bolivia (Plurinational State of));".
_ADVERB = r"(?!(?i:" + "|".join(sorted(w for w in IMPERATIVES if w.endswith("ly"))) + r")\b)"
_ADVERB += r"[A-Za-z]+ly"
# "Further its efforts to ...", "Further the implementation of ...": "Further" is the verb.
_FURTHER = r"[Ff]urther(?!\s+(?:its|the|their|his|her|this|these|that|those)\b)"
LEAD_NUMBER = re.compile(
    r"^\s*(?:[\d.]++\s*+|\(?[a-z]{1,4}\)\s*+|\(\d{1,3}\)\s*+|[•\-–]\s*+)*+"
    # Adverbs may be joined: "Immediately and unconditionally release all political prisoners".
    rf"(?P<to>[Tt]o\s+)?(?:(?:[Aa]lso|{_FURTHER}|[Nn]ot|{_ADVERB})\s++(?:(?:and|or)\s++(?={_ADVERB}\s))?)*+"
    # "Re-examine", "Step-up", "Re-strengthen": a hyphenated verb.
    r"(?P<word>[A-Za-z]+(?:-[a-z]+)?)\b"
)
FURTHER_VERB = re.compile(r"[Ff]urther\s+(?:its|the|their|his|her|this|these|that|those)\b")


def imperative(word: str) -> bool:
    """Whether an opening word is an instruction verb: "Ratify", "Re-strengthen" (a verb of
    the vocabulary with "re-" before it); "Return-to-work programmes" is not."""
    word = word.lower()
    head, _, tail = word.partition("-")
    return (
        word in IMPERATIVES
        or (head == "re" and tail in IMPERATIVES)
        or (tail == "out" and head in IMPERATIVES)  # "Carry-out awareness raising campaigns"
    )


# An action-plan item: a short title, a colon, and what "the Network will" do:
# "b) Disseminate recommendations of international and regional bodies: recommendations
# ... will be consolidated". The title is not an instruction to a State.
ACTION_ITEM = re.compile(r"^\s*\(?[a-z0-9]{1,3}\)\s*[^:.;]{3,120}:\s+(?=.*\bwill\b)")

# A UPR recommendation closing with the recommending States: "... (Belgium);",
# "(Argentina; France; The former Yugoslav Republic of Macedonia)". Digits and slashes mean
# a symbol ("(A/HRC/WG.6/3/BWA/3).") and one all-capital word an acronym ("(OHCHR).").
# A State's name may hold brackets: "(Venezuela (Bolivarian Republic of));".
UPR_STATES = re.compile(r"\((?P<inner>[A-Z](?:[^()\d/]|\([^()\d/]{2,60}\)){2,300})\)\s*[;.]?\s*$")


def _country_source() -> str:
    """Every UN country name and alias, from the shared country vocabulary."""
    data = load_vocabulary("countries.json")
    names = [n for c in data["countries"] for n in [c["name"], *c.get("aliases", [])]]
    # "Côte d’Ivoire" is printed with either apostrophe.
    escaped = (re.escape(n).replace("'", "['’]") for n in sorted(names, key=len, reverse=True))
    return r"\b(?:" + "|".join(escaped) + r")\b"


# The brackets must name a State: "(Programa de Aquisicao de Alimentos)." does not.
COUNTRY_NAME = re.compile(_country_source())

# "To ensure that persons with disabilities enjoy ... (art. 28), States parties should",
# "To join this coalition, mayors will pledge ...": the "To" clause states a purpose and a
# subject follows the comma.
PURPOSE_CLAUSE = re.compile(
    r"(?:[^.;:]|\.(?=\s*\d))*?,\s+(?:States|the\s+State|the\s+Committee|it|they|there|we|this"
    # Not a relative clause: "To avoid experiments ..., which can constitute torture, in
    # penitentiaries (Côte d’Ivoire);" is an instruction.
    r"|these|(?:the\s+)?(?!(?:which|who|that)\b)[a-z]+(?:\s+[a-z]+)?\s+(?:will|should|must|shall|can|may|need|needs|are|is"
    r"|have|has)\b)\b"
)

# An instruction after an opening phrase: "With regard to Article 16 paragraph 1 (g) of
# CEDAW, withdraw reservations ...", "In line with ..., ensure that ...".
OPENER_IMPERATIVE = re.compile(
    r"\s*(?:[\d.]+\s+)?(?:With\s+regard\s+to|In\s+line\s+with|In\s+accordance\s+with"
    r"|In\s+order\s+to|With\s+a\s+view\s+to|As\s+long\s+as|Taking\s+into\s+account"
    r"|Bearing\s+in\s+mind|In\s+the\s+light\s+of|In\s+view\s+of|Regarding|Concerning"
    r"|Following|While|Within|Through|As\s+a\s+matter\s+of|In\s+the\s+context\s+of"
    r"|With\s+reference\s+to|As\s+part\s+of|In\s+addition\s+to|On\s+the\s+basis\s+of|Given"
    r"|Building\s+on|Recognizing|Considering|Noting)\b"
    r"[^.;:]{0,250}?,\s+(?:(?:also|further|" + _ADVERB + r")\s+)?(?P<word>[a-z]+(?:-up)?)\s+"
    r"(?P<next>[a-z]+)"
)
# In UPR recommendations any opening phrase may come first: "In consultation and cooperation
# with relevant partners, take appropriate measures", "As a high priority, ratify OP-CAT",
# "With the assistance of OHCHR, move to speedily accede", "By the end of 2014, adopt".
UPR_OPENER = re.compile(
    _PRINTED_NUMBER
    + r"(?:In|With|As|For|By|Through|Within|Without|Upon|On|Prior\s+to|Along|Whilst|While"
    r"|When|If|Once|After|Before|Until|Given|Noting|Taking|Bearing|Following|Regarding"
    r"|Considering|Recognizing|Meanwhile|Where|Together)\b"
    # Only the first comma: in "In 2024, Slovenia had proposed a law to protect freedom of
    # expression, improve protections ..." the verb after a later comma is the narrative's.
    # A comma inside a list of names stays in the phrase: "In coordination with OHCHR, IOM, ILO
    # and relevant special procedures, develop".
    r"(?:[^.;:,]|,(?=\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,|and\b))){0,250},\s+"
    r"(?:(?:also|further|" + _ADVERB + r")\s+)?(?P<word>[a-z]+(?:-[a-z]+)?)"
    # "In addition, support from donors was received": a noun, which a verb form follows;
    # "As specified in the Declaration, set out in the Charter, ...": a participle.
    r"(?!\s+(?:was|were|is|are|has|have|had|of|from|for|by|remains?|continues?)\b)"
    r"(?!\s+(?:out|forth)\s+(?:in|by|under|above|below)\b)(?=[\s,])"
)
# Outside a list of UPR recommendations, the word after such a verb must start its object,
# so that "In line with this, review of the law continued" is not an instruction.
OBJECT_WORD = frozenset(KIND_DATA["object_words"])

# A UPR recommendation worded as a noun: "Ratification and effective implementation of CRPD",
# "Strengthening of efforts to ...", "Further empowerment of the Legislation Department".
UPR_NOMINAL = re.compile(
    _PRINTED_NUMBER
    # "Full dissemination of the NHRAP": after the adjective the noun is lower-case.
    + r"(?:(?:Further|Full|Effective)\s+[a-z]+|[A-Z][a-z]+)(?:tion|ment|ing|ance|ence|sal)"
    r"\s+(?:of|and)\b"
)

# A UPR recommendation worded as a wish: "That further efforts should be taken to ...".
UPR_THAT = re.compile(_PRINTED_NUMBER + r"That\s")

# Quotations: a verb inside “...” is someone else's words ("The Committee reminds States
# parties of the recommendation ...: “The Committee recommends that ...”").
QUOTED = re.compile(r"“[^“”]{0,3000}”")

# A passive recommendation reported from another text: "In the Vienna Declaration ...,
# States are urged to repeal ...", "In article 24 of the Convention on the Rights of the
# Child, States are called upon to recognize ...".
REPORTED_SOURCE = re.compile(
    r"\s*(?:In|Under|According\s+to|Pursuant\s+to)\b[^,]{0,200}?"
    r"\b(?:article|Article|Declaration|Programme|resolution|report|Plan|Convention|Covenant"
    r"|Principles|Guidelines|Charter|Agenda|Strategy|Statement|document|Constitution|law|Law"
    r"|Act)\b"
)

# A leading word that is the first half of a noun compound, not an instruction: "Mandate
# holders have long recognized ...", "Office holders are ...".
NOUN_COMPOUND_NEXT = re.compile(r"[\s-]+holders?\b", re.IGNORECASE)

# A report announcing its own contents: "In the light of these considerations, in the present
# report, the Special Rapporteur: ... (f) Encourages the interpretation ...". The verbs of
# the list that follows describe the report; they are not addressed to anyone.
REPORT_OUTLINE = re.compile(
    r"\b(?:the\s+present|this)\s+(?:report|study|note)\b[^.;:]{0,120}:", re.IGNORECASE
)

# --- Whole-document rules (tag_kind.document_kinds) ---

# A heading that names recommendations: "IV. Conclusions and recommendations",
# "B. Recommendations", "Specific recommendations".
RECOMMENDATIONS_HEADING = re.compile(r"\brecommendations?\b", re.IGNORECASE)
CONCLUSIONS_HEADING = re.compile(r"\bconclu(?:sions?|ding)\b", re.IGNORECASE)

# An operative measure in a recommendations section or a general recommendation: the text
# says what someone is to do. "Personnel ... should be provided with function-specific
# training", "its interpretation should evolve", "must always be assessed as a whole",
# "States parties are obliged to guarantee", "have an obligation to ensure".
DEONTIC = re.compile(
    r"\b(?:should|must|shall|ought\s+to|need\s+to|needs\s+to"
    r"|(?:is|are)\s+(?:obliged|required|bound)\s+to|(?:has|have)\s+(?:an|the)\s+obligation\s+to"
    r"|(?:has|have)\s+a\s+duty\s+to)\b"
)

# In a general comment "must" and "shall" also state doctrine ("The question of whether an
# assembly is peaceful must be answered with reference to ..."); they make a measure only
# with the duty-bearer as subject: "States parties must ensure", "the police authorities ...
# must be forbidden to express their opinions", "they shall".
DUTY_BEARER_MUST = re.compile(
    r"\b(?:States?(?:\s+part(?:y|ies))?|Governments?|authorities|legislators|they)"
    r"(?:\s+(?:also|further|therefore|always|first|thus|equally))?\s+(?:must|shall)\b"
)
DEONTIC_STRONG = re.compile(
    r"\b(?:should|ought\s+to|(?:is|are)\s+(?:obliged|required|bound)\s+to"
    r"|(?:has|have)\s+(?:an|the)\s+obligation\s+to|(?:has|have)\s+a\s+duty\s+to)\b"
)

# A permissive suggestion addressed to States in a general recommendation: "States parties
# could also encourage ... parajudicial procedures", "States parties may, where appropriate,
# give preference to non-judicial ... procedures".
STATES_MAY = re.compile(
    r"\bStates?(?:\s+part(?:y|ies))?\s+(?:also\s+|further\s+)?(?:could|may|might)\b"
    r"(?!\s+(?:be|have|not)\b)"
)

# The author restating recommendations as their own: "the Special Rapporteur herewith
# reiterates the general recommendations of his mandate", "reaffirms the conclusions and
# recommendations in the thematic report submitted by his predecessor".
REAFFIRMS = re.compile(r"\b(?:reiterates|reaffirms|renews)\b[^.;]{0,80}\brecommendations?\b")

# A recommending paragraph that introduces what follows: "the Special Rapporteur recommends
# that States adopt ... the following definitions, interpretations and understandings".
FOLLOWING = re.compile(r"\b(?:the\s+following|as\s+follows|set\s+out\s+below)\b|:\s*$")
