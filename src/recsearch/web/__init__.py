"""The web app: server-rendered pages and a JSON API over one shared read-only index (Flask).

Every list of hits and every count comes from `search.search`; records come from the
engine. This package only turns URLs into `SearchRequest`s and results into pages:
`guard` checks requests and answers errors, `listing` shapes a result for a page,
`pages`, `browse`, `downloads` and `api` are the blueprints.
Production: `waitress-serve --call recsearch.web:create_app` with RECSEARCH_INDEX set.
"""

from __future__ import annotations

import atexit
import json
import os
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from recsearch.engine import Engine, open_engine
from recsearch.search import SearchRequest, SearchResult, search

# Bounds that keep any URL cheap to answer: beyond them the request gets a 400.
DEFAULTS: dict[str, Any] = {
    "INDEX": "index",  # overridden by RECSEARCH_INDEX, a settings file or the test mapping
    "PER_PAGE": 20,
    "MAX_PER_PAGE": 100,
    "MAX_PAGE": 1000,
    "MAX_QUERY": 2000,  # characters of q
    "MAX_VALUES": 50,  # filter values per request
    "FACET_TOP": 8,  # facet values shown before "more…"
    "EXPORT_PAGE": 200,  # records fetched per page while streaming an export
    "EXPORT_MAX": 200_000,
}

_ENGINE_KEY = "recsearch.engine"
_ENGINE_LOCK = threading.Lock()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The Flask app: defaults, then RECSEARCH_SETTINGS (a config file) or the test mapping."""
    # Imported here: the blueprints import this module's engine helpers.
    from recsearch.web import api, browse, downloads, guard, listing, pages

    files = resources.files("recsearch.webfiles")
    app = Flask(
        __name__,
        template_folder=str(files / "templates"),
        static_folder=str(files / "static"),
        static_url_path="/static",
    )
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config["INDEX"] = os.environ.get("RECSEARCH_INDEX", app.config["INDEX"])
        app.config.from_envvar("RECSEARCH_SETTINGS", silent=True)
    else:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    for module in (pages, browse, downloads, api):
        app.register_blueprint(module.bp)
    guard.init_app(app)
    listing.init_app(app)
    return app


def get_engine() -> Engine:
    """The app's one engine, opened on first use and shared by every request and thread."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    eng = app.extensions.get(_ENGINE_KEY)
    if eng is None:
        with _ENGINE_LOCK:
            eng = app.extensions.get(_ENGINE_KEY)
            if eng is None:
                eng = open_engine(Path(app.config["INDEX"]))
                app.extensions[_ENGINE_KEY] = eng
                # The engine is read-only and shared across threads: it lives as long as
                # the process, so it is closed at exit rather than after each request.
                atexit.register(eng.close)
    return eng


def run_search(req: SearchRequest) -> SearchResult:
    """The shared search, through the app's engine."""
    return search(get_engine(), req)


def index_dir() -> Path:
    """The index folder this app serves."""
    return Path(current_app.config["INDEX"])


def _index_file(name: str) -> Any:
    """A JSON file the index build wrote beside the index, or None if unreadable."""
    try:
        return json.loads((index_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def index_version() -> str | None:
    """When the index was last written ('updated' in engine.json), for exports."""
    data = _index_file("engine.json")
    updated = data.get("updated") if isinstance(data, dict) else None
    return str(updated) if updated else None


def source_roots() -> list[Path]:
    """Folders the index was built from (ingest-report.json 'roots')."""
    data = _index_file("ingest-report.json")
    roots = data.get("roots", []) if isinstance(data, dict) else []
    return [Path(r) for r in roots if isinstance(r, str)] if isinstance(roots, list) else []
