"""The supervisor console: are the suggestions helping, and which model should agents use?

``SupervisorConsole(database, settings)`` is a plain ``QWidget`` (the desk opens it from a
menu, or it runs alone). Tabs:

* **Funnel**: the acceptance funnel of the period (chart and table) beside the agents' ratings
  of drafts (👍 / 👎 and why), acceptance by day, and customer satisfaction (CSAT from the help
  desk) by unedited draft / edited draft / no draft.
* **Breakdown**: the funnel by intent, agent, model version, draft source, rank or day.
* **Intent quality**: agent corrections (from -> to) and per-intent health.
* **Models**: acceptance and latency per model version with 95% intervals, the A/B split,
  the registry (promote / roll back) and the retrain button (a separate process).

Every figure comes from :mod:`assist.learning.analytics` / :mod:`assist.learning.quality`,
read on a worker thread; double-clicking a cell opens its example conversations; every
table exports to CSV.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assist.learning.analytics import DIMENSIONS, all_breakdowns, csat_by_draft_use
from assist.learning.feedback import feedback_table
from assist.learning.quality import ab_comparison, corrections_confusion, intent_health, model_comparison
from assist.learning.tables import Period, Table
from assist.ui.console_charts import FunnelChart, TrendChart
from assist.ui.console_common import (
    Background,
    LiveRefresh,
    TableModel,
    column_label,
    export_csv,
    size_columns,
)
from assist.ui.console_drill import DrillDialog
from assist.ui.console_models import ModelsPanel
from assist.ui.screen import resize_within_screen

PERIODS = (("Last 7 days", 7), ("Last 30 days", 30), ("Today", 0), ("All time", -1))  # English names
TABLE_NAMES = ("funnel", *DIMENSIONS, "corrections", "intent_health", "models", "ab", "csat", "feedback")


def period_for(days: int, now: datetime | None = None) -> Period:
    now = now or datetime.now(UTC)
    if days < 0:
        return Period()
    if days == 0:
        return Period.for_days(now.date(), now.date())
    return Period(now - timedelta(days=days), None)


def read_all(database: Any, period: Period) -> dict[str, Table]:
    """Every table the console shows, in one read session (runs on a worker thread)."""
    with database.read() as s:
        tables = all_breakdowns(s, period)
        tables["corrections"] = corrections_confusion(s, period)
        tables["intent_health"] = intent_health(s, period)
        tables["models"] = model_comparison(s, period)
        tables["ab"] = ab_comparison(s, period)
        tables["csat"] = csat_by_draft_use(s, period)
        tables["feedback"] = feedback_table(s, period)
    return tables


class TablePane(QWidget):
    """A titled table with drill-down on double-click and an Export CSV button."""

    def __init__(self, console: SupervisorConsole, name: str) -> None:
        super().__init__()
        self.console = console
        self.name = name
        self.model = TableModel(parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(False)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self.drill)
        size_columns(self.view)
        self.label = label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = export = QPushButton()
        export.clicked.connect(lambda: export_csv(self, self.model.table))
        top = QHBoxLayout()
        top.addWidget(label)
        top.addStretch(1)
        top.addWidget(export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.retranslate()

    def set_title(self, title: str) -> None:
        self.label.setText(title)

    def title(self) -> str:
        return self.label.text()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export CSV…"))
        if self.model.columnCount():
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def drill(self, index: QModelIndex) -> None:
        ids = self.model.examples(index)
        if not ids:
            return
        column = self.model.table.columns[index.column()]
        key = self.model.table.rows[index.row()][0]
        self.console.open_drill(
            f"{self.title() or self.model.table.name}: {key} / {column_label(column)}", ids
        )


class SupervisorConsole(QWidget):
    loaded = Signal()  # emitted each time the figures have been (re)read

    def __init__(self, database: Any, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.settings = settings
        self.background = Background(self)
        self.tables: dict[str, Table] = {}
        self.loads = 0
        self.drill_dialog: DrillDialog | None = None

        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.state = QLabel("")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self._state: tuple[str, Any] = ("", None)
        self.period_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.period_label)
        bar.addWidget(self.period)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.state)

        self.panes: dict[str, TablePane] = {}
        self.funnel_chart = FunnelChart()
        self.trend_chart = TrendChart()
        funnel_tab = QSplitter(Qt.Orientation.Vertical)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.funnel_chart)
        charts.addWidget(self.trend_chart)
        funnel_tab.addWidget(charts)
        funnel_tab.addWidget(self._pane("funnel"))
        funnel_tab.addWidget(self._pane("feedback"))  # agents' ratings right under the acceptance figures
        funnel_tab.addWidget(self._pane("day"))
        funnel_tab.addWidget(self._pane("csat"))

        breakdown_tab = QWidget()
        self.dimension = QComboBox()
        for d in DIMENSIONS:
            if d != "day":
                self.dimension.addItem(d, d)
        self.dimension.currentIndexChanged.connect(lambda _i: self._show_dimension(self.current_dimension()))
        self.breakdown_stack: dict[str, TablePane] = {}
        b_layout = QVBoxLayout(breakdown_tab)
        row = QHBoxLayout()
        self.dimension_label = QLabel()
        row.addWidget(self.dimension_label)
        row.addWidget(self.dimension)
        row.addStretch(1)
        b_layout.addLayout(row)
        for d in DIMENSIONS:
            if d == "day":
                continue
            pane = self._pane(d)
            self.breakdown_stack[d] = pane
            b_layout.addWidget(pane)
        self._show_dimension(self.current_dimension())

        quality_tab = QSplitter(Qt.Orientation.Vertical)
        quality_tab.addWidget(self._pane("corrections"))
        quality_tab.addWidget(self._pane("intent_health"))

        self.models_panel = ModelsPanel(database, settings, self.background)
        models_tab = QSplitter(Qt.Orientation.Vertical)
        models_tab.addWidget(self._pane("models"))
        models_tab.addWidget(self._pane("ab"))
        models_tab.addWidget(self.models_panel)

        self.tabs = QTabWidget()
        for tab in (funnel_tab, breakdown_tab, quality_tab, models_tab):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs)
        resize_within_screen(self, 1100, 760)
        self.retranslate()
        self.refresh()
        self.live = LiveRefresh(self, lambda: self.refresh(live=True), lambda: self.background.pending > 0)

    def _pane(self, name: str) -> TablePane:
        pane = TablePane(self, name)
        self.panes[name] = pane
        return pane

    def dimension_name(self, dimension: str) -> str:
        return {
            "intent": self.tr("intent"),
            "agent": self.tr("agent"),
            "model_version": self.tr("model version"),
            "source": self.tr("draft source"),
            "rank": self.tr("rank"),
            "day": self.tr("day"),
        }.get(dimension, dimension.replace("_", " "))

    def current_dimension(self) -> str:
        return str(self.dimension.currentData())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assist — supervisor console"))
        periods = {
            7: self.tr("Last 7 days"),
            30: self.tr("Last 30 days"),
            0: self.tr("Today"),
            -1: self.tr("All time"),
        }
        for i in range(self.period.count()):
            self.period.setItemText(i, periods[int(self.period.itemData(i))])
        self.refresh_button.setText(self.tr("Refresh"))
        self.period_label.setText(self.tr("Period:"))
        self.dimension_label.setText(self.tr("Break down by:"))
        for i in range(self.dimension.count()):
            self.dimension.setItemText(i, self.dimension_name(str(self.dimension.itemData(i))))
        titles = {
            "funnel": self.tr("Acceptance funnel (acceptance = sent from a draft / sent)"),
            "day": self.tr("By day"),
            "corrections": self.tr("Agent corrections (predicted -> corrected)"),
            "intent_health": self.tr("Intents with low confidence or many corrections"),
            "models": self.tr("Model comparison (95% Wilson intervals; latency in ms)"),
            "ab": self.tr("A/B split (conversations assigned at random)"),
            "csat": self.tr(
                "Customer satisfaction (CSAT 1-5; 4-5 counts as satisfied) by how replies were "
                "written, with 95% intervals"
            ),
            "feedback": self.tr("Agents' ratings of drafts (thumbs up / down, and why)"),
        }
        for name, pane in self.panes.items():
            if name in titles:
                pane.set_title(titles[name])
        for d, pane in self.breakdown_stack.items():
            pane.set_title(self.tr("Funnel by %1").replace("%1", self.dimension_name(d)))
        for i, text in enumerate(
            (self.tr("Funnel"), self.tr("Breakdown"), self.tr("Intent quality"), self.tr("Models"))
        ):
            self.tabs.setTabText(i, text)
        if "csat" in self.tables:
            self.panes["csat"].model.set_table(self._csat_shown(self.tables["csat"]))
        self._apply_state()

    def csat_group_name(self, group: str) -> str:
        return {
            "unedited draft": self.tr("unedited draft"),
            "edited draft": self.tr("edited draft"),
            "no draft": self.tr("no draft"),
        }.get(group, group)

    def _csat_shown(self, table: Table) -> Table:
        """The CSAT table with its group names in the UI language (the figures untouched)."""
        rows = [(self.csat_group_name(str(r[0])), *r[1:]) for r in table.rows]
        return Table(table.name, table.columns, rows, dict(table.examples))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_state(self, kind: str, value: Any = None) -> None:
        self._state = (kind, value)
        self._apply_state()

    def _apply_state(self) -> None:
        kind, value = self._state
        if kind == "loading":
            text = self.tr("loading…")
        elif kind == "rate":
            text = self.tr("acceptance %1%").replace("%1", f"{value * 100:.1f}")
        elif kind == "empty":
            text = self.tr("no replies in this period")
        elif kind == "failed":
            text = self.tr("cannot read the figures: %1").replace("%1", str(value))
        else:
            text = ""
        self.state.setText(text)

    def _show_dimension(self, dimension: str) -> None:
        for d, pane in self.breakdown_stack.items():
            pane.setVisible(d == dimension)

    # ------------------------------------------------------------------ data
    def current_period(self) -> Period:
        return period_for(int(self.period.currentData()))

    def refresh(self, *, live: bool = False) -> None:
        """Re-read every figure; ``live`` (the timer's): quietly, the state line keeps its figure."""
        period = self.current_period()
        if not live:
            self._set_state("loading")
            self.refresh_button.setEnabled(False)
        self.background.run(lambda: read_all(self.database, period), self._show, self._failed)
        self.models_panel.refresh()

    def _show(self, tables: dict[str, Table]) -> None:
        self.tables = tables
        for name, pane in self.panes.items():
            if name in tables:
                pane.model.set_table(self._csat_shown(tables[name]) if name == "csat" else tables[name])
        self.funnel_chart.set_table(tables.get("funnel"))
        self.trend_chart.set_table(tables.get("day"))
        self.refresh_button.setEnabled(True)
        self.loads += 1
        row = tables["funnel"].as_dicts()[0] if tables.get("funnel") and tables["funnel"].rows else None
        rate = row["acceptance_rate"] if row else float("nan")
        if row and rate == rate:
            self._set_state("rate", rate)
        else:
            self._set_state("empty")
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self._set_state("failed", exc)

    # ------------------------------------------------------------------ actions
    def export_table(self, name: str, path: str) -> str | None:
        """Export one of :data:`TABLE_NAMES` to ``path`` (what the Export CSV buttons do)."""
        table = self.tables.get(name)
        return export_csv(self, table, path) if table is not None else None

    def open_drill(self, title: str, conversation_ids: tuple[str, ...]) -> DrillDialog:
        dialog = DrillDialog(title, conversation_ids, self.database, self.background.run, self)
        self.drill_dialog = dialog
        dialog.show()
        return dialog
