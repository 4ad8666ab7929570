# `make run` and `make test` each create the virtual environment they need, from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# QtWebEngine headless: no screen, no GPU, and no Chromium sandbox when running as root.
HEADLESS := QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu \
	QTWEBENGINE_DISABLE_SANDBOX=1

.PHONY: run dev test lint bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app

# Dev mode (docs/guide/dev-mode.md): `make dev`, or `make dev CONFIG=path/to/app.json`.
dev: $(STAMP)
	$(PY) -m app --dev $(if $(CONFIG),--config $(CONFIG))

test: $(STAMP)
	$(HEADLESS) $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check app tests benchmarks
	$(PY) -m ruff format --check app tests benchmarks
	$(PY) -m mypy

# The benchmark suite: the project against a raw QWebEngineView + QWebChannel, in one run.
bench: $(STAMP)
	$(HEADLESS) $(PY) -m benchmarks.run

screenshot: $(STAMP)
	$(HEADLESS) $(PY) -m app --screenshot docs/images/demo.png --exit-after 5

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
