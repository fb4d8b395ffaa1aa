SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-requirements

.PHONY: run install prepare test test-fast lint format messages bench clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sild needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

# Database, compiled catalogues and demo content: everything `make run` needs, idempotent.
prepare: install
	@mkdir -p var/mail
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compile_translations
	$(PY) manage.py seed_demo

# The site on http://127.0.0.1:8000 and a task worker; Ctrl-C stops both.
run: prepare
	@echo "Sild is starting on http://127.0.0.1:8000/ (admin: /admin/). E-mails are written to var/mail/."
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --queue-name '*' --interval 1 & \
	$(PY) manage.py runserver 127.0.0.1:8000; \
	wait

# One pytest-xdist worker per core, each with its own test database (tests/conftest.py:
# XdistGroups); PYTEST_WORKERS=0 runs the suite in this process.
PYTEST_WORKERS ?= auto
test: install
	$(PY) manage.py compile_translations
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the ru and et catalogues from the code and templates (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale ru --locale et --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*'

bench: install
	@mkdir -p var
	$(PY) -m bench $(BENCH)

clean:
	rm -rf var/db.sqlite3 var/mail static
