"""The bottom of the console's Models tab: the retrain log, the jobs list and the audit trail.

*Jobs* lists every training run from ``training_runs`` (retrains and the first-run training,
whichever process runs them) with its status, live progress and latest message; selecting
one shows the end of its log file in *Log*. *Audit trail* lists every train, evaluate,
promote, roll back, A/B and fallback action. Both refresh every few seconds while shown and
export to CSV like the console's other tables.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assist.learning.audit import audit_table
from assist.learning.runs import jobs_table, log_tail
from assist.learning.tables import Table
from assist.ui.console_common import Background, TableModel, export_csv, size_columns

REFRESH_MS = 3000


class _TableTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TableModel(parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        size_columns(self.view)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: export_csv(self, self.model.table))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)


class TrailPanel(QTabWidget):
    def __init__(self, database: Any, background: Background, log: QPlainTextEdit) -> None:
        super().__init__()
        self.database = database
        self.background = background
        self.log = log
        self.jobs = _TableTab()
        self.audit = _TableTab()
        self.jobs.view.clicked.connect(lambda index: self.show_log(index.row()))
        self.addTab(log, "")
        self.addTab(self.jobs, "")
        self.addTab(self.audit, "")
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("Log"))
        self.setTabText(1, self.tr("Jobs"))
        self.setTabText(2, self.tr("Audit trail"))
        for tab in (self.jobs, self.audit):
            tab.export_button.setText(self.tr("Export CSV…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def tables(self) -> dict[str, Table]:
        return {"jobs": self.jobs.model.table, "audit": self.audit.model.table}

    def refresh(self) -> None:
        def read() -> tuple[Table, Table]:
            with self.database.read() as s:
                return jobs_table(s), audit_table(s)

        self.background.run(read, self._show, lambda _exc: None)

    def _show(self, tables: tuple[Table, Table]) -> None:
        self.jobs.model.set_table(tables[0])
        self.audit.model.set_table(tables[1])

    def _tick(self) -> None:
        if self.isVisible() and self.currentIndex() != 0:
            self.refresh()

    def show_log(self, row: int) -> None:
        """Show the end of the selected job's log in the Log tab."""
        table = self.jobs.model.table
        if not 0 <= row < len(table.rows):
            return
        path = table.rows[row][table.columns.index("log")]
        status = table.rows[row][table.columns.index("status")]
        self.background.run(lambda: log_tail(path), lambda text: self._show_log(text, status), lambda _exc: None)

    def _show_log(self, text: str, status: str = "") -> None:
        if not text.strip():  # an empty pane read as "the console is broken"
            text = (
                self.tr("No log: this job was refused before any training started (see its message).")
                if status == "refused"
                else self.tr("No log yet (or its file was removed).")
            )
        self.log.setPlainText(text)
        self.setCurrentIndex(0)

    def export_table(self, name: str, path: str) -> str | None:
        table = self.tables().get(name)
        return export_csv(self, table, path) if table is not None else None
