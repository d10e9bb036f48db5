# reprocess: build and test entry points. See docs/development.md.
#
#   make test       lint, type-check and run the test suite (sets everything up first)
#   make demo       run the demo command
#   make bench      run the benchmarks
#   make clean      remove generated files and caches (keeps .venv and node_modules)
#   make distclean  clean, and also remove .venv and the Node modules
#
# Needs GNU make, Python >= 3.11 and, for the JS harness, node >= 20 with npm.
# Nothing is activated: every tool is called as $(VENV)/bin/TOOL.

PYTHON ?= python3
VENV ?= .venv
NPM ?= npm
# Extra arguments for pytest and for the benchmark runner, e.g.
#   make test PYTEST_ARGS='-k reader -x'     make bench BENCH_ARGS='--quick'
PYTEST_ARGS ?=
BENCH_ARGS ?=

JS_DIR := tests/js
JS_STAMP := $(JS_DIR)/node_modules/.stamp
VENV_STAMP := $(VENV)/.stamp

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

.PHONY: help venv tools test lint typecheck pytest demo bench clean distclean

help:
	@echo 'make test       ruff, mypy, lint-imports (if configured), pytest; sets up $(VENV) and $(JS_DIR) first'
	@echo 'make demo       run $(VENV)/bin/reprocess demo'
	@echo 'make bench      run benchmarks/run.py   (BENCH_ARGS=... to pass options)'
	@echo 'make venv       create/update $(VENV) with the dev, wasm and xlsx extras'
	@echo 'make tools      install the Node packages of the JS test harness into $(JS_DIR)/node_modules'
	@echo 'make lint | typecheck | pytest   one step of make test   (PYTEST_ARGS=... for pytest)'
	@echo 'make clean      remove out/, build artefacts and caches (keeps $(VENV) and node_modules)'
	@echo 'make distclean  clean, and remove $(VENV) and node_modules'

# --- Python virtual environment -------------------------------------------------------
# The stamp is newer than pyproject.toml once the editable install has succeeded, so a
# second `make venv` does nothing. Edit pyproject.toml (or delete the stamp) to reinstall.
venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml $(wildcard setup.py setup.cfg)
	@if [ ! -x '$(VENV)/bin/python' ]; then \
	  echo '>>> creating $(VENV) with $(PYTHON)'; \
	  $(PYTHON) -m venv '$(VENV)'; \
	fi
	$(VENV)/bin/python -m pip install --disable-pip-version-check --progress-bar off -q --upgrade pip
	$(VENV)/bin/python -m pip install --disable-pip-version-check --progress-bar off -e '.[dev,wasm,xlsx]'
	@touch '$@'

# --- Node packages of the JS harness (bpmn-moddle, bpmnlint) -----------------------------
# `npm ci` installs exactly what package-lock.json says; without a lock, `npm install`
# writes one (with no registry URLs in it). Without npm this warns and goes on, and the
# tests that need Node skip themselves; under CI (CI=true) a missing npm is an error.
tools: $(JS_STAMP)

$(JS_STAMP): $(JS_DIR)/package.json $(wildcard $(JS_DIR)/package-lock.json)
	@if ! command -v '$(NPM)' >/dev/null 2>&1; then \
	  if [ "$${CI:-}" = true ]; then echo 'error: npm not found' >&2; exit 1; fi; \
	  echo 'warning: npm not found: the JS harness is not installed, tests needing it will skip' >&2; \
	  exit 0; \
	fi; \
	cd '$(JS_DIR)'; \
	if [ -f package-lock.json ]; then \
	  echo '(cd $(JS_DIR) && $(NPM) ci)'; \
	  $(NPM) ci --no-audit --no-fund; \
	else \
	  echo '(cd $(JS_DIR) && $(NPM) install)'; \
	  $(NPM) install --no-audit --no-fund --omit-lockfile-registry-resolved; \
	fi; \
	touch node_modules/.stamp

# --- Checks and tests -------------------------------------------------------------------
# `make test` stops at the first failing step; `make -k test` runs them all.
test: venv tools lint typecheck pytest

lint: venv
	$(VENV)/bin/ruff check .
	@if [ -f .importlinter ] || grep -Eq '^\[+tool\.importlinter' pyproject.toml; then \
	  echo '$(VENV)/bin/lint-imports'; $(VENV)/bin/lint-imports; \
	else \
	  echo 'lint-imports: no .importlinter or [tool.importlinter]; skipped'; \
	fi

typecheck: venv
	$(VENV)/bin/mypy

# Runs in parallel with `-n auto` when pytest-xdist happens to be installed.
pytest: venv tools
	@xdist=''; \
	if $(VENV)/bin/python -c 'import xdist' >/dev/null 2>&1; then xdist='-n auto'; fi; \
	echo "$(VENV)/bin/pytest -q $$xdist $(PYTEST_ARGS)"; \
	$(VENV)/bin/pytest -q $$xdist $(PYTEST_ARGS)

# --- Demo and benchmarks ----------------------------------------------------------------
demo: venv
	$(VENV)/bin/reprocess demo

bench: venv
	$(VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

# --- Cleaning ---------------------------------------------------------------------------
clean:
	rm -rf out/ build/ dist/ ./*.egg-info/ .mypy_cache/ .ruff_cache/ .pytest_cache/ \
	  .hypothesis/ benchmarks/results/ .coverage htmlcov/
	find . \( -path './$(VENV)' -o -path './.git' -o -name node_modules \) -prune -o \
	  \( -name __pycache__ -o -name .ipynb_checkpoints -o -name '*.egg-info' \) -type d -print0 \
	  | xargs -0 -r rm -rf
	if [ -d examples ]; then find examples -type d -name out -prune -print0 | xargs -0 -r rm -rf; fi

distclean: clean
	rm -rf '$(VENV)' '$(JS_DIR)/node_modules' node_modules/
