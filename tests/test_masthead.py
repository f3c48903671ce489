"""Symbols and masthead lines: find_symbol, masthead_symbol, find_front_symbol, is_furniture."""

from __future__ import annotations

import pytest

from recsearch.masthead import (
    FRONT_MATTER_PAGES,
    find_front_symbol,
    find_symbol,
    is_furniture,
    masthead_symbol,
)

SYMBOL_CASES = [
    ("masthead-line", "A/HRC/99/12\n\nUnited Nations\n\nGeneral Assembly\n", "A/HRC/99/12"),
    ("reissue-star", "A/HRC/99/19*\n\nUnited Nations\n", "A/HRC/99/19"),
    ("new-layout-shared-line", "United Nations A/HRC/99/15\nGeneral Assembly\n", "A/HRC/99/15"),
    ("joint-symbol", "A/HRC/99/3–E/CN.6/2031/9\nUnited Nations\n", "A/HRC/99/3–E/CN.6/2031/9"),
    (
        # The masthead symbol, not the former symbol in the footnote nor the cited addendum.
        "former-symbol-footnote",
        "A/HRC/99/17\n\nReport of the Working Group*\nSpain\n\n"
        "* Previously issued as document A/HRC/WG.6/99/L.15.\n",
        "A/HRC/99/17",
    ),
    (
        "old-layout-distr-block",
        "UNITED\nNATIONS\n\nA\nGeneral Assembly\n\nDistr.\nGENERAL\nA/HRC/9/13\n"
        "4 January 2031\nOriginal: ENGLISH\n",
        "A/HRC/9/13",
    ),
    (
        # With no masthead at all, the first symbol seen is the best guess left.
        "no-masthead-fallback",
        "Annex to the addendum\nResponses to the recommendations in A/HRC/99/3.\n",
        "A/HRC/99/3",
    ),
]


@pytest.mark.parametrize(
    ("text", "want"), [c[1:] for c in SYMBOL_CASES], ids=[c[0] for c in SYMBOL_CASES]
)
def test_find_symbol(text: str, want: str) -> None:
    assert find_symbol(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("A/HRC/99/12\nUnited Nations\n", "A/HRC/99/12"),
        ("The report of the Conference (A/CONF.999/12) lists the reservations.\n", None),
        ("Reports of the Committee\nsee A/HRC/AC/20/2 and A/HRC/AC/21/2.\n", None),
    ],
    ids=["symbol-line", "cited-in-sentence", "cited-in-list"],
)
def test_masthead_symbol_ignores_citations(text: str, want: str | None) -> None:
    assert masthead_symbol(text) == want


COVER = "Declaration and Programme of Action\nWorld Conference\nUnited Nations\nNew York, 2031"
FRONT_CASES = [
    ("symbol-line-on-a-later-page", [COVER, "Contents\nForeword", "A/CONF.999/12\nReport"],
     "A/CONF.999/12"),
    ("running-header-with-page", [COVER, "A/CONF.999/12\nPage 2\nText of the report"],
     "A/CONF.999/12"),
    ("symbol-only-cited", [COVER, "see the report of the Conference (A/CONF.999/12), chap. VII"],
     None),
    ("beyond-the-front-matter", [COVER] * FRONT_MATTER_PAGES + ["A/CONF.999/12"], None),
    ("no-pages", [], None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("pages", "want"), [c[1:] for c in FRONT_CASES], ids=[c[0] for c in FRONT_CASES]
)
def test_find_front_symbol(pages: list[str], want: str | None) -> None:
    assert find_front_symbol(pages) == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("June 15–3 July 2031", True),
        ("15 June 2031–3 July 2031", True),
        ("25 February–22 March 2031", True),
        ("11-29 September 2031", True),
        ("7 September2031", True),
        ("Forty-first session", True),
        ("English/Spanish only", True),
        ("29 janvier 2031", True),
        ("18 junio a 6 de julio de 2031", True),
        ("Vingt-cinquième session", True),
        ("38º período de sesiones", True),
        ("Consejo de Derechos Humanos", True),
        ("November 2030 to 15 February 2031", False),
        ("Report of the Special Rapporteur on the right to food", False),
        ("Situation of human rights in Spain", False),
    ],
    ids=[
        "month-first-range", "full-dates-range", "two-month-range", "day-range",
        "glued-year", "session", "languages", "french-date", "spanish-date-range",
        "french-session", "spanish-session", "spanish-council", "title-tail-date", "title",
        "title-country",
    ],
)  # fmt: skip
def test_is_furniture(line: str, want: bool) -> None:
    assert is_furniture(line, "A/HRC/99/12") is want
