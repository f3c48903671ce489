# Two commands set everything up on a fresh machine (see README):
#   make serve   build the index from the corpus and serve it on http://127.0.0.1:5000/
#   make check   lint, type-check and run every test
CORPUS ?= ../shared/corpus
INDEX ?= index
PORT ?= 5000
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup system serve ingest check lint types test eval bench clean

setup: system $(VENV)/.installed
	@# Recompile the compiled modules (setup.py) if a source of theirs has changed since.
	@$(BIN)/python -W ignore -c "import sys; from recsearch import native; sys.exit(bool(native.stale()))" \
		|| $(BIN)/pip install --quiet --no-deps -e .

system:
	@bash scripts/system-packages.sh

$(VENV)/.installed: pyproject.toml setup.py
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

ingest: setup
	$(BIN)/recsearch ingest $(CORPUS) --index $(INDEX)

serve: ingest
	$(BIN)/recsearch serve --index $(INDEX) --port $(PORT)

lint: setup
	$(BIN)/ruff check setup.py src tests bench eval
	$(BIN)/ruff format --check setup.py src tests bench eval

types: setup
	$(BIN)/mypy

test: setup
	$(BIN)/pytest

check: lint types test

eval: setup
	$(BIN)/python eval/run_all.py --corpus $(CORPUS) --index $(INDEX)

clean:
	rm -rf $(INDEX) artifacts .pytest_cache .mypy_cache .ruff_cache build
