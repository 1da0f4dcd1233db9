# Two commands for a fresh machine (Python 3.11+):
#   make demo   - install, then run the main job on the example article: Ukrainian from
#                 its reviewed catalog, Spanish by machine translation with Apertium
#                 (installed with apt-get when missing and run as root; APT=no forbids it)
#   make test   - install with the test extras, then run the whole test suite, offline
# Both create .venv on first use and can be run again at any time. They install exactly
# what requirements.lock pins, every file checked against its hash; the package's own
# dependency ranges (pyproject.toml) stay open for people who pip install it.
#   make lock   - refresh requirements.lock: the newest versions pyproject.toml allows
#                 (its dependencies, the test extra, pip and setuptools) for CPython 3.11
#                 on Linux x86_64, with the hashes of every file of each version

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
UV     := uv==0.13.9
APT    ?= yes

.PHONY: demo test lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-run when the lock or pyproject.toml changes. The project itself goes in without
# build isolation, built by the locked setuptools (whose note on editable installs is
# silenced); pip check fails if the lock lacks a dependency pyproject.toml names (then
# run make lock).
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	PYTHONWARNINGS=ignore::UserWarning \
	  $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

demo: $(VENV)/.installed
	BIN=$(BIN) APT=$(APT) scripts/demo.sh

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet $(UV)
	printf 'pip\nsetuptools>=77\n' | $(BIN)/uv pip compile pyproject.toml - --extra test \
	  --upgrade --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock' \
	  --quiet -o $(LOCK)

clean:
	rm -rf $(VENV) out
