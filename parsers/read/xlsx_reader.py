"""Excel workbooks (.xlsx) to text: each visible sheet's used range as a grid.

Sheets laid out like the form are read as the form: the sheet name as a heading line,
then one line per row with merged cells resolved. A sheet with a single column is read
as running text (narrative pasted into column A). Values are written as Excel shows the
stored value: whole numbers without decimals, dates as dates.

openpyxl builds an object for every cell it loads, styled empty ones included, so the
cells of the worksheets are counted in the package before it is opened: a workbook with
more than `MAX_CELLS` is refused. The grid of a sheet spans the cells that hold a value,
not the formatted range, so borders drawn down to row 60000 cost nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile

from model.errors import ReadError
from parsers.read.grid import MAX_GRID_CELLS, Grid, GridRows, RenderOptions, TextBuilder, clean_cell, clean_line
from parsers.read.ooxml import open_package

KIND = " Excel "
MAX_CELLS = 100_000
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.I)


def cell_text(value: object) -> str:
    """A stored cell value as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return clean_cell(str(value))


def _count_cells(zf: zipfile.ZipFile) -> int:
    """The `<c>` elements of every worksheet part, read in chunks."""
    total = 0
    for info in zf.infolist():
        if not _SHEET_PART.match(info.filename):
            continue
        tail = b""
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    window = tail + chunk
                    total += len(_CELL_TAG.findall(window)) - len(_CELL_TAG.findall(tail))
                    tail = window[-16:]
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, NotImplementedError) as exc:
            raise ReadError(f"该{KIND}文件已损坏（压缩数据出错），无法读取。") from exc
    return total


def sheet_grid(ws) -> Grid:  # type: ignore[no-untyped-def]
    """The range of cells holding a value, merged ranges resolved (top-left keeps the value)."""
    values = {key: cell.value for key, cell in ws._cells.items() if cell.value is not None}
    if not values:
        return Grid([], [])
    min_row, max_row = min(r for r, _ in values), max(r for r, _ in values)
    min_col, max_col = min(c for _, c in values), max(c for _, c in values)
    n_rows, n_cols = max_row - min_row + 1, max_col - min_col + 1
    if n_rows * n_cols > MAX_GRID_CELLS:
        raise ReadError(f"工作表“{ws.title}”过大（{n_rows} 行 × {n_cols} 列），不像是一份年度报告。")
    texts = [[""] * n_cols for _ in range(n_rows)]
    covered = [[False] * n_cols for _ in range(n_rows)]
    for (r, c), value in values.items():
        texts[r - min_row][c - min_col] = cell_text(value)
    for rng in ws.merged_cells.ranges:
        for r in range(max(rng.min_row, min_row), min(rng.max_row, max_row) + 1):
            for c in range(max(rng.min_col, min_col), min(rng.max_col, max_col) + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered[r - min_row][c - min_col] = True
                    texts[r - min_row][c - min_col] = ""
    return Grid(texts, covered)


def check_workbook(data: bytes) -> None:
    """The checks every workbook passes before openpyxl may open it: zip bomb, DTD,
    encryption and cell count; a ReadError says which failed."""
    zf = open_package(data, KIND)
    cells = _count_cells(zf)
    if cells > MAX_CELLS:
        raise ReadError(f"该{KIND}文件的单元格过多（{cells} 个，上限 {MAX_CELLS} 个），不像是一份年度报告。")


def read_xlsx(data: bytes, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """Rendered text and grids of an .xlsx workbook."""
    check_workbook(data)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on damaged files
        raise ReadError("该 Excel 文件已损坏或格式不正确，无法读取。") from exc
    out = TextBuilder(options)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        grid = sheet_grid(ws).trimmed()
        if grid.n_rows == 0:
            continue
        out.line(clean_line(ws.title))
        if grid.n_cols == 1:
            for row in grid.texts:
                out.line(row[0])
        else:
            out.grid(grid)
    wb.close()
    return out.text(), "xlsx", out.grids
