# Longgang Open Data — the two commands of the README are `make serve` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
# DATASET is a folder name under datasets/ or a path to a dataset folder; the folder's
# name is the dataset's id, and the artifact build/<id>.json is named for it.
DEFAULT_DATASET := longgang-2024
DATASET ?= $(DEFAULT_DATASET)
DATASET_DIR := $(patsubst %/,%,$(if $(wildcard datasets/$(DATASET)/dataset.toml),datasets/$(DATASET),$(DATASET)))
ARTIFACT := build/$(notdir $(DATASET_DIR)).json
# The build writes the files derived from the artifact into build/<id>/, their manifest last.
# DATASETS (comma-separated, as the server reads it) names reports built together: each is
# built, and the series' files (downloads, data package, catalogue) go into build/series/.
# With neither DATASET nor DATASETS given, every report folder under datasets/ is built and
# served together, as the server does: adding a report is adding its folder.
comma := ,
space := $(subst ,, )
ifeq ($(origin DATASET)$(DATASETS),file)
DATASETS := $(subst $(space),$(comma),$(strip $(patsubst datasets/%/dataset.toml,%,$(wildcard datasets/*/dataset.toml))))
endif
BUILD_DATASETS := $(if $(DATASETS),$(subst $(comma), ,$(DATASETS)),$(DATASET_DIR))
DERIVED := $(if $(word 2,$(BUILD_DATASETS)),build/series/manifest.json,$(basename $(ARTIFACT))/manifest.json)

.PHONY: install build default-artifact serve test test-fast lint typecheck openapi sdk docs check-generated release-spec browser nginx consumers bench bench-scale soak fuzz

install: $(VENV)/.installed

# Everything: the server, the SDK and the dev/test toolchain (what `make test` needs).
$(VENV)/.installed: pyproject.toml sdk/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' -e ./sdk
	touch $@ $(VENV)/.installed-runtime

# What building and serving need: the server package, its runtime dependencies, and the
# build's own (rdflib renders the catalogue; the server serves the built bytes without it).
$(VENV)/.installed-runtime: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[build]'
	touch $@

build: $(DERIVED)

$(DERIVED): $(VENV)/.installed-runtime $(foreach d,$(BUILD_DATASETS),$(wildcard datasets/$(d)/* $(d)/*)) $(wildcard api/longgang_api/*.py api/longgang_api/data/*.py api/longgang_build/*.py)
	$(BIN)/python -m longgang_build.build $(foreach d,$(BUILD_DATASETS),--dataset $(d))

serve: build
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(if $(DATASETS),DATASETS=$(DATASETS),LONGGANG_ARTIFACT=$(ARTIFACT)) $(BIN)/python -m longgang_api.server

# The committed document lists the values (years, download names) of the default dataset.
default-artifact: install
	@$(MAKE) --no-print-directory build DATASET=$(DEFAULT_DATASET)

openapi: default-artifact
	$(BIN)/python -m longgang_release.openapi

# Releasing moves the baseline that the breaking-change gate compares against.
release-spec: check-generated
	$(BIN)/python -m longgang_release.spec_diff openapi/v1.released.json openapi/v1.json
	cp openapi/v1.json openapi/v1.released.json

sdk: install
	$(BIN)/python sdk/generate_sdk.py

# The table of settings in docs/running.md, from the declaration in api/longgang_api/settings.py.
docs: $(VENV)/.installed-runtime
	$(BIN)/python -m tools.settings_table

# The committed OpenAPI document and the generated SDK must match the app.
check-generated: default-artifact
	$(BIN)/python -m longgang_release.openapi --check
	$(BIN)/python sdk/generate_sdk.py --check
	$(BIN)/python -m tools.settings_table --check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# The landing page's browser test needs headless Chromium and CJK fonts (Debian packages).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

# The shared-cache test runs deploy/nginx.conf in front of the API (a Debian package).
nginx:
	@if ! command -v nginx >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; \
	fi

# OpenAPI tools the tests run (Redocly, Spectral, openapi-typescript, tsc), pinned by the
# lock file, installed once into tests/consumers/node_modules (git-ignored).
CONSUMERS := tests/consumers
consumers: $(CONSUMERS)/node_modules/.installed

$(CONSUMERS)/node_modules/.installed: $(CONSUMERS)/package.json $(CONSUMERS)/package-lock.json
	cd $(CONSUMERS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Not part of `make test`: figures, not pass/fail (see docs/performance.md).
bench: build
	@if ! command -v wrk >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light; \
	fi
	$(BIN)/python -m tools.benchmark

# wrk at 256 connections for two minutes against one worker (not part of `make test`).
soak: build
	@if ! command -v wrk >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	fi
	$(BIN)/python -m tools.soak

# A long schemathesis run over HTTP and the property tests with 5,000 examples each.
fuzz: build
	$(BIN)/python -m tools.fuzz

test: build lint typecheck check-generated browser nginx consumers
	$(BIN)/python -m pytest

# The in-process tiers: no server process, no browser, nothing slow (markers in pyproject.toml).
# Every test of test_contract.py is slow; leaving the module out also saves loading its
# generated cases at collection.
test-fast: default-artifact
	$(BIN)/python -m pytest -q -m "not slow and not http and not browser" --ignore=tests/test_contract.py

# Uncached queries at 1×, 10× and 100× the records and on a series of 10 reports, on
# SYNTHETIC datasets written under build/scale/ (not part of `make test`; see docs/performance.md).
bench-scale: install
	@if ! command -v wrk >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	fi
	$(BIN)/python -m tools.bench_scale --workers $(WORKERS) --series 10
