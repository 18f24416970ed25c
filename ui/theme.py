"""Colours and fonts of the flags shown in the grids, the source text and the lists.

One place so the grid, the source highlights and the legend agree.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

ERROR_BG = QColor("#f7c6c6")
BLANK_BG = QColor("#fff0a6")
WARNING_BG = QColor("#fde0bd")
EDITED_FG = QColor("#1f5fbf")
EDITED_BG = QColor("#e3edfb")
DISABLED_BG = QColor("#eeeeee")
# The header rows inside a grid (表二's blocks with their own column labels).
HEADER_BG = QColor("#dcdcdc")
HEADER_FG = QColor("#202020")
RAW_TEXT_FG = QColor("#a11d1d")

SOURCE_ERROR_BG = QColor("#fbd9d9")
SOURCE_BLANK_BG = QColor("#fff4bf")
SOURCE_WARNING_BG = QColor("#feebd3")
SOURCE_CELL_BG = QColor("#eef3e6")
SOURCE_CURRENT_BG = QColor("#ffb347")
SOURCE_CURRENT_FG = QColor("#000000")

SEVERITY_FG = {"error": QColor("#b3261e"), "warning": QColor("#9a6700"), "info": QColor("#3b6ea5")}
OK_FG = QColor("#2e7d32")

# A cell a suggested correction would change: a dashed frame, and the bar that offers it.
SUGGESTION_FG = QColor("#2f6fb0")
SUGGESTION_BG = QColor("#eef5fc")
