"""detect_title on invented first pages, one row per form of title block."""

from __future__ import annotations

import pytest

from recsearch.masthead import find_symbol
from recsearch.titles import detect_title

# A text-layer masthead: blocks separated by blank lines, as pdftotext prints them.
MASTHEAD = """A/HRC/99/12

United Nations

General Assembly

Distr.: General
3 May 2031
Original: English

Human Rights Council
Ninety-ninth session
{dates}
{agenda}

"""
AGENDA_3 = (
    "Agenda item 3\n"
    "Promotion and protection of all human rights, civil,\n"
    "political, economic, social and cultural rights,\n"
    "including the right to development"
)


def page(body: str, agenda: str = AGENDA_3, dates: str = "1–19 June 2031") -> str:
    """A first page: the masthead above, then body."""
    return MASTHEAD.format(agenda=agenda, dates=dates) + body


CASES = [
    (
        "numbered-heading-after-title",
        page(
            "Freedonia\n"
            "Compilation of information prepared by the Office of the United\n"
            "Nations High Commissioner for Human Rights\n"
            "I. Background\n"
            "1. The present report was prepared pursuant to resolutions 5/1 and 16/21.\n"
        ),
        "Freedonia Compilation of information prepared by the Office of the United Nations "
        "High Commissioner for Human Rights",
    ),
    (
        "lettered-heading-after-title",
        page(
            "Report of the Special Rapporteur on the right to water\n"
            "A. Introduction\n"
            "The Special Rapporteur visited three regions.\n"
        ),
        "Report of the Special Rapporteur on the right to water",
    ),
    (
        "first-paragraph-sentence",
        page(
            "Situation of human rights in Freedonia\n"
            "For reasons beyond his control, the independent expert on Freedonia appointed\n"
            "by the Secretary-General has been unable to carry out his last mission to the\n"
            "country, initially planned for late 2030.\n"
        ),
        "Situation of human rights in Freedonia",
    ),
    (
        "agenda-and-annotations",
        page(
            "Agenda and annotations\nAgenda\n1.\n\nOrganizational and procedural matters.\n",
            agenda="Agenda item 1\nOrganizational and procedural matters",
        ),
        "Agenda and annotations",
    ),
    (
        "addendum-subtitle-after-blank",
        page(
            "Report of the Working Group on the Universal Periodic\n"
            "Review*\n"
            "Spain\n"
            "Addendum\n"
            "\n"
            "Views on conclusions and/or recommendations, voluntary commitments\n"
            "and replies presented by the State under review\n"
            "\n"
            "* The present document was not edited.\n",
            agenda="Agenda item 6\nUniversal periodic review",
        ),
        "Report of the Working Group on the Universal Periodic Review: Spain Addendum "
        "Views on conclusions and/or recommendations, voluntary commitments and replies "
        "presented by the State under review",
    ),
    (
        "corrigendum-paragraph-line",
        page(
            "Situation of human rights in Freedonia\n"
            "Report of the Independent Expert on the situation of human rights\n"
            "in Freedonia\n"
            "Corrigendum\n"
            "Paragraph 27\n"
            "The first sentence should read\n"
        ),
        "Situation of human rights in Freedonia Report of the Independent Expert on the "
        "situation of human rights in Freedonia Corrigendum",
    ),
    (
        "two-agenda-items-two-blocks",
        page(
            "Role of the public service in the promotion of human rights\n"
            "Report of the United Nations High Commissioner for Human Rights\n"
            "Summary\n",
            agenda=(
                "Agenda items 2 and 3\n"
                "Annual report of the United Nations High Commissioner\n"
                "for Human Rights and reports of the Office of the\n"
                "High Commissioner and the Secretary-General\n"
                "\n"
                "Promotion and protection of all human rights, civil, political,\n"
                "economic, social and cultural rights, including the right to\n"
                "development"
            ),
        ),
        "Role of the public service in the promotion of human rights Report of the United "
        "Nations High Commissioner for Human Rights",
    ),
    (
        "one-agenda-item-repeated-as-title",
        page(
            "Promotion and protection of all human rights, civil, political,\n"
            "economic, social and cultural rights, including the right to\n"
            "development\n"
            "Note by the Secretariat\n"
            "1.\n"
            "In its resolution 10/2, the Council requested a report.\n"
        ),
        "Promotion and protection of all human rights, civil, political, economic, social "
        "and cultural rights, including the right to development",
    ),
    (
        "unknown-capital-agenda-after-blank",
        page(
            "ORGANIZATION OF THE WORK OF THE SESSION\n"
            "Report of the United Nations High Commissioner for Human Rights\n"
            "on the situation of human rights in Freedonia*\n"
            "\n"
            "* The annexes are circulated as received.\n",
            agenda="Item 2 of the provisional agenda\n",
        ),
        "Report of the United Nations High Commissioner for Human Rights on the situation "
        "of human rights in Freedonia",
    ),
    (
        "session-dates-month-first",
        page(
            "Report of the Working Group on the Universal Periodic\n"
            "Review*\n"
            "Spain\n"
            "\n"
            "* Not edited.\n",
            agenda="Agenda item 6\nUniversal periodic review",
            dates="June 15–3 July 2031",
        ),
        "Report of the Working Group on the Universal Periodic Review: Spain",
    ),
    (
        "co-rapporteurs-line",
        page(
            "Study on the flow of funds of illicit origin\n"
            "Progress report of the Advisory Committee\n"
            "Ann Example* and Ben Sample** (Co-Rapporteurs)\n"
            "\n"
            "* Ms. Example wrote sections I and II.\n"
        ),
        "Study on the flow of funds of illicit origin Progress report of the Advisory Committee",
    ),
    (
        "comma-continues-with-place-and-dates",
        page(
            "Report of the Expert Mechanism on the\n"
            "Rights of Indigenous Peoples on its eighth session,\n"
            "Geneva, 20-24 July 2031\n"
            "Chair-Rapporteur: Ann Example\n"
        ),
        "Report of the Expert Mechanism on the Rights of Indigenous Peoples on its eighth "
        "session, Geneva, 20-24 July 2031",
    ),
    (
        "date-ending-a-title-line-is-title",
        page(
            "Report on the human rights situation in Freedonia 16\n"
            "November 2030 to 15 February 2031\n"
            "\n"
            "GE.31-04753(E)\n"
        ),
        "Report on the human rights situation in Freedonia 16 November 2030 to 15 February 2031",
    ),
    (
        "mandate-holder-name-line",
        page(
            "Report of the Special Rapporteur on the situation of human\n"
            "rights in Freedonia*\n"
            "Ann B. Example\n"
            "Summary\n"
        ),
        "Report of the Special Rapporteur on the situation of human rights in Freedonia",
    ),
    (
        "capitalised-subtitle-is-not-a-name",
        page("Report of the Special Rapporteur on the right to food\nPreliminary Note\nSummary\n"),
        "Report of the Special Rapporteur on the right to food Preliminary Note",
    ),
    (
        "subsidiary-body-session-masthead",
        "A/HRC/99/WG.2/TF/2\n\nDistr.: General\n24 February 2031\nOriginal: English\n\n"
        "Human Rights Council\nNinety-ninth session\n"
        "Working Group on the Right to Development\nEleventh session\n"
        "High-level task force on the implementation of\nthe right to development\n"
        "Sixth session\nGeneva, 14–22 January 2031\n\n"
        "Report of the high-level task force on the implementation of\n"
        "the right to development on its sixth session\n"
        "Chairperson-Rapporteur: Ann Example\n",
        "Report of the high-level task force on the implementation of the right to "
        "development on its sixth session",
    ),
    (
        "presidential-statement-number-and-opening",
        "United Nations\n\nGeneral Assembly\n\nA/HRC/PRST/99/1\nDistr.: General\n"
        "4 October 2031\nOriginal: English\n\nHuman Rights Council\nNinety-ninth session\n"
        "Agenda item 5\nHuman rights bodies and mechanisms\nStatement by the President\n\n"
        "PRST/99/1.\nReports of the Advisory Committee\n"
        "At the 37th meeting, on 27 September 2031, the President of the Human Rights\n"
        "Council read out the following statement:\n",
        "Reports of the Advisory Committee",
    ),
    (
        "hyphen-wrapped-session-ordinal",
        page(
            "Report of the Human Rights Council on its forty-\n"
            "third session\n"
            "Vice-President and Rapporteur: Ann Example (Spain)\n"
        ),
        "Report of the Human Rights Council on its forty-third session",
    ),
    (
        # pypdf layout text: no empty lines in the masthead, blank lines only on later pages.
        "layout-text-title-in-agenda-block",
        "GE.31-12290\nHuman Rights Council \nNinety-ninth session \nAgenda item 6 \n"
        "Universal Periodic Review \n  Report of the Working Group on the Universal \n"
        "Periodic Review* \n  Spain \n  \n * The annex is circulated as received. \n"
        " United Nations A/HRC/99/10\n \nGeneral Assembly Distr.: General \n"
        "24 March 2031 \n \nOriginal: English \nA/HRC/99/10 \n2  \nContents \n"
        " Paragraphs Page  \n  Introduction.......... 1–4  3 \n\n\n\n\n",
        "Report of the Working Group on the Universal Periodic Review: Spain",
    ),
    (
        "french-masthead",
        "A/HRC/99/32\n\nNations Unies\n\nAssemblée générale\n\nDistr. générale\n"
        "29 janvier 2031\nFrançais\nOriginal : anglais\n\nConseil des droits de l’homme\n"
        "Vingt-cinquième session\nPoints 2 et 3 de l’ordre du jour\n"
        "Rapport annuel du Haut-Commissaire des Nations Unies\naux droits de l’homme\n"
        "Promotion et protection de tous les droits de l’homme\n\n"
        "Séminaire sur les manifestations pacifiques\n"
        "Rapport de la Haut-Commissaire des Nations Unies\naux droits de l’homme\nRésumé\n"
        "Dans sa résolution 22/10, le Conseil a demandé un rapport.\n",
        "Séminaire sur les manifestations pacifiques Rapport de la Haut-Commissaire des "
        "Nations Unies aux droits de l’homme",
    ),
    (
        "spanish-masthead",
        "Naciones Unidas\n\nAsamblea General\n\nA/HRC/99/44/Add.5\nDistr. general\n"
        "18 de junio de 2031\nEspañol únicamente\n\nConsejo de Derechos Humanos\n"
        "99º período de sesiones\n18 junio a 6 de julio de 2031\nTema 3 de la agenda\n"
        "Promoción y protección de todos los derechos humanos\n\n"
        "Observaciones del Estado sobre el informe de la Relatora Especial:\n"
        "Comentarios del Estado*\n\n*\n\nReproducido según lo recibido.\n",
        "Observaciones del Estado sobre el informe de la Relatora Especial: Comentarios del Estado",
    ),
    (
        "french-body-in-session-masthead",
        "GE.31-17088 (F)\nConseil des droits de l’homme \n"
        "Groupe de travail sur l’Examen périodique universel \nSeptième session \n"
        "Genève, 8-19 février 2031 \n  Rapport national présenté conformément au \n"
        "paragraphe 15 a) de l’annexe à la résolution 5/1 \n  Italie \n  \n"
        " * Le présent document n’a pas été revu. \n",
        "Rapport national présenté conformément au paragraphe 15 a) de l’annexe à la "
        "résolution 5/1 Italie",
    ),
    (
        "transmittal-note-without-title",
        page(
            "The High Commissioner for Human Rights has the honour to transmit to the\n"
            "members of the Council the report of the sixteenth meeting of special\n"
            "rapporteurs, which took place in Geneva from 29 June to 3 July 2031.\n",
            agenda="Agenda item 5\n\nHUMAN RIGHTS BODIES AND MECHANISMS",
        ),
        "Report of the sixteenth meeting of special rapporteurs",
    ),
    (
        "note-titled-by-its-agenda-item",
        page(
            "Note by the Secretariat\n"
            "The present note is submitted pursuant to Human Rights Council resolution 7/29,\n"
            "in which the Council requested the Secretary-General to report.\n",
            agenda=(
                "Agenda item 2\n"
                "ANNUAL REPORT OF THE UNITED NATIONS HIGH COMMISSIONER\n"
                "FOR HUMAN RIGHTS AND REPORTS OF THE OFFICE OF THE HIGH\n"
                "COMMISSIONER AND THE SECRETARY-GENERAL"
            ),
        ),
        "ANNUAL REPORT OF THE UNITED NATIONS HIGH COMMISSIONER FOR HUMAN RIGHTS AND REPORTS "
        "OF THE OFFICE OF THE HIGH COMMISSIONER AND THE SECRETARY-GENERAL",
    ),
]


