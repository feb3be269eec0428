"""The supervisor console follows the desk's language: Chinese labels under zh_CN, English CSV."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import Qt

from assist.config import Settings
from assist.storage.database import Database
from assist.ui.console import SupervisorConsole
from assist.ui.i18n import install_language
from assist.ui.resources import translations_dir
from tests.learning import scenario

pytestmark = pytest.mark.gui

CONSOLE_CONTEXTS = {
    "SupervisorConsole",
    "TablePane",
    "TableModel",
    "ModelsPanel",
    "DrillDialog",
    "FunnelChart",
    "TrendChart",
    "ConsoleColumns",
    "ConsoleExport",
}


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    install_language("zh_CN")
    try:
        yield
    finally:
        install_language("en")


def _header(pane: Any, column: str) -> str:
    m = pane.model
    return str(m.headerData(m.table.columns.index(column), Qt.Orientation.Horizontal))


def test_console_shows_chinese_and_follows_a_runtime_switch(
    chinese: None, qtbot: Any, sqlite_url: str, tmp_path: Path
) -> None:
    db = Database.open(sqlite_url)
    scenario.build(db, scenario.plan_messages())
    widget = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(widget)
    try:
        widget.period.setCurrentIndex(3)
        qtbot.waitUntil(
            lambda: widget.loads >= 1 and widget.tables and widget.background.pending == 0, timeout=60_000
        )
        assert widget.windowTitle() == "Assist — 主管控制台"
        assert [widget.tabs.tabText(i) for i in range(4)] == ["漏斗", "细分", "意图质量", "模型"]
        assert widget.period.currentText() == "全部时间"
        assert widget.refresh_button.text() == "刷新"
        assert widget.dimension.itemText(0) == "意图"
        assert _header(widget.panes["funnel"], "acceptance_rate") == "采纳率"
        assert _header(widget.panes["model_version"], "model_version") == "模型版本"
        assert widget.panes["source"].title() == "按草稿来源划分的漏斗"
        assert widget.state.text().startswith("采纳率 ")
        assert widget.models_panel.retrain_button.text() == "用已记录的数据重新训练"
        assert widget.models_panel.rollback_button.text() == "回滚"
        assert widget.funnel_chart.chart().title() == "采纳漏斗"

        # CSV exports keep the stable English column names.
        path = widget.export_table("funnel", str(tmp_path / "funnel.csv"))
        assert path is not None
        with open(path, newline="", encoding="utf-8") as f:
            assert "acceptance_rate" in next(csv.reader(f))

        install_language("en")  # what the desk does when the settings change the language
        assert widget.windowTitle() == "Assist — supervisor console"
        assert widget.tabs.tabText(0) == "Funnel"
        assert widget.period.currentText() == "All time"
        assert _header(widget.panes["funnel"], "acceptance_rate") == "acceptance rate"
        assert widget.state.text().startswith("acceptance ")
        assert widget.models_panel.retrain_button.text() == "Retrain from logged data"
        assert widget.funnel_chart.chart().title() == "Acceptance funnel"
    finally:
        widget.close()
        db.close()


def test_console_contexts_are_fully_translated() -> None:
    root = ET.parse(translations_dir() / "assist_zh_CN.ts").getroot()
    seen = set()
    for context in root.iter("context"):
        name = context.findtext("name")
        if name not in CONSOLE_CONTEXTS:
            continue
        seen.add(name)
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") != "unfinished", (name, message.findtext("source"))
            text = "".join(translation.itertext()).strip()
            assert text, (name, message.findtext("source"))
    assert seen == CONSOLE_CONTEXTS


def test_the_warm_up_head_stage_is_named_apart_from_fine_tuning(qapp: object) -> None:
    """A review read "en · fine-tuning · step 290/1240 · 1%": the 1,240 steps were the cheap
    head warm-up on frozen features (5 % of the run), named as if they were the fine-tuning."""
    from assist.ui.console_common import training_step

    assert training_step("[en] fine-tune (head) 290/1240 (epoch 9)") == "en · fitting the classifier head · step 290/1240"
    assert training_step("[en] fine-tune (full) 16/620 (epoch 1)") == "en · fine-tuning · step 16/620"
