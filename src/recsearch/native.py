"""The modules compiled to C with mypyc (setup.py), and a guard against stale builds.

A compiled module sits beside its source, and Python imports the compiled one first. So
once a compiled module's source changes (an edit, a `git pull`) its old build would
still run. The build records each source's SHA-256 (RECORD); when any compiled module's
source no longer matches, every compiled module is imported from its source instead
(they call each other directly, so they are used all together or not at all), with a
warning saying how to rebuild. With RECSEARCH_PURE=1 in the environment they are imported
from source too (no warning): plain Python and compiled code give the same results
(tests/test_native.py checks it that way); compiled is faster.

This module is plain Python and imports only the standard library: setup.py loads it
alone, and the package's __init__ runs `guard()` before anything else is imported.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# On the search's hot path: make_snippet and match_spans (snippets), the facet buckets'
# ranking, reading a tantivy hit's record. Compiled, tantivy's one-term median at 300k
# records went from 1.47-1.49 to 1.39-1.40 ms (bench/search_bench.py, session 10).
COMPILED = ("analysis", "tantivy_snippets", "tantivy_facets", "tantivy_schema")
RECORD = "native-build.json"  # {module: SHA-256 of the source it was compiled from}
PACKAGE_DIR = Path(__file__).resolve().parent


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def built(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Modules of the package with a compiled file beside their source."""
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return sorted(
        name
        for name in {p.name.split(".", 1)[0] for p in package_dir.iterdir()}
        if (package_dir / f"{name}.py").is_file()
        and any((package_dir / f"{name}{s}").is_file() for s in suffixes)
    )


def stale(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Compiled modules whose source differs from the one they were compiled from."""
    names = built(package_dir)
    if not names:
        return []
    try:
        record = json.loads((package_dir / RECORD).read_text())
    except (OSError, ValueError):
        record = {}
    return [n for n in names if record.get(n) != source_digest(package_dir / f"{n}.py")]


def running_compiled(modules: Sequence[ModuleType]) -> list[str]:
    """Of these imported modules, the names of those running compiled code."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return [m.__name__ for m in modules if str(getattr(m, "__file__", "")).endswith(suffixes)]


def running() -> list[str]:
    """Of the modules COMPILED names, the ones this process runs compiled (imports them)."""
    return running_compiled([importlib.import_module(f"{__package__}.{n}") for n in COMPILED])


class SourceFirst:
    """A finder importing these modules of a package from their .py source."""

    def __init__(self, package: str, package_dir: Path, names: Sequence[str]) -> None:
        self.package_dir = package_dir
        self.names = {f"{package}.{n}": n for n in names}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        name = self.names.get(fullname)
        if name is None:
            return None
        return importlib.util.spec_from_file_location(fullname, self.package_dir / f"{name}.py")


def guard(package: str = __package__ or "recsearch", package_dir: Path = PACKAGE_DIR) -> bool:
    """If any compiled module is stale, or RECSEARCH_PURE is set, import all of them from
    source; whether it did."""
    pure = bool(os.environ.get("RECSEARCH_PURE"))
    changed = [] if pure else stale(package_dir)
    if not pure and not changed:
        return False
    names = built(package_dir)
    if names and not any(
        isinstance(f, SourceFirst) and f.package_dir == package_dir for f in sys.meta_path
    ):
        sys.meta_path.insert(0, SourceFirst(package, package_dir, names))
    if pure:
        return bool(names)
    warnings.warn(
        f"{package}: {', '.join(f'{n}.py' for n in changed)} changed since it was compiled,"
        " so the compiled modules are left unused (slower, same results); rebuild them"
        " with `make setup` or `pip install -e .`",
        RuntimeWarning,
        stacklevel=2,
    )
    return True
