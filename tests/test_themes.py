"""Tests for the theme vocabulary, the keyword rules and the UPR Info-trained classifier."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from recsearch import themes, themes_model, themes_train

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
NAMES = {entry["name"] for entry in themes.vocabulary()}
RULES = [(entry["name"], rule) for entry in themes.vocabulary() for rule in entry.get("rules", [])]


def test_vocabulary_has_54_upr_info_issues_and_described_finer_themes():
    entries = themes.vocabulary()
    upr = [e for e in entries if e["source"] == "UPR Info"]
    assert len(upr) == 54
    assert len(NAMES) == len(entries)  # names are unique
    assert {e["source"] for e in entries} == {"UPR Info", "recsearch"}
    assert all(e["description"].strip() for e in entries)
    assert all(e.get("rules") and e.get("origin") for e in entries if e["source"] == "recsearch")
    assert {"Racial discrimination", "Detention", "Rights of the Child"} <= NAMES
    upr_names = {e["name"] for e in upr}
    for entry in entries:
        assert set(entry.get("broader", [])) <= upr_names, entry["name"]


@pytest.mark.corpus
def test_vocabulary_spells_upr_info_issues_as_the_exports_do():
    rows = themes_train.read_upr_info(CORPUS)
    in_csv = {label for row in rows for label in row.labels}
    in_vocabulary = {e["name"] for e in themes.vocabulary() if e["source"] == "UPR Info"}
    assert in_csv == in_vocabulary


def test_committed_model_predicts_only_upr_info_issues():
    model = themes.load_model()
    upr = {e["name"] for e in themes.vocabulary() if e["source"] == "UPR Info"}
    assert set(model.labels) == upr
    assert themes.MODEL_PATH.stat().st_size < 5_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ensure that all children are registered at birth", {"Rights of the Child"}),
        ("Abolish the death penalty and commute all death sentences", {"Death penalty"}),
        (
            "Ratify the Convention on the Rights of Persons with Disabilities",
            {"International instruments", "Disabilities"},
        ),
        (
            "Establish a national human rights institution in accordance with the Paris Principles",
            {"NHRI"},
        ),
        ("Step up efforts to combat trafficking in persons", {"Trafficking"}),
        ("Extend a standing invitation to all special procedures", {"Special procedures"}),
        (
            "Adopt a national action plan against racism and racial discrimination",
            {"Racial discrimination"},
        ),
        ("Improve conditions in prisons and reduce overcrowding", {"Detention"}),
    ],
    ids=[
        "birth-registration",
        "death-penalty",
        "crpd",
        "nhri",
        "trafficking",
        "sp",
        "racism",
        "prisons",
    ],
)
def test_classifier_gives_the_obvious_issue(text, expected):
    assert expected <= set(themes.assign_themes([text])[0])


@pytest.mark.parametrize(
    ("text", "body", "theme"),
    [
        ("put an end to racial profiling by the military police", "CERD", "Racial profiling"),
        ("Afro-Colombian communities displaced by the conflict", None, "People of African descent"),
        (
            "the situation of persons of African descent in the labour market",
            "UPR",
            "People of African descent",
        ),
        ("criminalize the dissemination of racist hate speech online", "CERD", "Hate speech"),
        ("register and investigate racially motivated crimes", "CERD", "Hate crimes"),
        (
            "discrimination against Dalits on the basis of caste",
            "CERD",
            "Descent-based discrimination",
        ),
        ("provide statistics disaggregated by ethnicity and sex", "CERD", "Data disaggregation"),
        (
            "adopt special measures for Indigenous Peoples in higher education",
            "CERD",
            "Special measures",
        ),
        ("ensure that Roma children are not placed in special schools", "UPR", "Roma"),
        ("sites for Travellers and Gypsies", None, "Roma"),
        ("the rights of non-citizens to social security", "CERD", "Non-citizens"),
        (
            "reduce statelessness among children born in the country",
            "UPR",
            "Statelessness and nationality",
        ),
        ("xenophobic attacks against foreign shopkeepers", "UPR", "Xenophobia"),
        (
            "rising antisemitism and anti-Muslim sentiment",
            None,
            "Antisemitism and anti-Muslim hatred",
        ),
        (
            "women facing intersecting forms of discrimination",
            "CERD",
            "Intersectional discrimination",
        ),
        (
            "consult indigenous peoples to obtain their free, prior and informed consent",
            "CERD",
            "Free, prior and informed consent",
        ),
        (
            "implement the Durban Declaration and Programme of Action",
            "UPR",
            "Durban Declaration and Programme of Action",
        ),
        (
            "adopt comprehensive anti-discrimination legislation",
            "UPR",
            "Anti-discrimination legislation",
        ),
    ],
    ids=[
        "profiling",
        "afro-x",
        "african-descent",
        "hate-speech",
        "hate-crime",
        "caste",
        "disaggregation",
        "special-measures",
        "roma",
        "travellers",
        "non-citizens",
        "statelessness",
        "xenophobia",
        "antisemitism",
        "intersectional",
        "fpic",
        "ddpa",
        "anti-discrimination-law",
    ],
)
def test_keyword_theme_fires(text, body, theme):
    assigned = themes.assign_themes([text], [body])[0]
    assert theme in assigned
    assert themes.explain(text, body)[theme]  # and says which phrase fired


@pytest.mark.parametrize(
    ("text", "body", "theme"),
    [
        ("the Roman Catholic Church", "UPR", "Roma"),
        ("travellers to the country need visas", "UPR", "Roma"),
        (
            "special measures of protection for children deprived of liberty",
            "CRC",
            "Special measures",
        ),
        ("a stop to searches of homes", "CERD", "Racial profiling"),
        ("the Dalmatian coast", "UPR", "Descent-based discrimination"),
    ],
    ids=["roman", "lowercase-travellers", "crc-special-measures", "stop", "dalmatian"],
)
def test_keyword_theme_does_not_fire(text, body, theme):
    assert theme not in themes.assign_themes([text], [body])[0]


@pytest.mark.parametrize(("theme", "rule"), RULES, ids=[r["pattern"][:40] for _, r in RULES])
def test_every_rule_matches_its_documented_example_and_cue(theme, rule):
    body = (rule.get("bodies") or [None])[0]
    assert theme in themes.assign_themes([rule["example"]], [body])[0]
    assert any(cue in rule["example"].lower() for cue in rule["cues"])


@pytest.mark.corpus
def test_every_rule_match_in_upr_info_contains_a_cue():
    # The cues skip the regex when absent, so a match without one would be lost.
    texts = [row.text for row in themes_train.read_upr_info(CORPUS)]
    for theme, rule in RULES:
        flags = 0 if rule.get("case_sensitive") else re.IGNORECASE
        pattern = re.compile(rule["pattern"], flags)
        for text in texts:
            for match in pattern.finditer(text):
                assert any(c in match.group(0).lower() for c in rule["cues"]), (theme, match)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The Committee recommends that the State party adopt a national plan against racism",
            "CERD",
        ),
        ("Continue cooperation with OHCHR", "UPR"),
        ("", None),
        ("12345 ---", None),
        ("Garantizar el registro de todos los niños", None),
    ],
    ids=["cerd", "upr", "empty", "no-words", "spanish"],
)
def test_assigned_themes_are_vocabulary_values_and_explained(text, body):
    assigned = themes.assign_themes([text], [body])[0]
    assert set(assigned) <= NAMES
    why = themes.explain(text, body)
    assert list(why) == assigned
    for theme, evidence in why.items():
        assert evidence, theme
        features = set(themes.analyse(text))
        assert all(e in features or e in text for e in evidence)


@pytest.mark.parametrize(
    ("text", "body", "kept"),
    [
        ("The Committee recommends that the State party", "CERD", False),
        ("the Committee's previous concluding observations", "CEDAW", False),
        ("follow the Committee on the Rights of the Child", "CERD", True),
        ("cooperate with the Committee", "UPR", True),
        ("cooperate with the Committee", None, True),
        ("The Special Rapporteur recommends", "Special Rapporteur on the right to food", False),
        ("the Working Group's visit", "Working Group on Arbitrary Detention", False),
        (
            "invite the Special Rapporteur on torture",
            "Special Rapporteur on the right to food",
            True,
        ),
        ("invite the Special Rapporteur", "CERD", True),
    ],
    ids=[
        "cerd-self",
        "cedaw-possessive",
        "other-committee",
        "upr",
        "no-body",
        "sr-self",
        "wg-possessive",
        "other-mandate",
        "sr-in-cerd",
    ],
)
def test_the_authors_self_reference_is_hidden_from_the_classifier(text, body, kept):
    seen = themes.classifier_text(text, body)
    assert any(w in seen for w in ("Committee", "Special Rapporteur", "Working Group")) is kept


# JSON Lines input may carry any value as "body"; only a string names one.
NOT_A_BODY = [
    ("number", 5),
    ("list-of-code", ["CERD"]),
    ("object", {"code": "CERD"}),
    ("true", True),
]


@pytest.mark.parametrize("body", [row[1] for row in NOT_A_BODY], ids=[row[0] for row in NOT_A_BODY])
def test_a_non_string_body_is_no_body(body):
    # "Special measures" fires for CERD and CEDAW texts only; "the Committee" is hidden from
    # the classifier only when a committee is the author.
    text = (
        "The Committee asks the State to adopt special measures to ensure the advancement of Roma"
    )
    assert "Special measures" in themes.assign_themes([text], ["CERD"])[0]
    assigned = themes.assign_themes([text], [body])[0]
    assert assigned == themes.assign_themes([text], [None])[0]
    assert "Special measures" not in assigned
    assert themes.classifier_text(text, body) == text
    assert themes.explain(text, body) == themes.explain(text, None)


def test_bodies_must_match_texts():
    with pytest.raises(ValueError, match="differ in length"):
        themes.assign_themes(["a", "b"], ["CERD"])


# Invented recommendations, enough for two sessions of training and one of validation.
SMALL = [
    ("Abolish the death penalty", ("Death penalty",)),
    (
        "Establish a moratorium on executions with a view to abolishing the death penalty",
        ("Death penalty",),
    ),
    ("Ensure birth registration of all children", ("Rights of the Child",)),
    (
        "Prohibit corporal punishment of children in all settings",
        ("Rights of the Child", "Torture and other CID treatment"),
    ),
    (
        "Ratify the Convention against Torture",
        ("International instruments", "Torture and other CID treatment"),
    ),
    (
        "Ratify the Optional Protocol to the Convention on the Rights of the Child",
        ("International instruments", "Rights of the Child"),
    ),
]


def small_rows() -> list[themes_train.LabelledRow]:
    return [
        themes_train.LabelledRow(f"{text} {suffix}", labels, session)
        for session, suffix in [(1, "now"), (2, "promptly"), (3, "soon")]
        for text, labels in SMALL
    ]


def test_training_is_deterministic_and_survives_a_save(tmp_path):
    first = themes_train.train(small_rows(), validation_sessions=(3,)).model
    second = themes_train.train(small_rows(), validation_sessions=(3,)).model
    assert first.terms == second.terms
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.thresholds, second.thresholds)
    first.save(tmp_path / "m.npz")
    loaded = themes.LinearModel.load(tmp_path / "m.npz")
    texts = ["abolish the death penalty", "birth registration of children"]
    assert np.array_equal(loaded.scores(texts), first.scores(texts))
    assert themes.assign_themes(texts, model=loaded) == themes.assign_themes(texts, model=first)
    assert "Death penalty" in themes.assign_themes(texts, model=loaded)[0]


@pytest.mark.corpus
def test_training_on_a_corpus_slice_is_deterministic():
    rows = [r for r in themes_train.read_upr_info(CORPUS) if r.session in (10, 11)]
    runs = [themes_train.train(rows, validation_sessions=(11,)).model for _ in range(2)]
    assert np.array_equal(runs[0].weights, runs[1].weights)
    assert np.array_equal(runs[0].thresholds, runs[1].thresholds)
    assert runs[0].meta["train_sessions"] == [10]


def test_read_upr_info_decodes_macroman_cr_and_multi_valued_issues(tmp_path):
    folder = tmp_path / "upr"
    folder.mkdir()
    csv_text = (
        "To,Text,From,Response,Action,Issue,Session\r"
        'Chile,"Protect the rights of the Mapuche, including their land\rrights",Peru,'
        'Accepted,4,"Indigenous peoples,Right to land",18\r'
        "France,Adopt measures against caf\u00e9 owners' discrimination,Chad,Noted,3,"
        "Racial discrimination,19\r"
        "Mali,No issue given,Togo,Noted,3,,19\r"
    )
    (folder / "UPRInfo_recommendations_sessions_18-19.csv").write_bytes(
        csv_text.encode("mac_roman")
    )
    rows = themes_train.read_upr_info(tmp_path)
    assert rows == [
        themes_train.LabelledRow(
            "Protect the rights of the Mapuche, including their land rights",
            ("Indigenous peoples", "Right to land"),
            18,
        ),
        themes_train.LabelledRow(
            "Adopt measures against caf\u00e9 owners' discrimination",
            ("Racial discrimination",),
            19,
        ),
    ]


def test_python_m_recsearch_themes_train_still_runs_the_command(tmp_path):
    # docs/themes.md tells users to train with "python -m recsearch.themes train CORPUS".
    out = subprocess.run(
        [sys.executable, "-m", "recsearch.themes", "train", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    assert "UPRInfo_recommendations_sessions" in out.stderr


def test_train_command_reports_a_missing_corpus(tmp_path, capsys):
    assert themes_train.main(["train", str(tmp_path), "--output", str(tmp_path / "m.npz")]) == 1
    assert "UPRInfo_recommendations_sessions" in capsys.readouterr().err
    assert not (tmp_path / "m.npz").exists()


def test_docs_list_every_theme_and_rule():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "themes.md").read_text(encoding="utf-8")
    for entry in themes.vocabulary():
        assert f"| {entry['name']} |" in doc or f"### {entry['name']}\n" in doc, entry["name"]
    for _, rule in RULES:
        assert rule["pattern"].replace("|", "\\|") in doc, rule["pattern"]


@pytest.mark.parametrize("budget", [1, 7, 50_000], ids=["each-text", "some-texts", "one-batch"])
def test_batched_scores_equal_one_by_one(monkeypatch, budget):
    monkeypatch.setattr(themes_model, "_FEATURE_BUDGET", budget)
    model = themes.load_model()
    texts = [
        "Abolish the death penalty",
        "",
        "zzzz qqqq",  # no known term: bias only
        "Ensure that all children are registered at birth and have access to education",
        "Guarantee the rights of Roma, including to housing and health care",
    ]
    batch = model.scores(texts)
    alone = np.vstack([model.scores([t]) for t in texts])
    assert np.allclose(batch, alone, rtol=0, atol=1e-12)
    assert np.array_equal(batch[1], model.bias)


def test_train_command_reports_a_missing_validation_session(tmp_path, capsys):
    folder = tmp_path / "upr"
    folder.mkdir()
    (folder / "UPRInfo_recommendations_sessions_1-1.csv").write_bytes(
        b"To,Text,From,Response,Action,Issue,Session\rMali,Abolish the death penalty,Togo,"
        b"Noted,3,Death penalty,1\r"
    )
    assert themes_train.main(["train", str(tmp_path), "--output", str(tmp_path / "m.npz")]) == 1
    assert "validation" in capsys.readouterr().err
