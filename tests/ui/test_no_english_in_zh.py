"""Under zh_CN, nothing a user reads in the desk or the console is English.

The real desk (offscreen, real SQLite) gets Chinese and English customer messages, the engine
problems the core writes in English, a draft error, training progress and a reported
exception; then the supervisor console opens on what was logged. Every visible label,
button, combo box item, tab, menu, table header and table cell is checked for English words.
Customer text and identifiers (model versions, conversation ids, shortcuts) are data, not UI.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTableView,
    QTabWidget,
    QWidget,
)

from assist.config import Settings
from assist.core.types import DraftSet
from assist.storage.database import Database
from assist.ui.i18n import install_language

from .conftest import Driver, customer, start_desk, stop_desk

pytest.importorskip("PySide6.QtCharts")

# Names that stay as they are in a Chinese UI: the product, keys, units, acronyms.
ALLOWED = {"Assist", "Alt", "Ctrl", "Shift", "Enter", "Esc", "CPU", "GPU", "CUDA", "CSV", "Wilson", "URL", "A/B", "CSAT"}
IDENTIFIER = re.compile(r"\S*[\d_./:@#+-]\S*")  # versions, ids, addresses, shortcuts
WORD = re.compile(r"[A-Za-z]{3,}")
DATA_COLUMNS = {"model_version", "version", "agent", "parent", "data_hash", "comparison", "arm", "period", "day"}

PROBLEMS = [
    "no trained intent model yet: using the demo shop's n-gram matcher",
    "drafts are retrieved only: no draft model yet (train one with `assist train drafts`, or wait)",
    "model registry unreadable: OperationalError: no such table",
]


def english(text: str) -> list[str]:
    flat = IDENTIFIER.sub(" ", text)
    return [w for w in WORD.findall(flat) if w not in ALLOWED]


def visible_texts(root: QWidget, data: set[int]) -> Iterator[tuple[str, str]]:
    """(where, text) for everything the user can read in ``root``; ``data``: widgets to skip."""
    if isinstance(root, QMainWindow | QWidget) and root.isWindow():
        yield "window title", root.windowTitle()
    for w in [root, *root.findChildren(QWidget)]:
        if id(w) in data or not w.isVisibleTo(root) or any(id(p) in data for p in _parents(w, root)):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton):
            yield name, w.text()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{name}[{i}]", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{name} tab {i}", w.tabText(i)
        elif isinstance(w, QMenu):
            yield name, w.title()
            for act in w.actions():
                yield f"{name} action", act.text()
        elif isinstance(w, QTableView):
            model = w.model()
            columns = getattr(getattr(model, "table", None), "columns", ())
            for c in range(model.columnCount()):
                yield f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal))
                if c < len(columns) and columns[c] in DATA_COLUMNS:
                    continue
                for r in range(model.rowCount()):
                    yield f"{name} cell {columns[c] if columns else c}", str(model.index(r, c).data() or "")


def _parents(w: QWidget, root: QWidget) -> Iterator[QWidget]:
    p = w.parentWidget()
    while p is not None and p is not root:
        yield p
        p = p.parentWidget()


def assert_chinese(root: QWidget, data: set[int]) -> str:
    """Fails on any English word; returns everything read (to check that it read enough)."""
    texts = list(visible_texts(root, data))
    assert [(where, text) for where, text in texts if english(text)] == []
    return "\n".join(text for _, text in texts)


def test_the_chinese_desk_and_console_show_no_english(
    driver: Driver, settings: Settings, database: Database, qtbot: Any
) -> None:
    install_language("zh_CN")
    desk = start_desk(driver, settings.replace(ui_language="zh_CN"), database)
    w = desk.window
    try:
        desk.apply_engines(dataclasses.replace(desk.engines, problems=PROBLEMS))
        driver.run(desk.service.handle_message(customer("m1", "c1", "我的订单LL20260412到哪了？", who="王芳")))
        driver.run(desk.service.handle_message(customer("m2", "c2", "Can I return these shoes?", who="Maya")))
        desk.controller.select("c1")
        shown = w.drafts.drafts
        assert shown is not None
        w.drafts.show_drafts(DraftSet(shown.drafts, final=True, error="generator unavailable: timed out"))
        desk._training_progress("drafts", 0.3, "[zh] fine-tune (lora) 30/100 (loss 1.8)")
        w.composer.insert_draft(0, "请提供{金额}", "library")
        w.composer.send_button.click()  # stops at the placeholder: the warning must be Chinese
        w.drafts.cards[1].rate("down", "wrong_facts")
        QApplication.processEvents()
        data = {id(x) for x in (w.conversation, w.composer.edit, w.conv_title, w.conv_meta, w.status.models)}
        data |= {id(x) for x in w.info.values.values()}
        data |= {id(c.text) for c in w.drafts.cards}
        data |= {id(w.status.ingest), id(w.status.device)}
        read = assert_chinese(w, data)
        for expected in ("草稿仅来自检索", "还没有训练好的意图模型", "第 30/100 步", "还有待填写", "草稿生成器不可用"):
            assert expected in read
        assert english("Some drafts are unavailable: no draft model yet") != []  # the check itself
        for menu in w.menuBar().findChildren(QMenu):
            assert [a.text() for a in menu.actions() if english(a.text())] == []

        desk.errors.report("send", RuntimeError("connection refused"))  # an English exception
        assert english(w.status.message.text()) == [] and "connection refused" in w.status.message.toolTip()

        desk.controller.insert(0)
        desk.controller.send(w.composer.text())
        driver.until(lambda: bool(desk.controller.sent))
        console = desk.open_console()
        assert console is not None
        qtbot.waitUntil(lambda: console.loads >= 1 and console.background.pending == 0, timeout=60_000)
        console.period.setCurrentIndex(3)  # all time
        qtbot.waitUntil(lambda: console.background.pending == 0, timeout=60_000)
        for i in range(console.tabs.count()):
            console.tabs.setCurrentIndex(i)
            QApplication.processEvents()
            read = assert_chinese(console, set())
            assert len(read) > 20
        console.close()
    finally:
        stop_desk(driver, desk)
        install_language("en")
