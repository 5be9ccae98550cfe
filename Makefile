# The two commands: `make run` and `make test`. Both set up everything on a fresh machine.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := $(UV) run --frozen python
DB ?= data/xxgk.duckdb
PORT ?= 8501
# Debian packages: chromium for the browser tests, CJK fonts so Chinese renders in screenshots and
# generated PDFs, antiword to read Word 97 .doc files, nginx for `make serve` (deploy/: run as a child
# with its own config, never the system service).
APT_PACKAGES := chromium fonts-noto-cjk fonts-wqy-microhei antiword tesseract-ocr tesseract-ocr-chi-sim nginx

.PHONY: run test setup system data lint bench clean serve bytecode

run: setup data
	$(UV) run --frozen streamlit run app.py --server.port $(PORT) --server.headless true

# Many users: nginx on SERVE_PORT in front of REPLICAS read-only dashboard processes (deploy/, docs/deploy.md).
SERVE_PORT ?= 8080
REPLICAS ?= 2
serve: setup data
	$(PY) deploy/serve.py --replicas $(REPLICAS) --port $(SERVE_PORT) --db $(DB)

# Lint and types first: a style or type error fails CI before the tests run.
test: lint
	$(UV) run --frozen pytest -n 2 --dist loadfile

setup: .venv/.synced system bytecode

# Bytecode is compiled once here, for the dependencies (uv sync --compile-bytecode) and the project's own
# sources: with PYTHONDONTWRITEBYTECODE set, as many environments set it, every Python process would
# otherwise compile each module it imports again, about 1.5 s for each CLI run, parser worker and
# dashboard process.
bytecode: .venv/.synced
	@$(PY) -m compileall -q xxgk pages tests bench deploy app.py

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock .make/bytecode-deps | $(UV)
	$(UV) sync --frozen --compile-bytecode
	touch $@

# The dependencies are compiled to bytecode at sync; a venv synced before that was asked for is synced again.
.make/bytecode-deps:
	@mkdir -p .make && touch $@

system: .make/system
.make/system: Makefile  # checked again whenever the package list (or anything here) changes
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@mkdir -p .make && touch $@

# The embedded default database: the demo corpus (synthetic, generated if absent) and the real reports.
# Run on every `make run`: the ingest stores only files not yet stored (about 2 s when nothing is new),
# and reparse re-reads only reports of an older parser version, so a database left by an earlier version,
# or an empty one, is brought up to date instead of being served as it is.
data:
	@test -d data/demo || $(PY) -m xxgk demo --out data/demo
	$(PY) -m xxgk ingest data/demo data/real --db $(DB)
	$(PY) -m xxgk reparse --db $(DB) --quiet

# ruff over the code, tests and benchmarks; mypy over xxgk, pages and app.py as pyproject.toml's [tool.mypy]
# says (strict on the parser, the readers and the write side).
lint: setup
	$(UV) run --frozen ruff check xxgk tests bench pages app.py
	$(UV) run --frozen mypy

bench: setup
	$(PY) bench/parse.py

clean:
	rm -rf .venv .make $(DB) $(DB).wal
