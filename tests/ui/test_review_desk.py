"""Defects found by an outside tester driving the desk under Xvfb (branch review-desk)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from assist.config import Settings
from assist.storage.database import Database

from .conftest import Driver, customer, start_desk, stop_desk

# what the status bar really showed during a first run (a composite intent version, the
# training line beside the bar, the latency)
LONG_INTENT = "demo-intent-20261207-030205-c245e5-25d3+intent-20261207-030229-9e958d-9101"
LONG_DRAFTS = "drafts-20261207-031502-0a1b2c-77ef+gemma-3-270m-lora-20261207-031502-0a1b2c"


def test_first_run_status_bar_keeps_the_window_on_a_1280_screen(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    status = w.status
    try:
        w.resize(1280, 720)
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        status.set_models(LONG_INTENT, LONG_DRAFTS)
        status.set_ingest("127.0.0.1:8765")
        status.set_outbox(3, problem="webhook down: connection refused", failed=2, refusal="HTTP 404")
        status.set_latency("intents", 12.0)
        status.set_latency("first_draft", 340.0)
        status.set_problems(["no trained intent model yet: using the demo shop's quick matcher"])
        status.set_training(23, "Intent model: en · fine-tuning · step 262/1240", now=0.0)
        status.set_training(24, "Intent model: en · fine-tuning · step 300/1240", now=60.0)
        QApplication.processEvents()
        assert status.minimumSizeHint().width() <= 1280
        assert w.minimumSizeHint().width() <= 1280
        w.resize(1280, 720)
        QApplication.processEvents()
        assert w.width() <= 1280
        # the short figures an agent acts on stay whole; the long lines elide
        for short in (status.ingest, status.storage, status.device):
            assert short.width() >= short.sizeHint().width(), short.text()
        assert status.outbox.elided().startswith("Outbox: 3 waiting")
        # the latency figures stay readable: whole, or the figures alone (never "first draft 3…")
        assert status.latency.elided() in (status.latency.text(), "12 · 340 ms"), status.latency.elided()
        # the training line is read whole: what, which step, how far, how long
        assert status.training_text.elided() == " ".join(status.training_text.text().split())
        # with the stylesheet's padding (8 px a side) the figures still fit their labels
        assert status.outbox.contentsRect().width() >= status.outbox.fontMetrics().horizontalAdvance("Outbox: 3 waiting")
        # the whole model line stays reachable in the tooltip
        assert LONG_INTENT in status.models.toolTip() and LONG_DRAFTS in status.models.toolTip()
        # nothing in the bar paints over its neighbour
        shown = [x for x in status.findChildren(type(status.models)) if x.isVisible()]
        boxes = sorted((x.geometry() for x in (*shown, status.training) if x.isVisible()), key=lambda g: g.x())
        for left, right in itertools.pairwise(boxes):
            assert left.right() < right.left() or left.y() != right.y()
    finally:
        stop_desk(driver, desk)


def test_the_status_bar_names_the_draft_generator_and_keeps_the_whole_version_in_the_tooltip(
    driver: Driver,
) -> None:
    """A review saw "Drafts retrieval-minilm-l6+draf…" at 1440 px: the retrieval part is the same
    for every draft engine, so the bar shows the generator's version."""
    from assist.ui.status_bar import DeskStatusBar

    status = DeskStatusBar()
    status.set_models("intent-20261207-1", "retrieval-minilm-l6+drafts-20261207-2")
    assert status.models.text() == "Intents intent-20261207-1 · Drafts drafts-20261207-2"
    assert status.models.toolTip() == "Intents intent-20261207-1 · Drafts retrieval-minilm-l6+drafts-20261207-2"
    status.set_models(None, "retrieval-minilm-l6")  # no generator: the retrieval engine is all there is
    assert status.models.text() == "Intents none · Drafts retrieval-minilm-l6"
    status.deleteLater()


