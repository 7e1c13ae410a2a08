# Verso — the two commands: `make run` and `make test`. See the README.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: install install-dev run dev test lint audit messages makemessages bench scale-check clean

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

# Two locks from pyproject.toml: requirements.lock holds what a server runs;
# requirements-dev.lock adds the tools of `make test` and `make bench` (same pins).
$(BIN)/.installed-dev: requirements-dev.lock $(BIN)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

# Compiled in Python (polib): no GNU gettext needed.
messages: install
	$(MANAGE) compile_catalogues -v0

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

lint: install-dev
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
		$(BIN)/pytest -p no:cacheprovider -m "not browser and not scale"; \
	fi

# Known vulnerabilities in the pinned dependencies. Not part of `make test`: it needs a
# vulnerability database on the network (see SECURITY.md).
audit: install-dev
	$(BIN)/pip-audit -r requirements-dev.lock --no-deps --disable-pip

clean:
	rm -rf $(VENV) var/static

# --- perf ---
# The benchmark (see the README): the production settings with a local test environment,
# gunicorn on loopback, the bulk data set at BENCH_SCALE, Locust. DATABASE_URL picks
# another database (give it one of its own); the default is a SQLite file per scale.
BENCH_SCALE ?= 0.1
BENCH_DATABASE_URL = $(or $(DATABASE_URL),sqlite:///$(CURDIR)/var/bench-$(BENCH_SCALE).sqlite3)
BENCH_ENV = DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY=bench-only-not-secret-$(BENCH_SCALE)-verso-make-bench-loopback-key \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
	PROXY_COUNT=0 REDIS_URL= VERSO_BENCH=1 STATIC_ROOT=$(CURDIR)/var/bench/static \
	EMAIL_URL=console:// LOG_LEVEL=WARNING \
	RATELIMIT_CARD_CHECK=1000000/m RATELIMIT_CARD_CHECK_USER=1000000/m
bench: install-dev messages
	@mkdir -p var/bench
	$(BENCH_ENV) $(MANAGE) migrate --noinput -v0
	$(BENCH_ENV) $(MANAGE) createcachetable
	$(MAKE) --no-print-directory var/bench/static/staticfiles.json
	$(BENCH_ENV) $(MANAGE) seed_bulk --scale $(BENCH_SCALE)
	$(BENCH_ENV) $(MANAGE) bench

# The production settings serve hashed static files: collected again only when they change.
var/bench/static/staticfiles.json: $(BIN)/.installed $(shell find static -type f 2>/dev/null)
	$(BENCH_ENV) $(MANAGE) collectstatic --noinput -v0

# `make scale-check` (see the README): two gunicorn servers behind nginx, Redis, two task
# workers and one PostgreSQL database on loopback; the sign-up race and a crash. Installs
# nginx and redis-server from Debian's packages when missing. Not part of `make test`.
SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/verso_scale
SCALE_PORT ?= 8380
SCALE_ENV = DATABASE_URL=$(SCALE_DATABASE_URL) DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY=scale-check-only-not-secret-verso-make-scale-check-loopback-key \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
	STATIC_ROOT=$(CURDIR)/var/bench/static EMAIL_URL=file://$(CURDIR)/var/scale/mail \
	RATELIMIT_EVENT_SIGNUP=100000/m SCALE_PORT=$(SCALE_PORT) LOG_LEVEL=WARNING
scale-check: install-dev messages
	@missing=""; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -q >/dev/null; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null; \
	fi
	$(MAKE) --no-print-directory var/bench/static/staticfiles.json
	PATH="$$PATH:/usr/sbin" $(SCALE_ENV) $(MANAGE) scale_check
