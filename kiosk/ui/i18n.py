"""UI language: Vietnamese source strings, English from Qt Linguist (``resources/i18n``).

Every user-facing string is written ``translate("Context", "Tiếng Việt …")`` with a literal
context so that ``pyside6-lupdate`` finds it (``scripts/i18n.py`` updates the ``.ts`` and
builds the ``.qm``). A pseudo-locale (``PseudoTranslator``) lengthens every string by ~40 %
so that a test can catch clipped touch layouts.
"""

from __future__ import annotations

import logging
import unicodedata

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.paths import asset

log = logging.getLogger(__name__)
LANGUAGES = ("vi", "en")
translate = QCoreApplication.translate
_installed: list[QTranslator] = []
_current = ["vi"]  # the language in effect (set_language)


def current() -> str:
    """The language in effect: ``vi``, ``en`` or ``pseudo``."""
    return _current[0]


def qm_path(language: str) -> str | None:
    """The built ``kiosk_<language>.qm`` (``scripts/i18n.py --release``), None if not built."""
    try:
        return str(asset("i18n", f"kiosk_{language}.qm"))
    except FileNotFoundError:
        return None


def set_language(language: str) -> str:
    """Install the translator for ``language`` (``vi`` needs none); the language in effect."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(old)
    _installed.clear()
    _current[0] = "vi"
    if language == "vi":
        return "vi"
    translator: QTranslator = PseudoTranslator() if language == "pseudo" else QTranslator()
    if language != "pseudo":
        path = qm_path(language)
        if path is None or not translator.load(path):
            log.error("translation %s missing or unreadable; staying in Vietnamese", language)
            return "vi"
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    _current[0] = language
    return language


def text(vi: str, en: str, language: str) -> str:
    """Core messages arrive bilingual (domain errors, statuses): the one for ``language``."""
    return unicodedata.normalize("NFC", en if language == "en" else vi)


def pseudo_words(length: int) -> str:
    """``length`` characters of padding that can wrap like words do (" ····· ···")."""
    pad = ""
    while len(pad) < length:
        pad += " " + "·" * min(5, max(1, length - len(pad) - 1))
    return pad


class PseudoTranslator(QTranslator):
    """Every string 40 % longer (and bracketed) to find layouts that clip."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if not source:
            return source
        extra = max(2, len(source) * 2 // 5)
        pad = "·" * extra if " " not in source else pseudo_words(extra)
        return f"[{source}{pad}]"

    def isEmpty(self) -> bool:
        return False
