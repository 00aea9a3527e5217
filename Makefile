# docgen — les deux commandes utiles : `make convocations` et `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SESSION ?= inputs/exemple

.PHONY: convocations invitations posters sheets retroplanning all templates check plan \
	test lint typecheck unit clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

convocations: $(STAMP)
	$(BIN)/docgen convocations $(SESSION)

invitations: $(STAMP)
	$(BIN)/docgen invitations $(SESSION)

posters: $(STAMP)
	$(BIN)/docgen posters $(SESSION)

sheets: $(STAMP)
	$(BIN)/docgen sheets $(SESSION)

retroplanning: $(STAMP)
	$(BIN)/docgen retroplanning $(SESSION)

all: $(STAMP)
	$(BIN)/docgen all $(SESSION)

templates: $(STAMP)
	$(BIN)/docgen templates check $(SESSION)

check: $(STAMP)
	$(BIN)/docgen check $(SESSION)

plan: $(STAMP)
	$(BIN)/docgen plan $(SESSION)

lint: $(STAMP)
	$(BIN)/ruff check docgen tests tools benchmarks
	$(BIN)/ruff format --check docgen tests tools benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy --strict docgen

unit: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck unit

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
