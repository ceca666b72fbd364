"""Translations ship complete and compiled, and Chinese renders with Simplified Chinese glyphs."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase

from ui.fonts import CJK_FIRST_FAMILIES, UI_FAMILIES

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "assets" / "i18n" / "coroscope_zh_CN.ts"
QM = ROOT / "assets" / "i18n" / "coroscope_zh_CN.qm"
BIN = ROOT / ".venv" / "bin"
# Every module of the interface, timeline/ and compare/ included: strings are literal
# QCoreApplication.translate("Context", "text") calls (or QT_TRANSLATE_NOOP) that lupdate can read.
SOURCES = sorted((ROOT / "ui").rglob("*.py"))


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return str(found)


def test_the_compiled_catalogue_is_up_to_date_with_its_source(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True, timeout=60)
    assert fresh.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts and commit the .qm"


def _unfinished(translation: ET.Element | None) -> bool:
    return translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip()


def test_every_user_visible_string_is_translated(tmp_path: Path) -> None:
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    subprocess.run(
        [tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *map(str, SOURCES), "-ts", str(copy)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    root = ET.parse(copy).getroot()
    missing = [
        (c.findtext("name"), m.findtext("source"))
        for c in root.iter("context")
        for m in c.iter("message")
        if _unfinished(m.find("translation"))
    ]
    assert not missing, f"untranslated: {missing[:10]}"


def test_placeholders_survive_translation() -> None:
    root = ET.parse(TS).getroot()
    import re

    for message in root.iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", translation)), source


def test_chinese_has_a_simplified_chinese_font(qapp) -> None:
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    assert chinese & set(CJK_FIRST_FAMILIES), "install fonts-noto-cjk (tools/setup does)"
    assert set(UI_FAMILIES) & set(CJK_FIRST_FAMILIES)


def test_the_catalogue_is_found_through_the_assets_package() -> None:
    from ui.i18n import catalogue_path

    assert Path(catalogue_path("zh_CN")).read_bytes() == QM.read_bytes()
