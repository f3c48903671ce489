"""Recommendation or observation: whether a paragraph's author recommends, urges, calls
upon ..., or reports and observes."""

from __future__ import annotations

from recsearch import tag_kind_patterns as K
from recsearch import tag_patterns as P


def find_kind(text: str, body: str | None = None) -> str:
    """ "recommendation" when the author recommends, urges, calls upon ...; else "observation"."""
    return "recommendation" if _recommends(text, body) else "observation"


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding pos begins, judged from the text before pos only."""
    ends = [e.end() for e in P.SENTENCE_END.finditer(text, 0, pos)]
    return ends[-1] if ends else 0


def _recommends(text: str, body: str | None) -> bool:
    quoted = [(q.start(), q.end()) for q in K.QUOTED.finditer(text)] if "“" in text else []

    def in_quote(pos: int) -> bool:
        return any(a < pos < b for a, b in quoted)

    # Substring tests are far cheaper than the patterns, and most observations fail them.
    verbs = any(stem in text for stem in K.REC_STEMS)
    for m in K.REC_VERB.finditer(text) if verbs else ():
        if in_quote(m.start()):
            continue
        if m.group("cap"):
            if K.REPORT_OUTLINE.search(text, 0, m.start()):
                continue
            return True
        if K.REC_VERB_REPORTED.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        sentence = _sentence_start(text, m.start())
        if K.AUTHOR.search(text, sentence, m.start()) or K.OPERATIVE_SENTENCE.match(text, sentence):
            return True
        opening = K.OPENING_ADVERBS.match(text, sentence)
        if opening and opening.end() == m.start():
            return True
    if (verbs and K.REC_BASE.search(text)) or ("should" in text and K.REC_SHOULD.search(text)):
        return True
    for m in K.REC_BASE_AND.finditer(text) if verbs else ():
        if K.WE_SENTENCE.match(text, _sentence_start(text, m.start())):
            return True
    for m in K.REC_PASSIVE.finditer(text) if verbs else ():
        if in_quote(m.start()):
            continue
        sentence = _sentence_start(text, m.start())
        if K.REPORTED_SOURCE.match(text, sentence, m.start()):
            continue
        if not K.RELATIVE_BEFORE.search(text, max(sentence, m.start() - 80), m.start()):
            return True
    # Only in UPR reports is a past "recommended that" the making of a recommendation (the
    # interactive dialogue); elsewhere it reports one ("the Committee ..., which recommended").
    if body == "UPR" and ("recommended" in text or "rged" in text or "alled" in text):
        if K.UPR_IT_WAS_RECOMMENDED.search(text):
            return True
        for m in K.REC_PAST.finditer(text):
            if not K.REC_PAST_REPORTED.search(text[max(0, m.start() - 30) : m.start()]):
                return True
    if body == "UPR" and (
        ((states := K.UPR_STATES.search(text)) and K.COUNTRY_NAME.search(states.group("inner")))
        or K.UPR_THAT.match(text)
        or K.UPR_NOMINAL.match(text)
    ):
        return True
    if K.ACTION_ITEM.match(text):
        return False
    lead = K.LEAD_NUMBER.match(text)
    if lead and K.NOUN_COMPOUND_NEXT.match(text, lead.end()):
        lead = None
    if lead and (
        K.imperative(lead.group("word"))
        or (lead.group("word") == "Further" and K.FURTHER_VERB.match(text, lead.start("word")))
    ):
        # "To ensure that ..., States parties should": a purpose clause, not an instruction.
        return not (lead.group("to") and K.PURPOSE_CLAUSE.match(text))
    if body == "UPR" and (upr := K.UPR_OPENER.match(text)) and K.imperative(upr.group("word")):
        return True
    opener = K.OPENER_IMPERATIVE.match(text)
    return bool(
        opener
        and opener.group("word") in K.IMPERATIVES
        and (body == "UPR" or opener.group("next") in K.OBJECT_WORD)
    )


def document_kinds(
    texts: list[str], sections: list[list[str]], kinds: list[str], doc_type: str
) -> list[str]:
    """The tagger's kinds, corrected by what the whole document shows (its type, its sections).

    In a general recommendation or comment, a paragraph telling States what to do is the
    committee's recommendation ("States parties should ...", "are obliged to ...", "could
    also encourage ..."). In a section headed as recommendations, an operative measure
    ("... should be provided with training"), a restated recommendation, and the items a
    recommending paragraph introduces ("recommends that States adopt the following ...")
    are recommendations. Structural kinds (UPR, concluding observations) are left alone.
    """
    if doc_type in ("upr-report", "upr-recommendations", "concluding-observations"):
        return list(kinds)
    out = list(kinds)
    chapeau_section: list[str] | None = None
    for i, (text, section) in enumerate(zip(texts, sections, strict=True)):
        unquoted = K.QUOTED.sub("", text) if "“" in text else text
        in_recs = _in_recommendations(section)
        measure = False
        if doc_type == "general-recommendation":
            measure = bool(
                K.DEONTIC_STRONG.search(unquoted)
                or K.DUTY_BEARER_MUST.search(unquoted)
                or K.STATES_MAY.search(unquoted)
            )
        elif in_recs:
            measure = chapeau_section == section or bool(
                K.DEONTIC.search(unquoted) or K.REAFFIRMS.search(unquoted)
            )
        if measure:
            out[i] = "recommendation"
        if chapeau_section is not None and chapeau_section != section:
            chapeau_section = None
        if in_recs and kinds[i] == "recommendation" and K.FOLLOWING.search(text):
            chapeau_section = section
    return out


def _in_recommendations(section: list[str]) -> bool:
    """Whether the innermost heading naming conclusions or recommendations names recommendations.

    ["IV. Conclusions and recommendations", "A. Conclusions"] is not; "B. Recommendations" is.
    """
    for heading in reversed(section):
        if K.RECOMMENDATIONS_HEADING.search(heading):
            return True
        if K.CONCLUSIONS_HEADING.search(heading):
            return False
    return False
