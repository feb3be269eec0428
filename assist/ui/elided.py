"""A one-line plain-text label that elides instead of growing (status bar, draft cards)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A plain-text label that never asks for more width than it gets: long text ends in "…".

    A status-bar warning can be a few hundred characters (a model's load error); a plain
    ``QLabel`` asks for all of it as its minimum width and pushes the window off the screen.
    The full text stays in the tooltip.
    """

    def __init__(self, name: str = "", parent: QWidget | None = None, *, widest: int = 480) -> None:
        super().__init__(parent)
        self.widest = widest
        self.short = ""  # painted instead of an elided text when the whole text does not fit
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if name:
            self.setObjectName(name)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.widest), hint.height())

    def elided(self) -> str:
        """What is painted now (the whole text when it fits)."""
        flat = " ".join(self.text().split())
        room = max(0, self.contentsRect().width())
        if self.short and self.fontMetrics().horizontalAdvance(flat) > room:
            flat = self.short
        return self.fontMetrics().elidedText(flat, Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(self.contentsRect(), int(align), self.elided())
