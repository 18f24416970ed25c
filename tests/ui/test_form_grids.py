"""The grids are the official form: the same layout as the Excel writer's (one definition),
merged cells and grouped headings included, 总计 set apart, and 表三 fits a laptop screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt

from model.excel.layout import TOP, table_layout
from model.report import Cell
from model.schema import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_2019,
    TABLE3_2021,
    TABLE3_2021_SINGLE_OTHER,
    TABLE4_SCHEMA,
    TableSchema,
)
from tests.ui.test_models import loaded
from ui import theme
from ui.grid_view import GridView, share_widths
from ui.main_window import MainWindow
from ui.session import ReportSession
from ui.table_layout import form_grid
from ui.table_model import EDGE_LEFT, EDGE_TOP, EdgeRole, KindRole, ReportTableModel

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SEED_2019 = next(SAMPLES.glob("004_*.txt"))
SEED_2021 = next(SAMPLES.glob("001_*.txt"))

SCHEMAS = [TABLE2_2019, TABLE2_2021, TABLE3_2019, TABLE3_2021, TABLE3_2021_SINGLE_OTHER, TABLE4_SCHEMA]


def view_of(session: ReportSession, table: str) -> GridView:
    model = ReportTableModel(table)
    model.set_session(session)
    return GridView(model)


def single_other(session: ReportSession) -> ReportSession:
    """The 2021 report as printed with the single （六）其他处理 row (its three sub-rows absent)."""
    report = session.report
    assert report is not None and report.format == "2021"
    cells = report.tables["table3"]
    for col in ("natural_person", "commercial", "research", "social", "legal", "other_org", "total"):
        cells[("other", col)] = Cell(value=0, raw="0", status="ok")
        for sub in ("other.no_correction", "other.unpaid_fee", "other.other"):
            cells.pop((sub, col), None)
    session.set_loaded(report)
    return session


def session_for(schema: TableSchema) -> ReportSession:
    if schema is TABLE3_2021_SINGLE_OTHER:
        return single_other(loaded(SEED_2021))
    if schema in (TABLE2_2019, TABLE3_2019):
        return loaded(SEED_2019)
    return loaded(SEED_2021)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: f"{s.table}-{len(s.rows)}")
def test_spans_are_the_official_forms_merged_cells(qtbot, schema: TableSchema) -> None:  # type: ignore[no-untyped-def]
    """Every merged heading, label and figure of the Excel layout is merged the same in the grid."""
    session = session_for(schema)
    table = schema.table
    view = view_of(session, table)
    qtbot.addWidget(view)
    model = view.table_model()
    assert model.schema is schema  # the grid shows what report.schema(table) returns
    layout = table_layout(schema)
    body_top = layout.freeze[0]  # the rows the worksheet freezes are the grid's headings
    header = {(b.row, b.col, b.rows, b.cols, b.text) for b in view.header.blocks()}
    merges_in_body = 0
    for block in layout.blocks:
        if block.row < body_top:
            assert (block.row - TOP, block.col - 1, block.rows, block.cols, block.text) in header
            continue
        r, c = block.row - body_top, block.col - 1
        assert model.index(r, c).data() == block.text
        assert (view.rowSpan(r, c), view.columnSpan(r, c)) == (block.rows, block.cols), block.text
        merges_in_body += block.rows > 1 or block.cols > 1
    assert len(header) == sum(1 for b in layout.blocks if b.row < body_top)
    for (row, col), (r, c, span) in layout.cells.items():
        index = model.index_of(row, col)
        assert (index.row(), index.column()) == (r - body_top, c - 1)
        assert view.columnSpan(index.row(), index.column()) == span
    assert model.columnCount() == layout.width
    assert model.rowCount() == layout.last_row - body_top + 1
    assert merges_in_body == len(form_grid(schema).spans) - sum(1 for *_, span in layout.cells.values() if span > 1)


def test_table3_headings_and_labels_in_three_levels(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = loaded(SEED_2021)
    view = view_of(session, "table3")
    qtbot.addWidget(view)
    model = view.table_model()
    qtmodeltester.check(model, force_py=True)
    blocks = {b.text: b for b in view.header.blocks()}
    assert (blocks["申请人情况"].row, blocks["申请人情况"].cols) == (0, 7)
    orgs = blocks["法人或其他组织"]
    assert (orgs.row, orgs.col, orgs.cols) == (1, 4, 5)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "申请人情况 · 法人或其他组织 · 科研机构"
    )
    assert (blocks["自然人"].rows, blocks["总计"].rows) == (2, 2) and blocks["总计"].total
    # Labels: 三、本年度办理结果 over the outcome rows, （三）不予公开 over its eight, then 1. … 8.
    secret = model.index_of("refused.state_secret", "natural_person").row()
    assert model.index(secret, 2).data() == "1.属于国家秘密"
    assert model.index(secret, 1).data() == "（三）不予公开" and view.rowSpan(secret, 1) == 8
    result = model.index_of("granted", "total").row()
    assert model.index(result, 0).data() == "三、本年度办理结果" and view.rowSpan(result, 0) > 20
    new = model.index_of("new", "total").row()
    assert view.columnSpan(new, 0) == 3 and model.index(new, 0).data(KindRole) == "label"
    # The long label is whole in its tooltip.
    partial = model.index_of("partial", "total").row()
    assert model.index(partial, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("（二）部分公开（区分处理的")


def test_totals_are_set_apart(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = loaded(SEED_2021)
    model = ReportTableModel("table3")
    model.set_session(session)
    total = model.index_of("granted", "total")
    assert total.data(EdgeRole) & EDGE_LEFT and total.data(Qt.ItemDataRole.BackgroundRole) == theme.TOTAL_BG
    processed = model.index_of("total_processed", "natural_person")
    assert processed.data(EdgeRole) & EDGE_TOP and processed.data(Qt.ItemDataRole.BackgroundRole) == theme.TOTAL_BG
    plain = model.index_of("granted", "natural_person")
    assert not plain.data(EdgeRole)
    table4 = ReportTableModel("table4")
    table4.set_session(session)
    assert [c for c in range(15) if table4.index(0, c).data(EdgeRole) & EDGE_LEFT] == [4, 9, 14]


def test_the_single_other_row_variant(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = single_other(loaded(SEED_2021))
    assert session.report is not None and session.report.schema("table3") is TABLE3_2021_SINGLE_OTHER
    view = view_of(session, "table3")
    qtbot.addWidget(view)
    model = view.table_model()
    qtmodeltester.check(model, force_py=True)
    other = model.index_of("other", "natural_person")
    assert other.isValid() and model.index(other.row(), 1).data() == "（六）其他处理"
    sub = model.index_of("other.no_correction", "natural_person")
    assert sub.isValid() and sub.row() > other.row()
    assert sub.data(Qt.ItemDataRole.ForegroundRole) == theme.UNCOUNTED_FG  # shown, not counted
    assert "not counted" in model.index(sub.row(), 2).data(Qt.ItemDataRole.ToolTipRole)
    assert other.data(Qt.ItemDataRole.ForegroundRole) != theme.UNCOUNTED_FG


def test_share_widths() -> None:
    assert share_widths([50, 50], [40, 40], 120, [1]) == [50, 70]  # room to spare: to the growing column
    assert share_widths([100, 50], [40, 50], 120, [0]) == [70, 50]  # short: from what is above the minimum
    assert share_widths([100, 50], [80, 50], 100, [0]) == [80, 50]  # below the minimums: the minimums
    widths = share_widths([90, 70, 50], [30, 30, 50], 140, [])
    assert sum(widths) == 140 and widths[2] == 50


@pytest.mark.parametrize("screen", [(1366, 728), (1280, 672)], ids=["1366x768", "1920x1080@150%"])
def test_table3_fits_a_laptop_screen(qtbot, window: MainWindow, flagged: ReportSession, screen) -> None:  # type: ignore[no-untyped-def]
    """On a 1366×768 screen (taskbar off) and at 150 % on 1920×1080, the window fits the screen
    and shows all seven 表三 columns without scrolling sideways."""
    area = QRect(0, 0, *screen)
    window.place_on(area)
    qtbot.waitUntil(lambda: window.width() <= area.width(), timeout=2000)
    assert area.contains(window.frameGeometry())
    view = window.tables.views["table3"]
    window.tables.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.isVisible(), timeout=2000)
    view.fit_columns()
    columns = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
    assert columns <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    for c in range(3, 10):  # the seven applicant columns, each wide enough for "0000"
        assert view.columnWidth(c) >= view.fontMetrics().horizontalAdvance("0000")
    assert window.tables.width() > window.source.width()  # the splitters favour the grids
    table4 = window.tables.views["table4"]  # and 表四's fifteen figures in one row
    window.tables.tabs.setCurrentWidget(table4)
    qtbot.waitUntil(lambda: table4.isVisible(), timeout=2000)
    table4.fit_columns()
    assert sum(table4.columnWidth(c) for c in range(15)) <= table4.viewport().width()
