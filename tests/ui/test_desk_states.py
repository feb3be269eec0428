"""The desk's states: language switching, a model that fails to load, the outbox backlog
while the webhook is down, settings validation, the heartbeat."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from PySide6.QtWidgets import QDialog

from assist.config import Settings, load_settings
from assist.learning.jobs import free_port
from assist.service.engines import load_engines
from assist.storage.database import Database
from assist.ui.i18n import install_language

from .conftest import Driver, HashEmbedder, customer, start_desk, stop_desk


def test_switching_the_language_retranslates_the_running_desk(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "where is my order")))
        assert w.drafts.title.text() == "Drafts" and w.menu_file.title() == "&File"
        desk.apply_settings(settings.replace(ui_language="zh_CN"), save=False)
        assert w.drafts.title.text() == "回复草稿"
        assert w.menu_file.title() == "文件(&F)"
        assert w.composer.send_button.text() == "发送"
        assert w.intents.choices[0].name.text() == "订单状态"  # intent titles follow the language
        assert w.queue.count.text() == "1 个待回复"
        assert w.windowTitle() == "Assist — 客服工作台"
        desk.apply_settings(settings.replace(ui_language="en"), save=False)
        assert w.drafts.title.text() == "Drafts" and w.intents.choices[0].name.text() == "Order status"
    finally:
        stop_desk(driver, desk)


def test_a_desk_opened_in_chinese_starts_translated(
    driver: Driver, settings: Settings, database: Database
) -> None:
    install_language("zh_CN")
    desk = start_desk(driver, settings, database)
    try:
        assert desk.window.intents.title.text() == "意图"
    finally:
        stop_desk(driver, desk)


def test_a_model_that_fails_to_load_leaves_a_usable_desk_that_says_why(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    broken = tmp_path / "truncated-intent-model"
    broken.mkdir()
    (broken / "config.json").write_text(json.dumps({"architectures": ["BertForSequenceClassification"]}))
    (broken / "model.safetensors").write_bytes(b"\x00\x01")
    settings = settings.replace(intent_model_dir=str(broken))
    engines = load_engines(settings, database, embedder=HashEmbedder())
    desk = start_desk(driver, settings, database, engines=engines)
    w = desk.window
    try:
        assert "the intent model did not load" in w.status.message.text()
        assert str(broken) in w.status.message.toolTip()
        driver.run(desk.service.handle_message(customer("m1", "c1", "I want to cancel my order")))
        shown = [c.draft for c in w.drafts.cards if c.draft is not None]
        assert shown and all(d.source.value in ("library", "retrieved") for d in shown)
        assert w.intents.choices[0].label is not None  # the fallback still ranks intents
    finally:
        stop_desk(driver, desk)


def test_drafts_made_before_the_models_changed_say_so_instead_of_the_old_reason(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    """A review set the draft model folder to one without a model and the panel kept saying
    the old reason. Drafts made by the old engine now say that the model changed; new drafts
    say the new engine's reason."""
    empty = tmp_path / "no-model-here"
    empty.mkdir()
    settings = settings.replace(drafts_model_dir=str(empty))
    desk = start_desk(driver, settings, database, engines=load_engines(settings, database, embedder=HashEmbedder()))
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "where is my order")))
        assert "Some drafts are unavailable" in w.drafts.state.text()
        assert "has no config.json" in w.drafts.state.toolTip()
        # still no generator: the new engine's reason replaces the old one (a review read "the
        # model has changed" here, and Regenerate gave the same drafts)
        off = settings.replace(drafts_model_dir="", generator="none")
        desk.apply_engines(load_engines(off, database, embedder=HashEmbedder()))
        assert "text generation is turned off" in w.drafts.state.text()
        assert w.drafts.cards[0].draft is not None  # the retrieved drafts stay usable
        # a generator now: the drafts shown say that Regenerate asks it
        remote = settings.replace(drafts_model_dir="", generator="remote", remote_url=f"http://127.0.0.1:{free_port()}/v1")
        desk.apply_engines(load_engines(remote, database, embedder=HashEmbedder()))
        assert w.drafts.state.text().startswith("The draft model has changed since these drafts")
        desk.apply_engines(load_engines(off, database, embedder=HashEmbedder()))
        driver.run(desk.service.handle_message(customer("m2", "c1", "I want a refund")))
        assert "text generation is turned off" in w.drafts.state.text()  # new drafts: the engine's own reason
    finally:
        stop_desk(driver, desk)


