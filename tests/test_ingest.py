"""Ingest: a real on-disk index built from small documents written by the tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recsearch.engine import open_engine
from recsearch.ingest import ingest, load_report, remove


def paragraphs(*texts: str) -> str:
    """A JSON paragraph list, the shape of the corpus's paragraph-segmented exports."""
    return json.dumps([{"ID": f"{i}.", "Labels": [], "Text": t} for i, t in enumerate(texts, 1)])


GR_TEXTS = (
    "General recommendation No. 99 on invented matters. The Committee on the Elimination of "
    "Racial Discrimination recalls its earlier general recommendations.",
    "The Committee recommends that States parties collect data disaggregated by ethnic origin.",
    "The Committee is concerned about racial profiling by the police (arts. 2 and 5).",
)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "gr").mkdir(parents=True)
    (root / "gr" / "gr99.json").write_text(paragraphs(*GR_TEXTS), encoding="utf-8")
    (root / "gr" / "other.json").write_text(
        paragraphs(
            "The Committee urges the State party to adopt a national action plan against racism.",
            "The Committee welcomes the adoption of the law on hate speech.",
        ),
        encoding="utf-8",
    )
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
    return root


def all_records(index_dir: Path) -> dict[str, list[str]]:
    """source -> record texts in document order, read back from the index."""
    eng = open_engine(index_dir)
    try:
        return {src: [r.text for r in eng.source_records(src)] for src in eng.fingerprints()}
    finally:
        eng.close()


