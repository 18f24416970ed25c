"""The window's loading path under the per-file guard: a file the program fails on gets its
sentence in the list; the others are read, audited and checked across the batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from model import atomic, batch_rules, guard, rules
from model.report import Report
from parsers import loading as loader
from parsers.read.inputs import expand_paths
from tests.model.test_guard import GOOD, huge_in_cell, huge_in_text
from ui.main_window import MainWindow


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_text.txt").write_text(huge_in_text(400), encoding="utf-8")
    (folder / "c_cell.txt").write_text(huge_in_cell(4400), encoding="utf-8")
    (folder / "d_bad.txt").write_text(GOOD, encoding="utf-8")
    (folder / "e_batch.txt").write_text(GOOD + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("pool_min", [2, 10_000], ids=["processes", "this-process"])
def test_loader_overlong_numbers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pool_min: int) -> None:
    monkeypatch.setattr(loader, "POOL_MIN_FILES", pool_min)
    paths = expand_paths([str(_folder(tmp_path))])
    got: list[loader.Loaded] = []
    loader.load_batch(paths, lambda *_: None, lambda: False, lambda item: got.append(item.unpack()))
    assert [Path(item.path).name for item in got] == [
        "a_good.txt",
        "b_text.txt",
        "c_cell.txt",
        "d_bad.txt",
        "e_batch.txt",
    ]
    assert got[0].report.error is None and got[0].fingerprint
    for item in got[1:3]:
        assert item.report.error is None or "程序内部出错" in item.report.error


def test_window_loads_a_batch_with_faults(
    window: MainWindow,
    open_files,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    real_audit, real_carry = rules.audit, batch_rules.cross_year_carry

    def audit(report: Report) -> list:  # type: ignore[type-arg]
        if report.path.endswith("d_bad.txt"):
            raise OverflowError("cannot convert float infinity to integer")
        return real_audit(report)

    def carry(reports, prints=None):  # type: ignore[no-untyped-def]
        if any(r.path.endswith("e_batch.txt") for r in reports):
            raise ValueError("a fault across the batch")
        return real_carry(reports, prints)

    monkeypatch.setattr(rules, "audit", audit)
    monkeypatch.setattr(batch_rules, "cross_year_carry", carry)
    monkeypatch.setattr(loader, "POOL_MIN_FILES", 10_000)  # the faults are in this process
    sessions = open_files([_folder(tmp_path)])
    errors = {Path(s.path).name: s.report.error for s in sessions if s.report is not None}
    assert errors["a_good.txt"] is None
    assert errors["d_bad.txt"] == guard.internal_error(guard.AUDIT)
    assert errors["e_batch.txt"] == guard.internal_error(guard.BATCH)


def test_saving_onto_a_workbook_open_elsewhere(
    window: MainWindow,
    open_files,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    source = tmp_path / "r.txt"
    source.write_text(GOOD, encoding="utf-8")
    (session,) = open_files([source])
    out = tmp_path / "r.审核.xlsx"
    out.write_bytes(b"the workbook open in Excel")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "being used by another process")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with qtbot.waitSignal(window.persistence.saver.failed) as failed:
        assert not window.persistence.save(str(out), session)
    assert atomic.LOCKED in failed.args[0]
    assert out.read_bytes() == b"the workbook open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["r.txt", "r.审核.xlsx"]
