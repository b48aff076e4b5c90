# mrplan: the only entry points a newcomer needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench messages install serve demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Create the environment, migrate, load the demo data (only into an empty database) and serve,
## with a background worker (imports, documents, e-mail) that stops with the server (Ctrl-C).
run: install
	$(BIN)/mrplan migrate --noinput
	$(BIN)/mrplan load_demo
	@$(BIN)/mrplan worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/mrplan runserver 127.0.0.1:8000

## The whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## The city-scale benchmark (docs/performance.md): builds or reuses the PostgreSQL databases
## mrplan_bench_s1 and mrplan_bench_s10, serves them with gunicorn, writes bench/results.json.
## REBUILD=1 rebuilds the databases; BENCH_SCALES=0.2,1 runs other scales.
bench: install
	REBUILD=$(REBUILD) $(BIN)/python -m bench.run

## Re-extract and compile the interface translations (needs GNU gettext).
messages: install
	cd src/mrplan && ../../$(BIN)/mrplan makemessages -l en --no-location --ignore "*/migrations/*"
	cd src/mrplan && ../../$(BIN)/mrplan compilemessages

clean:
	rm -rf $(VENV) var
