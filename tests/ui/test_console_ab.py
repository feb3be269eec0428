"""The console's Models tab starts and stops an A/B test (what `assist models ab start|stop` does)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import QItemSelectionModel, Qt

from assist.config import Settings
from assist.storage.database import Database
from assist.ui.console import SupervisorConsole

pytestmark = [pytest.mark.gui]


def _register(panel: Any, tmp_path: Path, version: str) -> None:
    src = tmp_path / "src" / version
    src.mkdir(parents=True)
    (src / "assist.json").write_text(json.dumps({"kind": "intent", "version": version}))
    panel.registry.register("intent", src)


def _column(panel: Any, name: str) -> list[Any]:
    table = panel.model.table
    return table.column(name) if name in table.columns else []  # empty until the first load lands


def test_ab_buttons_start_and_stop_a_test_of_the_selected_version(qtbot: Any, sqlite_url: str, tmp_path: Path) -> None:
    db = Database.open(sqlite_url)
    console = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(console)
    panel = console.models_panel
    try:
        for version in ("intent-a", "intent-b"):
            _register(panel, tmp_path, version)
        panel.registry.promote("intent-a")
        panel.refresh()
        # the load that shows intent-a promoted (an earlier one, from before the promotion, may land first)
        qtbot.waitUntil(lambda: "intent-b" in _column(panel, "version") and "active" in _column(panel, "status"),
                        timeout=30_000)  # fmt: skip
        row = _column(panel, "version").index("intent-b")
        panel.view.selectionModel().select(
            panel.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        qtbot.mouseClick(panel.ab_start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "A/B test started" in panel.status.text(), timeout=30_000)
        assert panel.registry.serving("intent") == ("intent-a", "intent-b")
        qtbot.waitUntil(lambda: "challenger" in _column(panel, "status"), timeout=30_000)

        qtbot.mouseClick(panel.ab_stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "stopped" in panel.status.text(), timeout=30_000)
        assert panel.registry.serving("intent") == ("intent-a", None)
        qtbot.mouseClick(panel.ab_stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "no A/B test was running" in panel.status.text(), timeout=30_000)

        panel.view.clearSelection()
        panel.start_ab("intent-a")  # the active version cannot be its own challenger
        qtbot.waitUntil(lambda: panel.status.text().startswith("error:"), timeout=30_000)
        assert "active intent model" in panel.status.text()
    finally:
        console.close()
        db.close()
