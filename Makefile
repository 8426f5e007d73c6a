# Everything an editor or CI needs, on a fresh machine.
#   make site   - build the whole site (every language) into site/
#   make test   - run every test and quality gate
#   make serve  - preview the site at http://127.0.0.1:8000/ (rebuilds on changes)
#   make check  - check the content without building
#   make view   - show the built site/ at http://127.0.0.1:8001/ as readers will get it
#   make bench  - run the benchmarks (figures go to bench/RESULTS.md)
#   make messages - bring the message catalogues up to date with the code

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: site test serve view check bench browser clean messages guard

# Refuses a checkout that commits compiled Python or build state (see
# .ci/check-tracked): Python would run a committed .pyc instead of its source.
# Every target that runs the generator or the tests checks this first.
guard:
	sh .ci/check-tracked

$(VENV)/.site: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/pybabel -q compile --domain "pilots site" --directory generator/content/locale
	touch $@

$(VENV)/.test: $(VENV)/.site pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet 'zensical==0.0.73' || \
	  echo "Zensical could not be installed: its smoke test will be skipped"
	touch $@

# Exactly what package-lock.json names (checked against its hashes), and no
# package's install scripts: none of them needs one.
node_modules/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

site: guard $(VENV)/.site
	$(BIN)/pilots build

check: guard $(VENV)/.site
	$(BIN)/pilots check

serve: guard $(VENV)/.site
	$(BIN)/pilots serve --port $(PORT)

view: guard $(VENV)/.site
	$(BIN)/pilots view

browser: node_modules/.stamp
	sh .ci/install-browser
	sh .ci/install-java

test: guard $(VENV)/.test browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: guard $(VENV)/.test
	$(BIN)/python bench/run.py

messages: guard $(VENV)/.site
	$(BIN)/python tools/messages.py

clean:
	rm -rf site .build .cache .site.stage tests/artifacts
