"""Search benchmark: Whoosh vs tantivy vs an SQLite FTS5 baseline, side by side in one run.

Input: every record of the shared corpus (parsed once with recsearch.parse, cached as JSON
Lines in bench/.cache/), and a 300,000-record corpus made by replicating those records with
varied metadata and text. For each size and engine: index build time and size, then
median / p95 latency of top-20 hits with snippets and every facet count, per query class.
Writes bench/results/search_bench.json and .md.

    nice .venv/bin/python bench/search_bench.py            # full corpus + 300k records
    nice .venv/bin/python bench/search_bench.py --quick    # full corpus, fewer repetitions

The final comparison is the first line, on the idle machine: all three engines, both sizes,
one run (about 25 minutes, 12 of them Whoosh's 300k build); `--sizes 300000` alone takes
about 17. Indexes are rebuilt from scratch in bench/.cache/ every run.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: find the baseline

from recsearch import native
from recsearch import query as qn
from recsearch.engine import FACET_FIELDS, EngineQuery, open_engine
from recsearch.ingest import batches
from recsearch.records import Record
from sqlite_baseline import SqliteBaseline, Unsupported

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
CACHE = REPO / "bench" / ".cache"  # generated; not committed
RESULTS = REPO / "bench" / "results"
LARGE = 300_000

# Countries and recommending States the replicas take turns with (UN short names).
COUNTRIES = (
    "Brazil", "France", "Egypt", "Slovenia", "Eswatini", "United States of America",
    "Türkiye", "India", "Nigeria", "Mexico", "Australia", "Canada", "Peru", "Norway",
    "Japan", "Kenya", "Germany", "South Africa", "Colombia", "Viet Nam", "Pakistan",
    "Indonesia", "Argentina", "Spain", "Morocco", "Philippines", "Ukraine", "Chile",
    "Sweden", "Ghana", "Nepal", "Bolivia (Plurinational State of)", "Iraq", "Italy",
    "Bangladesh", "Ecuador", "Poland", "Senegal", "Thailand", "New Zealand",
)  # fmt: skip
# Word swaps that vary the replicas' text without making it nonsense.
SWAPS = (
    ("ensure", "guarantee"), ("adopt", "enact"), ("measures", "steps"),
    ("strengthen", "reinforce"), ("continue", "pursue"), ("consider", "examine"),
    ("effective", "efficient"), ("persons", "people"), ("combat", "fight"),
    ("discrimination", "exclusion"), ("women", "girls"), ("children", "minors"),
)  # fmt: skip


def _parse_one(args: tuple[str, str]) -> tuple[str, list[dict[str, object]], str | None]:
    from recsearch.parse import parse_file

    path, root = args
    try:
        outcome = parse_file(Path(path), Path(root))
    except Exception as exc:  # a parser bug must not stop the benchmark; it is reported
        return path, [], f"{type(exc).__name__}: {exc}"
    return path, [r.to_dict() for r in outcome.records], outcome.skipped


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    """Every document file of the corpus (not the manifest the product must not read)."""
    return sorted(
        p
        for p in corpus.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.name != "manifest.csv"
    )


def _parsed_path(source: str) -> Path:
    return CACHE / "parsed" / (source.replace("/", "__") + ".jsonl")


def _save_parsed(source: str, records: list[dict[str, Any]]) -> None:
    path = _parsed_path(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    tmp.replace(path)


def harvest_ingest_cache(index_dir: Path, corpus: Path = CORPUS) -> int:
    """Take parsed files from a `recsearch ingest` parse cache instead of parsing them again."""
    sources = {p.relative_to(corpus).as_posix() for p in corpus_files(corpus)}
    taken = 0
    for entry in sorted((index_dir / "parse-cache").glob("*/*.json.gz")):
        try:
            data = json.loads(gzip.decompress(entry.read_bytes()))
        except (OSError, ValueError, EOFError):
            continue  # an entry being written right now
        source = data.get("source")
        if source in sources and not _parsed_path(source).exists():
            _save_parsed(source, data.get("records") or [])
            taken += 1
    return taken


def load_records(
    corpus: Path = CORPUS, refresh: bool = False, workers: int = 2, ingest_cache: Path | None = None
) -> list[Record]:
    """Every record of the corpus, parsed with recsearch.parse once and then cached.

    Each parsed file is kept in bench/.cache/parsed/, so an interrupted parse resumes.
    """
    if refresh and (CACHE / "parsed").exists():
        shutil.rmtree(CACHE / "parsed")
    if ingest_cache:
        print(f"{harvest_ingest_cache(ingest_cache, corpus)} files taken from {ingest_cache}")
    files = corpus_files(corpus)
    todo = [p for p in files if not _parsed_path(p.relative_to(corpus).as_posix()).exists()]
    # Newest-first is arbitrary; going against ingest's walk order means a concurrent
    # `recsearch ingest` of the same corpus covers the rest (see --ingest-cache).
    todo.reverse()
    started = time.perf_counter()
    failures: list[str] = []
    if todo:
        print(f"parsing {len(todo)} files with {workers} workers")
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [(str(p), str(corpus)) for p in todo]
            for path, recs, problem in pool.map(_parse_one, jobs, chunksize=1):
                _save_parsed(Path(path).relative_to(corpus).as_posix(), recs)
                if problem and not recs:
                    failures.append(f"{Path(path).relative_to(corpus)}: {problem}")
        with (CACHE / "corpus-parse.log").open("a") as log:
            log.write(f"{len(todo)} files parsed in {time.perf_counter() - started:.0f} s\n")
            log.write("".join(f + "\n" for f in failures))
    records: list[Record] = []
    for p in files:
        parsed = _parsed_path(p.relative_to(corpus).as_posix())
        with parsed.open(encoding="utf-8") as fh:
            records.extend(Record.from_dict(json.loads(line)) for line in fh if line.strip())
    return records


def by_source(records: list[Record]) -> list[tuple[str, list[Record]]]:
    """Records grouped by source file, in first-seen order."""
    groups: dict[str, list[Record]] = {}
    for rec in records:
        groups.setdefault(rec.source, []).append(rec)
    return list(groups.items())


def _vary_text(text: str, rng: random.Random) -> str:
    """Swap one or two common words, so replicas are not exact duplicates."""
    for a, b in rng.sample(SWAPS, 2):
        if f" {a} " in text:
            text = text.replace(f" {a} ", f" {b} ", 1)
    return text


def replicate(
    records: list[Record], size: int, seed: int = 7
) -> Iterator[tuple[str, list[Record]]]:
    """(source, records) groups totalling `size` records: copy k of each document gets its own
    source, id, symbol, country, year and recommending States, and slightly varied text."""
    rng = random.Random(seed)
    groups = by_source(records)
    if not groups:
        raise ValueError("no records to replicate")  # else the loop below never ends
    made = 0
    copy = 0
    while made < size:
        for source, recs in groups:
            if made >= size:
                return
            take = recs[: size - made]
            suffix = f"-r{copy}"
            country = COUNTRIES[(copy + len(source)) % len(COUNTRIES)] if copy else None
            shift = (copy * 3) % 17
            out = []
            for rec in take:
                year = rec.year
                if copy and year is not None:
                    year = 1990 + (year - 1990 + shift) % 36
                states = rec.recommending_states
                if copy and states:
                    states = rng.sample(COUNTRIES, min(len(states), 3))
                out.append(
                    replace(
                        rec,
                        id=f"{rec.doc_key}{suffix}/{rec.id.rsplit('/', 1)[1]}" if copy else rec.id,
                        source=f"{source}{suffix}" if copy else source,
                        symbol=f"{rec.symbol}{suffix.upper()}"
                        if copy and rec.symbol
                        else rec.symbol,
                        country=country or rec.country if rec.country else rec.country,
                        year=year,
                        recommending_states=list(states),
                        text=_vary_text(rec.text, rng) if copy else rec.text,
                    )
                )
            made += len(out)
            yield (out[0].source, out)
        copy += 1


# -- queries -------------------------------------------------------------------------------

Filters = dict[str, list[str]]
QUERIES: dict[str, list[tuple[str, Filters]]] = {
    "one-term": [
        (w, {})
        for w in (
            "torture", "incarceration", "indigenous", "migrants", "statelessness",
            "education", "trafficking", "Roma", "disability", "xenophobia",
        )
    ],
    "multi-term": [
        (w, {})
        for w in (
            "racial profiling police", "violence against women", "access to justice",
            "birth registration children", "freedom of expression journalists",
            "national human rights institution", "hate speech internet",
            "land rights indigenous peoples", "death penalty abolish", "domestic workers migrants",
        )
    ],
    "phrase": [
        (f'"{w}"', {})
        for w in (
            "racial profiling", "national action plan", "persons of African descent",
            "hate speech", "enforced disappearance", "birth registration", "death penalty",
            "human rights defenders", "optional protocol", "special measures",
        )
    ],
    "filtered": [
        ("discrimination", {"country": ["Brazil"]}),
        ("women", {"kind": ["recommendation"]}),
        ("torture", {"doc_type": ["upr-report"]}),
        ("education", {"year": ["2012", "2013"]}),
        ("racial", {"articles": ["ICERD 5"]}),
        ("children", {"body": ["UPR"], "kind": ["recommendation"]}),
        ("police", {"country": ["France", "Brazil"]}),
        ("migrants", {"response": ["supported"]}),
        ("violence", {"recommending_states": ["France"]}),
        ("health", {"body": ["CERD"], "kind": ["recommendation"]}),
    ],
    "broad": [
        (w, {})
        for w in (
            "rights", "State", "recommend", "human rights", "ensure", "measures",
            "discrimination", "continue", "take", "implement",
        )
    ],
}  # fmt: skip


def query_node(text: str) -> qn.Node:
    """The node the product's own parser makes of a query (with its plural expansion)."""
    return qn.expand(qn.parse_query(text).node)


