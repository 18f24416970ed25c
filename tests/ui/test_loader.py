"""The batch loader: in worker processes for large batches, in this process for small ones,
the same reports either way, and a cancel stops it."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from ui import loader
from ui.loader import Loaded, expand_paths, load_batch


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
