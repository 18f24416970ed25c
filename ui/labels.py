"""Words the UI shows for the model's codes: severities, rule names, formats, table names.

The model returns ids; these are turned into English source text here and translated by
Qt (Simplified Chinese by default). A rule's names, Chinese and English, are its
declaration's (`model.rule_catalog`), so they are not translated here a second time.
Rendered finding messages come from `model.messages`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from model.rule_catalog import RULES

_C = "Labels"

_SEVERITIES = {
    "error": QT_TRANSLATE_NOOP("Labels", "Error"),
    "warning": QT_TRANSLATE_NOOP("Labels", "Warning"),
    "info": QT_TRANSLATE_NOOP("Labels", "Info"),
}


_FORMATS = {
    "2019": QT_TRANSLATE_NOOP("Labels", "2019"),
    "2021": QT_TRANSLATE_NOOP("Labels", "2021"),
    "pre2019": QT_TRANSLATE_NOOP("Labels", "Pre-2019"),
    "unknown": QT_TRANSLATE_NOOP("Labels", "Unknown"),
}

_TABLES = {
    "table2": QT_TRANSLATE_NOOP("Labels", "Table 2"),
    "table3": QT_TRANSLATE_NOOP("Labels", "Table 3"),
    "table4": QT_TRANSLATE_NOOP("Labels", "Table 4"),
}


def _t(text: object) -> str:
    return QCoreApplication.translate(_C, str(text))


def severity_name(severity: str) -> str:
    return _t(_SEVERITIES[severity]) if severity in _SEVERITIES else severity


def rule_name(rule: str) -> str:
    """A rule's name in the interface's language, from its one declaration
    (`model.rule_catalog`): the Chinese name the workbooks and the guide give it, or its
    English name in the English interface."""
    declared = RULES.get(rule)
    if declared is None:
        return rule
    return declared.name if QLocale().language() == QLocale.Language.Chinese else declared.english


def format_name(fmt: str) -> str:
    return _t(_FORMATS[fmt]) if fmt in _FORMATS else fmt


def table_name(table: str) -> str:
    return _t(_TABLES[table]) if table in _TABLES else table
