"""The `recsearch` command: thin click adapters over the library functions."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from recsearch.engine import FACET_FIELDS, SORTS, EngineError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_INDEX = "index"


def index_option(func: F) -> F:
    """--index DIR, shared by every command that reads or writes the index."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_INDEX,
        envvar="RECSEARCH_INDEX",
        show_default=True,
        show_envvar=True,
        help="Index folder.",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="recsearch")
def cli() -> None:
    """Search what UN human-rights mechanisms recommend to States.

    \b
    Example:
      recsearch ingest ../shared/corpus && recsearch serve
    """


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def parse(path: Path) -> None:
    """Print one document's records as JSON Lines.

    \b
    Example:
      recsearch parse ../shared/corpus/cerd-co/CERD_C_BRA_CO_18-20.pdf | head -3
    """
    from recsearch.parse import parse_file

    outcome = parse_file(path)
    if not outcome.records:
        raise click.ClickException(f"{path}: {outcome.skipped or 'no paragraphs found'}")
    out = sys.stdout
    for rec in outcome.records:
        out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")


@cli.command()
def tag() -> None:
    """Tag JSON Lines from stdin (each with "text", optionally "body"); print them tagged.

    \b
    Example:
      echo '{"text": "(arts. 2 and 5)", "body": "CERD"}' | recsearch tag
    """
    from recsearch.tag import tag_objects
    from recsearch.themes import assign_themes

    bad = 0
    objects: list[dict[str, Any]] = []
    for lineno, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError('each line must be a JSON object with a "text" string')
        except ValueError as exc:
            bad += 1
            click.echo(f"line {lineno}: skipped: {exc}", err=True)
            continue
        objects.append(obj)
    tagged = list(tag_objects(objects))
    themes = assign_themes([o["text"] for o in tagged], [o.get("body") for o in tagged])
    out = sys.stdout
    for obj, obj_themes in zip(tagged, themes, strict=True):
        obj["themes"] = obj_themes
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    if bad:
        raise click.ClickException(f"{bad} line(s) were not JSON objects with a text field")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@index_option
@click.option(
    "--engine",
    type=click.Choice(["whoosh", "tantivy"]),
    default=None,
    help="Engine for a new index (default whoosh); an existing index keeps its own.",
)
@click.option("--workers", type=int, default=None, help="Parser processes (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Re-parse files even when a cached parse exists.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Start the index afresh: drop every record it holds first (after an upgrade).",
)
def ingest(
    paths: tuple[Path, ...],
    index_dir: Path,
    engine: str | None,
    workers: int | None,
    no_cache: bool,
    rebuild: bool,
) -> None:
    """Parse every file under PATHS and write the records to the index.

    Unchanged files are skipped; changed ones replace their records. The ingest report
    is printed and saved as ingest-report.json beside the index.

    \b
    Example:
      recsearch ingest ../shared/corpus --index index --engine whoosh
    """
    from recsearch.ingest import ingest as run_ingest

    try:
        report = run_ingest(
            list(paths),
            index_dir,
            engine=engine,
            workers=workers,
            use_cache=not no_cache,
            progress=_progress_bar,
            rebuild=rebuild,
        )
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    _print_report(report.to_json(), index_dir)
    if report.interrupted:
        raise click.ClickException("interrupted: the index holds every batch committed before it")


def _progress_bar(total: int) -> Callable[[Any], None]:
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", desc="parsing", disable=None, file=sys.stderr)

    def tick(outcome: Any) -> None:
        bar.set_postfix_str(outcome.source[-40:], refresh=False)
        bar.update(1)
        if bar.n >= total:
            bar.close()

    return tick


def _print_report(report: dict[str, Any], index_dir: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=False, highlight=False, soft_wrap=True)
    summary = report["summary"]
    console.print(
        f"[bold]{summary['files']}[/] files in {report['seconds']} s: "
        f"{summary['indexed']} indexed ({summary['records_written']} records), "
        f"{summary['unchanged']} unchanged, {summary['skipped']} skipped, "
        f"{summary['failed']} failed  [dim]engine {report['engine']}[/]"
    )
    if summary["indexed"]:
        table = Table("doc_type", "files", "records", title="Indexed this run")
        for doc_type, n in sorted(summary["by_doc_type"].items()):
            table.add_row(doc_type, str(n), str(summary["records_by_doc_type"].get(doc_type, 0)))
        console.print(table)
        console.print(
            "formats: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["by_format"].items()))
        )
    nothing = [f for f in report["files"] if f["status"] in ("skipped", "failed")]
    if nothing:
        table = Table("file", "status", "reason", title="Files that yielded no records")
        for f in nothing:
            table.add_row(f["source"], f["status"], f["reason"] or "")
        console.print(table)
    console.print(f"report: {index_dir / 'ingest-report.json'}")


@cli.command()
@click.argument("doc")
@index_option
def remove(doc: str, index_dir: Path) -> None:
    """Delete one document (by source path, document key or symbol) from the index.

    \b
    Example:
      recsearch remove CERD/C/BRA/CO/18-20
    """
    from recsearch.ingest import remove as run_remove

    try:
        sources, n = run_remove(index_dir, doc)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    if not n:
        raise click.ClickException(f"no document {doc!r} in {index_dir}")
    click.echo(f"removed {n} records of {sources}")