CASES += [
    (
        "communications-report-period-lines",
        page(
            "Communications report of Special Procedures*\n"
            "Communications sent, 1 March to 31 May 2031;\n"
            "Replies received, 1 May to 31 July 2031\n"
            "Joint report by the Special Rapporteur on the right to water; the Working\n"
            "Group on arbitrary detention; the Independent Expert on Freedonia\n"
        ),
        "Communications report of Special Procedures",
    ),
    (
        "summary-record-meeting-line",
        page(
            "Summary record of the 12th meeting\n"
            "Held at the Palais des Nations, Geneva, on 25 September 2031, at 3 p.m.\n"
            "Chairperson:\n"
        ),
        "Summary record of the 12th meeting",
    ),
    (
        "officers-line-with-slash",
        page(
            "Report of the Working Group on the right to water\n"
            "Chairperson/Rapporteur: Ann Example\n"
            "\n"
            "Summary\n"
        ),
        "Report of the Working Group on the right to water",
    ),
    (
        "president-inside-the-title",
        page(
            "Report of the secretariat on the office of the\n"
            "President of the Human Rights Council*\n"
            "\n"
            "* Late submission.\n"
        ),
        "Report of the secretariat on the office of the President of the Human Rights Council",
    ),
    (
        "summary-heading-with-footnote-star",
        page(
            "Report of the United Nations High Commissioner for Human Rights\n"
            "on the situation in Freedonia\n"
            "Summary*\n"
            "On 16 February 2031, the High Commissioner submitted a report.\n"
        ),
        "Report of the United Nations High Commissioner for Human Rights on the situation in "
        "Freedonia",
    ),
    (
        "star-line-between-title-and-country",
        page(
            "Report of the Working Group\non the Universal Periodic Review\n\n*\n\nBhutan\n"
            "\n*\n\nThe annex is circulated as received.\n",
            agenda="Agenda item 6\nUniversal periodic review",
        ),
        "Report of the Working Group on the Universal Periodic Review: Bhutan",
    ),
    (
        "long-title-cut-mid-phrase-goes-on",
        page(
            "Study by the Advisory Committee on the possibility of\n"
            "using funds of illicit origin, including through\n"
            "the establishment of investment funds, while\n"
            "completing the necessary legal procedures, and in\n"
            "accordance with national priorities, with a view to\n"
            "supporting the achievement of the Goals of the 2030\n"
            "Agenda for Sustainable Development, contributing to the\n"
            "promotion of human rights and in accordance with\n"
            "obligations under international human rights law\n"
            "Note by the Secretariat\n"
        ),
        "Study by the Advisory Committee on the possibility of using funds of illicit origin, "
        "including through the establishment of investment funds, while completing the "
        "necessary legal procedures, and in accordance with national priorities, with a view "
        "to supporting the achievement of the Goals of the 2030 Agenda for Sustainable "
        "Development, contributing to the promotion of human rights and in accordance with "
        "obligations under international human rights law",
    ),
    (
        "body-name-above-agenda-line",
        "UNITED\nNATIONS\n\nA\nGeneral Assembly\n\nDistr.\nGENERAL\nA/HRC/99/2\n"
        "3 November 2031\nOriginal: ENGLISH\n\nHUMAN RIGHTS COUNCIL\nAdvisory Committee\n"
        "Agenda item 5\n\nREPORT OF THE ADVISORY COMMITTEE ON ITS FIRST SESSION\n"
        "Geneva, 4-15 August 2031\nRapporteur: Ann Example\n\nGE.31-16666 (E)\n",
        "REPORT OF THE ADVISORY COMMITTEE ON ITS FIRST SESSION",
    ),
    (
        "body-in-session-part-of-a-session",
        "A/HRC/99/WG.3/6\n\nDistr.: General\n27 August 2031\nOriginal: English\n\n"
        "Human Rights Council\nIntergovernmental Working Group\non the effective "
        "implementation of the\nDurban Declaration and Programme of Action\n"
        "Second part of the fifth session\nGeneva, 3-7 September 2031\n\n"
        "Report on the study by the five experts on complementary standards*\n\n"
        "* Circulated in the language of submission only.\n",
        "Report on the study by the five experts on complementary standards",
    ),
    (
        "agenda-name-heading-the-title-block",
        page(
            "Technical assistance and capacity-building\n"
            "Advisory services and technical cooperation in the field of\n"
            "human rights\n"
            "Report of the Secretary-General*\n"
            "\n"
            "* Late submission.\n",
            agenda="Agenda item 10\n",
        ),
        "Technical assistance and capacity-building Advisory services and technical "
        "cooperation in the field of human rights Report of the Secretary-General",
    ),
    (
        "capital-agenda-in-other-words-then-capital-report",
        page(
            "ANNUAL REPORT OF THE UNITED NATIONS HIGH COMMISSIONER\n"
            "FOR HUMAN RIGHTS AND REPORTS OF THE HIGH COMMISSIONER\n"
            "AND THE SECRETARY-GENERAL\n"
            "REPORT OF THE UNITED NATIONS HIGH COMMISSIONER\n"
            "FOR HUMAN RIGHTS ON THE RIGHT TO WATER*\n"
            "\n"
            "* Late submission.\n",
            agenda="Agenda item 2\n",
        ),
        "REPORT OF THE UNITED NATIONS HIGH COMMISSIONER FOR HUMAN RIGHTS ON THE RIGHT TO WATER",
    ),
    (
        "footnote-number-after-a-name",
        page(
            "Report of the independent expert on foreign debt, Ann Example1\n"
            "Summary\n"
            "The present report is the last of the mandate.\n"
            "1 The present report was submitted late.\n"
        ),
        "Report of the independent expert on foreign debt, Ann Example",
    ),
]

