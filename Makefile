# omzien developer tasks. `make help` lists them; `make test` is what CI runs.
#
# System packages (postgresql, chromium, gettext, and pango with fonts for the PDFs) are
# installed on demand through scripts/ensure_system_packages.sh: directly as root, via sudo
# otherwise.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
CHROMIUM_PATH ?= /usr/bin/chromium
# Extra arguments for every pytest run, e.g. `make test-sqlite PYTEST_ARGS="-k login -x"`.
PYTEST_ARGS ?=
# Only lint the directories that exist (git does not keep empty ones).
LINT_PATHS := $(wildcard src tests benchmarks)
ENSURE := scripts/ensure_system_packages.sh
DEMO_ENV := OMZIEN_DEMO=true
# WeasyPrint (the PDF plan and crisis card) loads Debian's pango at run time; DejaVu is the
# font the PDFs ask for. The same package names exist on Debian 12 and 13.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

# $(call pytest_guarded,COMMAND): run a pytest command line. pytest exits 5 when it collected
# no tests; that stays a failure (the exit code is passed on) and gets a clear message.
pytest_guarded = rc=0; $(1) || rc=$$?; \
	if [ $$rc -eq 5 ]; then \
		echo "*** make $@: pytest collected NO tests (exit code 5). Failing. ***" >&2; \
	fi; \
	exit $$rc

.PHONY: help venv install pdf-libs demo lint fmt test test-sqlite test-pg test-e2e messages hooks \
	clean distclean

help:
	@echo "make install      create $(VENV) and pip install -e '.[dev]' (again when pyproject.toml changes);"
	@echo "                  installs Debian's pango and DejaVu fonts for the PDFs when missing"
	@echo "make demo         migrate, load demo data and run on http://127.0.0.1:$(PORT) (PORT=...)"
	@echo "make lint         ruff check, ruff format --check, mypy"
	@echo "make fmt          ruff format and ruff check --fix"
	@echo "make test         lint, test-sqlite, test-pg, test-e2e (stops at the first failure)"
	@echo "make test-sqlite  tests (not e2e) on SQLite"
	@echo "make test-pg      tests (not e2e) on a throwaway PostgreSQL (scripts/with_postgres.sh)"
	@echo "make test-e2e     browser tests in headless Debian chromium"
	@echo "make messages     makemessages + compilemessages for nl (src/omzien/locale)"
	@echo "make hooks        install the pre-commit git hook"
	@echo "make clean        remove caches and build output; distclean also removes $(VENV)"

# --- environment ----------------------------------------------------------------------

$(BIN)/python:
	@# Debian's own python3 needs python3-venv for `-m venv`.
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || $(ENSURE) python3-venv
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[dev]'
	touch $@

# Checking the packages costs one `dpkg -s` each; apt-get only runs when one is missing.
pdf-libs:
	$(ENSURE) $(PDF_PACKAGES)

venv install: $(STAMP) pdf-libs

# --- demo -----------------------------------------------------------------------------

demo: install
	mkdir -p "$${OMZIEN_VAR_DIR:-var}"
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# --- quality --------------------------------------------------------------------------

# The django-stubs mypy plugin imports omzien.settings, which refuses to load without
# SECRET_KEY outside the demo; type checking does not care about its value.
lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	SECRET_KEY="$${SECRET_KEY:-mypy-only-not-a-secret}" $(BIN)/mypy src/omzien

fmt: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

# --- tests ----------------------------------------------------------------------------

test:
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-pg
	$(MAKE) --no-print-directory test-e2e

test-sqlite: install
	$(call pytest_guarded,env -u DATABASE_URL $(BIN)/pytest -m "not e2e" -p no:cacheprovider $(PYTEST_ARGS))

test-pg: install
	$(call pytest_guarded,scripts/with_postgres.sh $(BIN)/pytest -m "not e2e" -p no:cacheprovider $(PYTEST_ARGS))

# Never `playwright install`: the tests drive Debian's chromium through CHROMIUM_PATH.
test-e2e: install
	[ -x "$(CHROMIUM_PATH)" ] || $(ENSURE) chromium
	$(call pytest_guarded,CHROMIUM_PATH="$(CHROMIUM_PATH)" $(BIN)/pytest -m e2e -p no:cacheprovider $(PYTEST_ARGS))

# --- translations ---------------------------------------------------------------------

# Run from src/omzien without DJANGO_SETTINGS_MODULE so that Django uses the app-local
# locale/ directory (settings.LOCALE_PATHS starts with the project-level locale/).
messages: install
	command -v msgfmt >/dev/null && command -v xgettext >/dev/null || $(ENSURE) gettext
	mkdir -p src/omzien/locale/nl/LC_MESSAGES
	cd src/omzien && env -u DJANGO_SETTINGS_MODULE $(BIN)/django-admin makemessages \
		-l nl --no-obsolete --add-location=file
	cd src/omzien && env -u DJANGO_SETTINGS_MODULE $(BIN)/django-admin compilemessages -l nl

# --- misc -----------------------------------------------------------------------------

hooks: install
	$(BIN)/pre-commit install

clean:
	rm -rf build dist src/*.egg-info *.egg-info .pytest_cache .mypy_cache .ruff_cache \
		test-results
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
