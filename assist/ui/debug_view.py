"""The responsiveness view: event-loop lag (heartbeat) and pipeline latencies, live.

For whoever supports the agents: if the desk ever feels slow, this says whether the GUI
thread stalled (lag) or the models are slow (latencies), and how much work is queued.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from assist.service import AssistService
from assist.ui.heartbeat import Heartbeat


def _fmt(ms: float | None) -> str:
    return "–" if ms is None else f"{ms:.1f} ms"


class DebugView(QDialog):
    def __init__(self, heartbeat: Heartbeat, service: AssistService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heartbeat = heartbeat
        self.service = service
        self.grid = QGridLayout()
        self.cells: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for row, key in enumerate(("lag", "lag_max", "intents", "first_draft", "drafts", "queued", "writer")):
            name = QLabel()
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.names[key], self.cells[key] = name, value
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value, row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.setMinimumWidth(380)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        hb = self.heartbeat
        lat = self.service.latency
        self.cells["lag"].setText(f"{_fmt(hb.p50())} / {_fmt(hb.p99())}  (n={len(hb.samples)})")
        self.cells["lag_max"].setText(_fmt(hb.max()))
        for key in ("intents", "first_draft", "drafts"):
            self.cells[key].setText(f"{_fmt(lat.p50(key))} / {_fmt(lat.p95(key))}")
        self.cells["queued"].setText(str(self.service.intents_queued))
        self.cells["writer"].setText(str(self.service.database.writer.backlog))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Responsiveness"))
        names = {
            "lag": self.tr("Event-loop lag p50 / p99"),
            "lag_max": self.tr("Event-loop lag, worst"),
            "intents": self.tr("Message to intents p50 / p95"),
            "first_draft": self.tr("Message to first draft p50 / p95"),
            "drafts": self.tr("Message to all drafts p50 / p95"),
            "queued": self.tr("Messages waiting for the intent model"),
            "writer": self.tr("Database writes queued"),
        }
        for key, text in names.items():
            self.names[key].setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
