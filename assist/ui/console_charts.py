"""QtCharts views of the acceptance funnel and its daily trend.

Charts are built from the same :class:`assist.learning.tables.Table` the tables show, so a
bar and its table cell can never disagree.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from assist.learning.tables import Table

FUNNEL_STAGES = (
    ("drafts_shown", "shown"),
    ("inserted", "insert"),
    ("sent_as_is", "as-is"),
    ("sent_light_edit", "light"),
    ("sent_heavy_edit", "heavy"),
    ("sent_typed", "typed"),
    ("ignored", "ignore"),
)


def stage_labels() -> list[str]:
    """The funnel chart's axis labels (translated), in FUNNEL_STAGES order."""
    labels = {
        "shown": QCoreApplication.translate("FunnelChart", "shown"),
        "insert": QCoreApplication.translate("FunnelChart", "insert"),
        "as-is": QCoreApplication.translate("FunnelChart", "as-is"),
        "light": QCoreApplication.translate("FunnelChart", "light"),
        "heavy": QCoreApplication.translate("FunnelChart", "heavy"),
        "typed": QCoreApplication.translate("FunnelChart", "typed"),
        "ignore": QCoreApplication.translate("FunnelChart", "ignore"),
    }
    return [labels[label] for _, label in FUNNEL_STAGES]


class FunnelChart(QChartView):
    """One bar per funnel stage for the selected period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.values: list[float] = []
        self.table: Table | None = None
        self.set_table(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_table(self.table)
        super().changeEvent(event)

    def set_table(self, table: Table | None) -> None:
        self.table = table
        chart = QChart()
        chart.setTitle(self.tr("Acceptance funnel"))
        chart.legend().hide()
        row = table.as_dicts()[0] if table is not None and table.rows else {}
        self.values = [float(row.get(key, 0) or 0) for key, _ in FUNNEL_STAGES]
        bars = QBarSet(self.tr("count"))
        for v in self.values:
            bars.append(v)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(stage_labels())
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setRange(0, max([1.0, *self.values]) * 1.1)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self.setChart(chart)


class TrendChart(QChartView):
    """Acceptance rate per day (days without sent replies are skipped)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self.points: list[tuple[str, float]] = []
        self.table: Table | None = None
        self.set_table(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_table(self.table)
        super().changeEvent(event)

    def set_table(self, table: Table | None) -> None:
        self.table = table
        chart = QChart()
        chart.setTitle(self.tr("Acceptance rate by day"))
        chart.legend().hide()
        self.points = []
        if table is not None:
            for row in table.as_dicts():
                rate = row.get("acceptance_rate")
                if isinstance(rate, float) and not math.isnan(rate):
                    self.points.append((str(row["day"]), rate))
        series = QLineSeries()
        series.setPointsVisible(True)
        for i, (_, rate) in enumerate(self.points):
            series.append(QPointF(i, rate * 100))
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([day[5:] for day, _ in self.points] or [""])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d%%")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self.setChart(chart)