CASES += [
    (
        "statement-opening-made",
        page(
            "Statement made by the Office of the High Commissioner for Refugees on the\n"
            "adoption of the report on the universal periodic review of Bhutan\n"
            "The Office of the High Commissioner for Refugees welcomes the adoption of the\n"
            "report on the universal periodic review of Bhutan and its recommendations.\n"
        ),
        "Statement made by the Office of the High Commissioner for Refugees on the adoption "
        "of the report on the universal periodic review of Bhutan",
    ),
    (
        "presidential-statement-number-with-a-space",
        "United Nations\n\nGeneral Assembly\n\nA/HRC/PRST/99/2\nDistr.: General\n"
        "3 October 2031\nOriginal: English\n\nHuman Rights Council\nNinety-ninth session\n"
        "Agenda item 1\nOrganizational and procedural matters\nStatement by the President\n\n"
        "PRST 99/2\nReports of the Advisory Committee\n"
        "At the 42nd meeting, on 26 September 2031, the President of the Human Rights\n"
        "Council made the statement below:\n",
        "Reports of the Advisory Committee",
    ),
    (
        "information-note-in-capitals-above-title",
        page(
            "INFORMATION NOTE BY THE SECRETARIAT\n"
            "Update on the sixth session of the Working Group on the right to water\n"
            "\n"
            "GE.31-16638 (E)\n"
        ),
        "Update on the sixth session of the Working Group on the right to water",
    ),
    (
        "subtitle-printed-twice",
        page(
            "Report of the Special Rapporteur on the situation of human\n"
            "rights in Freedonia: comments by the State\n"
            "Comments by the State*\n"
            "\n"
            "* Issued without formal editing.\n"
        ),
        "Report of the Special Rapporteur on the situation of human rights in Freedonia: "
        "comments by the State",
    ),
    (
        "body-name-block-above-its-report",
        "A/HRC/99/2\n\nDistr.\nGENERAL\n11 September 2031\nOriginal: ENGLISH\n\n"
        "HUMAN RIGHTS COUNCIL\nSub-Commission on the Promotion\nand Protection of Human "
        "Rights\n\nREPORT OF THE SUB-COMMISSION ON THE PROMOTION\nAND PROTECTION OF HUMAN "
        "RIGHTS ON ITS\nFIFTY-EIGHTH SESSION\nGeneva, 7-25 August 2031\n"
        "Rapporteur: Mr. Ann Example\n",
        "REPORT OF THE SUB-COMMISSION ON THE PROMOTION AND PROTECTION OF HUMAN RIGHTS ON ITS "
        "FIFTY-EIGHTH SESSION",
    ),
    (
        "country-under-the-agenda-name",
        page(
            "UNIVERSAL PERIODIC REVIEW\nBhutan**\n\n*\n\nReissued for technical reasons.\n",
            agenda="Agenda item 6\n",
        ),
        "UNIVERSAL PERIODIC REVIEW: Bhutan",
    ),
    (
        "mandate-byline-after-grouped-footnote-marks",
        page(
            "The right to an effective remedy: the case of Freedonia*, **\n"
            "Special Rapporteur on the right to water, Ann Example\n"
            "\n"
            "* A note.\n"
        ),
        "The right to an effective remedy: the case of Freedonia",
    ),
    (
        "stray-token-above-masthead",
        "ope6\n\n" + page("Report of the Special Rapporteur on the right to water\nSummary\n"),
        "Report of the Special Rapporteur on the right to water",
    ),
]

