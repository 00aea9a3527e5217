# docgen — les deux commandes utiles : `make convocations` et `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SESSION ?= inputs/exemple

.PHONY: convocations check plan test lint typecheck unit clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

convocations: $(STAMP)
	$(BIN)/docgen convocations $(SESSION)

check: $(STAMP)
	$(BIN)/docgen check $(SESSION)

plan: $(STAMP)
	$(BIN)/docgen plan $(SESSION)

lint: $(STAMP)
	$(BIN)/ruff check docgen tests tools
	$(BIN)/ruff format --check docgen tests tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict docgen

unit: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
