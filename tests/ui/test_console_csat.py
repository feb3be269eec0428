"""The console's CSAT section (figures from assist.learning.analytics) and the desk's refused-reply state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import Qt

from assist.config import Settings
from assist.core.types import IncomingMessage
from assist.storage import events, helpdesk
from assist.storage.database import Database
from assist.ui.console import SupervisorConsole
from assist.ui.i18n import install_language
from assist.ui.status_bar import DeskStatusBar

pytestmark = pytest.mark.gui


def _answered(db: Database, conv: str, rating: int) -> None:
    stored = db.writer.submit(events.ingest_message(IncomingMessage(f"{conv}-1", conv, "hello"))).result(10)
    db.writer.submit(events.send_reply(conv, "Hi!", agent_name="ana", reply_to_pk=stored.message_pk)).result(
        10
    )
    db.writer.submit(
        helpdesk.store_csat(conv, external_id=f"{conv}-s", rating=rating, feedback=None, source="chatwoot")
    ).result(10)


def _rows(widget: Any) -> list[list[str]]:
    m = widget.panes["csat"].model
    return [
        [m.data(m.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(m.columnCount())]
        for r in range(m.rowCount())
    ]


def test_the_console_shows_csat_by_draft_use_in_both_languages(
    qtbot: Any, sqlite_url: str, tmp_path: Path
) -> None:
    db = Database.open(sqlite_url)
    _answered(db, "c1", 4)
    _answered(db, "c2", 2)
    widget = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(widget)
    try:
        widget.period.setCurrentIndex(3)
        qtbot.waitUntil(
            lambda: widget.loads >= 1 and "csat" in widget.tables and widget.background.pending == 0,
            timeout=60_000,
        )
        rows = _rows(widget)
        assert [r[0] for r in rows] == ["unedited draft", "edited draft", "no draft"]
        assert rows[2][1:3] == ["2", "3"]  # two typed replies, mean rating 3
        assert rows[2][5] == "50.0%"  # satisfied (4-5)
        assert rows[0][1] == "0" and rows[0][2] == "–"
        install_language("zh_CN")
        assert [r[0] for r in _rows(widget)] == ["未修改的草稿", "修改过的草稿", "未用草稿"]
        assert widget.panes["csat"].title().startswith("按回复写法划分的客户满意度")
        path = widget.export_table("csat", str(tmp_path / "csat.csv"))
        assert path is not None and "answered_with" in Path(path).read_text(encoding="utf-8")
    finally:
        install_language("en")
        widget.close()
        db.close()


def test_the_status_bar_shows_replies_refused_for_good(qtbot: Any) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)
    bar.set_outbox(0, None, 1, "Chatwoot answered 404: conversation not found")
    assert bar.outbox.text() == "Outbox: 0 waiting · 1 not delivered"
    assert "Chatwoot answered 404" in bar.outbox.toolTip()
    assert bar.outbox.objectName() == "StatusProblem"
    bar.set_outbox(0)
    assert "not delivered" not in bar.outbox.text() and bar.outbox.objectName() == ""
