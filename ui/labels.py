"""Words the UI shows for the model's codes: severities, rule names, formats, table names.

The model returns ids; these are turned into English source text here and translated by
Qt (Simplified Chinese by default). Rendered finding messages come from `model.messages`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from model import messages

_C = "Labels"

_SEVERITIES = {
    "error": QT_TRANSLATE_NOOP("Labels", "Error"),
    "warning": QT_TRANSLATE_NOOP("Labels", "Warning"),
    "info": QT_TRANSLATE_NOOP("Labels", "Info"),
}

_RULES = {
    "T3_BALANCE": QT_TRANSLATE_NOOP("Labels", "Table 3 balance"),
    "T3_OUTCOME_SUM": QT_TRANSLATE_NOOP("Labels", "Table 3 outcome total"),
    "T3_ROW_TOTAL": QT_TRANSLATE_NOOP("Labels", "Table 3 row total"),
    "T4_TOTAL": QT_TRANSLATE_NOOP("Labels", "Table 4 total"),
    "EMPTY_CELL": QT_TRANSLATE_NOOP("Labels", "Blank cell"),
    "ROW_MISSING": QT_TRANSLATE_NOOP("Labels", "Row or column missing"),
    "LABEL_ALTERED": QT_TRANSLATE_NOOP("Labels", "Label differs from the form"),
    "NOT_A_NUMBER": QT_TRANSLATE_NOOP("Labels", "Not a number"),
    "NEGATIVE": QT_TRANSLATE_NOOP("Labels", "Negative number"),
    "TABLE_MISSING": QT_TRANSLATE_NOOP("Labels", "Table missing"),
    "SECTION_MISSING": QT_TRANSLATE_NOOP("Labels", "Section missing"),
    "FORMAT_OUTDATED": QT_TRANSLATE_NOOP("Labels", "Format does not match the year"),
    "NARRATIVE_SUM": QT_TRANSLATE_NOOP("Labels", "Figures in the text do not add up"),
    "NARRATIVE_TABLE": QT_TRANSLATE_NOOP("Labels", "Text contradicts the table"),
    "PERCENT": QT_TRANSLATE_NOOP("Labels", "Percentage does not match"),
    "CROSS_YEAR_CARRY": QT_TRANSLATE_NOOP("Labels", "Carry-over differs from last year"),
    "DUPLICATE_CONTENT": QT_TRANSLATE_NOOP("Labels", "Duplicate content"),
    "LATE_PUBLICATION": QT_TRANSLATE_NOOP("Labels", "Published late"),
    "FEE_NOT_REPORTED": QT_TRANSLATE_NOOP("Labels", "Fees not reported"),
    "UNCERTAIN_CELL": QT_TRANSLATE_NOOP("Labels", "Cell not read with certainty"),
    "NOT_A_REPORT": QT_TRANSLATE_NOOP("Labels", "Not an annual report"),
    "CROSS_YEAR_IN_FORCE": QT_TRANSLATE_NOOP("Labels", "Counts do not follow from last year"),
    "COPIED_FROM_LAST_YEAR": QT_TRANSLATE_NOOP("Labels", "Problems section copied from last year"),
    "YEAR_SWING": QT_TRANSLATE_NOOP("Labels", "Large change from last year"),
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
    if rule in _RULES:
        return _t(_RULES[rule])
    return messages.RULE_NAMES.get(rule, rule)


def format_name(fmt: str) -> str:
    return _t(_FORMATS[fmt]) if fmt in _FORMATS else fmt


def table_name(table: str) -> str:
    return _t(_TABLES[table]) if table in _TABLES else table
