# The README's two commands: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LINT_STAMP := $(VENV)/.lint-stamp
# Superset in its own environment (it needs SQLAlchemy < 2): see docs/dashboards.md
BI_VENV := .venv-bi
BI_STAMP := $(BI_VENV)/.installed-stamp

.PHONY: install run test lint bench mutants corpus docs clean stop bi dashboard dashboard-stop

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

$(BI_STAMP): dashboards/requirements-bi.txt
	$(PYTHON) -m venv $(BI_VENV)
	$(BI_VENV)/bin/pip install --quiet --upgrade pip
	$(BI_VENV)/bin/pip install --quiet -r dashboards/requirements-bi.txt
	$(BI_VENV)/bin/python -c "import importlib.metadata as m; print(m.version('apache-superset'))" > $(BI_VENV)/superset-version
	touch $(BI_STAMP)

bi: $(BI_STAMP)

# Superset on 127.0.0.1 with the dashboards under dashboards/ (metadata under GOVFIN_HOME)
dashboard: install bi
	$(BIN)/python -m loaders.dashboard start

dashboard-stop:
	-$(BIN)/python -m loaders.dashboard stop

run: install
	$(BIN)/govfin run

# -rs: every skipped test says why (CI=true turns the skips that hide a missing corpus or browser into failures)
test: install bi
	$(BIN)/python -m pytest -q -rs -p no:cacheprovider

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

# planted bugs (bench/mutant_catalogue.py), each in a copy: the table of mutants and the tests that caught them
mutants: install
	$(BIN)/python -m bench.mutants

# the crawler corpus (../shared/corpus) through a fresh warehouse, twice; report in bench/corpus-results.json
# (docs/corpus.md). Fails on a crash, a time-out, a failed build or a rerun that loads again.
CORPUS ?= ../shared/corpus
corpus: install
	$(BIN)/python -m bench.corpus_run --corpus $(CORPUS)

# dbt's docs (manifest and catalog) and from them docs/marts.md, the marts reference with real types
docs: install
	$(BIN)/govfin build
	$(BIN)/python -c "from loaders.db import login_url; from loaders.dbt import run_dbt; raise SystemExit(run_dbt(login_url('transformer'), ['docs', 'generate']))"
	$(BIN)/python dbt_project/scripts/marts_reference.py
	@echo "docs/marts.md written; dbt docs in dbt_project/target (serve with: cd dbt_project && ../$(BIN)/dbt docs serve --profiles-dir .)"

stop:
	-$(BIN)/govfin db stop

clean: dashboard-stop stop
	rm -rf $(VENV) $(BI_VENV) .govfin dbt_project/target dbt_project/logs