# -- running -------------------------------------------------------------------------------


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_engine(name: str, workdir: Path, groups: Iterable[tuple[str, list[Record]]]) -> Any:
    """Build one index from scratch, committing as ingest does: every `batch_files`
    sources, or all of them in one commit (the engine's batch_files is None)."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    if name == "sqlite":
        db = SqliteBaseline(workdir / "fts.sqlite", create=True)
        db.build(groups)
        return db
    eng = open_engine(workdir, engine=name, create=True)
    for batch in batches(((source, "bench", recs) for source, recs in groups), eng.batch_files):
        eng.replace_sources(batch)
    return eng


def run_query(name: str, eng: Any, node: qn.Node, filters: Filters) -> tuple[int, Any]:
    """One top-20 search with snippets and every facet; (total, facets)."""
    if name == "sqlite":
        total, _hits, facets = eng.search(node, filters, limit=20)
        return total, facets
    res = eng.search(EngineQuery(node, filters=filters, limit=20, snippets=True))
    return res.total, res.facets


def time_queries(name: str, eng: Any, reps: int, warm: bool) -> dict[str, Any]:
    """Latency per class (ms): every query `reps` times, after one untimed run if warm."""
    out: dict[str, Any] = {}
    totals: dict[str, int] = {}
    for cls, queries in QUERIES.items():
        samples: list[float] = []
        for text, filters in queries:
            node = query_node(text)
            try:
                if warm:
                    run_query(name, eng, node, filters)
                for _ in range(reps):
                    t0 = time.perf_counter()
                    total, _ = run_query(name, eng, node, filters)
                    samples.append((time.perf_counter() - t0) * 1000)
            except Unsupported as exc:
                print(f"skipped: {text!r} ({exc})")
                continue
            totals[f"{text} {json.dumps(filters)}" if filters else text] = total
        samples.sort()
        out[cls] = {
            "median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 2),
            "runs": len(samples),
        }
    out["totals"] = totals
    return out


def profile_whoosh(eng: Any) -> str:
    """Where a Whoosh query's time goes: cProfile of one filtered and one broad query."""
    prof = cProfile.Profile()
    for text, filters in (QUERIES["broad"][0], QUERIES["filtered"][0]):
        node = query_node(text)
        prof.enable()
        run_query("whoosh", eng, node, filters)
        prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    return "\n".join(lines[:40])


