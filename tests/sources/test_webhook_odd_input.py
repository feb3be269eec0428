"""Odd input found by an outside review: it must get a 4xx (never a 5xx) and store nothing.

- Chatwoot ids, account numbers and CSAT ratings written with non-ASCII digits ("²", "١٢"),
  or too large for Chatwoot's own integer columns, or negative;
- lone surrogates (``"\\ud800"``) in a Chatwoot message, contact name or CSAT feedback;
- a header with bytes that are not UTF-8 (``Authorization``, ``X-Chatwoot-Signature``), sent
  over a raw socket since HTTP clients refuse to send them.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select

from assist.config import Settings
from assist.sources import chatwoot_payload as cw
from assist.sources.chatwoot import PATH
from assist.sources.ingest import IngestServer
from assist.storage.database import Database
from assist.storage.models import Conversation, CsatResponse, Message
from tests.sources import chatwoot_fixtures as fx

SECRET = "webhook-signing-secret"
TOKEN = "ingest-token-0123456789"


def _settings(tmp_path: Path, **changes: Any) -> Settings:
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


def _rows(database: Database) -> tuple[int, int, int]:
    with database.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Message)) or 0,
            s.scalar(select(func.count()).select_from(Conversation)) or 0,
            s.scalar(select(func.count()).select_from(CsatResponse)) or 0,
        )


def _odd_numbers() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for label, value in (("superscript two", "²"), ("arabic-indic twelve", "١٢"), ("huge", 10**40),
                         ("huge string", "9" * 40), ("negative", -5)):  # fmt: skip
        event = fx.message_event(3001, "hello")
        event["id"] = value
        cases.append((f"message id {label}", event))
        event = fx.message_event(3002, "hello")
        event["conversation"]["id"] = value
        cases.append((f"conversation id {label}", event))
        event = fx.status_changed_event()
        event["id"] = value
        cases.append((f"status conversation {label}", event))
    event = fx.message_event(3003, "hello", account={"id": "²", "name": "Shop"})
    cases.append(("account superscript two", event))
    cases.append(("csat rating superscript", fx.csat_answer_event(3004, "²")))  # type: ignore[arg-type]
    return cases


@pytest.mark.parametrize(("name", "payload"), _odd_numbers(), ids=[n for n, _ in _odd_numbers()])
def test_odd_chatwoot_numbers_are_a_4xx_and_store_nothing(
    database: Database, tmp_path: Path, name: str, payload: dict[str, Any]
) -> None:
    async def scenario() -> tuple[int, dict[str, Any]]:
        server = IngestServer(database, _settings(tmp_path))
        await server.start()
        try:
            async with aiohttp.ClientSession(server.url) as client:
                # the conversation the CSAT and status events would refer to, if they were valid
                ok = json.dumps(fx.message_event(3000, "first")).encode()
                async with client.post(
                    PATH, data=ok, headers=fx.signed_headers(SECRET, ok, int(time.time()))
                ) as r:
                    assert r.status == 200
                body = json.dumps(payload).encode()
                headers = fx.signed_headers(SECRET, body, int(time.time()))
                async with client.post(PATH, data=body, headers=headers) as r:
                    return r.status, await r.json()
        finally:
            await server.stop()

    status, answer = asyncio.run(scenario())
    assert status in (403, 422), (name, status, answer)
    assert answer["error"]
    assert _rows(database) == (1, 1, 0)  # only the valid first message
    with database.read() as s:
        assert s.scalar(select(Conversation.status)) == "open"  # no status change landed


def test_chatwoot_ids_are_ascii_digits_within_range() -> None:
    assert cw.parse_conversation_key("chatwoot:1:²") is None
    assert cw.parse_conversation_key("chatwoot:١:12") is None
    assert cw.parse_conversation_key("chatwoot:1:12") == (1, 12)
    assert cw.account_of({"account": {"id": "²"}}) is None
    assert cw.account_of({"account": {"id": "7"}}) == 7


@pytest.mark.parametrize("where", ["content", "contact name", "agent reply", "csat feedback"])
def test_a_lone_surrogate_in_a_chatwoot_payload_is_a_422(
    database: Database, tmp_path: Path, where: str
) -> None:
    if where == "content":
        payload = fx.message_event(3101, "hi \ud800 there")
    elif where == "contact name":
        payload = fx.message_event(3102, "hi", sender=fx.contact_data(name="Jane \udc00"))
    elif where == "agent reply":
        payload = fx.message_event(3103, "sure \ud800", message_type="outgoing")
    else:
        payload = fx.csat_answer_event(3104, 4, "thanks \ud800")

    async def scenario() -> tuple[int, dict[str, Any]]:
        server = IngestServer(database, _settings(tmp_path))
        await server.start()
        try:
            async with aiohttp.ClientSession(server.url) as client:
                ok = json.dumps(fx.message_event(3100, "first")).encode()
                async with client.post(
                    PATH, data=ok, headers=fx.signed_headers(SECRET, ok, int(time.time()))
                ) as r:
                    assert r.status == 200
                body = json.dumps(payload).encode()  # ensure_ascii: the surrogate travels as \ud800
                assert b"\\ud" in body
                headers = fx.signed_headers(SECRET, body, int(time.time()))
                async with client.post(PATH, data=body, headers=headers) as r:
                    return r.status, await r.json()
        finally:
            await server.stop()

    status, answer = asyncio.run(scenario())
    assert status == 422, answer
    assert _rows(database) == (1, 1, 0)


async def _raw(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(65536), 10)
    writer.close()
    return answer


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xe9\xff\r\n"
        b"Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        b"GET /v1/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xe9\r\nConnection: close\r\n\r\n",
    ],
    ids=["post", "health"],
)
def test_a_non_utf8_authorization_header_is_not_a_5xx(
    database: Database, tmp_path: Path, request_bytes: bytes
) -> None:
    async def scenario() -> bytes:
        server = IngestServer(database, _settings(tmp_path, chatwoot_account_id=0))
        await server.start()
        try:
            return await _raw(server.url, request_bytes)
        finally:
            await server.stop()

    answer = asyncio.run(scenario())
    status_line = answer.split(b"\r\n", 1)[0]
    if request_bytes.startswith(b"GET"):
        assert status_line.endswith(b"200 OK"), answer
        assert answer.endswith(b'{"status": "ok"}')  # liveness only: the token did not match
    else:
        assert b" 401 " in status_line, answer
    assert _rows(database) == (0, 0, 0)


def test_a_non_utf8_chatwoot_signature_is_a_401(database: Database, tmp_path: Path) -> None:
    body = json.dumps(fx.message_event(3201, "hello")).encode()
    stamp = str(int(time.time())).encode()
    request = (
        b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"X-Chatwoot-Timestamp: " + stamp + b"\r\nX-Chatwoot-Signature: sha256=\xe9\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
    )

    async def scenario() -> bytes:
        server = IngestServer(database, _settings(tmp_path))
        await server.start()
        try:
            return await _raw(server.url, request)
        finally:
            await server.stop()

    answer = asyncio.run(scenario())
    assert b" 401 " in answer.split(b"\r\n", 1)[0], answer
    assert _rows(database) == (0, 0, 0)


@pytest.mark.parametrize(
    ("token", "query"),
    [
        ("base64+like/token0123==", "base64+like/token0123=="),  # pasted as is
        ("base64+like/token0123==", "base64%2Blike%2Ftoken0123%3D%3D"),  # percent-encoded
        ("plain-token-0123456789", "plain-token-0123456789"),
    ],
    ids=["plus-as-is", "percent-encoded", "plain"],
)
def test_a_configured_token_with_a_plus_works_in_the_webhook_url(
    database: Database, tmp_path: Path, token: str, query: str
) -> None:
    async def scenario() -> list[int]:
        server = IngestServer(database, _settings(tmp_path, ingest_token=token, chatwoot_webhook_secret=""))
        await server.start()
        try:
            async with aiohttp.ClientSession(server.url) as client:
                statuses = []
                for i, q in enumerate((query, "wrong-token-0123456789", token.replace("+", "%20"))):
                    body = json.dumps(fx.message_event(3300 + i, "hello")).encode()
                    url = aiohttp.client.URL(f"{server.url}{PATH}?token={q}", encoded=True)
                    headers = {"Content-Type": "application/json"}
                    async with client.post(url, data=body, headers=headers) as r:
                        statuses.append(r.status)
                return statuses
        finally:
            await server.stop()

    statuses = asyncio.run(scenario())
    assert statuses[:2] == [200, 401]
    if "+" in token:
        assert statuses[2] == 401  # a space is not a plus
    assert _rows(database)[0] == (1 if "+" in token else 2)


@pytest.mark.parametrize(
    "created_at",
    ["0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.000Z", -62_000_000_000, 253_402_300_000, "garbage"],
    ids=["year-1", "year-9999", "unix-year-1", "unix-year-9999", "garbage"],
)
def test_a_chatwoot_time_out_of_range_is_the_arrival_time(created_at: Any) -> None:
    """Like the ingest API's ts (2000 to a year ahead): a message in year 1 or 9999 would pin
    its conversation's first or last activity there."""
    event = fx.message_event(3401, "hello")
    event["created_at"] = created_at
    before = time.time()
    got = cw.read_event(event, 1)
    assert isinstance(got, cw.CustomerMessage)
    assert before - 1 <= got.message.ts.timestamp() <= time.time() + 1
    event["created_at"] = "2026-03-01T10:00:00.000Z"
    assert cw.read_event(event, 1).message.ts.year == 2026  # type: ignore[union-attr]
