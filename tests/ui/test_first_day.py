"""What a first day of use found (issue 16), each checked on the real desk offscreen:
the window's width, readable training progress, Ctrl+R feedback, settings opening at once."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from assist.config import Settings
from assist.storage.database import Database

from .conftest import Driver, customer, start_desk, stop_desk

LONG_PROBLEM = "Some drafts are unavailable: " + "no draft model yet, the first-start training is running " * 40


def test_a_long_status_warning_never_widens_the_window(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        w.resize(1280, 720)
        desk.window.status.set_problems([LONG_PROBLEM, LONG_PROBLEM])
        desk.window.status.show_error(LONG_PROBLEM)
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?", who="Maya")))
        QApplication.processEvents()
        assert w.minimumSizeHint().width() <= 1280 and w.minimumSizeHint().height() <= 720
        assert w.width() <= 1280 and w.height() <= 720
        label = w.status.message
        assert label.elided().endswith("…") and label.toolTip().startswith("Some drafts")
        desk.controller.insert(0)
        desk.controller.send(w.composer.text())
        driver.until(lambda: bool(desk.controller.sent))
        QApplication.processEvents()
        assert w.width() <= 1280
    finally:
        stop_desk(driver, desk)


def test_training_progress_is_readable_beside_the_bar(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    status = desk.window.status
    try:
        desk._training_progress("intent", 0.0, "starting")
        t0 = time.monotonic()
        # the first minute's 1 % (the intent run encodes its data first) promises nothing: the
        # average since the start once said "about 1.5 h" for a few minutes' work
        status.set_training(0, "Intent model: en · encoding · step 5/1141", now=t0)
        status.set_training(1, "Intent model: en · encoding · step 1036/1141", now=t0 + 60)
        assert "left" not in status.training_text.text()
        # then the time left follows the recent rate: 1 % -> 10 % in the next 60 s, 90 % to go
        status.set_training(4, "Intent model: en · fine-tuning · step 5/124", now=t0 + 80)
        status.set_training(10, "Intent model: en · fine-tuning · step 12/124", now=t0 + 120)
        text = status.training_text.text()
        assert "step 12/124" in text and "10%" in text and "about 10 min left" in text
        assert status.training_text.isVisible() and not status.training.isTextVisible()
        # the text fits its label: nothing clipped vertically or elided
        QApplication.processEvents()
        label = status.training_text
        assert label.height() >= label.fontMetrics().height()
        assert label.elided() == " ".join(text.split())
        desk._training_progress("intent", 0.5, "[en] fine-tune (full) 62/124 (loss 1.2)")
        assert "en · fine-tuning · step 62/124" in status.training_text.text()
        status.set_training(None)
        assert not status.training_text.isVisible()
    finally:
        stop_desk(driver, desk)


def test_ctrl_r_shows_that_regeneration_is_under_way(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        assert w.drafts.drafts is not None
        w.activateWindow()
        QTest.keyClick(w.composer.edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        # at once, before any new draft arrives: the panel says so and the button waits
        assert w.drafts.state.isVisibleTo(w) and w.drafts.state.text() == "Regenerating drafts…"
        assert not w.drafts.regenerate_button.isEnabled()
        assert all(not c.isEnabled() for c in w.drafts.cards if c.draft is not None)
        driver.until(lambda: w.drafts.state.text() == "New drafts")
        assert w.drafts.regenerate_button.isEnabled()
        assert all(c.isEnabled() for c in w.drafts.cards if c.draft is not None)
    finally:
        stop_desk(driver, desk)


def test_the_customers_name_fills_its_placeholder_and_an_unfilled_one_stops_the_send(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        message = "Please hurry, I've been waiting a week for order LL20260412!"
        driver.run(desk.service.handle_message(customer("m1", "c1", message, who="Maya")))
        drafts = [c.draft for c in w.drafts.cards if c.draft is not None]
        assert not any("{{Customer Name}}" in d.text for d in drafts)
        assert any("Maya" in d.text for d in drafts), [d.text for d in drafts]
        index = next(i for i, d in enumerate(drafts) if d.unfilled_slots)
        left = drafts[index].unfilled_slots[0]
        desk.controller.insert(index)
        w.activateWindow()
        QTest.keyClick(w.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        assert not desk.controller.sent  # stopped, pointing at the placeholder
        assert w.composer.warning.isVisibleTo(w) and left in w.composer.warning.text()
        assert w.composer.edit.textCursor().selectedText() == left
        QTest.keyClicks(w.composer.edit, "DHL")  # typing replaces the selected placeholder
        assert left not in w.composer.text() and not w.composer.warning.isVisibleTo(w)
        text = w.composer.text()
        remaining = [p for p in drafts[index].unfilled_slots if p in text]
        QTest.keyClick(w.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if remaining:  # more to fill: the second Ctrl+Enter confirms sending it as it is
            assert not desk.controller.sent
            QTest.keyClick(w.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        driver.until(lambda: bool(desk.controller.sent))
        assert "DHL" in w.conversation.bubbles[-1].text()
    finally:
        stop_desk(driver, desk)


def test_customer_values_read_only_names() -> None:
    from assist.drafts.slots import customer_values, fill_slots

    assert customer_values("Maya") == (("name", "Maya"),)
    assert customer_values("cust-10293") == () and customer_values("a@b.com") == ()
    # handles are not names: the outside review saw "Hi u-c-html, thanks for waiting!"
    assert customer_values("u-c-html") == () and customer_values("maya_k") == () and customer_values("x") == ()
    assert customer_values("Jean-Luc Picard") == (("name", "Jean-Luc Picard"),)
    assert customer_values("Ana María") == (("name", "Ana María"),)
    text, left = fill_slots("Hi {{Customer Name}}, {顾客称呼}: {{Amount}}", ["refund $12"], customer_values("王芳"))
    assert text == "Hi 王芳, 王芳: $12" and left == ()


def test_one_clock_for_waiting_times_across_the_queue_the_panel_and_a_restart(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from datetime import timedelta

    from assist.core.types import utcnow
    from assist.ui.labels import waiting_text

    six_min_ago = utcnow() - timedelta(minutes=6, seconds=5)
    first = start_desk(driver, settings, database)
    try:
        driver.run(first.service.handle_message(customer("m1", "c1", "hello?", who="Ann", ts=six_min_ago)))
        driver.run(first.service.handle_message(customer("m2", "c1", "anyone there?", who="Ann")))
        w = first.window
        assert w.info.values["waiting"].text() == waiting_text(6 * 60 + 5) == "6 min"
        item = w.queue_model.get("c1")
        item.waiting_since -= timedelta(minutes=2)  # time passes; the panel follows the queue's tick
        w.queue._on_tick()
        assert w.info.values["waiting"].text() == "8 min"
    finally:
        stop_desk(driver, first)
    second = start_desk(driver, settings, database)
    try:
        waited = second.window.queue_model.get("c1").waiting_seconds()
        assert waited is not None and 6 * 60 <= waited < 7 * 60  # from the stored message, not the restart
        second.controller.select("c1")
        assert second.window.info.values["waiting"].text() == "6 min"
    finally:
        stop_desk(driver, second)


def test_clearing_an_inserted_draft_with_esc_is_logged_as_discarded(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from sqlalchemy import select

    from assist.storage.models import AgentAction, Suggestion

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        desk.controller.insert(1)
        QTest.keyClicks(w.composer.edit, " ok")
        QTest.keyClick(w.composer.edit, Qt.Key.Key_Escape)
        assert w.composer.text() == ""
    finally:
        stop_desk(driver, desk)
    database.writer.write(lambda s: None)
    with database.read() as s:
        acts = list(s.scalars(select(AgentAction).order_by(AgentAction.id)))
        assert [a.kind for a in acts] == ["inserted", "edited", "discarded"]
        discarded = acts[-1]
        second = s.scalars(select(Suggestion).where(Suggestion.rank == 1)).one()
        assert discarded.suggestion_id == second.id and discarded.edit_distance == 3
        assert discarded.text == second.text + " ok" and discarded.details["draft_index"] == 1


def test_draft_cards_read_well_and_a_near_miss_on_the_close_button_inserts_nothing(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        w.resize(1280, 720)
        message = "Please hurry, I've been waiting a week for order LL20260412!"
        driver.run(desk.service.handle_message(customer("m1", "c1", message)))
        QApplication.processEvents()
        card = next(c for c in w.drafts.cards if c.draft is not None and len(c.draft.unfilled_slots) >= 2)
        line = card.text.fontMetrics().lineSpacing()
        assert card.text.height() >= card.TEXT_LINES * line  # five lines of text, not two
        assert card.unfilled.height() < 2 * card.unfilled.fontMetrics().height() + 4  # one line, elided
        assert card.unfilled.toolTip().startswith("Fill in:")
        close = card.dismiss_button
        assert close.width() >= 28 and close.height() >= 28
        inserted: list[int] = []
        card.insert.connect(inserted.append)
        near = close.mapTo(card, QPoint(-4, close.height() // 2))
        QTest.mouseClick(card, Qt.MouseButton.LeftButton, pos=near)
        QTest.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(card.width() - 3, 3))
        assert inserted == [] and w.composer.text() == ""
        QTest.mouseClick(card.text.viewport(), Qt.MouseButton.LeftButton)
        assert inserted == [card.index]
    finally:
        stop_desk(driver, desk)


def test_thumbs_up_and_down_with_a_reason_are_logged_on_the_draft(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from sqlalchemy import select

    from assist.storage.models import AgentAction, Suggestion

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        first, second = w.drafts.cards[0], w.drafts.cards[1]
        first.up_button.click()
        assert first.up_button.isChecked() and not first.down_button.isChecked()
        reasons = {a.data(): a for a in second.down_menu.actions() if a.data()}
        assert set(reasons) == {"wrong_intent", "wrong_facts", "wrong_tone", "wrong_language", "too_long"}
        reasons["wrong_facts"].trigger()
        assert second.down_button.isChecked() and "Wrong facts" in second.down_button.toolTip()
    finally:
        stop_desk(driver, desk)
    database.writer.write(lambda s: None)
    with database.read() as s:
        rows = list(s.scalars(select(AgentAction).where(AgentAction.kind == "feedback").order_by(AgentAction.id)))
        ranks = {sid: rank for sid, rank in s.execute(select(Suggestion.id, Suggestion.rank))}
        assert [(ranks[r.suggestion_id], r.details["rating"], r.details["reason"]) for r in rows] == [
            (0, "up", None),
            (1, "down", "wrong_facts"),
        ]


def test_a_wrong_facts_draft_is_exported_as_a_negative_not_a_reply_pair(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    import json

    from assist.learning.dataset import export_dataset
    from assist.learning.feedback import feedback_table

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        bad = w.drafts.cards[0].draft.text
        w.drafts.cards[1].rate("down", "too_long")
        w.drafts.cards[0].rate("up")
        w.drafts.cards[0].rate("down", "wrong_facts")  # changed their mind: the latest counts
        desk.controller.insert(0)
        desk.controller.send(w.composer.text())  # sent as it is, all the same
        driver.until(lambda: bool(desk.controller.sent))
        driver.run(desk.service.handle_message(customer("m2", "c2", "Can I return these shoes?")))
        desk.controller.select("c2")
        desk.controller.insert(0)
        desk.controller.send(w.composer.text())
        driver.until(lambda: len(desk.controller.sent) == 2)
    finally:
        stop_desk(driver, desk)
    database.writer.write(lambda s: None)
    with database.read() as s:
        table = feedback_table(s)
    rows = {r["source"]: r for r in table.as_dicts()}
    assert rows["all"]["rated"] == 2 and rows["all"]["thumbs_down"] == 2 and rows["all"]["thumbs_up"] == 0
    assert rows["all"]["wrong_facts"] == 1 and rows["all"]["too_long"] == 1
    out = tmp_path / "export"
    manifest = export_dataset(database, out, kind="pairs", valid_fraction=0.0)
    pairs = [json.loads(x) for x in (out / "pairs.train.jsonl").read_text(encoding="utf-8").splitlines()]
    negatives = [json.loads(x) for x in (out / "negatives.train.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [p["customer"] for p in pairs] == ["Can I return these shoes?"]
    assert len(negatives) == 1 and negatives[0]["draft"] == bad and negatives[0]["reason"] == "wrong_facts"
    assert manifest["counts"]["negatives_train"] == 1


def test_unsure_follows_the_demo_engines_rule_on_the_confidence_it_shows(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from assist.data.demo_shop import load_demo_shop
    from assist.service.engines import fallback_engines

    engine = fallback_engines().intent
    shop = load_demo_shop()
    texts = [u.text for u in shop.utterances[::7]] + [u.text for u in shop.out_of_scope]
    preds = engine.classify(texts)
    threshold = engine.oos_threshold
    assert 0.25 <= threshold <= 0.35
    assert all(p.out_of_scope == (p.top.probability < threshold) for p in preds)
    low = [p for p in preds if 0.2 <= p.top.probability < 0.26]
    assert low and all(p.out_of_scope for p in low)  # 20-25 % is always "Unsure"
    assert sum(p.out_of_scope for p in preds[: len(shop.utterances[::7])]) < 0.15 * len(shop.utterances[::7])

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "I have a question")))
        prediction = desk.service.state("c1").prediction
        assert prediction is not None and prediction.top.probability < threshold
        assert w.intents.unsure.isVisibleTo(w)
        assert w.queue_model.get("c1").unsure
    finally:
        stop_desk(driver, desk)


def test_settings_are_built_before_they_are_asked_for_and_open_at_once(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    try:
        driver.until(lambda: desk.settings_dialog is not None)  # built while the desk idles
        prepared = desk.settings_dialog
        desk.settings = desk.settings.replace(agent_name="mei")
        dialog = desk.open_settings()
        assert dialog is prepared and dialog.isVisible()
        assert dialog.agent_name.text() == "mei"  # the form shows the settings of now
        dialog.agent_name.setText("lin2")
        assert dialog.try_accept()
        driver.until(lambda: desk.settings.agent_name == "lin2")
        again = desk.open_settings()
        assert again is prepared and again.agent_name.text() == "lin2" and again.result_settings is None
        again.reject()
    finally:
        stop_desk(driver, desk)


def test_a_mixed_language_message_is_answered_in_a_deliberate_language_and_the_agent_can_switch(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from assist.core.text import choose_lang, guess_lang

    mixed = "Do you ship to Canada? 你们发加拿大吗"
    assert guess_lang(mixed) == "zh"  # the old rule's answer
    assert choose_lang(mixed) == "en" and choose_lang(mixed, known="zh") == "zh"
    assert choose_lang("你们发加拿大吗? Canada") == "zh" and choose_lang("hello") == "en"

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", mixed)))
        drafts = [c.draft for c in w.drafts.cards if c.draft is not None]
        assert drafts and all(guess_lang(d.text) == "en" for d in drafts)
        assert w.drafts.language.currentText() == "Auto (English)"
        w.drafts.language.setCurrentIndex(w.drafts.language.findData("zh"))
        w.drafts.language.activated.emit(w.drafts.language.currentIndex())
        driver.until(lambda: w.drafts.drafts is not None and w.drafts.state.text() == "New drafts")
        chinese = [c.draft for c in w.drafts.cards if c.draft is not None]
        assert chinese and all(guess_lang(d.text) == "zh" for d in chinese)
        assert w.drafts.language.currentData() == "zh"
    finally:
        stop_desk(driver, desk)
