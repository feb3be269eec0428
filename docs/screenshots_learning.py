"""Render the learning loop's guards to docs/: a refused retrain and the promote dialog.

    QT_QPA_PLATFORM=offscreen python docs/screenshots_learning.py

Real parts in a temporary directory: a SQLite database with 12 agent-handled messages, the
real registry, the supervisor console. ``docs/console-refusal.png``: *Retrain from logged
data* pressed on that little data. ``docs/promote-dialog.png``: *Promote selected* on a
candidate that scores worse than the active first-run default on the same 40 rows.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from assist.config import Settings  # noqa: E402
from assist.core.types import IncomingMessage, IntentPrediction, IntentScore  # noqa: E402
from assist.learning.compare import compare  # noqa: E402
from assist.storage import events  # noqa: E402
from assist.storage.database import Database  # noqa: E402
from assist.ui.console import SupervisorConsole  # noqa: E402

MESSAGES = [
    ("order_status", "Where is my order LL20260412?"),
    ("cancel_order", "I want to cancel my order, please"),
    ("refund_request", "Can I get my money back for the lamp?"),
]


def wait(app: QApplication, until: object, timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not until() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def log_messages(database: Database, n: int) -> None:
    w = database.writer
    for i in range(n):
        label, text = MESSAGES[i % len(MESSAGES)]
        conv = f"demo-{i:03d}"
        pk = w.write(events.ingest_message(IncomingMessage(f"m{i}", conv, text))).message_pk
        w.write(events.log_prediction(pk, IntentPrediction((IntentScore(label, 0.8),), False, "demo-intent")))
        w.write(events.send_reply(conv, "Happy to help with that.", agent_name="Lin", reply_to_pk=pk))


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        database = Database.open(settings.resolved_database_url)
        log_messages(database, 12)
        console = SupervisorConsole(database, settings)
        console.resize(1200, 860)
        console.tabs.setCurrentIndex(console.tabs.count() - 1)
        console.show()
        panel = console.models_panel
        panel.retrain_button.click()
        wait(app, lambda: not panel.running)
        panel.trail.setCurrentIndex(1)
        panel.trail.refresh()
        wait(app, lambda: "refused" in panel.trail.jobs.model.table.column("status"))
        console.grab().save(str(REPO / "docs" / "console-refusal.png"))

        for version, metrics in (("demo-intent-default", {"origin": "first-run"}), ("intent-20261204-retrain", {})):
            src = Path(tmp) / "src" / version
            src.mkdir(parents=True)
            (src / "assist.json").write_text(json.dumps({"kind": "intent", "version": version, "metrics": metrics}))
            panel.registry.register("intent", src)
            if not metrics:
                comparison = compare(
                    "accuracy", [1.0] * 20 + [0.0] * 20, [1.0] * 36 + [0.0] * 4, active_version="demo-intent-default"
                )
                panel.registry.update_metrics(version, {"comparison": comparison})
            else:
                panel.registry.promote(version)
        panel.refresh()
        wait(app, lambda: "intent-20261204-retrain" in panel.model.table.column("version"))
        row = panel.model.table.column("version").index("intent-20261204-retrain")
        panel.view.selectionModel().select(
            panel.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        panel.promote_button.click()
        wait(app, lambda: panel.promote_dialog is not None and panel.promote_dialog.isVisible())
        dialog = panel.promote_dialog
        assert dialog is not None
        dialog.override.setChecked(True)
        dialog.reason.setText("the new intents are needed today")
        dialog.adjustSize()
        app.processEvents()
        dialog.grab().save(str(REPO / "docs" / "promote-dialog.png"))
        dialog.reject()
        console.close()
        database.close()
    print("wrote docs/console-refusal.png and docs/promote-dialog.png")


if __name__ == "__main__":
    main()
