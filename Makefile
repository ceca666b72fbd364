# Coroscope: every command sets up what it needs first (tools/setup is idempotent).
PY := .venv/bin/python

.PHONY: setup run test bench lint clean

setup:
	@bash tools/setup

# the window, on the default scenario (needs a display)
run: setup
	$(PY) -m ui

# the tests run offscreen (tests/conftest.py); one real-window test starts its own Xvfb
test: setup
	$(PY) -m pytest

# the benchmarks run offscreen and write bench.json
bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: setup
	.venv/bin/ruff check .
	.venv/bin/mypy
	.venv/bin/lint-imports

clean:
	rm -rf .venv build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# CPython's own test modules (generators, coroutines, contextlib, weakref, asyncio...) plainly and
# under the tracer; reports every difference in tests run or verdict (takes minutes)
.PHONY: conformance
conformance: setup
	@$(PY) -c 'import test.test_generators' 2>/dev/null || { \
	  v=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  echo "conformance: installing CPython's test package (libpython$$v-testsuite)"; \
	  $$([ "$$(id -u)" = 0 ] || echo sudo) apt-get install -y -q "libpython$$v-testsuite"; }
	$(PY) -m simulator.conformance
