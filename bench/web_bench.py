"""Web benchmark: server time of the search page and the API, then throughput under wrk.

1. In process (Flask test client, no network): median / p95 time of the search page, the
   JSON search API, a record page and a document page, over a fixed set of queries of every
   kind (words, phrases, prefixes, fields, ranges, filters), each repeated.
2. Over HTTP: a production server (waitress, several threads, one read-only index) on
   127.0.0.1, driven by wrk at 1 and 8 concurrent connections, bounded both in time and in
   requests, rotating through the same queries; any socket error or non-2xx answer is
   counted and fails the run.

Prints a table and writes bench/results/web_bench.json.

    nice .venv/bin/python bench/web_bench.py --index /path/to/full-corpus-index
    # 300,000 records from search_bench.py's generator, in a tantivy index built first:
    nice .venv/bin/python bench/web_bench.py --index /tmp/idx300k --build-records 300000 \
        --engine tantivy --out bench/results/web_bench_300k_tantivy.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"

# What researchers type: plain words, phrases, OR/NOT, prefixes, every field, ranges.
QUERIES = (
    "",
    "racial discrimination",
    "indigenous land rights",
    '"people of African descent"',
    "Roma OR Sinti education",
    "hate speech -internet",
    "discriminat*",
    "country:Brazil",
    'article:"ICERD 5"',
    'gr:"CERD GR 31"',
    "gnr:8",
    "year:2010..2015 kind:recommendation",
    "migrants detention",
    "quilombola",
)
# Filter combinations from the sidebar (OR within a facet, AND across facets).
FILTERS: tuple[dict[str, list[str]], ...] = (
    {},
    {"country": ["Brazil"]},
    {"kind": ["recommendation"], "body": ["CERD"]},
    {"country": ["Brazil", "Slovenia"], "doc_type": ["upr-report"]},
)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def search_paths(prefix: str) -> list[str]:
    """Every query with every filter set, as URLs under prefix ('/' or '/api/search')."""
    paths = []
    for q in QUERIES:
        for filters in FILTERS:
            pairs = [("q", q)] if q else []
            pairs += [(k, v) for k, vs in filters.items() for v in vs]
            paths.append(f"{prefix}?{urlencode(pairs)}" if pairs else prefix)
    return paths


def sample_records(client: Any, count: int = 20) -> tuple[list[str], list[str]]:
    """Record ids and document keys to time, taken from an API search."""
    body = client.get(f"/api/search?{urlencode({'q': 'discrimination', 'per_page': 100})}")
    hits = body.get_json()["hits"]
    step = max(1, len(hits) // count)
    ids = [h["id"] for h in hits[::step]][:count]
    docs = list(dict.fromkeys(h["id"].rsplit("/", 1)[0] for h in hits))[:count]
    return ids, docs


def time_in_process(index: Path, repeats: int) -> dict[str, Any]:
    """Median / p95 milliseconds per route, measured around the Flask test client."""
    from recsearch.web import create_app

    app = create_app({"INDEX": str(index)})
    client = app.test_client()
    client.get("/")  # opens the index: not part of any request's time
    ids, docs = sample_records(client)
    routes = {
        "search page": search_paths("/"),
        "API search": search_paths("/api/search"),
        "record page": [f"/r/{rid}" for rid in ids],
        "document page": [f"/d/{key}" for key in docs],
    }
    out: dict[str, Any] = {}
    for name, paths in routes.items():
        times: list[float] = []
        errors = 0
        for _ in range(repeats):
            for path in paths:
                start = time.perf_counter()
                resp = client.get(path)
                _ = resp.data
                times.append((time.perf_counter() - start) * 1000)
                errors += resp.status_code != 200
        out[name] = {
            "requests": len(times),
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2),
            "max_ms": round(max(times), 2),
            "errors": errors,
        }
    start = time.perf_counter()
    resp = client.get("/export.csv?q=discrimination")
    rows = resp.data.count(b"\r\n") - 1  # header line; embedded newlines are \n only
    out["export.csv (q=discrimination)"] = {
        "seconds": round(time.perf_counter() - start, 2),
        "bytes": len(resp.data),
        "status": resp.status_code,
        "rows_approx": rows,
    }
    app.extensions["recsearch.engine"].close()
    return out


def build_bench_index(index: Path, records: int, engine: str) -> None:
    """An index of `records` replicated corpus records (search_bench.py's generator and
    batches), unless index already holds one of that size and engine."""
    from recsearch.engine import index_info

    info = index_info(index) if index.exists() else {}
    if info.get("engine") == engine and info.get("records") == records:
        print(f"reusing the {engine} index of {records:,} records in {index}")
        return
    sys.path.insert(0, str(REPO / "bench"))
    import search_bench

    base = search_bench.load_records()
    start = time.perf_counter()
    groups = search_bench.replicate(base, records)
    search_bench.build_engine(engine, index, groups).close()
    print(f"built a {engine} index of {records:,} records in {time.perf_counter() - start:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_waitress(index: Path, port: int, threads: int) -> subprocess.Popen[bytes]:
    """The production server: waitress calling create_app() with RECSEARCH_INDEX set."""
    waitress = Path(sys.executable).with_name("waitress-serve")
    cmd = [
        str(waitress),
        "--host=127.0.0.1",
        f"--port={port}",
        f"--threads={threads}",
        "--call",
        "recsearch.web:create_app",
    ]
    env = {**os.environ, "RECSEARCH_INDEX": str(index)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/facets", timeout=30):
                return proc
        except OSError as exc:
            if proc.poll() is not None:
                tail = proc.stderr.read().decode()[-500:] if proc.stderr else ""
                raise SystemExit(f"waitress exited: {tail}") from exc
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("waitress did not answer within 60 s")


# wrk rotates through the paths, stops each thread after its share of requests, and
# prints its summary as one JSON line so nothing has to be scraped from its table.
WRK_SCRIPT = """
local paths = {%(paths)s}
local limit = %(limit)d
local n = 0
local seen = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
response = function(status, headers, body)
  seen = seen + 1
  if seen >= limit then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def run_wrk(
    base: str, paths: list[str], connections: int, duration: int, max_requests: int
) -> dict[str, Any]:
    """One wrk run; returns requests/s, latency and error counts."""
    threads = min(connections, 2)  # the machine has two cores
    lua_paths = ", ".join(json.dumps(p) for p in paths)
    script = WRK_SCRIPT % {"paths": lua_paths, "limit": max(1, max_requests // threads)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
        lua = fh.name
    try:
        cmd = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            lua,
            base + "/",
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 120)
    finally:
        os.unlink(lua)
    match = re.search(r"WRKJSON (\{.*\})", done.stdout)
    if not match:
        raise SystemExit(f"wrk gave no summary:\n{done.stdout}\n{done.stderr}")
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "connections": connections,
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "requests_per_s": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def http_bench(
    index: Path, threads: int, connections: list[int], duration: int, max_requests: int
) -> dict[str, Any]:
    """wrk against waitress for the search page and the API, at each connection count."""
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed"}
    port = free_port()
    proc = start_waitress(index, port, threads)
    base = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {"server": f"waitress --threads={threads}", "runs": []}
    try:
        for name, prefix in (("search page", "/"), ("API search", "/api/search")):
            paths = search_paths(prefix)
            for conns in connections:
                run = run_wrk(base, paths, conns, duration, max_requests)
                out["runs"].append({"target": name, **run})
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def print_table(result: dict[str, Any]) -> None:
    print(
        f"\nServer time in process ({result['index_records']} records, {result['engine']}; "
        f"load average {result['load_average_before'][0]} on {os.cpu_count()} cores)"
    )
    print(f"{'route':<32}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for name, row in result["in_process"].items():
        if "median_ms" in row:
            print(
                f"{name:<32}{row['requests']:>9}{row['median_ms']:>11}{row['p95_ms']:>9}"
                f"{row['errors']:>8}"
            )
        else:
            print(f"{name:<32}{row['seconds']:>8} s for {row['bytes']:,} bytes")
    http = result["http"]
    if "runs" not in http:
        print(f"\nHTTP: {http.get('skipped')}")
        return
    print(f"\nHTTP with wrk against {http['server']} on 127.0.0.1")
    print(
        f"{'target':<14}{'conns':>6}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}"
    )
    for run in http["runs"]:
        print(
            f"{run['target']:<14}{run['connections']:>6}{run['requests']:>10}"
            f"{run['requests_per_s']:>9}{run['p50_ms']:>9}{run['p99_ms']:>9}{run['errors']:>8}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run both parts and write bench/results/web_bench.json; exit 1 on any error."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="index of the whole corpus")
    parser.add_argument("--repeats", type=int, default=3, help="in-process passes per route")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--connections", default="1,8", help="wrk connection counts")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run (bound)")
    parser.add_argument("--max-requests", type=int, default=3000, help="requests per wrk run")
    parser.add_argument("--out", type=Path, default=RESULTS / "web_bench.json")
    parser.add_argument(
        "--build-records",
        type=int,
        help="first build --index from this many search_bench.py records (kept for reuse)",
    )
    parser.add_argument("--engine", default="tantivy", help="engine for --build-records")
    parser.add_argument("--no-http", action="store_true", help="in-process timing only")
    args = parser.parse_args(argv)

    from recsearch.engine import engine_name, index_info

    index = args.index.resolve()
    if args.build_records:
        build_bench_index(index, args.build_records, args.engine)
    if engine_name(index) is None:
        parser.error(f"no index in {index}: build one with 'recsearch ingest'")
    info = index_info(index)
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "index": str(index),
        "engine": info.get("engine"),
        "index_records": info.get("records"),
        # The machine is shared: the load says how much of it the benchmark had.
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "queries": list(QUERIES),
        "filters": list(FILTERS),
    }
    result["in_process"] = time_in_process(index, args.repeats)
    conns = [int(c) for c in args.connections.split(",") if c.strip()]
    if args.no_http:
        result["http"] = {"skipped": "--no-http"}
    else:
        result["http"] = http_bench(index, args.threads, conns, args.duration, args.max_requests)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print_table(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    errors = sum(r["errors"] for r in result["in_process"].values() if "errors" in r)
    errors += sum(r["errors"] for r in result["http"].get("runs", []))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
