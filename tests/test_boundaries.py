"""The arrows point one way: nothing in model/ or parsers/ imports Qt, and model/ imports no parser."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

PURE = sorted(p for pkg in ("model", "parsers") for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", PURE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_qt_in_pure_packages(path) -> None:  # type: ignore[no-untyped-def]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert not name.startswith(("PySide", "PyQt", "shiboken", "ui")), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", sorted((ROOT / "model").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_model_stands_below_the_parsers(path) -> None:  # type: ignore[no-untyped-def]
    """`ui → model` and `ui → parsers → model`: the domain never reaches up to the readers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            assert not name.startswith("parsers"), f"{path.name} imports {name}"
