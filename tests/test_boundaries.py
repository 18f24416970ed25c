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


PROJECT = sorted([ROOT / "main.py"] + [p for pkg in ("model", "parsers", "ui") for p in (ROOT / pkg).rglob("*.py")])


def _module_name(path) -> str:  # type: ignore[no-untyped-def]
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path, known: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """The project's modules `path` imports when it runs (at its top or inside a function;
    not those under `if TYPE_CHECKING`, which are never imported)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if _type_checking(node) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = {f"{node.module}.{a.name}" for a in node.names} & known
            found.update(modules)
            if len(modules) < len(node.names):  # names the package itself defines
                found.add(node.module)
    return {name for name in found if name in known}


def test_no_import_circle() -> None:
    """The project's modules import one another in one direction: no circle, at whatever
    depth (a package's `__init__` counts as the package)."""
    names = {_module_name(p): p for p in PROJECT}
    graph = {name: _imports(path, set(names)) - {name} for name, path in names.items()}
    state: dict[str, int] = {}  # 1 being walked, 2 done
    path: list[str] = []

    def walk(name: str) -> None:
        state[name] = 1
        path.append(name)
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                circle = path[path.index(other) :] + [other]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if other not in state:
                walk(other)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)


HELPERS = sorted(p for p in (ROOT / "ui").glob("*.py") if p.name not in ("main_window.py", "app.py"))


@pytest.mark.parametrize("path", HELPERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_helper_holds_the_window(path) -> None:  # type: ignore[no-untyped-def]
    """The window's parts take the controller (`OpenReports`) or the widgets they need,
    never the window: none imports it (not even for a type) or keeps a window it is given."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module != "ui.main_window", f"{path.name} imports the main window"
        if isinstance(node, ast.FunctionDef):
            windows = {
                a.arg
                for a in node.args.args + node.args.kwonlyargs
                if a.annotation is not None and "MainWindow" in ast.unparse(a.annotation)
            }
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign) and isinstance(inner.value, ast.Name) and inner.value.id in windows:
                    kept = [t for t in inner.targets if isinstance(t, ast.Attribute)]
                    assert not kept, f"{path.name}: {node.name} keeps the window it is given"