def query_in_new_process(name: str, workdir: Path, reps: int, profile: bool) -> dict[str, Any]:
    """time_queries on one built index, in a process of its own that only opens and
    queries it, as `serve` and `search` do: not in the process that has just built it.

    Each engine's build leaves its process in a state that slows its first queries for a
    few seconds (tantivy's one-term median: 1.77-1.86 ms just after its build in the same
    process, 1.54-1.61 ms in a new one, 1.58-1.59 in the same one 30 s later). The index's
    files are synced first, so no engine is timed while the kernel writes its files back.
    """
    os.sync()
    cmd = [sys.executable, __file__, "--time-index", name, str(workdir), str(reps)]
    if profile:
        cmd.append("--profile")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"timing {name} in {workdir} failed:\n{done.stderr.strip()}")
    for line in done.stdout.splitlines():
        if line.startswith("skipped: "):
            print(f"  {name}: {line}")
    timing: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return timing


def time_index(name: str, workdir: Path, reps: int, profile: bool) -> None:
    """The child of query_in_new_process: print the timing as one JSON line, last."""
    eng: Any
    if name == "sqlite":
        eng = SqliteBaseline(workdir / "fts.sqlite")
    else:
        eng = open_engine(workdir)
        # One untimed query first: Whoosh builds its per-segment facet columns here.
        run_query(name, eng, qn.MatchAll(), {})
    timing = time_queries(name, eng, reps, warm=reps > 1)
    if profile:
        timing["profile"] = profile_whoosh(eng)
    eng.close()
    print(json.dumps(timing))


