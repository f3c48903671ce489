"""Regression gates on the hand-labelled gold data in ../shared/gold (the dev sets).

These run the same code as the eval scripts under eval/ and fail when a change drops a
score below the issue's target (tags) or below what the pipeline reaches today (structure).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside the repo"),
]


def load_eval(name: str) -> ModuleType:
    """Import eval/<name>.py (a script folder, not a package)."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", REPO / "eval" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tag_scores() -> dict[str, Any]:
    tags = load_eval("tags")
    items = [json.loads(line) for line in (GOLD / "tags-dev.jsonl").read_text().splitlines()]
    scores, _misses = tags.score(items)
    return dict(scores)


@pytest.mark.parametrize("field", ["articles", "general_recommendations", "gnr", "cites"])
def test_tag_precision_and_recall_reach_the_target(tag_scores: dict[str, Any], field: str) -> None:
    assert tag_scores[field]["precision"] >= 0.95, tag_scores[field]
    assert tag_scores[field]["recall"] >= 0.95, tag_scores[field]


def test_kind_accuracy_reaches_the_target(tag_scores: dict[str, Any]) -> None:
    assert tag_scores["kind"]["accuracy"] >= 0.95, tag_scores["kind"]


@pytest.fixture(scope="module")
def structure() -> list[dict[str, Any]]:
    module = load_eval("structure")
    gold = json.loads((GOLD / "structure-dev.json").read_text("utf-8"))
    return [module.check_document(entry, CORPUS) for entry in gold]


def test_every_gold_document_has_its_paragraph_count_within_two_percent(
    structure: list[dict[str, Any]],
) -> None:
    wrong = {r["source"]: r["paragraphs"] for r in structure if not r["paragraphs"]["ok"]}
    assert not wrong


@pytest.mark.parametrize("field", ["doc_type", "country", "year"])
def test_document_metadata_matches_the_gold(structure: list[dict[str, Any]], field: str) -> None:
    wrong = {r["source"]: r["metadata"][field] for r in structure if not r["metadata"][field]["ok"]}
    assert not wrong


def test_structural_recommendation_counts_are_exact(structure: list[dict[str, Any]]) -> None:
    wrong = {
        r["source"]: r["recommendations"]
        for r in structure
        if r["recommendations"]["exact_rule"] and not r["recommendations"]["ok"]
    }
    assert not wrong


def test_sampled_paragraphs_have_number_kind_page_and_states(
    structure: list[dict[str, Any]],
) -> None:
    samples = [s for r in structure for s in r["samples"]]
    right = sum(s["ok"] for s in samples)
    assert right / len(samples) >= 0.95, [s for s in samples if not s["ok"]]
