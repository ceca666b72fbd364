"""The conformance command (issue 14): CPython's own tests, plainly and traced, and their differences."""

from __future__ import annotations

import importlib.util

import pytest

from simulator import conformance
from simulator.conformance import ModuleReport, differences_count, format_table, run_module


def test_a_verdict_that_differs_is_counted_and_named():
    report = ModuleReport(
        "test.test_x",
        plain={"test.test_x.A.test_1": "ok", "test.test_x.A.test_2": "ok"},
        traced={"test.test_x.A.test_1": "ok", "test.test_x.A.test_2": "FAIL", "test.test_x.A.test_3": "ok"},
    )
    assert report.differences == {
        "test.test_x.A.test_2": ("ok", "FAIL"),
        "test.test_x.A.test_3": ("not run", "ok"),
    }
    assert differences_count([report]) == 2
    table = format_table([report])
    assert "test.test_x.A.test_2: plain ok, traced FAIL  DIFFERS" in table
    assert "2 ok" in table and "2 ok, 1 FAIL" in table


def test_a_difference_listed_with_a_reason_is_shown_but_not_counted(monkeypatch):
    monkeypatch.setitem(conformance.WALL_CLOCK, "test.test_x.A.test_2", "measures real time")
    report = ModuleReport("test.test_x", plain={"test.test_x.A.test_2": "ok"}, traced={"test.test_x.A.test_2": "FAIL"})
    assert differences_count([report]) == 0
    assert "(listed: measures real time)" in format_table([report])


def test_a_run_without_verdicts_counts_as_a_difference():
    report = ModuleReport("test.test_x", plain={"test.test_x.A.t": "ok"}, traced={}, traced_problem="no verdicts")
    assert differences_count([report]) >= 1


@pytest.mark.skipif(importlib.util.find_spec("test.test_int_literal") is None, reason="no CPython test package")
def test_a_real_module_runs_the_same_plainly_and_traced():
    report = run_module("test.test_int_literal", max_seconds=120)
    assert report.plain and report.plain == report.traced
    assert all(test.startswith("test.test_int_literal.") for test in report.plain)
    assert differences_count([report]) == 0


@pytest.mark.skipif(importlib.util.find_spec("test.test_contextlib") is None, reason="no CPython test package")
def test_a_test_that_moves_into_its_data_folder_passes_plainly_and_traced():
    # contextlib.chdir's tests compare os.getcwd() with the data folder's path beside the test file:
    # a linked folder made them fail under the harness alone
    report = run_module("test.test_contextlib", max_seconds=120)
    chdir_tests = {t: v for t, v in report.plain.items() if ".TestChdir." in t}
    assert chdir_tests and set(chdir_tests.values()) == {"ok"}
    assert {t: report.traced.get(t) for t in chdir_tests} == chdir_tests