def bench_size(
    label: str,
    groups_fn: Any,
    engines: list[str],
    reps: dict[str, int],
    result: dict[str, Any],
    save: Any,
) -> None:
    """Build and query every engine on one corpus size; save after each engine."""
    result.setdefault("engines", {})
    for name in engines:
        workdir = CACHE / f"index-{label}-{name}"
        # The records exist before the clock starts: making the 300k replicas takes ~3.5 s
        # of CPU, which is the benchmark's work, not the engine's.
        groups = list(groups_fn())
        t0 = time.perf_counter()
        eng = build_engine(name, workdir, groups)
        build_s = time.perf_counter() - t0
        del groups
        size = dir_size(workdir)
        records = eng.doc_count() if name != "sqlite" else None
        print(f"[{label}] {name}: built in {build_s:.1f} s, {size / 1e6:.1f} MB")
        eng.close()
        del eng
        profile_it = name == "whoosh" and label != "corpus"
        timing = query_in_new_process(name, workdir, reps[name], profile=profile_it)
        profile = timing.pop("profile", None)
        entry = {"build_s": round(build_s, 2), "size_mb": round(size / 1e6, 1), **timing}
        if records is not None:
            result["records"] = records
        if profile:
            entry["profile"] = profile
        result["engines"][name] = entry
        for cls in QUERIES:
            c = timing[cls]
            print(f"    {cls:11s} median {c['median_ms']:9.2f} ms   p95 {c['p95_ms']:9.2f} ms")
        result["ratios"] = ratios(result["engines"])
        result["agreement"] = agreement(result["engines"])
        save()


RATIOS_HEAD = (
    "Ratios: how many times faster the first engine is (the second's time ÷ the first's;"
    " below 1 it is slower; median / p95):"
)


def ratios(engines: dict[str, Any]) -> dict[str, Any]:
    """How many times faster the first engine is than the second, per class and for builds."""
    out: dict[str, Any] = {}
    for fast, slow in (("tantivy", "whoosh"), ("tantivy", "sqlite"), ("whoosh", "sqlite")):
        if fast not in engines or slow not in engines:
            continue
        a, b = engines[fast], engines[slow]
        pair: dict[str, Any] = {"build": round(b["build_s"] / a["build_s"], 2)}
        for cls in QUERIES:
            pair[cls] = {
                stat: round(b[cls][stat] / a[cls][stat], 2) if a[cls][stat] else None
                for stat in ("median_ms", "p95_ms")
            }
        out[f"{fast}_vs_{slow}"] = pair
    return out


def agreement(engines: dict[str, Any]) -> dict[str, Any]:
    """Queries where two engines count a different number of hits."""
    out: dict[str, Any] = {}
    names = [n for n in ("whoosh", "tantivy", "sqlite") if n in engines]
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            ta, tb = engines[a]["totals"], engines[b]["totals"]
            diff = {k: [ta[k], tb[k]] for k in ta if k in tb and ta[k] != tb[k]}
            out[f"{a}_vs_{b}"] = {"queries": len(ta), "different_totals": diff}
    return out


