"""How a grid cell is drawn and edited: `CellDelegate`.

Drawing: a selected cell keeps its flag colour (framed in the selection colour); a cell a
suggestion would change gets a dashed frame; the 总计 columns and rows are set apart by a
rule on their left / top edge; a label merged over several rows wraps its text, any other
text is elided (the tooltip has it whole).

Editing: the editor takes any text, so what the officer typed is never dropped. Enter,
Tab or leaving the editor with something that is not a number keeps the editor open with
that text and says why (`rejected`); the view shows it at the cell and in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui import theme
from ui.table_model import EDGE_LEFT, EDGE_TOP, PROBLEM_FLAGS, EdgeRole, FlagRole, SuggestedRole, WrapRole, parse_number

_Index = QModelIndex | QPersistentModelIndex
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Focus that leaves for another window or a popup comes back: the edit is not over.
_PASSING_FOCUS = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


def acceptable(text: str) -> bool:
    """Whether a grid takes `text` as a figure (a number, or blank)."""
    return parse_number(text)[0]


class CellDelegate(QStyledItemDelegate):
    """Draws flags, suggestions and 总计 rules; edits figures and refuses what is not one."""

    rejected = Signal(QWidget, str)  # the editor and the text it keeps

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.began_on_problem = False  # the cell being edited was flagged when the edit began
        self.enter_pressed = False  # the edit is ending with Enter (not a click elsewhere)

    # ---- drawing -------------------------------------------------------------------

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        if index.data(WrapRole):
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText  # type: ignore[attr-defined]
        option.textElideMode = Qt.TextElideMode.ElideRight  # type: ignore[attr-defined]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        if not selected or index.data(Qt.ItemDataRole.BackgroundRole) is None:
            super().paint(painter, option, index)
        else:
            plain = QStyleOptionViewItem(option)
            plain.state &= ~QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]
            super().paint(painter, plain, index)
            painter.save()
            painter.setPen(QPen(option.palette.highlight().color(), 2))  # type: ignore[attr-defined]
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.restore()
        edges = index.data(EdgeRole) or 0
        if edges:
            painter.save()
            painter.setPen(QPen(theme.TOTAL_RULE, 2))
            if edges & EDGE_LEFT:
                painter.drawLine(rect.left() + 1, rect.top(), rect.left() + 1, rect.bottom())
            if edges & EDGE_TOP:
                painter.drawLine(rect.left(), rect.top() + 1, rect.right(), rect.top() + 1)
            painter.restore()
        if index.data(SuggestedRole) is not None:
            painter.save()
            pen = QPen(theme.SUGGESTION_FG, 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
            painter.restore()

    # ---- editing -------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        editor.textEdited.connect(lambda _text: self._clear_rejection(editor))
        self.began_on_problem = index.data(FlagRole) in PROBLEM_FLAGS
        self.enter_pressed = False
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit):
            kind = event.type()
            if kind == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if event.key() in _COMMIT_KEYS and not acceptable(watched.text()):
                    self.rejected.emit(watched, watched.text())
                    return True
                if event.key() in _ENTER_KEYS:
                    self.enter_pressed = True
            elif kind == QEvent.Type.FocusOut:
                assert isinstance(event, QFocusEvent)
                if event.reason() not in _PASSING_FOCUS and not acceptable(watched.text()):
                    self.rejected.emit(watched, watched.text())
                    return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _clear_rejection(editor: QLineEdit) -> None:
        if editor.property("rejected"):
            editor.setProperty("rejected", False)
            editor.setStyleSheet("")
            editor.setToolTip("")

    @staticmethod
    def mark_rejected(editor: QLineEdit, message: str) -> None:
        """Frame the editor in red and give it the reason as its tooltip."""
        editor.setProperty("rejected", True)
        editor.setStyleSheet(f"QLineEdit {{ border: 2px solid {theme.SEVERITY_FG['error'].name()}; }}")
        editor.setToolTip(message)
