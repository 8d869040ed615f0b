# Prongsai — `make demo` runs the app with demo data; `make test` runs every check and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command 'make lock'

.PHONY: install demo test test-postgres test-cluster system-deps npm-deps bench clean lock

install: $(STAMP)

# Exact versions with hashes from the lock (pip refuses any file whose hash differs), then the
# app itself without resolving anything again. A dependency added to pyproject.toml needs
# `make lock` (tests/core/test_lock.py says so).
$(STAMP): pyproject.toml $(DEV_LOCK)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Prongsai needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	@$(BIN)/python scripts/lock_check.py || echo "warning: the lock does not match pyproject.toml: run make lock"
	$(BIN)/prongsai compilemessages
	@touch $(STAMP)

# Resolve pyproject.toml again (for Python 3.11 and newer, every platform) into the two locks:
# requirements.lock (what production installs) and requirements-dev.lock (plus the dev tools).
lock:
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet uv; }
	$(UV_COMPILE) -o $(LOCK)
	$(UV_COMPILE) --extra dev -o $(DEV_LOCK)
	$(BIN)/python scripts/lock_check.py

demo: install
	$(BIN)/prongsai compilemessages
	$(BIN)/prongsai demo
	@echo "เปิด http://$(HOST):$(PORT)/ แล้วเข้าสู่ระบบด้วยบัญชีข้างบน (open the address and sign in with a login above)"
	@# one background worker beside the server (document batches, bulk imports, link checks)
	@$(BIN)/prongsai worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/prongsai runserver $(HOST):$(PORT)

test: install system-deps npm-deps
	$(BIN)/prongsai compilemessages
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

# The test suite again on a throw-away PostgreSQL server (installed from Debian when missing).
test-postgres: install system-deps npm-deps
	$(BIN)/prongsai compilemessages
	bash scripts/with-postgres.sh $(BIN)/pytest -q

# Several machines on loopback: PostgreSQL, Redis, an S3 store (SeaweedFS), two web machines and
# two workers (tests/cluster); prints the time of each step.
test-cluster: install system-deps
	PRONGSAI_PG_PORT=54339 bash scripts/with-postgres.sh $(BIN)/pytest tests/cluster -m cluster -p no:randomly -s -q

system-deps:
	@bash scripts/system-deps.sh

# axe-core from npm (package.json, package-lock.json) for the accessibility browser test
npm-deps: system-deps
	@bash scripts/npm-deps.sh

bench: install system-deps
	$(BIN)/prongsai bench render
	$(BIN)/prongsai bench batch
	$(BIN)/prongsai bench web
	$(BIN)/prongsai bench import
	$(BIN)/prongsai bench channels

clean:
	rm -rf $(VENV) var node_modules
