"""Languages: which one is active, loading its translations, switching at run time.

Owns the QTranslator objects. The catalogue is assets/i18n/coroscope_<code>.qm,
found through importlib.resources so it works from a checkout and from a wheel.
Switching installs the new translator; Qt then sends LanguageChange to every
widget, and widgets re-read their texts. Never translates anything itself.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
# Each language names itself, so a user can find their own in the menu.
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}


def system_language() -> str:
    """The shipped language closest to the system locale (Chinese for any zh locale)."""
    for name in QLocale.system().uiLanguages():
        if name.lower().startswith("zh"):
            return CHINESE
        if name.lower().startswith("en"):
            return ENGLISH
    return ENGLISH


def catalogue_path(code: str) -> str:
    """Where the compiled catalogue of `code` lives (for tests and diagnostics)."""
    with as_file(files("assets") / "i18n" / f"coroscope_{code}.qm") as path:
        return str(path)


class Translations:
    """The translators currently installed on the application."""

    def __init__(self) -> None:
        self.language = ENGLISH
        self._installed: list[QTranslator] = []

    def set_language(self, code: str) -> None:
        """Make `code` the active language (English needs no catalogue); raises ValueError for unknown codes."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before choosing a language")
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        if code != ENGLISH:
            ours = QTranslator(app)
            if not ours.load(catalogue_path(code)):
                raise FileNotFoundError(f"translation catalogue for {code} is missing: {catalogue_path(code)}")
            qt_own = QTranslator(app)
            # Qt's own strings (standard dialog buttons); optional, so a missing file is fine.
            if qt_own.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._installed.append(qt_own)
            self._installed.append(ours)
        for translator in self._installed:
            app.installTranslator(translator)
        self.language = code


_APP_TRANSLATIONS: Translations | None = None


def app_translations() -> Translations:
    """The one set of translators of this process (translators are global to the application)."""
    global _APP_TRANSLATIONS
    if _APP_TRANSLATIONS is None:
        _APP_TRANSLATIONS = Translations()
    return _APP_TRANSLATIONS
