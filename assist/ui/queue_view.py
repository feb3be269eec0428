"""The queue panel: one painted row per conversation (title, preview, wait, unread, intent).

Rows are painted with ``drawText``, which never interprets markup, so a preview made of
customer HTML shows its characters. Up/Down move through the queue; Enter opens a row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from assist.ui.labels import intent_title, waiting_text
from assist.ui.queue_model import QueueItem, QueueModel

ROW_HEIGHT = 68
ACCENT = QColor("#2f5d7c")
MUTED = QColor("#6b7785")
AMBER = QColor("#b7791f")
URGENT = QColor("#b44a2a")


class QueueDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(240, ROW_HEIGHT)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item: QueueItem | None = index.data(QueueModel.ItemRole)
        if item is None:
            return
        painter.save()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, QColor("#e6eef5") if selected else QColor("#ffffff"))
        if selected:
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), ACCENT)
        painter.setPen(QPen(QColor("#eef1f4")))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        base = QFont(option.font)
        x, right = rect.left() + 12, rect.right() - 10
        # line 1: title + waiting time
        bold = QFont(base)
        bold.setBold(item.unread > 0)
        painter.setFont(bold)
        painter.setPen(QColor("#1f2a35") if not item.closed else MUTED)
        wait = item.waiting_seconds()
        wait_text = waiting_text(wait)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
        wait_w = QFontMetrics(small).horizontalAdvance(wait_text) + 4
        title_rect = QRect(x, rect.top() + 8, right - x - wait_w - 4, 18)
        title = QFontMetrics(bold).elidedText(item.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        painter.setFont(small)
        painter.setPen(URGENT if wait is not None and wait > 120 else MUTED)
        painter.drawText(
            QRect(right - wait_w, rect.top() + 8, wait_w, 18),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            wait_text,
        )
        # line 2: preview + unread badge
        painter.setFont(base)
        painter.setPen(QColor("#4a5663"))
        badge_w = 0
        if item.unread:
            badge_text = str(min(item.unread, 99))
            badge_w = max(20, QFontMetrics(small).horizontalAdvance(badge_text) + 10)
            badge = QRect(right - badge_w, rect.top() + 27, badge_w, 17)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(ACCENT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 8, 8)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(small)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), badge_text)
            painter.setFont(base)
            painter.setPen(QColor("#4a5663"))
        prev_rect = QRect(x, rect.top() + 26, right - x - badge_w - 6, 18)
        painter.drawText(
            prev_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(base).elidedText(item.last_preview, Qt.TextElideMode.ElideRight, prev_rect.width()),
        )
        # line 3: intent chip
        painter.setFont(small)
        if item.top_intent or item.unsure:
            text = ("? " if item.unsure else "") + (
                intent_title(item.top_intent) if item.top_intent else QueueView.tr_unsure()
            )
            painter.setPen(AMBER if item.unsure else ACCENT)
            painter.drawText(
                QRect(x, rect.top() + 45, right - x, 16),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                QFontMetrics(small).elidedText(text, Qt.TextElideMode.ElideRight, right - x),
            )
        painter.restore()


class QueueView(QFrame):
    """The queue panel: a header and the painted list."""

    selected = Signal(str)  # conversation_id
    ticked = Signal()  # once a second: waiting times moved on

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.model = model
        self.title = QLabel()
        self.title.setObjectName("PanelTitle")
        self.count = QLabel()
        self.count.setObjectName("Muted")
        self.list = QListView()
        self.list.setObjectName("Queue")
        self.list.setModel(model)
        self.list.setItemDelegate(QueueDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        model.rowsInserted.connect(self._update_count)
        model.dataChanged.connect(self._update_count)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self.retranslate()

    @staticmethod
    def tr_unsure() -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("QueueView", "Unsure")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Queue"))
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_tick(self) -> None:
        self.model.tick()
        self._update_count()
        self.ticked.emit()

    def _update_count(self) -> None:
        waiting = sum(1 for i in self.model.items() if i.waiting_since is not None)
        self.count.setText(self.tr("%n waiting", "", waiting))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item: QueueItem | None = current.data(QueueModel.ItemRole) if current.isValid() else None
        if item is not None:
            self.selected.emit(item.conversation_id)

    def select(self, conversation_id: str) -> None:
        row = self.model.row_of(conversation_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def step(self, delta: int) -> None:
        """Move the selection (keyboard navigation from anywhere in the window)."""
        rows = self.model.rowCount()
        if not rows:
            return
        row = self.list.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + delta))
        self.list.setCurrentIndex(self.model.index(row))