def test_a_new_database_url_is_noted_in_the_status_bar_until_it_is_set_back(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    """A review saw the note stay after the URL was set back, and stay English in Chinese."""
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        desk.apply_settings(settings.replace(database_url=f"sqlite:///{tmp_path / 'other.sqlite'}"), save=False)
        assert "the new database URL applies when the desk restarts" in w.status.message.text()
        desk.apply_settings(desk.settings.replace(ui_language="zh_CN"), save=False)
        assert "新的数据库地址将在重启工作台后生效" in w.status.message.text()
        desk.apply_settings(desk.settings.replace(database_url="", ui_language="en"), save=False)
        assert "database URL" not in w.status.message.text()
        # a desk started without models says that a model setting waits for a start with them,
        # beside a pending database URL (a review saw the one note replace the other)
        desk.apply_settings(desk.settings.replace(database_url=f"sqlite:///{tmp_path / 'x.sqlite'}"), save=False)
        desk.apply_settings(desk.settings.replace(drafts_model_dir=str(tmp_path)), save=False)
        assert "--fake-engines" in w.status.message.toolTip() and "database URL" in w.status.message.toolTip()
        desk.apply_settings(desk.settings.replace(drafts_model_dir="", database_url=""), save=False)
        assert not w.status.message.toolTip()
    finally:
        install_language("en")
        stop_desk(driver, desk)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_outbox_backlog_is_shown_while_the_webhook_is_down(
    driver: Driver, settings: Settings, database: Database
) -> None:
    settings = settings.replace(outbound_webhook=f"http://127.0.0.1:{_closed_port()}/replies")
    desk = start_desk(driver, settings, database, outbox=True)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "where is my order")))
        desk.controller.insert(0)
        desk.controller.send(w.composer.text())
        driver.until(lambda: desk.outbox.last_error is not None and desk.outbox.pending == 1)
        desk._poll_status()
        assert w.status.outbox.text() == "Outbox: 1 waiting (webhook down)"
        assert w.status.outbox.toolTip()  # the delivery error, for whoever fixes it
    finally:
        stop_desk(driver, desk)


def test_settings_dialog_validates_saves_and_applies(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    try:
        dialog = desk.open_settings()
        dialog.webhook.setText("ftp://nope")
        assert not dialog.try_accept()
        assert "outbound_webhook must be an http(s) URL" in dialog.error.text()
        assert dialog.isVisible()
        dialog.webhook.setText("")
        dialog.agent_name.setText("Mei")
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        assert dialog.try_accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert desk.service.agent_name == "Mei"
        assert desk.window.drafts.title.text() == "回复草稿"
        saved = load_settings(create=False)
        assert (saved.agent_name, saved.ui_language) == ("Mei", "zh_CN")
    finally:
        stop_desk(driver, desk)


def test_heartbeat_records_event_loop_lag(driver: Driver, settings: Settings, database: Database) -> None:
    desk = start_desk(driver, settings, database)
    try:
        assert desk.heartbeat.running
        driver.until(lambda: len(desk.heartbeat.samples) >= 5)
        assert desk.heartbeat.p99() is not None and desk.heartbeat.p99() >= 0
        view = desk.open_debug()
        view.refresh()
        assert "n=" in view.cells["lag"].text()
    finally:
        stop_desk(driver, desk)


def test_supervisor_console_opens_from_the_desk(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    try:
        desk.window.act_console.trigger()
        assert desk.console is not None and desk.console.isVisible()
        assert type(desk.console).__name__ == "SupervisorConsole"
        assert not any("console" in e for e in desk.errors.history)
    finally:
        if desk.console is not None:
            desk.console.close()
        stop_desk(driver, desk)
