"""Every rule the model declares is named in the interface, in its language, from its one
declaration: the Chinese name the workbooks and the guide give it, or its English name."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from model.rule_catalog import RULES
from ui import labels


def test_every_rule_is_named_in_the_interfaces_language(qapp) -> None:  # type: ignore[no-untyped-def]
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("zh_CN"))
        assert {r: labels.rule_name(r) for r in RULES} == {r: d.name for r, d in RULES.items()}
        QLocale.setDefault(QLocale("en_US"))
        assert {r: labels.rule_name(r) for r in RULES} == {r: d.english for r, d in RULES.items()}
        assert labels.rule_name("NO_SUCH_RULE") == "NO_SUCH_RULE"
    finally:
        QLocale.setDefault(before)
