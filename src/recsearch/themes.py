"""Themes: assign values of the project's theme vocabulary to a paragraph, and say why.

Two mechanisms, both described in ``data/themes.json`` and docs/themes.md:

- the 54 UPR Info issue categories come from a supervised linear classifier
  (TF-IDF of word 1-2 grams, one linear SVM per category, per-category
  thresholds tuned on a held-out UPR session), trained on UPR Info's human
  coding by ``python -m recsearch.themes train CORPUS`` (themes_train.py) and
  stored as plain arrays in ``data/themes_model.npz`` (themes_model.py);
- finer themes for CERD's work (racial profiling, hate speech, ...) come from
  the transparent keyword rules listed with them in the vocabulary file.

Inference needs numpy only; scikit-learn is imported by training alone.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from recsearch.themes_model import (
    DATA_DIR,
    MODEL_PATH,
    LinearModel,
    ThemeModelMissing,
    analyse,
    load_model,
)

# The classifier's pieces are part of this module's interface: callers score, explain and
# load through here.
__all__ = [
    "MODEL_PATH",
    "LinearModel",
    "Rule",
    "ThemeModelMissing",
    "analyse",
    "assign_themes",
    "classifier_text",
    "explain",
    "load_model",
    "vocabulary",
]

VOCABULARY_PATH = DATA_DIR / "themes.json"
EXPLAIN_TOP = 5
# Function words do carry weight in the model ("by" leans towards state agents), but a
# reader learns nothing from them, so explanations skip terms made only of these.
_FUNCTION_WORDS = frozenset(
    "a an and are as at be by for from has have in is its it of on or that the their this "  # noqa: SIM905
    "to with all any".split()
)

# In UPR recommendations "Committee" signals the "Treaty bodies" category; in a
# treaty body's own paragraphs "the Committee recommends" is the author speaking,
# so that self-reference is removed before classification (rules still see it).
TREATY_BODIES = frozenset({"CERD", "CCPR", "CESCR", "CEDAW", "CRC", "CAT", "CMW", "CRPD", "CED"})
_SELF_REFERENCE = re.compile(r"\b(?:the\s+)?Committee(?:['’]s)?\b(?!\s+(?:on|against|for)\b)", re.I)
# Likewise a special procedure's report ("the Special Rapporteur recommends") would read
# as the "Special procedures" category; its body is the mandate ("Special Rapporteur on ...").
MANDATE_PREFIXES = ("SPECIAL RAPPORTEUR", "INDEPENDENT EXPERT", "WORKING GROUP ON")
_MANDATE_SELF_REFERENCE = re.compile(
    r"\b(?:the\s+)?(?:Special\s+Rapporteur|Independent\s+Expert|Working\s+Group)(?:['’]s)?\b"
    r"(?!\s+on\b)",
    re.I,
)


def _body_code(body: object) -> str:
    # Bodies arrive from JSON Lines input, so anything may turn up: only a string names one.
    return body.strip().upper() if isinstance(body, str) else ""


@dataclass(frozen=True)
class Rule:
    """One keyword rule of a finer theme."""

    theme: str
    pattern: re.Pattern[str]
    bodies: frozenset[str] | None
    cues: tuple[str, ...]  # one of these occurs in any match; a cheap test before the regex

    def applies(self, body: str | None) -> bool:
        """Say whether the rule is in force for a text from ``body``."""
        return self.bodies is None or _body_code(body) in self.bodies


@lru_cache(maxsize=1)
def _vocabulary_file() -> dict[str, Any]:
    return json.loads(VOCABULARY_PATH.read_text(encoding="utf-8"))


def vocabulary() -> list[dict]:
    """Return the vocabulary entries (name, description, source, and rules for finer themes)."""
    return copy.deepcopy(_vocabulary_file()["themes"])


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    rules = []
    for entry in _vocabulary_file()["themes"]:
        for spec in entry.get("rules", []):
            flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
            bodies = spec.get("bodies")
            rules.append(
                Rule(
                    theme=entry["name"],
                    pattern=re.compile(spec["pattern"], flags),
                    bodies=frozenset(b.upper() for b in bodies) if bodies else None,
                    cues=tuple(spec["cues"]),
                )
            )
    return tuple(rules)


@lru_cache(maxsize=1)
def _all_cues() -> frozenset[str]:
    return frozenset(cue for rule in _rules() for cue in rule.cues)


def classifier_text(text: str, body: str | None = None) -> str:
    """Return ``text`` as the classifier sees it: the author's references to itself removed."""
    code = _body_code(body)
    if code in TREATY_BODIES:
        return _SELF_REFERENCE.sub(" ", text)
    if code.startswith(MANDATE_PREFIXES):
        return _MANDATE_SELF_REFERENCE.sub(" ", text)
    return text


def _classified(model: LinearModel, scores: np.ndarray) -> list[list[str]]:
    out = []
    for row in scores:
        margin = row - model.thresholds
        picked = np.flatnonzero(margin > 0)
        out.append([model.labels[j] for j in picked[np.argsort(-margin[picked], kind="stable")]])
    return out


def _rule_matches(text: str, body: str | None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    lowered = text.lower()
    present = {cue for cue in _all_cues() if cue in lowered}
    for rule in _rules():
        if present.isdisjoint(rule.cues) or not rule.applies(body):
            continue
        for match in rule.pattern.finditer(text):
            phrases = found.setdefault(rule.theme, [])
            if match.group(0) not in phrases:
                phrases.append(match.group(0))
    return found


def assign_themes(
    texts: list[str], bodies: list[str | None] | None = None, model: LinearModel | None = None
) -> list[list[str]]:
    """Return each text's themes: classifier labels, most confident first, then rule themes."""
    model = model or load_model()
    bodies = bodies if bodies is not None else [None] * len(texts)
    if len(bodies) != len(texts):
        raise ValueError("assign_themes: texts and bodies differ in length")
    texts = [t if isinstance(t, str) else "" for t in texts]
    seen = [classifier_text(t, b) for t, b in zip(texts, bodies, strict=True)]
    result = _classified(model, model.scores(seen))
    for themes, text, body in zip(result, texts, bodies, strict=True):
        themes.extend(t for t in _rule_matches(text, body) if t not in themes)
    return result


def explain(
    text: str, body: str | None = None, model: LinearModel | None = None
) -> dict[str, list[str]]:
    """Return, per assigned theme, the terms that weighed most or the phrases a rule matched."""
    model = model or load_model()
    text = text if isinstance(text, str) else ""
    seen = classifier_text(text, body)
    ids, values = model.features(seen)
    why: dict[str, list[str]] = {}
    for label in _classified(model, model.scores([seen]))[0]:
        contrib = model.weights[ids, model.labels.index(label)] * values
        terms = [
            model.terms[ids[k]]
            for k in np.argsort(-contrib, kind="stable")
            if contrib[k] > 0 and not set(model.terms[ids[k]].split()) <= _FUNCTION_WORDS
        ]
        why[label] = terms[:EXPLAIN_TOP]
    for theme, phrases in _rule_matches(text, body).items():
        why.setdefault(theme, phrases)
    return why


if __name__ == "__main__":
    # ``python -m recsearch.themes train CORPUS``: the command lives with the training code.
    from recsearch.themes_train import main

    sys.exit(main())
