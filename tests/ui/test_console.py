"""The supervisor console shows the figures the plan implies, exports them, shows text literally."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from assist.config import Settings
from assist.learning.analytics import FUNNEL_COLUMNS
from assist.storage.database import Database
from assist.ui.console import SupervisorConsole
from assist.ui.console_charts import FUNNEL_STAGES
from assist.ui.console_common import format_cell
from assist.ui.labels import intent_title
from tests.learning import scenario

pytestmark = pytest.mark.gui


@pytest.fixture
def console(qtbot: Any, sqlite_url: str, tmp_path: Path) -> Any:
    db = Database.open(sqlite_url)
    plan = scenario.plan_messages()
    scenario.build(db, plan)
    settings = Settings(data_dir=tmp_path / "data", database_url=sqlite_url)
    widget = SupervisorConsole(db, settings)
    qtbot.addWidget(widget)
    widget.period.setCurrentIndex(3)  # all time
    qtbot.waitUntil(
        lambda: widget.loads >= 1 and widget.tables and widget.background.pending == 0, timeout=60_000
    )
    yield widget, plan, db
    widget.close()
    db.close()


def _cells(pane: Any) -> list[list[str]]:
    m = pane.model
    return [
        [m.data(m.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(m.columnCount())]
        for r in range(m.rowCount())
    ]


def test_funnel_tab_shows_the_expected_figures(console: Any) -> None:
    widget, plan, _ = console
    expected = scenario.expected_funnel(plan, None)["all"]
    cells = _cells(widget.panes["funnel"])
    assert len(cells) == 1
    shown = dict(zip(("period", *FUNNEL_COLUMNS), cells[0], strict=True))
    for col in FUNNEL_COLUMNS:
        assert shown[col] == format_cell(col, expected[col]), col
    assert shown["acceptance_rate"].endswith("%")
    assert widget.funnel_chart.values == [float(expected[k]) for k, _ in FUNNEL_STAGES]
    by_intent = {row[0]: row for row in _cells(widget.panes["intent"])}  # display names, not ids
    for intent, exp in scenario.expected_funnel(plan, "intent").items():
        assert by_intent[intent_title(intent)][4] == str(exp["sent"])  # column 4: sent
    days = scenario.expected_funnel(plan, "day")
    assert [d for d, _ in widget.trend_chart.points] == sorted(days)
    for day, rate in widget.trend_chart.points:
        assert math.isclose(rate, days[day]["acceptance_rate"])


def test_csv_export_writes_the_shown_figures(console: Any, tmp_path: Path) -> None:
    widget, plan, _ = console
    path = widget.export_table("agent", str(tmp_path / "agent.csv"))
    assert path is not None
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = scenario.expected_funnel(plan, "agent")
    assert {r["agent"] for r in rows} == set(expected)
    for r in rows:
        for col in ("drafts_shown", "sent", "sent_as_is", "sent_typed", "ignored"):
            assert int(r[col]) == expected[r["agent"]][col]
        assert float(r["acceptance_rate"]) == pytest.approx(expected[r["agent"]]["acceptance_rate"], abs=1e-5)


def test_drill_down_shows_customer_html_literally(console: Any, qtbot: Any) -> None:
    widget, plan, _ = console
    pane = widget.panes["funnel"]
    col = list(pane.model.table.columns).index("sent")
    index = pane.model.index(0, col)
    ids = pane.model.examples(index)
    assert ids
    html_conv = next(p.conversation_id for p in plan if p.text.startswith("<b>"))
    dialog = widget.open_drill("test", (html_conv,))
    transcript = dialog.findChild(QPlainTextEdit, "transcript")
    qtbot.waitUntil(lambda: "<b>order</b>" in transcript.toPlainText(), timeout=30_000)
    assert isinstance(transcript, QPlainTextEdit)  # plain text widget: nothing is rendered
    assert transcript.document().toPlainText().count("<b>") >= 1


def test_period_filter_reloads(console: Any, qtbot: Any) -> None:
    widget, plan, _ = console
    loads = widget.loads
    widget.period.setCurrentIndex(2)  # today
    qtbot.waitUntil(lambda: widget.loads > loads and widget.background.pending == 0, timeout=60_000)
    today = [p for p in plan if p.days_ago == 0]
    cells = _cells(widget.panes["funnel"])
    assert cells[0][4] == str(len(today))


def test_console_cells_show_display_names_and_columns_fit_their_headers(console: Any, qtbot: Any) -> None:
    widget, _plan, _db = console
    widget.show()
    widget.tabs.setCurrentIndex(1)
    widget.dimension.setCurrentIndex(widget.dimension.findData("intent"))
    pane = widget.panes["intent"]
    qtbot.waitUntil(lambda: pane.view.isVisible())
    shown = [row[0] for row in _cells(pane)]
    raw = [row[0] for row in pane.model.table.rows]
    assert shown == [intent_title(r) for r in raw] and all("_" not in s for s in shown)
    model = pane.model
    header = pane.view.horizontalHeader()
    metrics = header.fontMetrics()
    for c in range(model.columnCount()):
        label = str(model.headerData(c, Qt.Orientation.Horizontal))
        assert header.sectionSize(c) >= metrics.horizontalAdvance(label), label
    # the last column is as wide as it needs, not the rest of the window (its figures sat a screen
    # away from their header), and there are no row numbers
    widget.resize(1440, 900)
    qtbot.waitUntil(lambda: pane.view.viewport().width() > 1000)
    last = model.columnCount() - 1
    label = str(model.headerData(last, Qt.Orientation.Horizontal))
    needed = max(metrics.horizontalAdvance(label), pane.view.sizeHintForColumn(last)) + 40
    assert header.sectionSize(last) <= needed < pane.view.viewport().width() / 2
    assert not pane.view.verticalHeader().isVisible()


def test_console_tables_update_without_refresh(console: Any, qtbot: Any) -> None:
    from assist.core.types import IncomingMessage
    from assist.storage import events

    widget, _plan, db = console
    widget.show()
    before = widget.tables["funnel"].as_dicts()[0]["sent"]
    stored = db.writer.write(events.ingest_message(IncomingMessage("live-1", "live-c", "hello")))
    db.writer.write(events.send_reply("live-c", "hi!", agent_name="ann", reply_to_pk=stored.message_pk))
    widget.live.timer.setInterval(50)
    qtbot.waitUntil(lambda: widget.tables["funnel"].as_dicts()[0]["sent"] == before + 1, timeout=20_000)
