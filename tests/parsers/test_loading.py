"""The batch loader: in worker processes for large batches, in this process for small ones,
the same reports either way, and a cancel stops it."""

from __future__ import annotations

import pickle

import pytest

from parsers import loading as loader
from parsers.loading import Loaded, load_batch
from parsers.read.inputs import expand_paths
from tests.conftest import SAMPLES


def _run(paths: list[str], cancel_after: int | None = None) -> list[Loaded]:
    got: list[Loaded] = []
    cancelled = lambda: cancel_after is not None and len(got) >= cancel_after  # noqa: E731
    load_batch(paths, lambda *_: None, cancelled, lambda item: got.append(item.unpack()))
    return got


@pytest.mark.parametrize("pool_min", [2, 10_000], ids=["processes", "this-process"])
def test_same_reports_either_way(monkeypatch: pytest.MonkeyPatch, pool_min: int) -> None:
    monkeypatch.setattr(loader, "POOL_MIN_FILES", pool_min)
    paths = expand_paths([str(SAMPLES)])
    got = _run(paths)
    assert [item.path for item in got] == paths
    assert [item.report.tables_json() for item in got] == [loader.load_one(p).report.tables_json() for p in paths]
    assert all(item.fingerprint for item in got if not item.report.error and item.report.format != "pre2019")


def test_cancel_stops_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "POOL_MIN_FILES", 2)
    paths = expand_paths([str(SAMPLES)]) * 4
    assert len(_run(paths, cancel_after=3)) == 3


def test_a_report_packed_in_a_worker_unpacks_whole() -> None:
    """What a worker process sends is the report it read: every field of every cell (an
    edit too), the findings and the fingerprint the batch rules compare."""
    path = str(next(p for p in sorted(SAMPLES.glob("*.txt")) if p.name.startswith("003")))
    item = loader.load_one(path)
    table, (row, col) = next((t, key) for t, cells in item.report.tables.items() for key in cells)
    item.report.set_value(table, row, col, 12345)
    back = loader.Packed(path, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)).unpack()
    assert back.report.tables == item.report.tables
    edited = back.report.cell(table, row, col)
    assert edited is not None and edited.edited and edited.value == 12345
    assert back.findings == item.findings and back.report.text == item.report.text
    assert item.fingerprint and back.fingerprint == item.fingerprint
