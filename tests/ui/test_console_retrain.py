"""The console's Models tab: retrain in a separate process with progress, then promote and roll back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtCharts")

from assist.config import Settings
from assist.storage.database import Database
from assist.ui.console import SupervisorConsole
from tests.learning import conftest as learning_fixtures
from tests.learning.test_jobs import log_desk_work

pytestmark = [pytest.mark.gui, pytest.mark.slow]
tiny_backbone = learning_fixtures.tiny_backbone  # the shared session fixture


def test_retrain_button_flow(qtbot: Any, sqlite_url: str, tmp_path: Path, tiny_backbone: Path) -> None:
    db = Database.open(sqlite_url)
    log_desk_work(db, 45)
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=sqlite_url,
        retrain_min_examples=10,  # this test logs 45 messages
        retrain_min_per_intent=2,
    )
    console = SupervisorConsole(db, settings)
    qtbot.addWidget(console)
    panel = console.models_panel
    try:
        params = {"backbone": str(tiny_backbone), "mode": "full", "epochs": 1, "batch_size": 16, "threads": 1}
        for i in range(2):
            panel.start_retrain("intent", params)
            assert panel.running and not panel.retrain_button.isEnabled()
            qtbot.waitUntil(lambda: not panel.running, timeout=600_000)
            assert panel.last_result is not None, panel.status.text()
            assert "candidate" in panel.status.text() and "evaluation rows" in panel.status.text()
            assert "None" not in panel.status.text()
            version = panel.last_result.candidate.version
            qtbot.waitUntil(lambda v=version: v in panel.model.table.column("version"), timeout=60_000)
            panel.open_promote(version)  # the dialog with the comparison, as the button does
            qtbot.waitUntil(lambda v=version: panel.promote_dialog is not None and panel.promote_dialog.review.version == v)
            dialog = panel.promote_dialog
            assert dialog.fields["n"].text() == str(panel.last_result.comparison["n"])
            if i == 0:
                assert not dialog.review.needs_override  # nothing active yet
            elif dialog.review.needs_override:  # a retrain on the same data is rarely better
                assert not dialog.ok_button.isEnabled()
                dialog.override.setChecked(True)
                dialog.reason.setText("test override")
            assert dialog.ok_button.isEnabled()
            dialog.accept()
            qtbot.waitUntil(lambda v=version: panel.registry.active_version("intent") == v, timeout=60_000)
        panel.rollback("intent")
        qtbot.waitUntil(lambda: "rolled back" in panel.status.text(), timeout=60_000)
        assert panel.registry.active_version("intent") == panel.registry.list("intent")[-1].version
        qtbot.waitUntil(lambda: "retired" in panel.model.table.column("status"), timeout=60_000)
    finally:
        console.close()
        db.close()
