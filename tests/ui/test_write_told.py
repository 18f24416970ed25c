"""A view's workbook written to a place that cannot take it: the reason is told, not the path."""

from __future__ import annotations

from pathlib import Path

from model.atomic import write_text_atomic
from ui.saving import write_told


def test_a_folder_that_does_not_exist_tells_the_reason(tmp_path: Path) -> None:
    told: list[str] = []
    done: list[str] = []
    target = str(tmp_path / "missing" / "a.xlsx")
    write_told(target, lambda p: write_text_atomic(p, "x"), told.append, done.append)
    assert not done and len(told) == 1 and "文件夹" in told[0]


def test_a_written_workbook_is_told_done(tmp_path: Path) -> None:
    told: list[str] = []
    done: list[str] = []
    target = str(tmp_path / "a.xlsx")
    write_told(target, lambda p: write_text_atomic(p, "x"), told.append, done.append)
    assert done == [target] and not told and Path(target).read_text() == "x"
