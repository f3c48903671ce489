"""The modules compiled with mypyc (recsearch/native.py): the build compiles them, they
give what their sources give, and a stale build is left unused."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path

import pytest

import native_outputs
from recsearch import native

COMPILED = [f"recsearch.{name}" for name in native.COMPILED]


def _can_compile() -> bool:
    return bool(shutil.which(sysconfig.get_config_var("CC") or "cc") or shutil.which("gcc"))


@pytest.mark.skipif(not _can_compile(), reason="no C compiler: the modules run from source")
@pytest.mark.skipif(bool(os.environ.get("RECSEARCH_PURE")), reason="RECSEARCH_PURE is set")
def test_the_build_compiled_every_module_native_names() -> None:
    assert native.running() == COMPILED, (
        "these modules run from source although a C compiler is here: rebuild them with"
        " `make setup` or `pip install -e .`"
    )
    assert native.stale() == []


def test_compiled_modules_give_what_their_sources_give(tmp_path: Path) -> None:
    here = native_outputs.outputs(tmp_path / "compiled-ids")
    if not here["compiled"]:
        pytest.skip("nothing is compiled here")
    proc = subprocess.run(
        [sys.executable, native_outputs.__file__, str(tmp_path / "source-ids")],
        env={**os.environ, "RECSEARCH_PURE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    source = json.loads(proc.stdout)
    assert source.pop("compiled") == []  # that process really ran the sources
    assert here.pop("compiled") == COMPILED
    assert source.keys() == here.keys()
    for key in here:
        assert here[key] == source[key], key
    # Enough happened to compare: matches were found and marked, documents were made.
    assert sum(map(len, here["spans women"])) > 100
    assert any("<mark>" in s for s in here["snippets women"])
    assert len(here["documents"]) == 60


# -- the guard against stale builds, on a package of our own ---------------------------


def _package(root: Path) -> Path:
    """A package `stalepkg` with a module `mod` and a file standing for its compiled
    build: importing that file fails, so a test sees which one an import took."""
    pkg = root / "stalepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "mod.py").write_text("WHERE = 'source'\n")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (pkg / f"mod{suffix}").write_bytes(b"not a real extension")
    return pkg


@pytest.fixture
def isolated_imports(tmp_path: Path):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(tmp_path))
    finders = list(sys.meta_path)
    yield tmp_path
    sys.path.remove(str(tmp_path))
    sys.meta_path[:] = finders
    for name in [n for n in sys.modules if n.split(".")[0] == "stalepkg"]:
        del sys.modules[name]


def test_a_compiled_module_whose_source_changed_is_imported_from_source(
    isolated_imports: Path,
) -> None:
    pkg = _package(isolated_imports)
    record = {"mod": "a digest of some older source"}
    (pkg / native.RECORD).write_text(json.dumps(record))
    assert native.built(pkg) == ["mod"]
    assert native.stale(pkg) == ["mod"]
    with pytest.warns(RuntimeWarning, match=r"mod\.py changed since it was compiled"):
        assert native.guard("stalepkg", pkg) is True
    module = importlib.import_module("stalepkg.mod")
    assert module.WHERE == "source"
    assert module.__file__ == str(pkg / "mod.py")


def test_without_the_guard_python_takes_the_compiled_file(isolated_imports: Path) -> None:
    """The reason for the guard: beside its source, the compiled file is imported first."""
    _package(isolated_imports)
    with pytest.raises(ImportError):
        importlib.import_module("stalepkg.mod")


def test_a_fresh_build_is_left_alone(isolated_imports: Path) -> None:
    pkg = _package(isolated_imports)
    (pkg / native.RECORD).write_text(json.dumps({"mod": native.source_digest(pkg / "mod.py")}))
    assert native.stale(pkg) == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert native.guard("stalepkg", pkg) is False
    assert not any(isinstance(f, native.SourceFirst) for f in sys.meta_path)


def test_a_build_without_its_record_counts_as_stale(isolated_imports: Path) -> None:
    pkg = _package(isolated_imports)
    assert native.stale(pkg) == ["mod"]


def test_recsearch_pure_imports_sources_without_a_warning(
    isolated_imports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = _package(isolated_imports)
    (pkg / native.RECORD).write_text(json.dumps({"mod": native.source_digest(pkg / "mod.py")}))
    monkeypatch.setenv("RECSEARCH_PURE", "1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert native.guard("stalepkg", pkg) is True
    assert importlib.import_module("stalepkg.mod").WHERE == "source"


def test_no_compiled_files_no_guard(isolated_imports: Path) -> None:
    pkg = _package(isolated_imports)
    for f in pkg.iterdir():
        if f.name.startswith("mod.") and f.suffix != ".py":
            f.unlink()
    assert native.built(pkg) == []
    assert native.stale(pkg) == []
    assert native.guard("stalepkg", pkg) is False