def _parse_filters(values: tuple[str, ...]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise click.BadParameter(f"{item!r}: use FIELD=VALUE, e.g. country=Brazil")
        filters.setdefault(name.strip(), []).append(value.strip())
    return filters


@cli.command()
@click.argument("query", required=False, default="")
@index_option
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Filter on a record field; repeat it (same field = OR, different fields = AND).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the records.md JSON result.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, 100000), default=1, show_default=True)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
def search(
    query: str,
    index_dir: Path,
    filters: tuple[str, ...],
    as_json: bool,
    limit: int,
    page: int,
    sort: str,
) -> None:
    """Search the index: words, "phrases", OR, NOT, prefix*, field:value.

    \b
    Examples:
      recsearch search 'racial profiling' --filter country=Brazil
      recsearch search 'women NOT violence' --filter articles="ICERD 5" --json
      recsearch search 'CERD/C/BRA/CO/18-20 para. 6'
    """
    from recsearch.engine import open_engine
    from recsearch.search import SearchRequest
    from recsearch.search import search as run_search

    request = SearchRequest(
        q=query, filters=_parse_filters(filters), sort=sort, page=page, per_page=limit
    )
    try:
        eng = open_engine(index_dir)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        result = run_search(eng, request)
    finally:
        eng.close()
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    _print_result(result)


def _print_result(result: Any) -> None:
    import re

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=False)
    if result.message:
        console.print(f"[yellow]{escape(result.message)}[/]")
    understood = escape(result.understood or "(everything)")
    console.print(f"[bold]{result.total}[/] records for [italic]{understood}[/]")
    if result.suggestion:
        console.print(f"Did you mean: [bold]{escape(result.suggestion)}[/]?")
    if not result.hits:
        return
    table = Table("citation", "kind", "country", "year", "text", show_lines=True, expand=True)
    for hit in result.hits:
        rec = hit.record
        snippet = escape(_unescape_html(hit.snippet or rec.text[:240]))
        snippet = re.sub(r"&lt;mark&gt;|<mark>", "[bold yellow]", snippet)
        snippet = re.sub(r"&lt;/mark&gt;|</mark>", "[/bold yellow]", snippet)
        table.add_row(
            escape(rec.citation), rec.kind, rec.country or "", str(rec.year or ""), snippet
        )
    console.print(table)
    facets = {k: v for k, v in result.facets.items() if v and k in FACET_FIELDS}
    for name in ("body", "country", "kind", "articles", "themes"):
        values = facets.get(name)
        if values:
            shown = ", ".join(f"{escape(f.value)} ({f.count})" for f in values[:6])
            console.print(f"[dim]{name}:[/] {shown}")


def _unescape_html(text: str) -> str:
    """Snippets are HTML (escaped, with <mark>); the terminal wants plain text with marks."""
    import html

    marked = text.replace("<mark>", "\x00").replace("</mark>", "\x01")
    return html.unescape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")


@cli.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=5000, show_default=True)
@click.option("--threads", type=int, default=8, show_default=True, help="Requests served at once.")
@click.option("--debug", is_flag=True, help="Flask's reloader and debugger (never in production).")
def serve(index_dir: Path, host: str, port: int, threads: int, debug: bool) -> None:
    """Serve the web app and JSON API (waitress; --debug for Flask's own server).

    \b
    Example:
      recsearch serve --index index --port 5000   # then open http://127.0.0.1:5000/
    """
    from recsearch.engine import engine_name

    if engine_name(index_dir) is None:
        raise click.ClickException(f"no index in {index_dir}: build one with 'recsearch ingest'")
    from recsearch.web import create_app

    app = create_app({"INDEX": str(index_dir.resolve())})
    click.echo(f"recsearch on http://{host}:{port}/  (index {index_dir}, Ctrl-C to stop)")
    if debug:
        app.run(host=host, port=port, debug=True, use_reloader=True)
        return
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads, ident="recsearch")


@cli.command()
@index_option
def info(index_dir: Path) -> None:
    """Show what the index holds: engine, records, last ingest.

    \b
    Example:
      recsearch info --index index
    """
    from recsearch.engine import open_engine
    from recsearch.ingest import load_report

    try:
        eng = open_engine(index_dir)
    except EngineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        click.echo(f"index   {index_dir.resolve()}\nengine  {eng.name}\nrecords {eng.doc_count()}")
        click.echo(f"sources {len(eng.fingerprints())}")
    finally:
        eng.close()
    report: dict[str, Any] | None = load_report(index_dir)
    if report:
        roots = report.get("roots") or []
        click.echo(f"last ingest {report.get('started')} from {', '.join(map(str, roots))}")


def main() -> None:
    """Console-script entry point: a bug still ends in one line, not a traceback."""
    try:
        cli()
    except Exception as exc:
        if os.environ.get("RECSEARCH_DEBUG"):
            raise
        click.echo(
            f"recsearch: internal error: {type(exc).__name__}: {exc} "
            "(set RECSEARCH_DEBUG=1 to see the traceback)",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
