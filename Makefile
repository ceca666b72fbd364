# Coroscope: every command sets up what it needs first (tools/setup is idempotent).
PY := .venv/bin/python
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test bench lint screenshot clean

setup:
	@bash tools/setup

run: setup
	env -u QT_QPA_PLATFORM $(PY) -m ui

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

lint: setup
	.venv/bin/ruff check .
	.venv/bin/mypy
	.venv/bin/lint-imports

clean:
	rm -rf .venv build *.egg-info .pytest_cache .mypy_cache .ruff_cache
