"""The queue of live conversations: a list model the queue view paints.

Conversations with the newest customer message waiting longest sit on top; unread counts
reset when the agent opens a conversation; the waiting time counts from the first customer
message the agent has not answered yet.

One clock: ``waiting_since`` is that message's own UTC timestamp (as stored), so the queue,
the customer panel and a restarted desk all show the same waiting time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from assist.core.text import preview
from assist.core.types import utcnow
from assist.storage.events import as_utc

Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class QueueItem:
    conversation_id: str
    title: str
    lang: str | None = None
    unread: int = 0
    waiting_since: datetime | None = None  # UTC time of the first unanswered message; None: answered
    last_preview: str = ""
    top_intent: str | None = None
    intent_probability: float = 0.0
    unsure: bool = False
    closed: bool = False
    arrived: datetime = field(default_factory=utcnow)

    def waiting_seconds(self, now: datetime | None = None) -> float | None:
        if self.waiting_since is None:
            return None
        return max(0.0, ((now or utcnow()) - self.waiting_since).total_seconds())


class QueueModel(QAbstractListModel):
    ItemRole = int(Qt.ItemDataRole.UserRole) + 1

    def __init__(self) -> None:
        super().__init__()
        self._items: list[QueueItem] = []

    # ---------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == self.ItemRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.last_preview
        return None

    # ---------------------------------------------------------------- updates
    def items(self) -> list[QueueItem]:
        return list(self._items)

    def row_of(self, conversation_id: str) -> int:
        for i, item in enumerate(self._items):
            if item.conversation_id == conversation_id:
                return i
        return -1

    def get(self, conversation_id: str) -> QueueItem | None:
        row = self.row_of(conversation_id)
        return self._items[row] if row >= 0 else None

    def upsert(self, item: QueueItem) -> QueueItem:
        row = self.row_of(item.conversation_id)
        if row >= 0:
            self._items[row] = item
            self._changed(row)
            return item
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items))
        self._items.append(item)
        self.endInsertRows()
        return item

    def customer_message(
        self,
        conversation_id: str,
        text: str,
        *,
        title: str,
        lang: str | None,
        active: bool,
        ts: datetime | None = None,
    ) -> None:
        """A customer message (``ts``: when it was written, UTC; None: now)."""
        item = self.get(conversation_id) or self.upsert(QueueItem(conversation_id, title, lang))
        item.last_preview = preview(text, 90)
        item.lang = lang or item.lang
        item.closed = False
        if item.waiting_since is None:
            item.waiting_since = as_utc(ts) if ts is not None else utcnow()
        if not active:
            item.unread += 1
        self._changed(self.row_of(conversation_id))

    def agent_replied(self, conversation_id: str, text: str) -> None:
        item = self.get(conversation_id)
        if item is None:
            return
        item.waiting_since = None
        item.last_preview = preview(text, 90)
        self._changed(self.row_of(conversation_id))

    def set_intent(self, conversation_id: str, label: str | None, probability: float, unsure: bool) -> None:
        item = self.get(conversation_id)
        if item is None:
            return
        item.top_intent, item.intent_probability, item.unsure = label, probability, unsure
        self._changed(self.row_of(conversation_id))

    def mark_read(self, conversation_id: str) -> None:
        item = self.get(conversation_id)
        if item is not None and item.unread:
            item.unread = 0
            self._changed(self.row_of(conversation_id))

    def mark_closed(self, conversation_id: str) -> None:
        item = self.get(conversation_id)
        if item is not None:
            item.closed = True
            item.waiting_since = None
            self._changed(self.row_of(conversation_id))

    def tick(self) -> None:
        """Waiting times moved on: repaint every row."""
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    def _changed(self, row: int) -> None:
        if row >= 0:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx)

