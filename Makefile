# One place for every command. The first run creates .venv (Python >= 3.12) and
# node_modules (the self-hosted Pyodide) by itself; later runs reuse them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
VENV_CFG := $(VENV)/pyvenv.cfg
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
MAX_AGE_MONTHS ?= 12
RUNS ?= 5
PHONE_RUNS ?= 1
export NO_MKDOCS_2_WARNING := 1

# The first Python >= 3.12 on PATH (pyodide-build and pyodide-lock need it; .python-version pins 3.12).
PYTHON ?= $(shell for p in python3.12 python3.13 python3.14 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help
help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# A .venv whose Python is older than 3.12 (made before .python-version said 3.12, say) or no
# longer runs (its pyenv version was removed) cannot install the pins: it is made again, with a
# word why, rather than patched with packages that need 3.12. Empty when .venv is fine or absent.
VENV_UNFIT := $(shell test -e $(VENV) && { $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' \
	>/dev/null 2>&1 || echo yes; })

$(VENV_CFG): $(if $(VENV_UNFIT),FORCE)
	@test -n "$(PYTHON)" || { echo "error: Python 3.12 or newer is needed and none was found on PATH." \
		"Install it (for example: pyenv install 3.12) and run make again." >&2; exit 1; }
	@if [ -n "$(VENV_UNFIT)" ]; then \
		echo "$(VENV) was made with $$($(PY) --version 2>/dev/null || echo 'a Python that no longer runs'), but this project" \
			"needs Python 3.12 or newer: making it again with $(PYTHON) ($$($(PYTHON) --version))"; \
	else echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"; fi
	$(PYTHON) -m venv $(if $(VENV_UNFIT),--clear) $(VENV)

$(PY_STAMP): $(VENV_CFG) requirements.lock pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

.PHONY: FORCE
FORCE:

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: npm (Node.js 20 or newer) is needed for the" \
		"self-hosted Pyodide. Install Node.js and run make again." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: deps
deps: $(PY_STAMP) $(NODE_STAMP) ## Install Python and npm dependencies (done automatically)

.PHONY: serve
serve: deps ## Build and serve the guide at http://127.0.0.1:8000 with live reload
	SITE_URL=http://$(HOST):$(PORT)/ $(PY) -m mkdocs serve --strict --dev-addr $(HOST):$(PORT)

.PHONY: build
build: deps ## Strict build of the site into site/
	$(PY) -m mkdocs build --strict --clean

.PHONY: build-zensical
build-zensical: deps ## The same guide built by Zensical (Material's successor) into site/
	rm -rf site
	@# `-m` puts the project root on sys.path, where Zensical's macros import the macros package from.
	$(PY) -m zensical build --clean --strict --config-file mkdocs.yml
	$(PY) -m site_build site

.PHONY: test
test: deps ## Run the whole test suite (unit, property, Pyodide parity, site, browser)
	$(PY) -m tools.browser --ensure
	$(PY) -m pytest

.PHONY: bench
bench: deps ## Benchmark in Chromium vs bare Pyodide, desktop and phones, write benchmarks/results.json (RUNS=5 PHONE_RUNS=1: about 15 min; fails on a budget)
	$(PY) -m tools.browser --ensure
	$(PY) -m benchmarks --runs $(RUNS) --phone-runs $(PHONE_RUNS)

.PHONY: lint
lint: deps lint-js ## ruff (lint + format check) and mypy; Biome and tsc for the JavaScript
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# The browser runtime's guard rails (tests/js/test_lint.py proves each one catches its slip).
# Biome formats and lints (biome.json); tsc checks the JSDoc types, once per global scope (page,
# worker, service worker); grep holds every line to 120 columns, which Biome's formatter does not
# do for comments.
.PHONY: lint-js
lint-js: $(NODE_STAMP) ## Biome (format + lint) and tsc over the JavaScript, 120 columns
	node_modules/.bin/biome ci --error-on-warnings --colors=off .
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.worker.json
	node_modules/.bin/tsc -p tsconfig.sw.json
	@if LC_ALL=C.UTF-8 grep -rnE --include='*.js' --include='*.mjs' --exclude-dir=node_modules \
		--exclude-dir=.venv --exclude-dir=site --exclude-dir=.git '^.{121,}' .; then \
		echo "error: the JavaScript lines above are over 120 columns" >&2; exit 1; fi

.PHONY: check-facts
check-facts: $(PY_STAMP) ## Fail on facts not reviewed in MAX_AGE_MONTHS months (default 12)
	$(PY) -m calculators check-facts --max-age-months $(MAX_AGE_MONTHS)

.PHONY: calculator
calculator: $(PY_STAMP) ## Create a working, tested calculator: make calculator NAME=brand_rates [PAGE=likes/x.md]
	@test -n "$(NAME)" || { echo "usage: make calculator NAME=<name> [PAGE=<page under docs/>]" \
		"(lowercase, e.g. NAME=brand_rates PAGE=monetization/brand-rates.md)" >&2; exit 2; }
	$(PY) -m calculators new $(NAME) $(if $(PAGE),--page $(PAGE))

.PHONY: format
format: deps ## Apply ruff's and Biome's formatting and safe fixes
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
	node_modules/.bin/biome check --write .

.PHONY: lock
lock: deps ## Re-pin Python dependencies (with their hashes) after editing pyproject.toml
	$(VENV)/bin/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host --strip-extras -o requirements.lock pyproject.toml

.PHONY: clean
clean: ## Remove build output and caches (keeps .venv and node_modules)
	rm -rf site dist build .cache .pytest_cache .ruff_cache .mypy_cache .hypothesis *.egg-info
