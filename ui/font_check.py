"""Is there a font for Chinese? If not, the window says so once and keeps its interface readable.

Owns the check (any font the system offers for Simplified Chinese) and what follows
when there is none: one status-bar message per start, and an English interface
instead of a Chinese one that would be drawn as empty boxes. No font is bundled: a
Simplified Chinese font (Noto Sans CJK SC, SIL OFL) is 16 MB or more, larger than
all of Coroscope; Windows and macOS ship one, Linux has it as a package.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate
MESSAGE_MS = 20_000


def cjk_families() -> list[str]:
    """The installed font families that can write Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def check_cjk_font(window: MainWindow, families: Iterable[str] | None = None) -> bool:
    """True when Chinese can be drawn; otherwise tell the user once and fall back to English if needed."""
    if list(cjk_families() if families is None else families):
        return True
    fell_back = window.translations.language != "en"
    if fell_back:
        window.translations.set_language("en")  # the choice stays remembered for when a font is installed
    text = translate(
        "FontCheck",
        "No Chinese font was found, so Chinese text cannot be shown{fallback}. "
        "Install one (e.g. Noto Sans CJK SC: fonts-noto-cjk on Debian/Ubuntu) and restart Coroscope.",
    ).format(fallback=translate("FontCheck", "; the interface is in English") if fell_back else "")
    window.statusBar().showMessage(text, MESSAGE_MS)
    return False
