"""Atomic writes: what happens when the write, the replace or the target goes wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model import atomic
from model.atomic import LOCKED, WriteError, write_atomic, write_text_atomic


def _no_tmp(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_file_open_elsewhere_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a workbook open in Excel: PermissionError on replace."""
    target = tmp_path / "年报.审核.xlsx"
    target.write_text("the officer's earlier workbook", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(WriteError) as raised:
        write_text_atomic(target, "new")
    assert str(raised.value) == f"无法写入 {target.name}：{LOCKED}。"
    assert target.read_text(encoding="utf-8") == "the officer's earlier workbook"
    assert _no_tmp(tmp_path)


def test_the_temporary_file_goes_when_writing_fails(tmp_path: Path) -> None:
    def broken(tmp: str) -> None:
        Path(tmp).write_text("half", encoding="utf-8")
        raise ValueError("a fault of the writer")

    with pytest.raises(ValueError):
        write_atomic(tmp_path / "x.xlsx", broken)
    assert list(tmp_path.iterdir()) == []


def test_the_temporary_file_goes_on_an_interrupt(tmp_path: Path) -> None:
    def interrupted(tmp: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "x.json", interrupted)
    assert list(tmp_path.iterdir()) == []


def test_targets_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="文件夹"):
        write_text_atomic(tmp_path, "x")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError, match="是文件而不是文件夹"):
        write_text_atomic(blocker / "x.json", "x")
    with pytest.raises(WriteError, match="不存在"):
        write_text_atomic(tmp_path / "no" / "x.json", "x")
    assert _no_tmp(tmp_path)


def test_a_long_name_keeps_a_short_temporary_name(tmp_path: Path) -> None:
    name = "年" * 80 + ".json"  # 245 bytes: the target fits, a temporary name with more would not
    write_text_atomic(tmp_path / name, "x")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_leftovers_of_live_processes_stay(tmp_path: Path) -> None:
    mine = tmp_path / f".x.json.{os.getpid()}.00000000.tmp"
    mine.write_text("being written", encoding="utf-8")
    write_text_atomic(tmp_path / "x.json", "x")
    assert mine.exists()
