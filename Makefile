# The commands people type. `make help` lists them.
#
# Every target first brings the virtual environment in .venv up to date with
# requirements.txt, and node_modules with package-lock.json (created when missing,
# reinstalled when the pins change), so a fresh clone needs nothing but
# Python >= 3.11, Node.js with npm, and git.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed-requirements.txt
NODE_STAMP  := node_modules/.installed
BUILDDIR    := _build
# The Python code that make lint checks (the settings are in pyproject.toml).
LINTED      := _ext tests conf.py
SPHINXOPTS  ?=
# Warnings are errors, but every problem is reported before the build fails.
SPHINXBUILD  = $(BIN)/sphinx-build -W --keep-going -d $(BUILDDIR)/doctrees $(SPHINXOPTS)

.DEFAULT_GOAL := help
.PHONY: help html test lint clean lock venv impact approve codeowners linkcheck sop serve hooks bench translations pdf fuzz kpi-sample mutate

help: ## list the commands
	@echo "Usage: make <command>"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort \
	  | awk 'BEGIN {FS = ":.*## "}; {printf "  %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0] + ". Run make with PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@cp requirements.txt $(STAMP)

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: install Node.js 18 or newer with npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

venv: $(STAMP) $(NODE_STAMP) ## install or refresh the pinned Python and front-end packages

html: $(STAMP) $(NODE_STAMP) ## build the site into _build/html, each translated edition into _build/html/<language> (warnings are errors)
	@# On failure nothing is left that looks like a good site (its pages wait in
	@# $(BUILDDIR)/html-failed for the next build), the problems, one a line, are printed
	@# last, and make adds its own line saying the command failed (exit status 2).
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.editions --builddir $(BUILDDIR) $(SPHINXOPTS)

pdf: $(STAMP) $(NODE_STAMP) ## write a PDF of each SOP and a handbook of each role into _build/pdf (needs Chromium)
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.pdf --builddir $(BUILDDIR) $(SPHINXOPTS)

translations: $(STAMP) $(NODE_STAMP) ## update the translation catalogs after the text (or the code's words) changed
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.translations --builddir $(BUILDDIR)

serve: $(STAMP) $(NODE_STAMP) ## preview at http://127.0.0.1:8000, rebuilt on every save
	@# Problems are shown as they are found, and the preview keeps serving: a draft
	@# is allowed to be incomplete here; make html is the strict build.
	@# The pages allow sphinx-autobuild's reload script, and only in this preview.
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(or $(PORT),8000) \
	  -D sop_live_reload=127.0.0.1:$(or $(PORT),8000) \
	  --watch _ext --re-ignore '(^|/)(\.venv|node_modules|_build|\.git)/' \
	  -d $(BUILDDIR)/serve-doctrees . $(BUILDDIR)/serve

test: lint $(NODE_STAMP) ## check the code (make lint), then run every test
	$(BIN)/python -m pytest

fuzz: $(STAMP) $(NODE_STAMP) ## build thousands of mutated SOPs and catalogs, report every crash (FUZZ_CASES=3000, FUZZ_SEED=n)
	@# The test in make test runs a few hundred cases of the same; the files of each
	@# crash found are kept in $(BUILDDIR)/fuzz/crashes.
	@PYTHONPATH=_ext:tests $(BIN)/python -m support.fuzzing --cases $(or $(FUZZ_CASES),3000) \
	  --builddir $(BUILDDIR)/fuzz $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

mutate: $(STAMP) $(NODE_STAMP) ## mutation-test the rules' code against the fast tests, listing each survivor (MODULES="model/dates.py checks/", SURVIVORS=1)
	@# Not part of make test: a full run takes hours on two cores. Its results stay in
	@# $(BUILDDIR)/mutate, so the next run tests only the functions that changed.
	@PYTHONPATH=_ext:tests $(BIN)/python -m support.mutation_testing --builddir $(BUILDDIR) $(if $(MODULES),--modules $(MODULES)) $(if $(SURVIVORS),--survivors)

lint: $(STAMP) ## check the code: ruff (lint and format) and mypy (types), over _ext and tests
	@# Every checker runs, so one run lists every problem.
	@status=0; \
	$(BIN)/ruff check $(LINTED) || status=1; \
	$(BIN)/ruff format --check $(LINTED) || status=1; \
	$(BIN)/mypy || status=1; \
	if [ $$status -ne 0 ]; then \
	  echo "make lint: fix the problems above; '$(BIN)/ruff format $(LINTED)' fixes the layout and '$(BIN)/ruff check --fix $(LINTED)' what it marks [*]" >&2; \
	fi; exit $$status

sop: $(STAMP) ## start a new SOP: make sop TITLE="..." AREA=... FORMAT=... OWNER=ROLE_... [LANG=hu|pt|en]
	@# LANG only from the command line: the shell's own LANG is a locale, not a language.
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.scaffold --title "$(TITLE)" --area "$(AREA)" --format "$(FORMAT)" --owner "$(OWNER)" --lang "$(if $(filter command line,$(origin LANG)),$(LANG))"

impact: $(STAMP) $(NODE_STAMP) ## report what a change does: make impact BASE=<git revision>
	@test -n "$(BASE)" || { echo "make impact needs BASE=<git revision>, such as BASE=origin/main or BASE=HEAD" >&2; exit 2; }
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.impact --base "$(BASE)" --json $(BUILDDIR)/impact.json

approve: $(STAMP) ## record an SOP's approval: make approve SOP=<SOP id>
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.approve "$(SOP)"

hooks: $(STAMP) ## check each commit's SOPs and code before it is made (git pre-commit hook)
	$(BIN)/pre-commit install

kpi-sample: $(STAMP) ## write twelve months of sample KPI figures into data/kpi (END=YYYY-MM: the last month)
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.sample_kpi $(if $(END),--end $(END))

codeowners: $(STAMP) ## write .github/CODEOWNERS: each SOP's approver team is its code owner
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.codeowners

linkcheck: $(STAMP) $(NODE_STAMP) ## check every external link of the site (needs internet)
	$(SPHINXBUILD) -b linkcheck . $(BUILDDIR)/linkcheck

bench: $(STAMP) $(NODE_STAMP) ## measure builds of 100, 300, 1,000 and 5,000 generated SOPs against the targets (SIZES="...", REPEAT=n)
	@PYTHONPATH=_ext $(BIN)/python -m soplib.tools.bench --sizes "$(or $(SIZES),100 300 1000 5000)" --repeat $(or $(REPEAT),1)

clean: ## remove the built site
	rm -rf $(BUILDDIR)

# make lock pins with pip-tools, itself pinned here. It keeps every pin that still
# satisfies requirements.in (UPGRADE=1 moves each package to its newest allowed version)
# and writes the hash of every file of each pinned version, which the install checks.
PIP_TOOLS   := pip-tools==7.6.2

lock: ## re-pin requirements.txt, with hashes, from requirements.in (UPGRADE=1: newest versions allowed)
	rm -rf $(BUILDDIR)/lock-venv
	$(PYTHON) -m venv $(BUILDDIR)/lock-venv
	$(BUILDDIR)/lock-venv/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	CUSTOM_COMPILE_COMMAND="make lock" $(BUILDDIR)/lock-venv/bin/pip-compile --quiet \
	  --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade) --output-file requirements.txt requirements.in
	rm -rf $(BUILDDIR)/lock-venv
