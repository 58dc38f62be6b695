# 明鉴 — the two Quick-start commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test serve lint typecheck

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

## make run: install, migrate, load the demo city when the database is empty, serve on 127.0.0.1:$(PORT)
run: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	@echo "明鉴已启动：http://127.0.0.1:$(PORT)/login/"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: install test tools (and Chromium + a CJK font when root), lint, type-check, whole suite
test: $(VENV)/.installed-test
	bash scripts/ensure-browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest
