"""Every Qt item model of the window passes Qt's model tester, loaded and while changing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from parsers.loading import load_one
from ui.findings_model import FindingsModel
from ui.report_list import ReportFilterModel, ReportListModel
from ui.session import ReportSession
from ui.table_model import ReportTableModel, parse_number

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FLAGGED = SAMPLES / "004_e5c4bfe1850351fa.txt"


def loaded(path: Path) -> ReportSession:
    session = ReportSession(str(path))
    item = load_one(str(path))
    session.set_loaded(item.report, item.findings)
    return session


def test_report_list_and_proxy(qtmodeltester) -> None:
    model = ReportListModel()
    proxy = ReportFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    pending = ReportSession(str(SAMPLES / "none.txt"))
    model.add(pending)
    for path in sorted(SAMPLES.glob("*.txt")):
        model.add(loaded(path))
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    proxy.set_problems_only(True)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    model.remove(pending)
    qtmodeltester.check(proxy)


def test_table_models(qtmodeltester) -> None:
    session = loaded(FLAGGED)
    for table in ("table2", "table3", "table4"):
        model = ReportTableModel(table)
        qtmodeltester.check(model)  # empty
        model.set_session(session)
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() and model.columnCount()
    model = ReportTableModel("table4")
    model.set_session(session)
    model.setData(model.index_of("review", "total"), "9")
    qtmodeltester.check(model)
    assert session.report is not None
    session.set_meta("format", "pre2019")  # no tables in this format: the model empties
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_findings_model(qtmodeltester) -> None:
    model = FindingsModel()
    qtmodeltester.check(model)
    session = loaded(FLAGGED)
    model.set_session(session)
    assert model.rowCount() == len(session.findings) > 0
    qtmodeltester.check(model)


def test_parse_number() -> None:
    assert parse_number("") == (True, None)
    assert parse_number(" 1,171 ") == (True, 1171)
    assert parse_number("１２") == (True, 12)
    assert parse_number("3909.30") == (True, 3909.3)
    assert parse_number("-2") == (True, -2)
    assert parse_number("无")[0] is False
