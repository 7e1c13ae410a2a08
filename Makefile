# Verso — the two commands: `make run` and `make test`. See the README.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: install run dev test lint audit messages makemessages bench clean

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

install: $(BIN)/.installed

messages: install
	$(MANAGE) compilemessages --ignore=.venv -v0

makemessages: install
	$(MANAGE) makemessages -l fi -l sv -l en --ignore=.venv --ignore=var --no-obsolete -v0

run: messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) collectstatic --noinput -v0
	@echo "Verso is at http://127.0.0.1:$(PORT)/  (Ctrl+C stops it and its task worker)"
	@echo "Sent mail lands as files in var/mail/ unless EMAIL_URL says otherwise."
	@# --- meetings --- the task worker runs beside gunicorn; Ctrl+C (or gunicorn ending) stops both.
	@$(MANAGE) db_worker --interval 2 --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
		--access-logfile - --forwarded-allow-ips 127.0.0.1

dev: messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo --if-empty
	@$(MANAGE) db_worker --interval 2 --reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r verso config -x '*/tests/*'

test: lint messages
	TEST_DATABASE_URL= DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run -v1
	@if [ -n "$(CHROMIUM)" ]; then \
		echo "on SQLite, with the browser tests: $(CHROMIUM)"; \
		TEST_DATABASE_URL= VERSO_CHROMIUM="$(CHROMIUM)" $(BIN)/pytest -p no:cacheprovider; \
	else \
		echo "browser tests skipped: no Chromium"; \
		TEST_DATABASE_URL= $(BIN)/pytest -p no:cacheprovider -m "not browser"; \
	fi
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "again on PostgreSQL ($$TEST_DATABASE_URL)"; \
		$(BIN)/pytest -p no:cacheprovider -m "not browser"; \
	fi

# Known vulnerabilities in the pinned dependencies. Not part of `make test`: it needs a
# vulnerability database on the network (see SECURITY.md).
audit: install
	$(BIN)/pip-audit -r requirements.lock --no-deps --disable-pip

clean:
	rm -rf $(VENV) var/static

# The benchmark: a separate SQLite database with the bulk data set; figures are ratios
# against /healthz measured in the same run.
BENCH_DB := sqlite:///$(CURDIR)/var/bench.sqlite3
bench: messages
	DATABASE_URL=$(BENCH_DB) $(MANAGE) migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) $(MANAGE) createcachetable
	DATABASE_URL=$(BENCH_DB) $(MANAGE) seed_bulk
	DATABASE_URL=$(BENCH_DB) $(MANAGE) bench
