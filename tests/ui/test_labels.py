"""Every rule the model declares has a name in the interface's own language."""

from __future__ import annotations

from model.messages import RULE_NAMES
from ui import labels


def test_every_rule_has_an_interface_name() -> None:
    assert set(labels._RULES) == set(RULE_NAMES)
