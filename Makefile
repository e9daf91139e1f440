# Two entry points that work on a fresh machine (Python 3.11+ and git required):
#   make check  - set up .venv and run `charter check` on this repository's own governance data
#   make test   - set up .venv (and Debian's chromium for the browser tests) and run every test
# Both install exactly the versions in requirements/*.txt (hash-checked); `make lock` refreshes
# those files from the ranges in pyproject.toml.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PIP     = $(BIN)/python -m pip --disable-pip-version-check --quiet
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml requirements/build.in --python-version 3.11 \
	--universal --generate-hashes --custom-compile-command "make lock" --quiet

.PHONY: check test setup setup-test browser lint bench mutation lock dist clean

$(VENV)/.run-deps: requirements/run.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements/run.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

setup: $(VENV)/.run-deps

check: setup
	$(BIN)/charter check

$(VENV)/.test-deps: requirements/dev.txt $(VENV)/.run-deps
	$(PIP) install --require-hashes --no-deps -r requirements/dev.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

setup-test: $(VENV)/.test-deps

# The roster's browser tests drive Debian's chromium through Playwright (never a downloaded
# browser). Installed when we can (root with apt); otherwise those tests skip outside CI.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed: browser tests will be skipped (outside CI)"; fi; }

test: setup-test browser
	$(BIN)/python -m pytest -q

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/zizmor --offline .github/workflows

bench: setup-test
	$(BIN)/python benchmarks/bench_check.py

# Mutation testing of the rule packages (tests/mutation/run.py; slow: one mutant at a time).
# `make mutation PACKAGES=rules` for one package; the summary is written to mutants/summary.md.
PACKAGES ?=
mutation: setup-test
	$(BIN)/python tests/mutation/run.py --max-children 1 $(PACKAGES)

# Refresh the lock files after changing a version range in pyproject.toml (needs the network).
lock: setup-test
	$(UV_COMPILE) -o requirements/run.txt
	$(UV_COMPILE) --extra test --extra lint --extra bench --extra dev -o requirements/dev.txt
	$(BIN)/uv pip compile requirements/release.in --python-version 3.11 --universal \
	  --generate-hashes --custom-compile-command "make lock" --quiet -o requirements/release.txt

# The release's sdist and wheel in dist/ (what .github/workflows/release.yml builds from a tag).
dist: setup-test
	$(BIN)/python -m build --no-isolation --outdir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache mutants
