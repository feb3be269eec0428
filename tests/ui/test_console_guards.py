"""The issue-15 click path in the real console, offscreen: Retrain on too little data is
refused in plain words and trains nothing; Promote shows the comparison and refuses a
candidate that is not better until the override is ticked and a reason typed; Roll back
reaches the first-run default; the jobs list and the audit trail show all of it and export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

pytest.importorskip("PySide6.QtCharts")

from assist.config import Settings
from assist.learning.compare import compare
from assist.storage.database import Database
from assist.ui.console import SupervisorConsole
from tests.learning.test_jobs import log_desk_work

pytestmark = pytest.mark.gui


def _register(panel: Any, tmp_path: Path, version: str, **metrics: Any) -> None:
    src = tmp_path / "src" / version
    src.mkdir(parents=True)
    (src / "assist.json").write_text(json.dumps({"kind": "intent", "version": version, "metrics": metrics}))
    panel.registry.register("intent", src)


def _col(model: Any, name: str) -> list[Any]:
    table = model.table
    return table.column(name) if name in table.columns else []  # empty until the first load lands


def _select(panel: Any, version: str) -> None:
    row = panel.model.table.column("version").index(version)
    panel.view.selectionModel().select(
        panel.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_retrain_on_too_little_data_is_refused_in_the_console(qtbot: Any, sqlite_url: str, tmp_path: Path) -> None:
    db = Database.open(sqlite_url)
    log_desk_work(db, 12)
    console = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(console)
    panel = console.models_panel
    try:
        qtbot.mouseClick(panel.retrain_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
        assert panel.refused is not None and not panel.refusal.isHidden()
        assert "Not enough data to retrain the intent model" in panel.refusal.text()
        assert "need at least 200 and 5 per intent" in panel.refusal.text()
        assert "nothing changed for the agents" in panel.status.text()
        assert panel.registry.list() == []
        panel.trail.setCurrentIndex(1)
        qtbot.waitUntil(lambda: "refused" in _col(panel.trail.jobs.model, "status"), timeout=30_000)
        qtbot.waitUntil(lambda: "refused" in _col(panel.trail.audit.model, "outcome"), timeout=30_000)
        out = panel.export_table("audit", str(tmp_path / "audit.csv"))
        assert out and "train,intent,refused" in (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")
    finally:
        console.close()
        db.close()


def test_promote_shows_the_comparison_and_needs_an_override_for_a_worse_candidate(
    qtbot: Any, sqlite_url: str, tmp_path: Path
) -> None:
    db = Database.open(sqlite_url)
    console = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(console)
    panel = console.models_panel
    try:
        _register(panel, tmp_path, "default", origin="first-run")
        panel.registry.promote("default")
        worse = compare("accuracy", [1.0] * 20 + [0.0] * 20, [1.0] * 36 + [0.0] * 4, active_version="default")
        _register(panel, tmp_path, "junk", comparison=worse)
        panel.refresh()
        qtbot.waitUntil(lambda: "junk" in _col(panel.model, "version"), timeout=30_000)
        _select(panel, "junk")
        qtbot.mouseClick(panel.promote_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.promote_dialog is not None and panel.promote_dialog.isVisible(), timeout=30_000)
        dialog = panel.promote_dialog
        assert dialog.fields["n"].text() == "40" and dialog.fields["verdict"].text() == "worse"
        assert dialog.fields["candidate_score"].text() == "0.500" and dialog.fields["active_score"].text() == "0.900"
        assert dialog.fields["difference"].text() == "-0.400" and "…" in dialog.fields["interval"].text()
        assert "not shown to be better" in dialog.headline.text()
        assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Promote anyway"
        dialog.override.setChecked(True)
        assert not dialog.ok_button.isEnabled()  # a reason is required too
        dialog.reason.setText("the new intents are needed today")
        assert dialog.ok_button.isEnabled()
        dialog.reject()  # cancelled: nothing happens
        assert panel.registry.active_version("intent") == "default"

        panel.promote("junk")  # without the override: refused, said in the panel
        qtbot.waitUntil(lambda: panel.refused is not None, timeout=30_000)
        assert "needs an explicit override with a reason" in (panel.refused or "")
        assert panel.registry.active_version("intent") == "default"
        panel.promote("junk", force=True, reason="the new intents are needed today")
        qtbot.waitUntil(lambda: panel.registry.active_version("intent") == "junk", timeout=30_000)

        # always a way back: the first-run default is in the roll-back list
        qtbot.waitUntil(lambda: panel.rollback_to.findData("default") >= 0, timeout=30_000)
        assert panel.rollback_to.findData("instant-intent") >= 0
        panel.rollback_to.setCurrentIndex(panel.rollback_to.findData("default"))
        qtbot.mouseClick(panel.rollback_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.registry.active_version("intent") == "default", timeout=30_000)
        panel.trail.setCurrentIndex(2)
        panel.trail.refresh()
        qtbot.waitUntil(lambda: "rollback" in _col(panel.trail.audit.model, "action"), timeout=30_000)
        rows = panel.trail.audit.model.table.as_dicts()
        assert [(r["action"], r["outcome"]) for r in rows[:3]] == [
            ("rollback", "done"), ("promote", "done"), ("promote", "refused")
        ]
        assert rows[1]["reason"] == "override: the new intents are needed today" and "worse" in rows[1]["figures"]
    finally:
        console.close()
        db.close()
