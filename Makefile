# vertikal: `make demo` runs the main job on the built-in Kazakhstan data; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

KK_DIC := /usr/share/hunspell/kk_KZ.dic

.PHONY: demo test lint typecheck unit bench clean hunspell-kk

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vertikal needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/vertikal check
	$(BIN)/vertikal versions
	$(BIN)/vertikal matrix
	$(BIN)/vertikal report --out build/report
	$(BIN)/vertikal export --out build/data
	@echo
	@echo "The report is in build/report/report.html, with a Markdown summary and the"
	@echo "figures beside it; the open data (CSV, Parquet, JSON, datapackage.json) are in"
	@echo "build/data/."

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian's Kazakh Hunspell dictionary: compared with the suffix rules by bench/kk_analysers.py and a test.
hunspell-kk:
	@test -f $(KK_DIC) || echo "note: $(KK_DIC) is missing, so the Hunspell side of the Kazakh analyser \
	comparison is skipped; install it with: sudo apt-get install hunspell-kk"

unit: $(STAMP) hunspell-kk
	$(BIN)/pytest

test: lint typecheck unit

bench: $(STAMP) hunspell-kk
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
