"""Colours and fonts of the flags shown in the grids, the source text and the lists.

One place so the grid, the source highlights and the legend agree.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from model.excel.marks import MARK_BLANK, MARK_EDITED, MARK_ERROR, MARK_MISSING, MARK_UNCERTAIN, MARK_WARNING

ERROR_BG = QColor("#f7c6c6")
BLANK_BG = QColor("#fff0a6")
WARNING_BG = QColor("#fde0bd")
# A cell the recognizer left blank because it could not place the figure with certainty
# (UNCERTAIN_CELL): its own colour, and a "?" in it.
UNCERTAIN_BG = QColor("#e4d7f5")
UNCERTAIN_FG = QColor("#5b3a8c")
EDITED_FG = QColor("#1f5fbf")
EDITED_BG = QColor("#e3edfb")
DISABLED_BG = QColor("#eeeeee")
# A figure's background by its mark (`model.excel.marks`): the grids and the printed audit.
MARK_BG = {
    MARK_ERROR: ERROR_BG,
    MARK_BLANK: BLANK_BG,
    MARK_WARNING: WARNING_BG,
    MARK_UNCERTAIN: UNCERTAIN_BG,
    MARK_EDITED: EDITED_BG,
    MARK_MISSING: DISABLED_BG,
}
# The header rows inside a grid (表二's blocks with their own column labels).
HEADER_BG = QColor("#dcdcdc")
HEADER_FG = QColor("#202020")
HEADER_GRID = QColor("#b5b5b5")  # the lines between the form's headings
# Row labels of the form, and the 总计 columns and rows set apart (a tint and a rule).
LABEL_BG = QColor("#f6f6f6")
TOTAL_BG = QColor("#eef1f6")
TOTAL_RULE = QColor("#5a6b85")
# A row the report does not print (a 2021 表三 with the single （六） row): not counted.
UNCOUNTED_FG = QColor("#8a8a8a")
RAW_TEXT_FG = QColor("#a11d1d")

SOURCE_ERROR_BG = QColor("#fbd9d9")
SOURCE_BLANK_BG = QColor("#fff4bf")
SOURCE_WARNING_BG = QColor("#feebd3")
SOURCE_UNCERTAIN_BG = QColor("#ece3f8")
SOURCE_CELL_BG = QColor("#eef3e6")
SOURCE_CURRENT_BG = QColor("#ffb347")
SOURCE_CURRENT_FG = QColor("#000000")
# The figures of a claim the selected finding reads: its total, and each part it adds up.
SOURCE_TOTAL_BG = QColor("#9ec5f0")
SOURCE_PART_BG = QColor("#cfe3f7")
SOURCE_CLAIM_FG = QColor("#0b3d91")

SEVERITY_FG = {"error": QColor("#b3261e"), "warning": QColor("#9a6700"), "info": QColor("#3b6ea5")}
OK_FG = QColor("#2e7d32")

# A cell a suggested correction would change: a dashed frame, and the bar that offers it.
SUGGESTION_FG = QColor("#2f6fb0")
SUGGESTION_BG = QColor("#eef5fc")

# Matches of a search in the source text; the current one stronger.
FIND_BG = QColor("#fff59d")
FIND_CURRENT_BG = QColor("#ffb74d")

# The selected cell's digits framed on a scanned page (`ui.scan_view`).
SCAN_BOX_FG = QColor("#e8590c")
SCAN_BOX_BG = QColor(255, 179, 71, 70)
