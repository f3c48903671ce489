"""Engine-neutral analysis rules: tokens, folding, plurals, symbols in queries, snippets."""

from __future__ import annotations

import pytest

from recsearch.analysis import (
    MAX_TOKEN_CHARS,
    find_symbols,
    fold,
    make_snippet,
    normalize_symbol,
    stem,
    token_spans,
    tokens,
    word_forms,
)

TOKENS = [
    ("Türkiye", ["turkiye"]),
    ("non-discrimination", ["non", "discrimination"]),
    ("CERD/C/BRA/CO/18-20", ["cerd", "c", "bra", "co", "18", "20"]),
    ("snake_case", ["snake", "case"]),
    ("Straße Ærø", ["strasse", "aero"]),
    ("Côte d’Ivoire", ["cote", "d", "ivoire"]),
    ("x" * (MAX_TOKEN_CHARS + 1) + " kept", ["kept"]),
    ("art. 5 (e) (v)", ["art", "5", "e", "v"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS, ids=[t[0][:20] or "empty" for t in TOKENS])
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_fold_keeps_non_latin_letters() -> None:
    assert fold("Ελλάδα") == "ελλαδα"


FORMS = [
    ("women", ["women", "woman"]),
    ("Woman", ["Woman", "women"]),
    ("children", ["children", "child"]),
    ("people", ["people", "person"]),
    ("discrimination", ["discrimination"]),
]


@pytest.mark.parametrize(("word", "forms"), FORMS, ids=[f[0] for f in FORMS])
def test_word_forms(word: str, forms: list[str]) -> None:
    assert word_forms(word) == forms


SYMBOLS = [
    ("CERD/C/BRA/CO/18-20", [("CERD/C/BRA/CO/18-20", None)]),
    ("cerd/c/bra/co/18-20 racial profiling", [("CERD/C/BRA/CO/18-20", None)]),
    ("CERD / C / BRA / CO / 18-20", [("CERD/C/BRA/CO/18-20", None)]),
    ("A/HRC/21/11, para. 119.3", [("A/HRC/21/11", "119.3")]),
    ("CERD/C/USA/CO/6 paras. 14-15", [("CERD/C/USA/CO/6", "14")]),
    ("E/C.12/GC/20 paragraph 8", [("E/C.12/GC/20", "8")]),
    ("A/HRC/8/27/Add.1", [("A/HRC/8/27/ADD.1", None)]),
    ("and/or/not", []),
    ("1/2/2012", []),
    ("see A/60/18.", [("A/60/18", None)]),
]


@pytest.mark.parametrize(("text", "found"), SYMBOLS, ids=[s[0] for s in SYMBOLS])
def test_find_symbols(text: str, found: list[tuple[str, str | None]]) -> None:
    assert [(sym, num) for _s, _e, sym, num in find_symbols(text)] == found


def test_normalize_symbol() -> None:
    assert normalize_symbol(" cerd/c/bra/co/18-20. ") == "CERD/C/BRA/CO/18-20"


def test_snippet_escapes_and_marks() -> None:
    text = 'The <script>alert("x")</script> & the police.'
    assert make_snippet(text, lambda tok: tok == "police") == (
        "The &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the <mark>police</mark>."
    )


def test_snippet_centres_on_the_matches_in_a_long_text() -> None:
    text = "Opening words. " * 40 + "Racial profiling by police persists. " + "Closing. " * 40
    snippet = make_snippet(text, lambda tok: tok in {"profiling", "police"}, width=120)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>profiling</mark> by <mark>police</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 120 + 40


def test_snippet_without_matches_is_the_opening() -> None:
    text = "First sentence. " + "more " * 100
    assert make_snippet(text, lambda tok: False, width=60).startswith("First sentence.")


# (folded word, stem): the stems every index holds (Snowball 3 English). The first rows are
# where the older Snowball English of rule 1 (Whoosh's) stemmed otherwise: it joined
# "international" and "internal" as "intern", "organization" and "organ", "emergency" and
# "emerge", "added" and "ad".
STEMS = [
    ("international", "internat"),
    ("internal", "internal"),
    ("organization", "organiz"),
    ("organ", "organ"),
    ("emergency", "emergenc"),
    ("added", "add"),
    ("evening", "evening"),
    ("discrimination", "discrimin"),
    ("discriminate", "discrimin"),
    ("women", "women"),
    ("turkiye", "turkiy"),
]


@pytest.mark.parametrize(("word", "stemmed"), STEMS, ids=[s[0] for s in STEMS])
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


# (text, matching folded tokens, width): long and short texts, matches at either end.
SPANS = [
    ("Racial profiling by police persists; Police said so.", {"police"}, 250),
    ("Opening words. " * 40 + "Racial profiling by police. " + "Closing. " * 40, {"police"}, 120),
    ("Nothing & <matches> here. " * 20, set(), 80),
    ("Türkiye and TÜRKIYE: " + "x " * 200, {"turkiye"}, 60),
]


@pytest.mark.parametrize(
    ("text", "wanted", "width"), SPANS, ids=["short", "long", "none", "folded"]
)
def test_snippet_from_spans_equals_snippet_from_predicate(
    text: str, wanted: set[str], width: int
) -> None:
    spans = [(s, e) for s, e, tok in token_spans(text) if tok in wanted]
    assert make_snippet(text, width=width, spans=spans) == make_snippet(
        text, lambda tok: tok in wanted, width
    )
    assert ("<mark>" in make_snippet(text, width=width, spans=spans)) == bool(wanted)
