# Two commands for a fresh machine (Python 3.11+):
#   make demo   - install, then translate the example article (the main job)
#   make test   - install with the test extras, then run the whole test suite, offline
# Both create .venv on first use and can be run again at any time.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/l10n run examples/article.txt -l uk

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out
