"""Replies to Chatwoot conversations leave through the outbox to a real local stand-in of
Chatwoot's API that validates every request against Chatwoot's swagger schema; it can be
down, slow, or answer 4xx/5xx."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from sqlalchemy import select

from assist.config import Settings
from assist.core.types import IncomingMessage
from assist.learning.jobs import free_port
from assist.sources.chatwoot_outbound import ChatwootApi
from assist.sources.delivery import outbox_for
from assist.sources.outbox import OutboxDelivery
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import Message, OutboxItem
from tests.sources.chatwoot_fixtures.server import FakeChatwoot

TOKEN = "api-token"


def conversation(database: Database, display_id: int = 1042) -> str:
    conv = f"chatwoot:1:{display_id}"
    msg = IncomingMessage(f"chatwoot:1:message:{display_id}01", conv, "where is my lamp?", channel="chatwoot")
    database.writer.submit(events.ingest_message(msg, source="chatwoot")).result(10)
    return conv


def reply(database: Database, conv: str, text: str) -> int:
    sent = database.writer.submit(events.send_reply(conv, text, agent_name="ana")).result(10)
    return sent.outbox_id


def outbox(database: Database, url: str, **kw: Any) -> OutboxDelivery:
    api = ChatwootApi(url, 1, TOKEN, database)
    return OutboxDelivery(database, "", target=api, backoff=(0.0, 0.0), jitter=0.0, **kw)


def item(database: Database, outbox_id: int) -> OutboxItem:
    with database.read() as s:
        row = s.get(OutboxItem, outbox_id)
        assert row is not None
        s.expunge(row)
        return row



def test_a_desk_reply_goes_to_chatwoot_as_a_schema_valid_call(database: Database) -> None:
    async def scenario() -> FakeChatwoot:
        fake = FakeChatwoot(TOKEN)
        await fake.start()
        conv = conversation(database)
        first, second = (
            reply(database, conv, "It ships today."),
            reply(database, conv, "Tracking: 1Z999AA10123456784"),
        )
        box = outbox(database, fake.url)
        try:
            assert await box.run_once() == 2
            assert await box.run_once() == 0  # exactly once
        finally:
            await box.stop()
            await fake.stop()
        for oid in (first, second):
            assert item(database, oid).status == "delivered"
        return fake

    fake = asyncio.run(scenario())
    assert fake.invalid == []
    assert fake.requests == [
        {"content": "It ships today.", "message_type": "outgoing", "private": False},
        {"content": "Tracking: 1Z999AA10123456784", "message_type": "outgoing", "private": False},
    ]
    with database.read() as s:
        ids = s.scalars(select(Message.external_id).where(Message.role == "agent").order_by(Message.id)).all()
    assert ids == [f"chatwoot:1:message:{m['id']}" for m in fake.messages[1042]]


def test_a_dead_chatwoot_loses_nothing(database: Database) -> None:
    async def scenario() -> FakeChatwoot:
        port = free_port()
        conv = conversation(database)
        oid = reply(database, conv, "Sorry for the wait!")
        box = outbox(database, f"http://127.0.0.1:{port}")
        fake = FakeChatwoot(TOKEN)
        try:
            assert await box.run_once() == 0  # nothing listens
            row = item(database, oid)
            assert (row.status, row.attempts) == ("pending", 1)
            assert row.last_error is not None and "unreachable" in row.last_error
            assert box.status.last_error == row.last_error
            await fake.start(port)
            assert await box.run_once() == 1
        finally:
            await box.stop()
            await fake.stop()
        assert item(database, oid).status == "delivered"
        return fake

    fake = asyncio.run(scenario())
    assert fake.invalid == [] and len(fake.requests) == 1


def test_5xx_and_401_are_retried_in_order(database: Database) -> None:
    async def scenario() -> FakeChatwoot:
        fake = FakeChatwoot(TOKEN)
        await fake.start()
        conv = conversation(database)
        first, second = reply(database, conv, "one"), reply(database, conv, "two")
        fake.answers[1042] = [500, 401, 503]
        box = outbox(database, fake.url)
        try:
            for _ in range(3):
                assert await box.run_once() == 0
                assert item(database, second).attempts == 0  # waits behind the first
            assert item(database, first).last_error == 'Chatwoot answered 503: {"error": "answering 503"}'
            assert await box.run_once() == 2
        finally:
            await box.stop()
            await fake.stop()
        assert [item(database, i).status for i in (first, second)] == ["delivered", "delivered"]
        return fake

    fake = asyncio.run(scenario())
    assert fake.invalid == []
    assert [m["content"] for m in fake.messages[1042]] == ["one", "two"]


def test_a_4xx_is_shown_as_failed_not_retried_for_ever(database: Database) -> None:
    async def scenario() -> tuple[FakeChatwoot, OutboxDelivery, int, int]:
        fake = FakeChatwoot(TOKEN)
        await fake.start()
        gone, alive = conversation(database, 1043), conversation(database, 1042)
        fake.answers[1043] = [404]  # the conversation was deleted in Chatwoot
        lost, kept = reply(database, gone, "are you there?"), reply(database, alive, "It ships today.")
        box = outbox(database, fake.url)
        try:
            assert await box.run_once() == 1
            assert await box.run_once() == 0
        finally:
            await box.stop()
            await fake.stop()
        return fake, box, lost, kept

    fake, box, lost, kept = asyncio.run(scenario())
    row = item(database, lost)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error is not None and row.last_error.startswith("Chatwoot answered 404")
    assert item(database, kept).status == "delivered"
    assert box.status.failed == 1 and box.status.pending == 0
    assert box.status.last_refusal == row.last_error  # what the desk's status bar shows
    assert len(fake.requests) == 2  # the refused one was not posted again


def test_a_slow_chatwoot_that_created_the_message_is_not_posted_twice(database: Database) -> None:
    async def scenario() -> FakeChatwoot:
        fake = FakeChatwoot(TOKEN)
        await fake.start()
        conv = conversation(database)
        oid = reply(database, conv, "On its way!")
        fake.delay_s = 1.0
        box = outbox(database, fake.url, timeout=0.3)
        try:
            assert await box.run_once() == 0
            row = item(database, oid)
            assert (
                row.status == "pending" and row.last_error is not None and "did not answer" in row.last_error
            )
            fake.delay_s = 0.0
            assert await box.run_once() == 1  # read back: it is there already
        finally:
            await box.stop()
            await fake.stop()
        return fake

    fake = asyncio.run(scenario())
    assert fake.invalid == []
    assert len(fake.messages[1042]) == 1 and len(fake.requests) == 1
    with database.read() as s:
        ext = s.scalar(select(Message.external_id).where(Message.role == "agent"))
    assert ext == f"chatwoot:1:message:{fake.messages[1042][0]['id']}"


def test_a_delivery_cut_by_a_crash_is_read_back_not_posted_twice(database: Database) -> None:
    """kill -9 during the POST: Chatwoot created the message, our database never heard back. The
    item was marked in flight before the call, so the next process reads back instead of posting."""

    async def scenario() -> FakeChatwoot:
        fake = FakeChatwoot(TOKEN)
        await fake.start()
        conv = conversation(database)
        oid = reply(database, conv, "On its way!")
        first = outbox(database, fake.url)
        try:
            assert await first.run_once() == 1  # delivered; now make the database forget it, as a crash would
            database.writer.submit(_forget_delivery(oid)).result(10)
            assert item(database, oid).status == "pending"
            second = outbox(database, fake.url)  # a new process
            try:
                assert await second.run_once() == 1
            finally:
                await second.stop()
        finally:
            await first.stop()
            await fake.stop()
        return fake

    fake = asyncio.run(scenario())
    assert len(fake.messages[1042]) == 1 and len(fake.requests) == 1 and fake.invalid == []  # posted once
    assert item(database, _only_outbox_id(database)).status == "delivered"


def _forget_delivery(outbox_id: int) -> Any:
    def work(session: Any) -> None:
        row = session.get(OutboxItem, outbox_id)
        row.status, row.last_error = "pending", events.IN_FLIGHT  # what the marker left before the crash
        row.delivered_at = None
        for message in session.scalars(select(Message).where(Message.role == "agent")):
            message.external_id = None  # nor had Chatwoot's answer (its message id) been stored

    return work


def _only_outbox_id(database: Database) -> int:
    with database.read() as s:
        return int(s.scalar(select(OutboxItem.id)))


def test_other_conversations_stay_local_and_the_settings_build_the_target(
    database: Database, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path, chatwoot_url="http://127.0.0.1:9/", chatwoot_account_id=1, chatwoot_api_token=TOKEN
    )
    box = outbox_for(database, settings)
    assert isinstance(box.target, ChatwootApi) and box.target.base_url == "http://127.0.0.1:9"
    assert outbox_for(database, Settings(data_dir=tmp_path)).target is None

    async def scenario() -> int:
        msg = IncomingMessage("m1", "c1", "hi")
        database.writer.submit(events.ingest_message(msg)).result(10)
        oid = reply(database, "c1", "hello")
        try:
            assert await box.run_once() == 1
        finally:
            await box.stop()
        return oid

    assert item(database, asyncio.run(scenario())).status == "local"


def test_stopping_lets_a_delivery_in_flight_finish_so_it_is_not_posted_again(database: Database) -> None:
    async def scenario() -> FakeChatwoot:
        fake = FakeChatwoot(TOKEN)
        await fake.start()
        oid = reply(database, conversation(database), "One moment please.")
        fake.delay_s = 0.5  # Chatwoot has created the message and is slow to answer
        box = outbox(database, fake.url, timeout=5.0, poll_interval=0.05)
        await box.start()
        try:
            while not fake.requests:
                await asyncio.sleep(0.01)
            await box.stop()  # the desk closes while the answer is on its way
        finally:
            await fake.stop()
        assert item(database, oid).status == "delivered"
        return fake

    fake = asyncio.run(scenario())
    assert len(fake.messages[1042]) == 1