CASES += [
    (
        "subject-heading-block-above-report",
        page(
            "Right to water\n"
            "\n"
            "Report of the high-level task force on the right to water on its\n"
            "sixth session\n"
            "Chairperson-Rapporteur: Ann Example\n"
        ),
        "Report of the high-level task force on the right to water on its sixth session",
    ),
    (
        "subject-heading-in-capitals-above-report",
        page(
            "RIGHTS OF THE CHILD\n"
            "Report of the United Nations High Commissioner for Human Rights on\n"
            "the protection of children in Freedonia*\n"
            "\n"
            "* Late submission.\n"
        ),
        "Report of the United Nations High Commissioner for Human Rights on the protection "
        "of children in Freedonia",
    ),
]

CASES += [
    (
        "state-report-receipt-date",
        "GE.31-00403 (E)\nCommittee on the Elimination of Racial Discrimination\n"
        "  Information received from Freedonia on follow-up to the\n"
        "concluding observations on its combined tenth to twelfth\nperiodic reports*\n"
        "[Date received: 8 January 2031]\n  \n * Issued without formal editing.\n"
        " United Nations CERD/C/FRE/FCO/10-12\n",
        "Information received from Freedonia on follow-up to the concluding observations on "
        "its combined tenth to twelfth periodic reports",
    ),
    (
        "publisher-web-address",
        " \n \nPromoting and strengthening\nthe Universal Periodic Review\n"
        "http://www.example.org\n \n \n1\n",
        "Promoting and strengthening the Universal Periodic Review",
    ),
    (
        "decision-preamble-subject",
        "GE.31-11154 (E)\nHuman Rights Council\nNinety-ninth session\n16 June–8 July 2031\n"
        "Agenda item 6\nUniversal periodic review\n"
        " 99/112. Outcome of the universal periodic review: Freedonia\n"
        " The Human Rights Council,\n"
        " Acting in compliance with the mandate entrusted to it by the General Assembly,\n",
        "99/112. Outcome of the universal periodic review: Freedonia",
    ),
]