def test_rating_a_draft_with_the_mouse_leaves_the_keyboard_in_the_reply_box(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """Clicking 👎 kept the keyboard focus on the button: after Alt+Down the agent's typing went
    to it (a space reopened the "why" menu, letters picked a reason) instead of the reply box."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        w.activateWindow()
        w.composer.edit.setFocus()
        QApplication.processEvents()
        assert QApplication.focusWidget() is w.composer.edit
        card = next(c for c in w.drafts.cards if c.draft is not None)
        QTest.mouseClick(card.down_button, Qt.MouseButton.LeftButton)
        card.down_menu.actions()[1].trigger()
        card.down_menu.close()
        w.activateWindow()  # the offscreen platform does not give it back when the menu closes
        QApplication.processEvents()
        assert card.rating == ("down", "wrong_facts")
        assert QApplication.focusWidget() is w.composer.edit
        QTest.mouseClick(card.up_button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        assert card.rating == ("up", "")
        assert QApplication.focusWidget() is w.composer.edit
        QTest.keyClicks(QApplication.focusWidget(), "ok then")
        assert w.composer.text() == "ok then"
    finally:
        stop_desk(driver, desk)


# ---------------------------------------------------------------- Chinese UI: no English left
_CJK = "\u4e00-\u9fff"


def _has_cjk(text: str) -> bool:
    import re

    return re.search(f"[{_CJK}]", text) is not None


def test_jobs_and_audit_trail_read_in_chinese(qapp: object) -> None:
    from assist.learning.audit import AUDIT_COLUMNS
    from assist.learning.runs import JOB_COLUMNS
    from assist.ui.console_common import column_label, display_cell
    from assist.ui.i18n import install_language

    install_language("zh_CN")
    try:
        for column in (*JOB_COLUMNS, *AUDIT_COLUMNS):
            assert _has_cjk(column_label(column)), column
        for column, value in (
            ("status", "refused"), ("status", "paused"), ("job", "retrain"), ("job", "first run"),
            ("job", "first run (resumed)"), ("action", "train"), ("action", "promote"), ("action", "rollback"),
            ("action", "evaluate"), ("action", "fallback"), ("outcome", "refused"), ("verdict", "cannot compare"),
            ("verdict", "worse"),
        ):
            assert _has_cjk(display_cell(column, value)), value
        for message in (
            "[en] fine-tune (full) 48/124 (epoch 2, loss 0.827)",
            "stopped without finishing (the desk was killed); resumed as run 2",
            "done",
        ):
            shown = display_cell("message", message)
            assert _has_cjk(shown) and "fine-tune" not in shown and "stopped" not in shown, shown
        assert "48/124" in display_cell("message", "[en] fine-tune (full) 48/124 (epoch 2, loss 0.827)")
    finally:
        install_language("en")
    assert display_cell("message", "[en] fine-tune (full) 48/124") == "[en] fine-tune (full) 48/124"
    assert column_label("from_version") == "from version" and display_cell("action", "rollback") == "roll back"


def test_a_rolled_back_or_broken_model_is_said_in_chinese(qapp: object) -> None:
    from assist.ui.i18n import install_language
    from assist.ui.problems import problem_text

    generic = "出现问题"
    raw = [
        "intent: the instant demo engine is the active version (rolled back to it)",
        "drafts model drafts-x is broken (reply NLL 9.1 > 5.2 + 1); serving the last good version drafts-y",
        "intent model intent-x is broken (accuracy 0.1 < 0.9 - 0.15); no earlier good version, serving the demo engines",
    ]
    install_language("zh_CN")
    try:
        shown = [problem_text(r) for r in raw]
    finally:
        install_language("en")
    for text in shown:
        assert _has_cjk(text) and generic not in text, text
    assert "drafts-y" in shown[1] and "草稿模型" in shown[1] and "意图模型" in shown[0]
    assert problem_text(raw[0]) == raw[0]  # English: the original as it was


def test_a_refused_retrain_is_explained_in_chinese(qtbot: Any, sqlite_url: str, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from assist.ui.console import SupervisorConsole
    from assist.ui.i18n import install_language
    from tests.learning.test_jobs import log_desk_work

    db = Database.open(sqlite_url)
    log_desk_work(db, 12)
    install_language("zh_CN")
    console = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(console)
    panel = console.models_panel
    try:
        qtbot.mouseClick(panel.retrain_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
        text = panel.refusal.text()
        assert not panel.refusal.isHidden() and _has_cjk(text), text
        assert "Not enough" not in text and "need at least" not in text and "200" in text
    finally:
        console.close()
        install_language("en")
        db.close()


def test_saving_the_settings_dialog_writes_only_what_the_agent_changed(
    driver: Driver, tmp_path: Path, monkeypatch: Any
) -> None:
    """Saving the dialog wrote the environment's ASSIST_BOOTSTRAP_TINY and ASSIST_DATA_DIR into
    settings.toml: once the variables were gone the desk still trained toy models for ever."""
    import tomllib

    from assist.config import load_settings, settings_file

    monkeypatch.setenv("ASSIST_BOOTSTRAP_TINY", "true")
    monkeypatch.setenv("ASSIST_OUTBOUND_TOKEN", "secret-from-the-environment-0123")
    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "env-data"))
    settings = load_settings()
    assert settings.bootstrap_tiny and settings.ingest_token
    database = Database.open(settings.resolved_database_url)
    desk = start_desk(driver, settings, database)
    try:
        desk.apply_settings(settings.replace(ui_language="zh_CN", agent_name="mei"))
        saved = tomllib.loads(settings_file().read_text(encoding="utf-8"))
        assert saved["ui_language"] == "zh_CN" and saved["agent_name"] == "mei"
        assert saved["ingest_token"] == settings.ingest_token  # kept from the first start
        assert "bootstrap_tiny" not in saved and "data_dir" not in saved and "outbound_token" not in saved
        desk.apply_settings(desk.settings.replace(ui_language="en"), save=False)
    finally:
        stop_desk(driver, desk)
        database.close()


def _committed(database: Database) -> None:
    database.writer.write(lambda s: None)


def test_after_a_restart_the_queue_shows_the_corrected_intent_and_what_is_unread(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """After a restart the queue showed the model's first guess again (the agent had corrected
    it), and every waiting conversation looked read: no badge, not bold."""
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        driver.run(desk.service.handle_message(customer("m2", "c2", "hello?")))
        driver.run(desk.service.handle_message(customer("m3", "c2", "anyone there?")))
        desk.controller.select("c1")
        index = w.intents.other.findData("cancel_order")
        w.intents.other.activated.emit(index)
        driver.until(lambda: w.queue_model.get("c1").top_intent == "cancel_order")
        driver.until(lambda: w.drafts.drafts is not None and w.drafts.drafts.final)
    finally:
        stop_desk(driver, desk)
    _committed(database)
    again = start_desk(driver, settings, database)
    try:
        item = again.window.queue_model.get("c1")
        assert item is not None and item.top_intent == "cancel_order" and not item.unsure
        assert again.window.queue_model.get("c2").unread == 2
    finally:
        stop_desk(driver, again)


def test_the_desk_and_the_console_open_within_the_screen(
    driver: Driver, settings: Settings, database: Database, qtbot: Any
) -> None:
    """On a 1280x720 screen the desk opened at 1360x860 (reply box, Send and status bar below the
    screen's edge) and the console at 1100x760."""
    from PySide6.QtGui import QGuiApplication

    from assist.ui.console import SupervisorConsole
    from assist.ui.main_window import DeskWindow

    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.height() < 860 and area.width() < 1100  # the offscreen screen is small: the case in point
    w = DeskWindow()
    qtbot.addWidget(w)
    assert w.height() <= max(area.height(), w.minimumSizeHint().height())
    assert w.width() <= max(area.width(), w.minimumSizeHint().width())
    console = SupervisorConsole(database, settings)
    qtbot.addWidget(console)
    try:
        assert console.height() <= max(area.height(), console.minimumSizeHint().height())
        assert console.width() <= area.width()
    finally:
        console.close()


def test_the_promote_dialog_says_why_it_cannot_compare_in_chinese(qtbot: Any) -> None:
    from assist.learning.promotion import Review
    from assist.ui.i18n import install_language
    from assist.ui.promote_dialog import PromoteDialog

    why = "it was never scored on the evaluation set"
    r = Review("intent-x", "intent", "instant-intent", {"why": why}, "cannot compare", f"cannot compare: {why}")
    install_language("zh_CN")
    try:
        dialog = PromoteDialog(r)
        qtbot.addWidget(dialog)
        assert _has_cjk(dialog.detail.text()) and "cannot" not in dialog.detail.text()
        assert _has_cjk(dialog.fields["verdict"].text())
        few = Review("v", "intent", "a", {"why": "only 7 evaluation rows (need at least 20)"}, "cannot compare", "")
        dialog2 = PromoteDialog(few)
        qtbot.addWidget(dialog2)
        assert "7" in dialog2.detail.text() and "20" in dialog2.detail.text() and _has_cjk(dialog2.detail.text())
    finally:
        install_language("en")
    dialog3 = PromoteDialog(r)
    qtbot.addWidget(dialog3)
    assert dialog3.detail.text() == f"cannot compare: {why}" and dialog3.fields["verdict"].text() == "cannot compare"


def test_ctrl_r_while_a_resumed_conversation_is_analysed_loses_neither_intent_nor_history(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """Right after a restart, Ctrl+R on a conversation still being analysed cancelled the analysis:
    no intents (the panel said 'Waiting for a customer message'), and drafts made without the
    earlier turns ({{Order Number}} left unfilled though the customer gave LL20260501)."""
    import asyncio

    desk = start_desk(driver, settings, database)
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Please cancel order LL20260501, wrong colour")))
        driver.run(desk.service.handle_message(customer("m2", "c1", "no just cancel it please")))
    finally:
        stop_desk(driver, desk)
    _committed(database)
    again = start_desk(driver, settings, database)
    w = again.window
    try:

        async def scenario() -> None:
            again.controller.select("c1")  # resumes: the stored message is analysed again
            for _ in range(200):
                if again.service.state("c1").message_pk is not None:
                    break
                await asyncio.sleep(0)
            again.controller.regenerate()  # the agent is quick
            for _ in range(3000):
                if w.drafts.drafts is not None and w.drafts.drafts.final and w.intents._prediction is not None:
                    break
                await asyncio.sleep(0.01)

        driver.run(scenario())
        assert w.intents._prediction is not None  # the intents are shown
        texts = [c.draft.text for c in w.drafts.cards if c.draft is not None]
        assert texts and not any("{{Order Number}}" in t for t in texts), texts
    finally:
        stop_desk(driver, again)


def test_a_long_corrected_intent_is_read_whole_in_the_intent_panel(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """'Corrected to: Shipping & delivery optio' - the note was cut off at the panel's edge."""
    # the longest intent title of the demo shop: "Damaged, faulty or wrong item"
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        w.resize(1280, 720)
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        w.intents.other.activated.emit(w.intents.other.findData("damaged_item"))
        driver.until(lambda: w.drafts.drafts is not None and w.drafts.drafts.final)
        QApplication.processEvents()
        note = w.intents.corrected_note
        assert "Damaged, faulty or wrong item" in note.text()
        lines = max(1, note.height() // note.fontMetrics().lineSpacing())
        assert note.fontMetrics().horizontalAdvance(note.text()) <= note.contentsRect().width() * lines
    finally:
        stop_desk(driver, desk)


def test_a_refused_jobs_log_says_why_it_is_empty(qtbot: Any, sqlite_url: str, tmp_path: Path) -> None:
    """Clicking a refused retrain in the Jobs list switched to an empty Log tab, no word why."""
    from PySide6.QtCore import Qt

    from assist.ui.console import SupervisorConsole
    from tests.learning.test_jobs import log_desk_work

    db = Database.open(sqlite_url)
    log_desk_work(db, 12)
    console = SupervisorConsole(db, Settings(data_dir=tmp_path / "data", database_url=sqlite_url))
    qtbot.addWidget(console)
    panel = console.models_panel
    try:
        qtbot.mouseClick(panel.retrain_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
        trail = panel.trail
        trail.refresh()
        qtbot.waitUntil(lambda: "refused" in (trail.jobs.model.table.column("status") or []), timeout=30_000)
        trail.show_log(0)
        qtbot.waitUntil(lambda: bool(trail.log.toPlainText()), timeout=30_000)
        assert "refused" in trail.log.toPlainText() and trail.currentIndex() == 0
    finally:
        console.close()
        db.close()


def test_a_refused_setting_is_explained_in_chinese(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """'outbound_webhook must be an http(s) URL, got ...' - English, and the setting's internal
    name, under the Chinese dialog's '外发 Webhook' field."""
    from assist.ui.i18n import install_language

    desk = start_desk(driver, settings, database)
    try:
        desk.apply_settings(settings.replace(ui_language="zh_CN"), save=False)
        dialog = desk.open_settings()
        dialog.webhook.setText("ftp://bad")
        assert not dialog.try_accept()
        text = dialog.error.text()
        assert _has_cjk(text) and "outbound_webhook" not in text and "Webhook" in text, text
        assert "outbound_webhook" in dialog.error.toolTip()  # the check's own words, for support
        dialog.webhook.setText("")
        dialog.ingest_token.setText("short")
        assert not dialog.try_accept()
        assert _has_cjk(dialog.error.text()) and "16" in dialog.error.text()
        dialog.reject()
    finally:
        install_language("en")
        stop_desk(driver, desk)
