# ODOP platform. `make help` lists the targets; the two that matter are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
ODOP := $(BIN)/odop
export ODOP_DATA_DIR ?= $(abspath ../shared/data)
PYTEST_ARGS ?=

.PHONY: help run dev setup test test-fast test-browser test-postgres lint lock bench messages clean system-test-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml requirements.lock
	@set -e; PY312=$$(scripts/find-python.sh); \
	  [ -x $(PY) ] || "$$PY312" -m venv $(VENV); \
	  $(PY) -m pip install --quiet --disable-pip-version-check uv; \
	  $(BIN)/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock; \
	  $(BIN)/uv pip install --quiet --python $(PY) --no-deps -e .; \
	  $(PY) -m compileall -q -j0 odop config >/dev/null
	@touch $@

setup: $(BIN)/.installed ## virtualenv, dependencies, migrations, reference data, demo accounts
	$(ODOP) bootstrap

run: setup ## set everything up and serve on http://127.0.0.1:$(PORT) (gunicorn + task worker)
	$(ODOP) serve --bind 127.0.0.1:$(PORT)

dev: setup ## like run, but Django's auto-reloading development server (no task worker)
	$(ODOP) runserver 127.0.0.1:$(PORT)

system-test-deps: ## Debian chromium and a Devanagari font for the browser tests
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans Devanagari'; then \
	  echo "installing chromium and fonts-noto-core (Debian packages)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	fi

test: $(BIN)/.installed system-test-deps ## every test: unit, full national data, browser (SQLite unless DATABASE_URL)
	bash scripts/redis-up.sh
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: $(BIN)/.installed ## tests without the browser and the full-data import
	bash scripts/redis-up.sh
	$(BIN)/pytest -m "not browser and not slow" $(PYTEST_ARGS)

test-browser: $(BIN)/.installed system-test-deps ## only the browser tests
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

test-postgres: ## the whole suite on PostgreSQL at 127.0.0.1:5432 (starts it if down)
	bash scripts/postgres-up.sh
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop ODOP_TEST_REDIS_URL=redis://127.0.0.1:6379/14 $(MAKE) test

lint: $(BIN)/.installed ## ruff, mypy and the layers contract (no import runs back up)
	$(BIN)/ruff check odop config bench
	$(BIN)/ruff format --check odop config bench
	$(BIN)/mypy odop config
	$(BIN)/pytest -q -p no:cacheprovider odop/core/tests/test_layers.py

lock: ## re-pin requirements.lock from pyproject.toml
	$(BIN)/uv pip compile --quiet --no-header --python $(PY) --extra dev pyproject.toml -o requirements.lock

messages: $(BIN)/.installed ## extract and compile translations (English, Hindi)
	$(ODOP) makemessages -l hi --no-obsolete -i "*/tests/*" -i ".venv/*" -i "bench/*"
	msgfmt --check -o locale/hi/LC_MESSAGES/django.mo locale/hi/LC_MESSAGES/django.po

bench: $(BIN)/.installed ## run the benchmarks and print their figures
	$(PY) bench/import_bench.py
	$(PY) bench/catalogue_bench.py
	$(PY) bench/complexity_bench.py
	$(PY) bench/export_profile_bench.py
	$(PY) bench/pages_bench.py
	$(PY) bench/concurrency_bench.py
	$(PY) bench/load_profile.py

clean: ## remove the virtualenv and the local database
	rm -rf $(VENV) db.sqlite3 staticfiles
