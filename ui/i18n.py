"""Loading the UI translation: Simplified Chinese by default, `--lang en` for English.

The `.ts` source lives in `resources/translations/`. A shipped `.qm` next to it is used
as is; otherwise the `.ts` is compiled with `pyside6-lrelease` into a cache folder (and
compiled again only when the `.ts` changes). Without lrelease the `.ts` is read directly.

Qt's own texts (the file dialog's 查找范围, message box buttons, key names) come from Qt's
`qtbase_zh_CN.qm`: the packaged program ships it in `resources/translations/` (see
`build.spec`), a development run finds it in Qt's own translations folder. `switch`
changes the language of a running program: Qt then tells every window, which retitles
its widgets.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from ui.resources import resource_path

log = logging.getLogger(__name__)

BASE_NAME = "report_auditor"
QT_BASE_NAME = "qtbase"
DEFAULT_LANGUAGE = "zh_CN"
ENGLISH = ("en", "en_US", "en_GB", "C")


def normalise_language(lang: str | None) -> str:
    """`zh`, `zh-CN`, `zh_Hans` … become `zh_CN`; English variants become `en`."""
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.replace("-", "_")
    if lang in ENGLISH or lang.lower().startswith("en"):
        return "en"
    if lang.lower().startswith("zh"):
        return "zh_CN"
    return lang


def find_lrelease() -> str | None:
    """pyside6-lrelease next to the interpreter, on PATH, or inside the PySide6 package."""
    exe_dir = Path(sys.executable).parent
    names = ["pyside6-lrelease", "pyside6-lrelease.exe", "lrelease", "lrelease.exe"]
    for name in names[:2]:
        if (exe_dir / name).exists():
            return str(exe_dir / name)
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return found
    try:
        import PySide6

        pkg = Path(PySide6.__file__).parent
        for name in ("lrelease", "lrelease.exe"):
            if (pkg / name).exists():
                return str(pkg / name)
    except ImportError:  # pragma: no cover - PySide6 is what runs this module
        pass
    return None


def cache_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or Path.home() / ".cache" / "report_auditor") / "translations"


def compiled_qm(ts: Path, cache: Path | None = None) -> Path | None:
    """The `.qm` for `ts`: shipped next to it, cached, or freshly compiled; None on failure."""
    shipped = ts.with_suffix(".qm")
    if shipped.exists():
        return shipped
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cache = cache or cache_folder()
    target = cache / f"{ts.stem}-{digest}.qm"
    if target.exists():
        return target
    lrelease = find_lrelease()
    if lrelease is None:
        log.warning("pyside6-lrelease not found; reading %s directly", ts)
        return None
    cache.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(tmp)], check=True, timeout=60, capture_output=True)
        os.replace(tmp, target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed for %s: %s", ts, exc)
        return None
    return target


class TsTranslator(QTranslator):
    """Translates straight from a `.ts` file; the fallback when lrelease is not available."""

    def __init__(self, ts: Path) -> None:
        super().__init__()
        self._table: dict[tuple[str, str], str] = {}
        root = ET.parse(ts).getroot()
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source", "")
                tr = message.find("translation")
                if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                forms = [n.text or "" for n in tr.iter("numerusform")]
                self._table[(name, source)] = forms[0] if forms else (tr.text or "")

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null string) means "not mine": an empty string would be taken as the
        # translation, and Qt's own texts (key names such as Ctrl) would come out blank.
        text = self._table.get((context, source))
        if not text:
            return None
        return text.replace("%n", str(n)) if n >= 0 else text

    def isEmpty(self) -> bool:
        return not self._table


def qt_translation_folders() -> list[str]:
    """Where Qt's own translations are looked for: shipped with the program, then Qt's folder."""
    return [str(resource_path("translations")), QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]


def qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Qt's own texts in `lang` (qtbase), or None when no translation is found."""
    translator = QTranslator(app)
    for folder in qt_translation_folders():
        if translator.load(f"{QT_BASE_NAME}_{lang}", folder):
            return translator
    log.warning("No Qt translation for %s", lang)
    return None


def switch(app: QCoreApplication, language: str | None, installed: list[QTranslator]) -> list[QTranslator]:
    """Replace the translators `installed` by those of `language`; returns the new ones."""
    for translator in installed:
        app.removeTranslator(translator)
    return install(app, language)


def install(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Install the translators for `language` on `app`; returns them (keep them alive)."""
    lang = normalise_language(language)
    if lang == "en":
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale(lang))
    installed: list[QTranslator] = []
    qt_base = qt_translator(app, lang)
    if qt_base is not None:
        app.installTranslator(qt_base)
        installed.append(qt_base)
    ts = resource_path("translations", f"{BASE_NAME}_{lang}.ts")
    if not ts.exists():
        log.warning("No translation for %s", lang)
        return installed
    qm = compiled_qm(ts)
    translator: QTranslator
    if qm is not None:
        translator = QTranslator(app)
        if not translator.load(str(qm)):
            log.warning("Could not load %s", qm)
            translator = TsTranslator(ts)
    else:
        translator = TsTranslator(ts)
    app.installTranslator(translator)
    installed.append(translator)
    return installed