def project_whoosh(report: dict[str, Any]) -> None:
    """Where Whoosh was not run (too slow to build on a shared 2-core machine), extrapolate
    its measurements by record count, and mark the result as projected wherever shown.

    With two measured sizes, each figure follows the straight line through them (a fixed
    part plus a per-record part: its build is per-record Python work, its query time
    per-hit Python work, scoring and facet counting, and on replicated records the hits
    grow with the records); with one, it scales in proportion.
    """
    measured = sorted(
        (size["records"], label, size["engines"]["whoosh"])
        for label, size in report["sizes"].items()
        if "whoosh" in size.get("engines", {}) and size.get("records")
    )
    for size in report["sizes"].values():
        size.pop("whoosh_projected", None)
        size.pop("ratios_projected", None)
        records = size.get("records")
        if not records or "whoosh" in size.get("engines", {}):
            continue
        below = [m for m in measured if m[0] < records]
        if not below:
            continue
        points = below[-2:]
        labels = " and ".join(label for _, label, _ in points)
        basis = f"line through {labels}" if len(points) > 1 else f"in proportion to {labels}"

        def at(get: Any, points: list[Any] = points, n: int = records) -> float:
            return round(_extrapolate([(m[0], get(m[2])) for m in points], n), 1)

        proj: dict[str, Any] = {"basis": basis, "build_s": at(lambda e: e["build_s"])}
        for cls in QUERIES:
            proj[cls] = {k: at(lambda e, cls=cls, k=k: e[cls][k]) for k in ("median_ms", "p95_ms")}
        size["whoosh_projected"] = proj
        engines = {**size["engines"], "whoosh": proj}
        size["ratios_projected"] = {k: v for k, v in ratios(engines).items() if "whoosh" in k}


def _extrapolate(points: list[tuple[int, float]], n: int) -> float:
    """The value at n on the line through two (records, value) points (never falling), or in
    proportion to one."""
    if len(points) == 1:
        (n1, v1) = points[0]
        return v1 * n / n1
    (n1, v1), (n2, v2) = points
    return v2 + max(0.0, (v2 - v1) / (n2 - n1)) * (n - n2)


