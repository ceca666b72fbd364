"""What the program loads at run time ships in the wheel, not only in a checkout.

Scenario titles and expected outputs, and the compiled translations, are data files
beside the code: every one must match a package-data pattern in pyproject.toml.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _package_data() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]


def _data_files(package: str) -> list[Path]:
    folder = ROOT / package
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]


def _shipped(package: str, path: Path, patterns: list[str]) -> bool:
    relative = path.relative_to(ROOT / package).as_posix()
    return any(fnmatch.fnmatch(relative, pattern) or pattern == "**/*" for pattern in patterns)


def test_every_data_file_the_core_and_the_app_load_is_in_the_wheel():
    data = _package_data()
    for package in ("simulator", "assets"):
        files = _data_files(package)
        assert files, package
        missing = [str(p) for p in files if not _shipped(package, p, data.get(package, []))]
        assert not missing, f"not in the wheel: {missing}"


def test_the_seed_scenario_has_its_title_and_expected_output_as_data():
    names = {p.name for p in _data_files("simulator")}
    assert {"producer_consumer.title", "producer_consumer.expected"} <= names
