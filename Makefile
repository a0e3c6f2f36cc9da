# kg: two commands do all set-up on a fresh machine:
#   make demo   load the bundled seed articles into ./kg-data and print where sources disagree
#   make test   run the test suite
# Each creates the virtual environment (.venv) it needs on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  ?= kg-data
SHARED ?= ../shared

.PHONY: demo test eval bench clean venv system-deps docs-images

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg load data/seeds --store $(STORE)
	$(BIN)/kg conflicts --store $(STORE)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q -n 2

# The README's pictures (docs/img), from `kg load data/seeds` and Debian's chromium; a test fails
# when they are older than the code that draws them or the claims they show.
docs-images: $(STAMP)
	$(BIN)/python -m kg.devtools.docs_images

# Debian packages for the tests' real servers and browsers (.ci/debian-packages).
system-deps:
	bash .ci/system-deps.sh

# Extraction quality against the gold annotations in ../shared (not part of `make test`:
# the dev articles are copyrighted excerpts that stay outside the repository).
eval: $(STAMP)
	$(BIN)/python bench/evaluate.py $(SHARED)/eval/seeds $(SHARED)/eval/dev

bench: $(STAMP)
	bash .ci/system-deps.sh bench/debian-packages
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(STORE) build dist .pytest_cache
