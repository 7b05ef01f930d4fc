# The README's two commands: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve test lint fmt install install-test chromium clean
WORKERS ?= 2
THREADS ?= 400

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's Chromium for the browser tests (never `playwright install`).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: install
	$(FLASK) init-db
	$(FLASK) demo
	@echo "FlowPilot on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production-style: gunicorn's gthread worker. Each open chat socket holds one thread for its
# whole life, so THREADS must exceed the sockets a worker should hold (engineers × open tabs).
serve: install
	$(FLASK) init-db
	$(BIN)/gunicorn --worker-class gthread --workers $(WORKERS) --threads $(THREADS) \
	  --bind $(HOST):$(PORT) --timeout 120 --graceful-timeout 30 app:app

# The whole suite on SQLite, then (where PostgreSQL can be had) again on PostgreSQL without the
# browser tests. psycopg's pooled connections from apps a test built are closed by the garbage
# collector; that run ignores the resulting unraisable-exception warnings.
test: install-test chromium lint
	$(BIN)/python -m pytest -q
	@url=$$(sh scripts/test-postgres.sh); \
	if [ -n "$$url" ]; then \
	  echo "Running the suite against PostgreSQL ($$url)"; \
	  FLOWPILOT_TEST_POSTGRES_URL=$$url $(BIN)/python -m pytest -q --ignore=tests/e2e \
	    -W "ignore::pytest.PytestUnraisableExceptionWarning"; \
	else echo "PostgreSQL is not available here: SQLite run only."; fi

# Lint, format check and types: seconds, and the first thing `make test` does.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Rewrite files to the house format and apply the safe lint fixes.
fmt: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info
