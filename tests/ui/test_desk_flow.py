"""The whole desk flow on real storage: a message arrives, intents and drafts appear,
Alt+1 inserts, typing edits, Ctrl+Enter sends through the outbox, and the database holds
every step. Plus intent correction, and customer HTML shown literally."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from assist.config import Settings
from assist.core.types import Role
from assist.storage.database import Database
from assist.storage.models import (
    AgentAction,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    OutboxItem,
    Suggestion,
)

from .conftest import Driver, customer, start_desk, stop_desk


def _committed(database: Database) -> None:
    database.writer.write(lambda s: None)


def test_message_to_sent_reply_end_to_end(driver: Driver, settings: Settings, database: Database) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(
            desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?", who="Maya"))
        )
        assert desk.controller.current == "c1"  # the first conversation opens by itself
        assert w.intents.choices[0].label == "order_status" and w.intents.choices[0].isChecked()
        cards = [c for c in w.drafts.cards if c.draft is not None]
        assert len(cards) == 3 and all(c.isVisible() for c in cards)
        first = cards[0].draft.text

        w.activateWindow()
        QTest.keyClick(w.composer.edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        assert w.composer.text() == first
        assert "From draft 1" in w.composer.provenance.text()
        QTest.keyClicks(w.composer.edit, " Thanks!")
        assert "edited 8 characters" in w.composer.provenance.text()
        QTest.keyClick(w.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        driver.until(lambda: bool(desk.controller.sent))
        assert w.composer.text() == ""
        assert w.conversation.bubbles[-1].text() == first + " Thanks!"
        assert w.queue_model.get("c1").waiting_since is None
    finally:
        stop_desk(driver, desk)
    _committed(database)
    with database.read() as s:
        msg = s.scalars(select(Message).where(Message.role == Role.CUSTOMER.value)).one()
        assert s.scalars(select(IntentPredictionRow.top_label)).one() == "order_status"
        shown = list(s.scalars(select(Suggestion).order_by(Suggestion.rank)))
        assert shown[0].text == first and len(shown) == 3
        acts = list(s.scalars(select(AgentAction).order_by(AgentAction.id)))
        # the first change (1 character) and the final edit (what was sent) are both logged
        assert [a.kind for a in acts] == ["inserted", "edited", "edited", "sent"]
        assert acts[0].suggestion_id == shown[0].id
        assert acts[1].edit_distance == 1 and acts[1].text == first + " "
        assert acts[2].edit_distance == 8 and acts[2].details == {"final": True}
        assert acts[2].text == first + " Thanks!" and acts[2].suggestion_id == shown[0].id
        assert acts[3].edit_distance == 8 and acts[3].message_id == msg.id
        reply = s.scalars(select(Message).where(Message.role == Role.AGENT.value)).one()
        assert reply.text == first + " Thanks!"
        assert s.scalars(select(OutboxItem)).one().message_id == reply.id


def test_correcting_the_intent_is_logged_and_refreshes_drafts(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        before = [c.draft.text for c in w.drafts.cards if c.draft is not None]
        index = w.intents.other.findData("cancel_order")
        assert index > 0  # the full list offers every intent
        w.intents.other.activated.emit(index)
        driver.until(lambda: w.drafts.drafts is not None and w.drafts.drafts.final)
        after = [c.draft.text for c in w.drafts.cards if c.draft is not None]
        assert after and after != before
        assert "cancel" in " ".join(after).lower()
        assert "Corrected to" in w.intents.corrected_note.text()
        assert w.queue_model.get("c1").top_intent == "cancel_order"
    finally:
        stop_desk(driver, desk)
    _committed(database)
    with database.read() as s:
        corr = s.scalars(select(IntentCorrection)).one()
        assert (corr.from_label, corr.to_label) == ("order_status", "cancel_order")
        assert {x.intent for x in s.scalars(select(Suggestion))} == {"order_status", "cancel_order"}


HOSTILE = '<b>x</b> <a href="javascript:alert(1)">click me</a> <img src=x onerror=alert(1)> &amp;'


def test_customer_html_is_shown_literally(driver: Driver, settings: Settings, database: Database) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        driver.run(desk.service.handle_message(customer("m1", "c1", HOSTILE, who="<i>Mallory</i>")))
        bubble = w.conversation.bubbles[-1]
        assert bubble.textFormat() == Qt.TextFormat.PlainText
        assert bubble.text() == HOSTILE
        assert not bubble.openExternalLinks()
        assert (
            w.conv_title.textFormat() == Qt.TextFormat.PlainText and w.conv_title.text() == "<i>Mallory</i>"
        )
        item: Any = w.queue_model.get("c1")
        assert item.last_preview.startswith("<b>x</b>")  # painted with drawText: never parsed
        # a draft echoing markup is plain text too
        for card in w.drafts.cards:
            assert not card.text.acceptRichText()
    finally:
        stop_desk(driver, desk)


def test_queue_keyboard_navigation_and_unread_counts(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        for i in range(3):
            driver.run(desk.service.handle_message(customer(f"m{i}", f"c{i}", f"where is my order {i}")))
        assert desk.controller.current == "c0"
        assert [w.queue_model.get(f"c{i}").unread for i in range(3)] == [0, 1, 1]
        w.act_next.trigger()
        assert desk.controller.current == "c1" and w.queue_model.get("c1").unread == 0
        w.act_next.trigger()
        w.act_prev.trigger()
        assert desk.controller.current == "c1"
        assert w.queue.count.text() == "3 waiting"
    finally:
        stop_desk(driver, desk)


def test_a_restarted_desk_shows_stored_conversations_and_drafts_for_them(
    driver: Driver, settings: Settings, database: Database
) -> None:
    first = start_desk(driver, settings, database)
    try:
        driver.run(first.service.handle_message(customer("m1", "c1", "I want to cancel my order", who="Ann")))
        driver.run(first.service.handle_message(customer("m2", "c2", "hello")))
        first.controller.select("c2")
        first.controller.insert(0)
        first.controller.send(first.window.composer.text())
        driver.until(lambda: bool(first.controller.sent))
    finally:
        stop_desk(driver, first)
    second = start_desk(driver, settings, database)
    w = second.window
    try:
        assert {i.conversation_id for i in w.queue_model.items()} == {"c1", "c2"}
        assert w.queue_model.get("c1").waiting_since is not None
        assert w.queue_model.get("c2").waiting_since is None  # answered before the restart
        second.controller.select("c1")
        assert [b.text() for b in w.conversation.bubbles] == ["I want to cancel my order"]
        driver.until(lambda: w.drafts.drafts is not None and w.drafts.drafts.final)
        assert w.intents.choices[0].label == "cancel_order"
        assert len(w.conversation.bubbles) == 1  # re-analysed, not shown twice
    finally:
        stop_desk(driver, second)
    with database.read() as s:
        assert len(list(s.scalars(select(Message)))) == 3  # nothing stored twice


def test_huge_and_odd_messages_do_not_break_the_desk(
    driver: Driver, settings: Settings, database: Database
) -> None:
    from assist.ui.conversation_view import MAX_BUBBLE_CHARS, ZWSP

    desk = start_desk(driver, settings, database)
    w = desk.window
    try:
        huge = "where is my order " * 6000  # 108k characters
        url = "https://example.com/" + "a" * 300
        for i, text in enumerate(
            [huge, url, "😀🎉 订单 LL20260412 到哪了？", "\u202eevil\u202c \x00 \t", " "]
        ):
            driver.run(desk.service.handle_message(customer(f"m{i}", "c1", text)))
        bubbles = w.conversation.bubbles
        assert len(bubbles) == 5
        assert len(bubbles[0].text()) < MAX_BUBBLE_CHARS + 100 and "more characters" in bubbles[0].text()
        assert bubbles[1].text().replace(ZWSP, "") == url  # breakable for display, same characters
        assert bubbles[2].text() == "😀🎉 订单 LL20260412 到哪了？"
        assert all(b.width() <= w.conversation.viewport().width() for b in bubbles)
        assert desk.errors.history == []
    finally:
        stop_desk(driver, desk)
