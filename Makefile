# Sinergi: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
PORT ?= 8000
export PORT
# Everything started from this Makefile is development or demo: the demo front page and a
# development secret key. Production sets SECRET_KEY and leaves SINERGI_DEMO off.
SINERGI_DEMO ?= true
export SINERGI_DEMO

# In CI the tests talk to the machine's PostgreSQL; locally SQLite unless DATABASE_URL says otherwise.
ifeq ($(CI),true)
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
export DATABASE_URL
endif

.PHONY: run test lint typecheck pytest drill setup serve bench clean install

run: setup serve

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || { PYBIN=$$(bin/find-python) && $$PYBIN -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# A .env for the commands run by hand (.venv/bin/python manage.py …, .venv/bin/mypy .): the demo
# settings this Makefile uses, written once and never overwritten (edit it freely).
.env:
	@printf '%s\n' '# Written by make run for the commands you run by hand; see .env.example.' \
	  'SINERGI_DEMO=true' 'SITE_URL=http://127.0.0.1:$(PORT)' > .env
	@echo "wrote .env (SINERGI_DEMO=true, SITE_URL=http://127.0.0.1:$(PORT))"

# Migrate and load territory, units and the demo; each step skips what is already there.
setup: $(STAMP) .env
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_areas
	$(PY) manage.py generate_units
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --no-input --verbosity 0

serve: $(STAMP)
	$(PY) -m config.serve

test: $(STAMP) lint typecheck pytest drill

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	bin/ensure-gettext
	$(PY) bin/make-messages --check

typecheck: $(STAMP)
	$(VENV)/bin/mypy .
	$(PY) manage.py makemigrations --check --dry-run

# One pytest worker per core (PYTEST_WORKERS=1 runs them in one process, in order).
PYTEST_WORKERS ?= auto
pytest: $(STAMP)
	bin/ensure-chromium
	# no persistent connections: the browser tests' live server must let the test database go
	DB_CONN_MAX_AGE=0 $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

# A short fault drill (PostgreSQL only; about 2 minutes): the mixed load on the production server
# while a web worker and a task worker are killed and PostgreSQL restarts; the ledger must hold.
DRILL_FAULTS ?= web,task,pg
drill: $(STAMP)
	@case "$$DATABASE_URL" in \
	  postgres*) $(PY) bench/load/run.py --seconds 45 --cases 2000 --clients 6 --drain 120 \
	               --fault $(DRILL_FAULTS) ;; \
	  *) echo "drill: needs PostgreSQL (DATABASE_URL=postgres://...); skipped" ;; \
	esac

bench: $(STAMP)
	$(PY) bench/areas.py
	$(PY) bench/engagement.py
	$(PY) bench/news.py
	$(PY) bench/patrols.py

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .pytest_cache