# Session lines as text layers print them; each must be read as masthead, not title.
MANGLED_MASTHEAD = [
    ("en-dash-ordinal", "Ninety–ninth session"),
    ("hyphen-before-session", "Ninety-ninth-session"),
    ("session-twice", "Ninety-ninth session session"),
    ("session-without-its-word", "Ninety-ninth"),
    ("footnote-numbers-after-session", "Ninety-ninth special session12"),
    ("glued-to-the-organ", "Human Rights CouncilNinety-ninth session"),
    ("month-and-year", "Ninety-ninth session\nJune 2031"),
    ("misspelt-month", "Ninety-ninth session\n23 Februray 2031"),
    ("translation", "Unofficial translation\n41st period of sessions"),
    ("french-month-and-year", "Ninety-ninth session\njuin 2031"),
]


@pytest.mark.parametrize(
    "session", [m[1] for m in MANGLED_MASTHEAD], ids=[m[0] for m in MANGLED_MASTHEAD]
)
def test_mangled_masthead_lines(session: str) -> None:
    text = page("Report of the Special Rapporteur on the right to water\nSummary\n")
    text = text.replace("Human Rights Council\nNinety-ninth session", session)
    assert detect_title(text, find_symbol(text)) == (
        "Report of the Special Rapporteur on the right to water"
    )


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detect_title(text: str, want: str) -> None:
    assert detect_title(text, find_symbol(text)) == want
