# `make run` and `make test` each create the virtual environment they need, from nothing.
# Another Python gets its own venv: `make test PYTHON=python3.13 VENV=.venv-3.13`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# QtWebEngine headless: no screen, no GPU, and no Chromium sandbox when running as root.
HEADLESS := QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu \
	QTWEBENGINE_DISABLE_SANDBOX=1

# The official Tauri JS packages and esbuild, pinned by package-lock.json: for the Tauri
# compatibility tests and the demo's pages built with them (docs/tauri-compat.md).
NPM ?= npm
NODE_STAMP := node_modules/.package-lock.json
ESBUILD := node_modules/.bin/esbuild
DEMO_COMPAT_SRC := $(wildcard frontend/demo-compat/*.js)
DEMO_COMPAT := frontend/demo/compat/.built

.PHONY: run dev test lint bench screenshot dist clean

# setup.py and the C source: the editable install builds the optional extension in place
# (docs/design.md), so a change to it reinstalls.
$(STAMP): pyproject.toml setup.py app/events/_finite.c
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,build]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# The demo's v1 and v2 pages, bundled as a Tauri user's bundler would (into a git-ignored
# folder); each imports '@tauri-apps/api/...', aliased to the package version it was written for.
BUNDLE := $(ESBUILD) --bundle --format=iife --target=chrome110 --log-level=warning
$(DEMO_COMPAT): $(NODE_STAMP) $(DEMO_COMPAT_SRC)
	$(BUNDLE) --alias:@tauri-apps/api=tauri-v1 frontend/demo-compat/tauri-v1.js \
		--outfile=frontend/demo/compat/tauri-v1.js
	$(BUNDLE) --alias:@tauri-apps/api=tauri-v2 frontend/demo-compat/tauri-v2.js \
		--outfile=frontend/demo/compat/tauri-v2.js
	touch $@

# The demo runs without its Tauri-package pages if they cannot be built (no npm, no network).
DEMO_COMPAT_SOFT = $(MAKE) --no-print-directory $(DEMO_COMPAT) || \
	echo "note: the demo's Tauri-package pages were not built (npm failed); the rest runs"

run: $(STAMP)
	@$(DEMO_COMPAT_SOFT)
	$(PY) -m app

# Dev mode (docs/guide/dev-mode.md): `make dev`, or `make dev CONFIG=path/to/app.json`.
dev: $(STAMP)
	@$(DEMO_COMPAT_SOFT)
	$(PY) -m app --dev $(if $(CONFIG),--config $(CONFIG))

# The tests bundle their own Tauri-package pages (tests/compat_build.py); the demo's are
# built too, so that the demo tests can open them.
test: $(STAMP) $(NODE_STAMP) $(DEMO_COMPAT)
	$(HEADLESS) $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check app tests benchmarks
	$(PY) -m ruff format --check app tests benchmarks
	$(PY) -m mypy

# The benchmark suite: the project against a raw QWebEngineView + QWebChannel, in one run.
bench: $(STAMP)
	$(HEADLESS) $(PY) -m benchmarks.run

screenshot: $(STAMP)
	@$(DEMO_COMPAT_SOFT)
	$(HEADLESS) $(PY) -m app --screenshot docs/images/demo.png --exit-after 5

# A standalone folder and a Linux .tar.gz of the demo, or of an app:
# `make dist APP=backend:builder CONFIG=app.json` (docs/shipping.md).
dist: $(STAMP)
	@$(DEMO_COMPAT_SOFT)
	$(PY) -m app build $(if $(APP),--app $(APP)) $(if $(CONFIG),--config $(CONFIG))

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache node_modules \
		frontend/demo/compat/*.js frontend/demo/compat/.built app/events/_finite.*.so
