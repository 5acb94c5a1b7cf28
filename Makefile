# The README's two commands: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LINT_STAMP := $(VENV)/.lint-stamp

.PHONY: install run test lint bench docs clean stop

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/govfin run

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

$(LINT_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $(LINT_STAMP)

# ruff (Python) and sqlfluff (the dbt models, compiled by dbt against the warehouse, hence migrate)
lint: $(LINT_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/govfin migrate
	$(BIN)/python dbt_project/scripts/with_dbt_env.py $(BIN)/sqlfluff lint dbt_project/models dbt_project/tests

bench: install
	$(BIN)/python -m bench.run

# dbt's docs (manifest and catalog) and from them docs/marts.md, the marts reference with real types
docs: install
	$(BIN)/govfin build
	$(BIN)/python -c "from loaders.db import database_url; from loaders.dbt import run_dbt; raise SystemExit(run_dbt(database_url(), ['docs', 'generate']))"
	$(BIN)/python dbt_project/scripts/marts_reference.py
	@echo "docs/marts.md written; dbt docs in dbt_project/target (serve with: cd dbt_project && ../$(BIN)/dbt docs serve --profiles-dir .)"

stop:
	-$(BIN)/govfin db stop

clean: stop
	rm -rf $(VENV) .govfin dbt_project/target dbt_project/logs
