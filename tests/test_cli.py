"""The click CLI, driven through CliRunner against real files and a real index."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from recsearch.cli import cli

COMMANDS = ("parse", "tag", "ingest", "remove", "search", "serve", "info")

DOC = [
    {
        "ID": "1.",
        "Labels": [],
        "Text": "The Committee recommends that the State party adopt a "
        "comprehensive law against racial discrimination (arts. 1 and 2).",
    },
    {
        "ID": "2.",
        "Labels": [],
        "Text": "The Committee is concerned about racial profiling by the "
        "police, in the light of its general recommendation No. 36 (2020).",
    },
    {"ID": "3.", "Labels": [], "Text": "The Committee welcomes the women's health programme."},
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def doc_dir(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "observations.json").write_text(json.dumps(DOC), encoding="utf-8")
    (root / "empty.pdf").write_bytes(b"")
    return root


@pytest.fixture
def index(runner: CliRunner, doc_dir: Path, tmp_path: Path) -> Path:
    index_dir = tmp_path / "index"
    result = runner.invoke(
        cli, ["ingest", str(doc_dir), "--index", str(index_dir), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return index_dir


def test_help_lists_every_command_with_a_summary(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        line = next(ln for ln in result.output.splitlines() if ln.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10, line


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_ends_with_an_example(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output and "recsearch " + name in result.output


def test_parse_prints_records_as_json_lines(runner: CliRunner, doc_dir: Path) -> None:
    result = runner.invoke(cli, ["parse", str(doc_dir / "observations.json")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["number"] for r in records] == ["1", "2", "3"]
    first = records[0]
    for name in (
        "id",
        "symbol",
        "title",
        "doc_type",
        "body",
        "country",
        "year",
        "source",
        "section",
        "page",
        "text",
        "kind",
        "articles",
        "general_recommendations",
        "gnr",
        "cites",
        "themes",
        "recommending_states",
        "response",
    ):
        assert name in first, name
    assert first["kind"] == "recommendation"
    assert records[2]["kind"] == "observation"


def test_parse_of_a_bad_file_is_one_line_and_nonzero(runner: CliRunner, doc_dir: Path) -> None:
    result = runner.invoke(cli, ["parse", str(doc_dir / "empty.pdf")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_tag_adds_tags_and_passes_other_fields_through(runner: CliRunner) -> None:
    lines = [
        {"text": "The Committee urges the State party (arts. 2 and 5).", "body": "CERD", "x": 1},
        {"text": "article 7 of the Constitution protects equality", "body": "CERD"},
    ]
    stdin = "\n".join(json.dumps(obj) for obj in lines) + "\n"
    result = runner.invoke(cli, ["tag"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["x"] == 1
    assert out[0]["articles"] == ["ICERD 2", "ICERD 5"]
    assert out[0]["kind"] == "recommendation"
    assert out[1]["articles"] == []
    assert isinstance(out[0]["themes"], list)


def test_tag_reports_lines_that_are_not_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["tag"], input='{"text": "fine"}\nnot json\n')
    assert result.exit_code != 0
    assert "line 2" in result.output
    assert json.loads(result.stdout.splitlines()[0])["text"] == "fine"


def test_ingest_prints_the_report_and_names_files_without_records(
    runner: CliRunner, doc_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli, ["ingest", str(doc_dir), "--index", str(tmp_path / "i"), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "1 indexed (3 records)" in result.output
    assert "empty.pdf" in result.output
    assert (tmp_path / "i" / "ingest-report.json").exists()


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_an_index_analysed_under_an_older_rule_is_rebuilt_on_request(
    runner: CliRunner, doc_dir: Path, tmp_path: Path, engine: str
) -> None:
    """Ingest into an outdated index fails with one line naming --rebuild; --rebuild builds
    it afresh with the same engine and keeps the parse cache."""
    index_dir = tmp_path / "i"
    args = ["ingest", str(doc_dir), "--index", str(index_dir), "--workers", "1"]
    assert runner.invoke(cli, [*args, "--engine", engine]).exit_code == 0
    marker = index_dir / "engine.json"
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "analysis": 1}))
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 1
    assert "recsearch ingest --rebuild" in refused.output and "Traceback" not in refused.output
    rebuilt = runner.invoke(cli, [*args, "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "1 indexed (3 records)" in rebuilt.output
    assert json.loads(marker.read_text())["engine"] == engine
    assert any((index_dir / "parse-cache").rglob("*.json.gz"))
    found = runner.invoke(cli, ["search", "racial", "--index", str(index_dir), "--json"])
    assert found.exit_code == 0 and json.loads(found.output)["total"] >= 1


def test_search_json_speaks_the_record_contract(runner: CliRunner, index: Path) -> None:
    result = runner.invoke(
        cli, ["search", "racial", "--index", str(index), "--json", "--filter", "kind=observation"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["query"] == "racial" and data["total"] == 1
    hit = data["hits"][0]
    assert hit["number"] == "2" and "score" in hit and "<mark>" in hit["snippet"]
    assert {"value": "observation", "count": 1} in data["facets"]["kind"]


def test_search_table_shows_the_citation(runner: CliRunner, index: Path) -> None:
    result = runner.invoke(cli, ["search", "women", "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "para. 3" in result.output


@pytest.mark.parametrize(
    "args",
    [["--filter", "country"], ["--filter", "=Brazil"], ["--limit", "0"], ["--sort", "random"]],
    ids=["no-equals", "no-field", "zero-limit", "bad-sort"],
)
def test_search_rejects_bad_options_with_a_usage_error(
    runner: CliRunner, index: Path, args: list[str]
) -> None:
    result = runner.invoke(cli, ["search", "x", "--index", str(index), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_commands_on_a_missing_index_say_how_to_build_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    for args in (["search", "x"], ["info"], ["remove", "x"]):
        result = runner.invoke(cli, [*args, "--index", str(tmp_path / "none")])
        assert result.exit_code == 1, result.output
        assert "recsearch ingest" in result.output


def test_remove_deletes_a_document(runner: CliRunner, index: Path) -> None:
    result = runner.invoke(cli, ["remove", "observations.json", "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "removed 3 records" in result.output
    again = runner.invoke(cli, ["remove", "observations.json", "--index", str(index)])
    assert again.exit_code == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_over_http_with_a_production_server(index_dir: Path) -> None:
    port = _free_port()
    exe = Path(sys.executable).with_name("recsearch")
    proc = subprocess.Popen(
        [str(exe), "serve", "--index", str(index_dir), "--port", str(port), "--threads", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=quilombola") as resp:
                    body = resp.read().decode()
                    server = resp.headers["Server"]
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer in 30 s"
                time.sleep(0.2)
        assert "quilombola" in body.lower()
        assert server == "recsearch"  # waitress, not Flask's development server
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()
