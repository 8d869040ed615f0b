# Prongsai — `make demo` runs the app with demo data; `make test` runs every check and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test test-postgres system-deps npm-deps bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Prongsai needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/prongsai compilemessages
	@touch $(STAMP)

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
	bash scripts/with-postgres.sh $(BIN)/pytest -q

system-deps:
	@bash scripts/system-deps.sh

# axe-core from npm (package.json, package-lock.json) for the accessibility browser test
npm-deps: system-deps
	@bash scripts/npm-deps.sh

bench: install system-deps
	$(BIN)/prongsai bench render
	$(BIN)/prongsai bench web

clean:
	rm -rf $(VENV) var node_modules
