# Two entry points that work on a fresh machine (Python 3.11+ and git required):
#   make check  - set up .venv and run `charter check` on this repository's own governance data
#   make test   - set up .venv (and Debian's chromium for the browser tests) and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: check test setup setup-test browser lint bench clean

$(BIN)/charter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

setup: $(BIN)/charter

check: setup
	$(BIN)/charter check

$(VENV)/.test-deps: pyproject.toml $(BIN)/charter
	$(BIN)/python -m pip install --quiet -e '.[test]'
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
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	$(BIN)/ruff check .
	$(BIN)/zizmor --offline .github/workflows

bench: setup-test
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
