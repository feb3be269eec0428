"""Chatwoot's webhooks over real HTTP on loopback, with payloads built as Chatwoot builds them
(``tests/sources/chatwoot_fixtures``): a replayed conversation, signatures, accounts, echoes."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from assist.config import Settings
from assist.core.text import MAX_MESSAGE_CHARS, clean_text
from assist.core.types import IncomingMessage
from assist.sources import chatwoot_payload as cw
from assist.sources.chatwoot import PATH
from assist.sources.ingest import IngestServer
from assist.storage import events
from assist.storage.database import Database
from assist.storage.events import IngestResult
from assist.storage.models import (
    AgentAction,
    Conversation,
    ConversationContact,
    CsatResponse,
    Message,
    OutboxItem,
)
from tests.sources import chatwoot_fixtures as fx

SECRET = "webhook-signing-secret"
TOKEN = "ingest-token-0123456789"
CONV = "chatwoot:1:1042"


def settings(tmp_path: Path, **changes: Any) -> Settings:
    base: dict[str, Any] = {
        "data_dir": tmp_path,
        "ingest_token": TOKEN,
        "ingest_port": 0,
        "chatwoot_url": "http://127.0.0.1:9",
        "chatwoot_account_id": 1,
        "chatwoot_api_token": "api-token",
        "chatwoot_webhook_secret": SECRET,
    }
    return Settings(**{**base, **changes})


@asynccontextmanager
async def serving(
    database: Database, tmp_path: Path, on_message: Any = None, **changes: Any
) -> AsyncIterator[aiohttp.ClientSession]:
    server = IngestServer(database, settings(tmp_path, **changes), on_message=on_message)
    await server.start()
    try:
        async with aiohttp.ClientSession(server.url) as client:
            yield client
    finally:
        await server.stop()


async def post(
    client: aiohttp.ClientSession,
    payload: dict[str, Any],
    *,
    secret: str | None = SECRET,
    ts: int | None = None,
    query: str = "",
) -> tuple[int, dict[str, Any]]:
    body = json.dumps(payload).encode()
    headers = (
        fx.signed_headers(secret, body, ts or int(time.time()))
        if secret
        else {"Content-Type": "application/json"}
    )
    async with client.post(PATH + query, data=body, headers=headers) as r:
        return r.status, await r.json()


def test_a_replayed_chatwoot_conversation_shows_up_in_the_desk(database: Database, tmp_path: Path) -> None:
    seen: list[IncomingMessage] = []

    def on_message(msg: IncomingMessage, result: IngestResult) -> None:
        seen.append(msg)

    async def scenario() -> None:
        async with serving(database, tmp_path, on_message) as client:
            first = fx.message_event(501, "Hi, my order #LL20260412 has not arrived", ts=1_764_800_100)
            status, answer = await post(client, first)
            assert (status, answer["status"], answer["conversation_id"]) == (200, "stored", CONV)
            # Chatwoot retries (or the network repeats): stored once, handed to the pipeline once
            status, answer = await post(client, first)
            assert (status, answer["status"]) == (200, "duplicate")
            photo = [{"id": 9, "file_type": "image", "data_url": "http://cw.example/rails/photo.jpg?sig=x"}]
            status, answer = await post(client, fx.message_event(502, "here is the box", attachments=photo))
            assert answer["status"] == "stored"
            note = fx.message_event(503, "customer is VIP", message_type="outgoing", private=True)
            activity = fx.message_event(504, "Conversation was assigned", message_type="activity", sender={})
            template = fx.message_event(505, "We reply in a few minutes", message_type="template", sender={})
            for ignored in (note, activity, template):
                status, answer = await post(client, ignored)
                assert (status, answer["status"]) == (200, "ignored")
            reply = fx.message_event(506, "Sorry! It ships today.", message_type="outgoing", ts=1_764_800_400)
            status, answer = await post(client, reply)
            assert answer["status"] == "stored"
            status, answer = await post(client, fx.status_changed_event(1042, "resolved"))
            assert answer["status"] == "updated"
            status, answer = await post(client, fx.csat_answer_event(507, None))
            assert answer["status"] == "ignored"  # the survey was sent, not answered yet
            status, answer = await post(client, fx.csat_answer_event(507, 4, "fast"))
            assert answer["status"] == "recorded"
            status, answer = await post(client, fx.csat_answer_event(507, 5, "fast and kind"))
            assert answer["status"] == "recorded"
            await asyncio.sleep(0.05)  # the pipeline callbacks run in their own tasks

    asyncio.run(scenario())
    assert [m.message_id for m in seen] == ["chatwoot:1:message:501", "chatwoot:1:message:502"]
    assert seen[0].customer_id == "Mei Chen" and seen[0].channel == "chatwoot"
    with database.read() as s:
        conv = s.get(Conversation, CONV)
        assert conv is not None and conv.status == "closed" and conv.closed_at is not None
        assert conv.customer_id == "Mei Chen"
        contact = s.get(ConversationContact, CONV)
        assert contact is not None
        assert (contact.name, contact.email, contact.external_id) == (
            "Mei Chen",
            "mei@example.com",
            "chatwoot:1:contact:42",
        )
        rows = s.execute(
            select(Message.role, Message.text).where(Message.conversation_id == CONV).order_by(Message.id)
        ).all()
        assert [tuple(r) for r in rows] == [
            ("customer", "Hi, my order #LL20260412 has not arrived"),
            ("customer", "here is the box\n[attachment: image photo.jpg]"),
            ("agent", "Sorry! It ships today."),
        ]
        sent = s.scalars(select(AgentAction).where(AgentAction.kind == "sent")).one()
        second = s.scalar(select(Message.id).where(Message.external_id == "chatwoot:1:message:502"))
        assert (
            sent.message_id == second and sent.suggestion_id is None
        )  # typed in Chatwoot, answers the latest
        assert sent.details is not None and sent.details["written_in"] == "chatwoot"
        assert s.scalars(select(AgentAction.kind).where(AgentAction.kind == "closed")).all() == ["closed"]
        csat = s.scalars(select(CsatResponse)).one()
        assert (csat.conversation_id, csat.rating, csat.feedback) == (CONV, 5, "fast and kind")


@pytest.mark.parametrize(
    "how",
    ["unsigned", "wrong secret", "stale", "future", "tampered"],
)
def test_a_wrong_signature_is_refused_with_401_and_stores_nothing(
    database: Database, tmp_path: Path, how: str
) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as client:
            payload = fx.message_event(601, "hello")
            body = json.dumps(payload).encode()
            now = int(time.time())
            if how == "unsigned":
                headers = {"Content-Type": "application/json"}
            elif how == "wrong secret":
                headers = fx.signed_headers("not-the-secret", body, now)
            elif how == "stale":
                headers = fx.signed_headers(SECRET, body, now - 3600)
            elif how == "future":
                headers = fx.signed_headers(SECRET, body, now + 3600)
            else:
                headers = fx.signed_headers(SECRET, body, now)
                body = body.replace(b"hello", b"HELLO")
            async with client.post(PATH, data=body, headers=headers) as r:
                assert r.status == 401
                assert "error" in await r.json()

    asyncio.run(scenario())
    with database.read() as s:
        assert s.scalars(select(Message)).all() == []


def test_another_account_is_refused_with_403(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as client:
            other = {"id": 2, "name": "Someone else"}
            status, answer = await post(client, fx.message_event(701, "hi", account=other))
            assert status == 403 and answer["field"] == "account"
            status, _ = await post(client, fx.status_changed_event(1042, "resolved", account_id=2))
            assert status == 403

    asyncio.run(scenario())
    with database.read() as s:
        assert s.scalars(select(Message)).all() == []


def test_without_a_secret_the_url_must_carry_the_ingest_token(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, chatwoot_webhook_secret="") as client:
            payload = fx.message_event(801, "hi there")
            assert (await post(client, payload, secret=None))[0] == 401
            assert (await post(client, payload, secret=None, query="?token=wrong"))[0] == 401
            status, answer = await post(client, payload, secret=None, query=f"?token={TOKEN}")
            assert (status, answer["status"]) == (200, "stored")

    asyncio.run(scenario())


def test_the_ingest_rate_limit_applies(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_rate_per_minute=1) as client:
            assert (await post(client, fx.message_event(951, "hi")))[0] == 200
            body = json.dumps(fx.message_event(952, "hi again")).encode()
            async with client.post(
                PATH, data=body, headers=fx.signed_headers(SECRET, body, int(time.time()))
            ) as r:
                assert r.status == 429 and int(r.headers["Retry-After"]) >= 1

    asyncio.run(scenario())


def test_requests_that_fail_authentication_cannot_starve_the_real_chatwoot(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_rate_per_minute=20) as client:
            for _ in range(60):  # junk with a bad signature, from the same address as the real Chatwoot
                async with client.post(PATH, data=b"{}", headers={"Content-Type": "application/json",
                                       "X-Chatwoot-Timestamp": str(int(time.time())), "X-Chatwoot-Signature": "x"}) as r:
                    assert r.status in (401, 429)
            assert (await post(client, fx.message_event(961, "the real one")))[0] == 200

    asyncio.run(scenario())


def test_a_slow_body_is_cut_off_and_a_huge_number_is_a_400(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_body_timeout_s=0.5, chatwoot_webhook_secret="") as client:
            port = client._base_url.port  # type: ignore[union-attr]
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"POST {PATH}?token={TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Content-Length: 1000\r\n\r\n{".encode())  # fmt: skip
            await writer.drain()
            head = await asyncio.wait_for(reader.readline(), 10)
            assert b" 408 " in head, head
            writer.close()
            huge = b'{"event": "message_created", "account": {"id": ' + b"9" * 5000 + b"}}"
            async with client.post(PATH + f"?token={TOKEN}", data=huge, headers={"Content-Type": "application/json"}) as r:
                assert r.status == 400 and "digits" in (await r.json())["error"]
            async with client.post(PATH + "?token=wrong", data=b"{", headers={"Content-Type": "application/json"}) as r:
                assert r.status == 401  # refused from the URL alone, before any body is read

    asyncio.run(scenario())


def test_the_endpoint_exists_only_when_chatwoot_is_configured(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, chatwoot_account_id=0) as client:
            status, _ = await post(client, fx.message_event(901, "hi"))
            assert status == 404

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "sent_text",
    ["It ships today.", "Voila\u0300, cafe\u0301 ships today.", "It ships\u200e today.\n"],
    ids=["plain", "nfd", "invisible-and-newline"],
)
def test_the_echo_of_a_reply_assist_sent_is_linked_not_stored_twice(
    database: Database, tmp_path: Path, sent_text: str
) -> None:
    """Chatwoot echoes what it was sent; the webhook side cleans it (NFC, no invisible
    controls, trimmed) before comparing, so the reply as stored must be compared cleaned too."""
    echoed = clean_text(sent_text).strip()

    async def scenario() -> None:
        async with serving(database, tmp_path) as client:
            await post(client, fx.message_event(1001, "where is my lamp?"))
            sent = database.writer.submit(events.send_reply(CONV, sent_text, agent_name="ana")).result(10)
            # the answer to our POST got lost; Chatwoot's message_created for it arrives
            echo = fx.message_event(1002, sent_text, message_type="outgoing")
            assert cw.read_event(echo, 1).text == echoed  # type: ignore[union-attr]
            status, answer = await post(client, echo)
            assert (status, answer["status"]) == (200, "echo")
            status, answer = await post(client, echo)
            assert answer["status"] == "duplicate"
            return sent.outbox_id

    outbox_id = asyncio.run(scenario())
    with database.read() as s:
        agent_rows = s.scalars(select(Message).where(Message.role == "agent")).all()
        assert [m.external_id for m in agent_rows] == ["chatwoot:1:message:1002"]
        item = s.get(OutboxItem, outbox_id)
        assert item is not None and item.status == "delivered"
        assert len(s.scalars(select(AgentAction).where(AgentAction.kind == "sent")).all()) == 1


def test_a_message_over_the_limit_is_stored_cut_with_a_note_not_refused(database: Database, tmp_path: Path) -> None:
    """Chatwoot never retries a refused webhook: a 413 would lose the message for the desk."""
    text = "我的订单" + "x" * (3 * MAX_MESSAGE_CHARS) + "THE END"

    async def scenario() -> None:
        async with serving(database, tmp_path) as client:
            status, answer = await post(client, fx.message_event(1101, text))
            assert (status, answer["status"]) == (200, "stored")

    asyncio.run(scenario())
    with database.read() as s:
        stored = s.scalars(select(Message).where(Message.role == "customer")).one().text
    assert len(stored) <= MAX_MESSAGE_CHARS and stored.startswith("我的订单xxx") and "THE END" not in stored
    assert stored.endswith("read it whole in Chatwoot]") and f"{len(text):,} characters" in stored


def test_bad_payloads_get_4xx_naming_the_problem(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as client:
            no_conv = fx.message_event(1102, "hi")
            del no_conv["conversation"]
            status, answer = await post(client, no_conv)
            assert (status, answer["field"]) == (422, "conversation")
            bad_rating = fx.csat_answer_event(1103, 9)
            status, answer = await post(client, bad_rating)
            assert (status, answer["field"]) == (422, "rating")
            body = b"not json"
            async with client.post(
                PATH, data=body, headers=fx.signed_headers(SECRET, body, int(time.time()))
            ) as r:
                assert r.status == 400

    asyncio.run(scenario())


def test_push_event_data_integers_and_unix_times_are_read_too() -> None:
    data = fx.message_event(1201, "hola")
    data["message_type"] = 0  # push_event_data's enum integer
    data["created_at"] = 1_764_800_100
    event = cw.read_event(data, 1)
    assert isinstance(event, cw.CustomerMessage)
    assert event.message.ts.timestamp() == 1_764_800_100
    assert cw.parse_conversation_key(event.message.conversation_id) == (1, 1042)
    assert cw.parse_conversation_key("c1") is None
    assert isinstance(cw.read_event({**fx.status_changed_event(), "event": "contact_created"}, 1), cw.Ignored)


def test_a_reopened_conversation_is_waiting_again(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as client:
            assert (await post(client, fx.message_event(971, "hello?")))[0] == 200
            for status in ("resolved", "open"):
                assert (await post(client, fx.status_changed_event(1042, status)))[0] == 200

    asyncio.run(scenario())
    with database.read() as s:
        conv = s.get(Conversation, CONV)
        assert conv is not None and conv.status == "open" and conv.closed_at is None


@pytest.mark.parametrize("rating", [True, 3.5, "4.0", 0, 6])
def test_a_csat_rating_must_be_a_whole_number_from_1_to_5(rating: Any) -> None:
    from assist.sources.chatwoot_payload import PayloadError, read_event

    event = fx.csat_answer_event(981, rating)
    with pytest.raises(PayloadError, match="rating"):
        read_event(event, 1)
    assert read_event(fx.csat_answer_event(981, 4), 1).rating == 4  # type: ignore[union-attr]
