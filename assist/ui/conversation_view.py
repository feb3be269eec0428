"""The conversation: message bubbles with times, customer left, agent right.

Every bubble is a ``QLabel`` with ``Qt.PlainText``: a customer who writes ``<b>x</b>`` or a
``javascript:`` link sees exactly those characters, nothing is interpreted or clickable.
Bubbles are capped at about 72% of the width and wrap (at spaces in English, between
characters in Chinese); a huge message shows its first 4,000 characters and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from assist.core.types import Role

MAX_BUBBLE_CHARS = 4000  # beyond this a bubble shows the start and says how much is hidden
_LONG_RUN = re.compile(r"\S{41,}")
ZWSP = "\u200b"


def soft_wrap(text: str, every: int = 30) -> str:
    """Let a QLabel break very long unbroken runs (URLs, pasted IDs): a zero-width space every
    ``every`` characters inside runs longer than 40. Display only; the stored text is untouched."""

    def split(m: re.Match[str]) -> str:
        run = m.group(0)
        return ZWSP.join(run[i : i + every] for i in range(0, len(run), every))

    return _LONG_RUN.sub(split, text)


@dataclass(frozen=True, slots=True)
class Bubble:
    role: Role
    text: str
    ts: datetime | None = None
    author: str | None = None


def plain_label(text: str, object_name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # never rich text: customer text is data
    label.setText(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setOpenExternalLinks(False)
    return label


class ConversationView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Conversation")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body.setObjectName("ConversationBody")
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(16, 12, 16, 12)
        self.rows.setSpacing(10)
        self.rows.addStretch(1)
        self.empty = QLabel()
        self.empty.setObjectName("Muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rows.insertWidget(0, self.empty)
        self.setWidget(self.body)
        self.bubbles: list[QLabel] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Select a conversation in the queue"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear(self) -> None:
        while self.rows.count() > 2:  # keep the empty label and the stretch
            item = self.rows.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.bubbles.clear()
        self.empty.setVisible(True)

    def show_bubbles(self, bubbles: list[Bubble]) -> None:
        self.clear()
        for b in bubbles:
            self.add(b, scroll=False)
        self._scroll_to_end()

    def add(self, bubble: Bubble, *, scroll: bool = True) -> QLabel:
        self.empty.setVisible(False)
        customer = bubble.role is Role.CUSTOMER
        text = bubble.text
        if len(text) > MAX_BUBBLE_CHARS:
            hidden = len(text) - MAX_BUBBLE_CHARS
            text = text[:MAX_BUBBLE_CHARS] + "\n" + self.tr("… (%n more characters)", "", hidden)
        label = plain_label(soft_wrap(text), "BubbleCustomer" if customer else "BubbleAgent")
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        metrics = label.fontMetrics()
        natural = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0) + 32
        label.setProperty("natural_width", natural)
        self._fit(label)
        when = bubble.ts.astimezone().strftime("%H:%M") if bubble.ts is not None else ""
        meta_text = " · ".join(x for x in (bubble.author or "", when) if x)
        meta = plain_label(meta_text, "BubbleTime")
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(label)
        column.addWidget(meta, 0, Qt.AlignmentFlag.AlignLeft if customer else Qt.AlignmentFlag.AlignRight)
        row = QFrame()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        if not customer:
            line.addStretch(1)
        line.addLayout(column)
        if customer:
            line.addStretch(1)
        self.rows.insertWidget(self.rows.count() - 1, row)
        self.bubbles.append(label)
        if scroll:
            self._scroll_to_end()
        return label

    def resizeEvent(self, event: QResizeEvent) -> None:  # keep bubbles at ~72% of the width
        super().resizeEvent(event)
        for label in self.bubbles:
            self._fit(label)

    def _fit(self, label: QLabel) -> None:
        """Short messages get a snug bubble, long ones wrap at ~72% of the view."""
        widest = max(280, int(self.viewport().width() * 0.72))
        natural = int(label.property("natural_width") or widest)
        label.setMaximumWidth(widest)
        label.setMinimumWidth(min(natural, widest))

    def _scroll_to_end(self) -> None:
        QTimer.singleShot(0, lambda: self.verticalScrollBar().setValue(self.verticalScrollBar().maximum()))