def write_markdown(report: dict[str, Any], path: Path) -> None:
    compiled = report.get("compiled")
    lines = [
        "# Search benchmark",
        "",
        f"Run {report['started']} on {report['machine']}; `{report['command']}`.",
        *(
            []
            if compiled is None
            else [f"Compiled with mypyc: {', '.join(compiled) or 'nothing (plain Python)'}."]
        ),
        "Latency: one top-20 search with snippets and the counts of all "
        f"{len(FACET_FIELDS)} facets, per query class (10 queries each), in milliseconds.",
        "",
    ]
    by_size = sorted(report["sizes"].items(), key=lambda kv: kv[1].get("records") or 0)
    for label, size in by_size:
        lines += [f"## {label}: {size.get('records', 0):,} records", ""]
        lines += [
            "| engine | build s | size MB | "
            + " | ".join(f"{c} median / p95" for c in QUERIES)
            + " |"
        ]
        lines += ["|---" * (3 + len(QUERIES)) + "|"]
        for name, e in size["engines"].items():
            cells = [f"{e[c]['median_ms']:.1f} / {e[c]['p95_ms']:.1f}" for c in QUERIES]
            lines.append(
                f"| {name} | {e['build_s']:.1f} | {e['size_mb']:.1f} | " + " | ".join(cells) + " |"
            )
        proj = size.get("whoosh_projected")
        if proj:
            cells = [f"{proj[c]['median_ms']:.0f} / {proj[c]['p95_ms']:.0f}" for c in QUERIES]
            lines.append(
                f"| whoosh, projected ({proj['basis']}) |"
                f" {proj['build_s']:.0f} | – | " + " | ".join(cells) + " |"
            )
        lines += [
            "",
            RATIOS_HEAD,
            "",
        ]
        for group, tag in (("ratios", ""), ("ratios_projected", " (Whoosh projected)")):
            for pair, r in size.get(group, {}).items():
                row = ", ".join(f"{c} {r[c]['median_ms']}× / {r[c]['p95_ms']}×" for c in QUERIES)
                name = pair.replace("_", " ")
                lines.append(f"- **{name}**{tag}: build {r['build']}×; {row}")
        lines.append("")
        for pair, agree in size["agreement"].items():
            diff = agree["different_totals"]
            lines.append(
                f"- totals, {pair.replace('_', ' ')}: {agree['queries'] - len(diff)}"
                f" of {agree['queries']} queries agree" + (f"; differ: {diff}" if diff else "")
            )
        prof = size["engines"].get("whoosh", {}).get("profile")
        if prof:
            lines += [
                "",
                "Whoosh profile (one broad + one filtered query, by own time):",
                "",
                "```",
                prof,
                "```",
            ]
        lines.append("")
    if report.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in report["notes"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="full corpus only, fewer repetitions")
    ap.add_argument("--sizes", default=None, help="comma list: corpus and/or record counts")
    # Whoosh last: on a busy machine its large build is the part that may not finish.
    ap.add_argument("--engines", default="tantivy,sqlite,whoosh")
    ap.add_argument("--refresh", action="store_true", help="re-parse the corpus")
    ap.add_argument("--parse-only", action="store_true", help="parse (and cache) the corpus, stop")
    ap.add_argument(
        "--ingest-cache", type=Path, help="an ingest index folder whose parse cache to reuse"
    )
    ap.add_argument(
        "--merge", action="store_true", help="update the saved results instead of replacing them"
    )
    ap.add_argument(
        "--render", action="store_true", help="only rewrite the .md from the saved .json"
    )
    ap.add_argument("--note", action="append", default=[], help="a line for the .md's notes")
    ap.add_argument("--results", type=Path, default=RESULTS, help="where to write the results")
    # Internal: time one built index in a process of its own (query_in_new_process).
    hidden = argparse.SUPPRESS
    ap.add_argument("--time-index", nargs=3, metavar=("ENGINE", "DIR", "REPS"), help=hidden)
    ap.add_argument("--profile", action="store_true", help=hidden)
    args = ap.parse_args(argv)
    if args.time_index:
        name, workdir, reps = args.time_index
        time_index(name, Path(workdir), int(reps), args.profile)
        return
    results = args.results
    saved = results / "search_bench.json"
    if args.render:
        kept = json.loads(saved.read_text())
        kept["notes"] = kept.get("notes", []) + args.note
        kept["command"] = "search_bench.py, several invocations merged with --merge (see Notes)"
        project_whoosh(kept)
        saved.write_text(json.dumps(kept, indent=1) + "\n")
        write_markdown(kept, results / "search_bench.md")
        return
    sizes = (args.sizes or ("corpus" if args.quick else f"corpus,{LARGE}")).split(",")
    engines = args.engines.split(",")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    base = load_records(refresh=args.refresh, ingest_cache=args.ingest_cache)
    if not base:
        sys.exit(f"no records: is the corpus at {CORPUS}?")
    if args.parse_only:
        print(f"{len(base)} records cached in {CACHE}")
        return
    print(f"corpus: {len(base)} records from {len(by_source(base))} sources")
    old = json.loads(saved.read_text()) if args.merge and saved.exists() else {}
    report: dict[str, Any] = {
        "started": started,
        "command": "search_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}, load average"
        f" {os.getloadavg()[0]:.1f} at start (shared machine: absolute times are inflated,"
        " ratios within one run are the comparable figure)",
        # The processes timing each index share this environment.
        "compiled": native.running(),
        "sizes": old.get("sizes", {}),
        "notes": old.get("notes", []) + args.note,
    }

    def save() -> None:
        # With --merge, sizes run by another process in the meantime are kept.
        results.mkdir(parents=True, exist_ok=True)
        if args.merge and saved.exists():
            # Engine by engine: another process may be running other engines on a size.
            latest = json.loads(saved.read_text()).get("sizes", {})
            for label in labels:
                # This run's results live in the size dicts bench_size fills (mine_by_label);
                # report["sizes"] is replaced by the file's content at every save.
                mine = mine_by_label.get(label)
                if not mine:
                    continue
                merged = latest.setdefault(label, {})
                merged.setdefault("engines", {}).update(
                    {e: mine["engines"][e] for e in engines if e in mine.get("engines", {})}
                )
                if mine.get("records"):
                    merged["records"] = mine["records"]
                merged["ratios"] = ratios(merged["engines"])
                merged["agreement"] = agreement(merged["engines"])
            report["sizes"] = latest
        project_whoosh(report)
        tmp = saved.with_suffix(".tmp")
        tmp.write_text(json.dumps(report, indent=1) + "\n")
        tmp.replace(saved)
        write_markdown(report, results / "search_bench.md")

    labels = [s if s == "corpus" else f"{int(s) // 1000}k" for s in sizes]
    mine_by_label: dict[str, dict[str, Any]] = {}
    for size in sizes:
        groups_fn: Any
        if size == "corpus":
            label, groups_fn = "corpus", lambda: by_source(base)
            reps = {"whoosh": 2 if args.quick else 3, "tantivy": 5, "sqlite": 5}
        else:
            n = int(size)
            label, groups_fn = f"{n // 1000}k", (lambda n=n: replicate(base, n))
            # Whoosh is pure Python: one timed run per query after a global warm-up.
            reps = {"whoosh": 1, "tantivy": 5, "sqlite": 5}
        size_result = report["sizes"].setdefault(label, {})
        mine_by_label[label] = size_result
        bench_size(label, groups_fn, engines, reps, size_result, save)
    print(f"wrote {saved} and .md")


if __name__ == "__main__":
    main()
