"""UI language: Qt Linguist translations (.qm) chosen by the settings or the system locale.

Switching at runtime works: installing a new translator makes Qt send every widget a
``LanguageChange`` event, and each of our widgets re-applies its ``tr()`` strings in
``retranslate()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from assist.ui.resources import translations_dir

log = logging.getLogger(__name__)
LANGUAGES = ("en", "zh_CN")

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    name = QLocale.system().name()  # e.g. zh_CN, en_US
    return "zh_CN" if name.startswith("zh") else "en"


def resolve_language(setting: str) -> str:
    """The settings' ``ui_language`` ('' follows the system locale) as one of LANGUAGES."""
    return setting if setting in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def install_language(setting: str) -> str:
    """Install the translators for a language (replacing the previous ones); returns the language."""
    global _current
    app = QCoreApplication.instance()
    lang = resolve_language(setting)
    if app is None:
        return lang
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)  # English too: it carries the plural forms ("1 character", "2 characters")
    if ours.load(f"assist_{lang}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no translation for %s in %s", lang, translations_dir())
    if lang != "en":
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    _current = lang
    # Qt posts LanguageChange to every widget; deliver them now so the switch is immediate.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return lang


def is_chinese() -> bool:
    return _current.startswith("zh")