def test_ingest_indexes_documents_and_reports_bad_files(docs: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    report = ingest([docs], index, workers=1)
    status = {f.source: f.status for f in report.files}
    assert status == {"gr/gr99.json": "indexed", "gr/other.json": "indexed", "broken.pdf": "failed"}
    failed = report.without_records()
    assert [f.source for f in failed] == ["broken.pdf"]
    reason = failed[0].reason or ""
    assert reason and "\n" not in reason
    stored = all_records(index)
    assert len(stored["gr/gr99.json"]) == 3
    assert stored["gr/gr99.json"][1].startswith("The Committee recommends")
    saved = load_report(index)
    assert saved is not None and saved["summary"]["failed"] == 1  # type: ignore[index]


def test_unchanged_files_are_skipped_and_changed_ones_replaced(docs: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([docs], index, workers=1)
    again = ingest([docs], index, workers=1)
    assert again.count("unchanged") == 2 and again.count("indexed") == 0

    (docs / "gr" / "other.json").write_text(
        paragraphs("The Committee calls upon the State party to repeal the discriminatory decree."),
        encoding="utf-8",
    )
    third = ingest([docs], index, workers=1)
    assert {f.source for f in third.files if f.status == "indexed"} == {"gr/other.json"}
    stored = all_records(index)
    assert stored["gr/other.json"] == [
        "The Committee calls upon the State party to repeal the discriminatory decree."
    ]
    assert len(stored["gr/gr99.json"]) == 3


def test_a_file_that_turns_corrupt_keeps_its_indexed_records(docs: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([docs], index, workers=1)
    (docs / "gr" / "other.json").write_text('[{"ID": "1.", "Text": ', encoding="utf-8")
    report = ingest([docs], index, workers=1)
    assert {f.source: f.status for f in report.files}["gr/other.json"] == "failed"
    assert len(all_records(index)["gr/other.json"]) == 2


def test_interrupted_ingest_leaves_the_previous_index_usable(docs: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([docs / "gr"], index, workers=1)
    before = all_records(index)
    (docs / "gr" / "gr99.json").write_text(paragraphs("Changed text."), encoding="utf-8")

    def progress(total: int):  # type: ignore[no-untyped-def]
        def tick(outcome: object) -> None:
            raise KeyboardInterrupt

        return tick

    report = ingest([docs / "gr"], index, workers=1, progress=progress)
    assert report.interrupted
    assert all_records(index) == before


def test_cache_serves_a_reingested_file_without_parsing(docs: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    ingest([docs / "gr"], index, workers=1)
    assert remove(index, "gr99.json") == ("gr99.json", 3)
    report = ingest([docs / "gr"], index, workers=1)
    redone = {f.source: f for f in report.files}["gr99.json"]
    assert redone.status == "indexed" and redone.cached


def test_document_keys_stay_unique_across_twin_files(tmp_path: Path) -> None:
    root = tmp_path / "twins"
    root.mkdir()
    body = paragraphs(*GR_TEXTS)
    (root / "a.json").write_text(body, encoding="utf-8")
    (root / "b.json").write_text(body, encoding="utf-8")
    index = tmp_path / "index"
    ingest([root], index, workers=1)
    eng = open_engine(index)
    try:
        ids = [r.id for src in ("a.json", "b.json") for r in eng.source_records(src)]
    finally:
        eng.close()
    assert len(ids) == 6 and len(set(ids)) == 6


def _ids_by_source(index: Path) -> dict[str, list[str]]:
    eng = open_engine(index)
    try:
        return {src: [r.id for r in eng.source_records(src)] for src in eng.fingerprints()}
    finally:
        eng.close()


def test_shared_symbols_get_the_same_keys_in_every_build(tmp_path: Path) -> None:
    # Several files print one symbol (general recommendations published in one annual
    # report): which file keeps the bare key must not depend on which parse ends first.
    root = tmp_path / "shared"
    root.mkdir()
    for n in (13, 11, 12, 14):
        texts = [f"General recommendation No. {n}. {t}" for t in GR_TEXTS]
        (root / f"CERD_GR{n}_A_48_18.json").write_text(paragraphs(*texts), encoding="utf-8")
    cold = tmp_path / "cold"
    ingest([root], cold, workers=2)
    first = _ids_by_source(cold)
    # Again from an empty index, once parsing in parallel and once served from the cache.
    again = tmp_path / "again"
    ingest([root], again, workers=2, use_cache=False)
    assert _ids_by_source(again) == first
    cached = tmp_path / "cached"
    shutil.copytree(cold / "parse-cache", cached / "parse-cache")
    ingest([root], cached, workers=2)
    assert _ids_by_source(cached) == first
    # Files are claimed in path order: the first keeps the symbol's key.
    keys = {src: ids[0].rsplit("/", 1)[0] for src, ids in first.items()}
    assert keys["CERD_GR11_A_48_18.json"] == "a-48-18"
    assert len(set(keys.values())) == 4


def test_identical_files_at_other_paths_get_their_own_keys(tmp_path: Path) -> None:
    # No symbol: the key comes from the file name, also when the parse cache serves the
    # records that another path's identical bytes produced.
    root = tmp_path / "copies"
    root.mkdir()
    (root / "first.json").write_text(paragraphs(*GR_TEXTS[1:]), encoding="utf-8")
    index = tmp_path / "index"
    ingest([root], index, workers=1)
    (root / "second.json").write_bytes((root / "first.json").read_bytes())
    report = ingest([root], index, workers=1)
    assert [f.cached for f in report.files if f.source == "second.json"] == [True]
    keys = {src: {i.rsplit("/", 1)[0] for i in ids} for src, ids in _ids_by_source(index).items()}
    assert keys == {"first.json": {"first"}, "second.json": {"second"}}


def many_files(root: Path, count: int) -> Path:
    """`count` small paragraph lists, each its own document."""
    root.mkdir(parents=True)
    for n in range(count):
        (root / f"doc{n:03d}.json").write_text(
            paragraphs(f"The Committee recommends measure number {n} to the State party."),
            encoding="utf-8",
        )
    return root


def test_tantivy_ingest_is_one_commit_and_one_segment(tmp_path: Path) -> None:
    """More files than a Whoosh batch still land in one commit, so in one segment."""
    root = many_files(tmp_path / "many", 120)
    index = tmp_path / "index"
    report = ingest([root], index, engine="tantivy", workers=1)
    assert sum(f.status == "indexed" for f in report.files) == 120
    eng = open_engine(index)
    assert eng.doc_count() == 120
    assert eng._searcher().num_segments == 1  # type: ignore[attr-defined]
    meta = (index / "tantivy" / "meta.json").stat().st_mtime_ns
    again = ingest([root], index, workers=1)  # nothing changed: no commit at all
    assert {f.status for f in again.files} == {"unchanged"}
    assert (index / "tantivy" / "meta.json").stat().st_mtime_ns == meta


def test_whoosh_ingest_commits_in_batches(tmp_path: Path) -> None:
    root = many_files(tmp_path / "many", 120)
    index = tmp_path / "index"
    commits: list[int] = []
    from recsearch.whoosh_engine import WhooshEngine

    original = WhooshEngine.replace_sources

    def counting(self: WhooshEngine, batch: list[tuple[str, str, list[object]]]) -> None:
        commits.append(len(batch))
        original(self, batch)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(WhooshEngine, "replace_sources", counting)
        ingest([root], index, engine="whoosh", workers=1)
    assert commits == [100, 20]
    assert open_engine(index).doc_count() == 120


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_ctrl_c_while_parsing_keeps_the_files_parsed_before(tmp_path: Path, engine: str) -> None:
    root = many_files(tmp_path / "many", 5)
    index = tmp_path / "index"

    def progress(total: int):  # type: ignore[no-untyped-def]
        seen: list[object] = []

        def tick(outcome: object) -> None:
            seen.append(outcome)
            if len(seen) == 4:
                raise KeyboardInterrupt

        return tick

    report = ingest([root], index, engine=engine, workers=1, progress=progress)
    assert report.interrupted
    kept = all_records(index)
    assert sorted(kept) == ["doc000.json", "doc001.json", "doc002.json"]
    assert kept["doc001.json"] == ["The Committee recommends measure number 1 to the State party."]
