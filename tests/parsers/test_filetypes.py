"""Every file type is declared once (`parsers.read.filetypes`): its reader is found, the packaged
program ships it, folders are walked for its endings and the Open dialog offers them."""

from __future__ import annotations

import importlib
from pathlib import Path

from parsers.read.filetypes import (
    FILE_TYPES,
    FOLDER_SUFFIXES,
    KNOWN_SUFFIXES,
    dialog_patterns,
    hidden_imports,
    kind_of_suffix,
)
from parsers.read.inputs import expand_paths
from parsers.read.readers import _kind_of
from tests.conftest import sample


def test_every_declared_reader_is_a_function_the_build_ships() -> None:
    kinds = [t.kind for t in FILE_TYPES]
    assert len(set(kinds)) == len(kinds)
    suffixes = [s for t in FILE_TYPES for s in t.suffixes]
    assert len(set(suffixes)) == len(suffixes) and set(suffixes) == KNOWN_SUFFIXES
    for t in FILE_TYPES:
        assert all(s == s.lower() and (s == "" or s.startswith(".")) for s in t.suffixes)
        if t.reader is not None:
            module, name = t.reader.rsplit(".", 1)
            assert callable(getattr(importlib.import_module(module), name)), t.kind
            assert module in hidden_imports()


def test_the_open_dialog_offers_every_type_it_can_read() -> None:
    offered = set(dialog_patterns().split())
    for t in FILE_TYPES:
        wanted = {f"*{s}" for s in t.suffixes if s}
        assert wanted <= offered if t.in_dialog else not wanted & offered, t.kind
    assert {"*.txt", "*.md", "*.xhtml", "*.docx", "*.wps", "*.pdf", "*.xlsx"} <= offered
    assert "*.xls" not in offered  # refused with a reason: not offered


def test_a_folder_is_walked_for_every_declared_ending_but_pictures(tmp_path: Path) -> None:
    text = sample("003").read_text(encoding="utf-8")
    names = [f"r{i}{s}" for i, s in enumerate(sorted(KNOWN_SUFFIXES))] + ["notes.py", ".hidden.txt"]
    for name in names:
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = {Path(p).name for p in expand_paths([str(tmp_path)])}
    # A name without an ending is not walked for, nor a picture (a saved web page keeps its own).
    assert found == {n for n in names[:-2] if Path(n).suffix and Path(n).suffix in FOLDER_SUFFIXES}


def test_the_ending_names_the_kind_and_the_content_overrules_it() -> None:
    assert kind_of_suffix(".htm") == "html" and kind_of_suffix(".unknown") == "text"
    report = sample("003").read_bytes()
    assert _kind_of(".pdf", report) == "text"  # a text report saved as .pdf is read as text
    assert _kind_of(".txt", b"%PDF-1.7\n" + report) == "pdf"
