"""Special-procedure bodies: the mandate's short name, from the cover, the subject or mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsearch.metadata import MANDATES, detect_metadata, special_procedure_body

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

TORTURE_BODY = (
    "In 2019, the Special Rapporteur transmitted 114 communications on behalf of individuals "
    "exposed to torture. Psychological torture is torture. The prohibition of torture is "
    "absolute, and torture survivors need redress; torture is never justified. "
)


@pytest.mark.parametrize(
    ("title", "text", "body"),
    [
        ("Report of the Special Rapporteur on torture and other cruel, inhuman or degrading "
         "treatment or punishment", "", "Special Rapporteur on torture"),
        ("", "Note by the Secretary-General\nReport of the Special Rapporteur of the Commission "
         "on Human Rights on the question of torture, Sir Nigel Rodley",
         "Special Rapporteur on torture"),
        ("Report of the Special Rapporteur on the right of everyone to the enjoyment of the "
         "highest attainable standard of physical and mental health",
         "", "Special Rapporteur on the right to health"),
        ("Report of the Special Rapporteur on the right of everyone to the highest attainable "
         "standard of physical and mental health, Paul Hunt",
         "", "Special Rapporteur on the right to health"),
        ("Report of the Special Rapporteur on the right to education", "",
         "Special Rapporteur on the right to education"),
        ("Report of the Special Rapporteur on contemporary forms of racism, racial "
         "discrimination, xenophobia and related intolerance", "", "Special Rapporteur on racism"),
        ("Report of the Working Group of Experts on People of African Descent on its "
         "twenty-fifth session", "", "Working Group of Experts on People of African Descent"),
        ("Report of the Working Group on the Right to Development on its twentieth session", "",
         "Working Group on the Right to Development"),
        ("Report of the Special Rapporteur on the issue of human rights obligations relating to "
         "the enjoyment of a safe, clean, healthy and sustainable environment", "",
         "Special Rapporteur on the environment"),
        ("Report of the Special Rapporteur on the situation of human rights in Belarus", "",
         "Special Rapporteur on the situation of human rights in Belarus"),
        ("", TORTURE_BODY, "Special Rapporteur on torture"),
        ("", TORTURE_BODY + "He acted jointly with the Special Rapporteur on the independence "
         "of judges and lawyers.", "Special Rapporteur on torture"),
        ("", "The Special Rapporteur on the question of torture visited clinics where health "
         "workers, health systems and health budgets failed detainees; torture and ill-treatment "
         "in health care (torture, torture, torture) harm health.",
         "Special Rapporteur on torture"),
        ("", "The present report was prepared pursuant to resolution 34/19.", None),
    ],
    ids=["title-long-torture", "cover-commission-era", "health-enjoyment-form",
         "health-short-form", "education", "racism", "working-group-of-experts",
         "development-not-cut-at-to", "environment-not-cut-at-comma",
         "country-mandate-outside-table", "no-mandate-named-subject-decides",
         "passing-mention-loses-to-subject", "subject-not-dominant-mentions-decide", "nothing"],
)  # fmt: skip
def test_special_procedure_body(title: str, text: str, body: str | None) -> None:
    assert special_procedure_body(title, text) == body


def test_every_mandate_short_name_is_unique_and_holder_led() -> None:
    names = [short for short, _, _ in MANDATES]
    assert len(names) == len(set(names))
    assert all(n.startswith(("Special Rapporteur", "Independent Expert", "Working Group"))
               for n in names)  # fmt: skip


def test_a_report_cover_gives_the_mandate_as_body() -> None:
    page = (
        "United Nations A/HRC/43/49\nGeneral Assembly\nDistr.: General\n14 February 2020\n"
        "Human Rights Council\nForty-third session\n"
        "Report of the Special Rapporteur on torture and other cruel, inhuman or degrading "
        "treatment or punishment\n"
    )
    doc = detect_metadata(page, "sp/A_HRC_43_49.pdf", fmt="pdf")
    assert doc.doc_type == "special-procedure-report"
    assert doc.body == "Special Rapporteur on torture"


@pytest.mark.corpus
def test_every_corpus_special_procedure_report_gets_a_table_mandate() -> None:
    from recsearch.parse import parse_file

    folder = CORPUS / "special-procedures"
    if not folder.exists():
        pytest.skip("corpus not available")
    table = {short for short, _, _ in MANDATES}
    for path in sorted(folder.glob("*.json"))[::6]:
        out = parse_file(path, CORPUS)
        assert out.document is not None, path.name
        assert out.document.doc_type == "special-procedure-report", path.name
        assert out.document.body in table, (path.name, out.document.body)


def test_a_lower_case_upr_working_group_cover_is_a_upr_report() -> None:
    page = (
        "United Nations A/HRC/39/13\nGeneral Assembly\nHuman Rights Council\n"
        "Report of the Working Group on the universal periodic review*\nRussian Federation\n"
    )
    doc = detect_metadata(page, "upr/A_HRC_39_13.pdf", fmt="pdf")
    assert doc.doc_type == "upr-report"
    assert doc.body == "UPR Working Group"
