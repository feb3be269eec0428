"""The ingest server over real HTTP on loopback: auth, idempotency, limits, malformed input."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from assist.config import Settings
from assist.core.text import MAX_MESSAGE_CHARS
from assist.core.types import IncomingMessage
from assist.sources.ingest import IngestServer
from assist.storage.database import Database
from assist.storage.events import IngestResult
from assist.storage.models import Conversation, Message

TOKEN = "s3cret-ingest-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def settings(tmp_path: Path, **changes: Any) -> Settings:
    return Settings(data_dir=tmp_path, ingest_token=TOKEN, ingest_port=0, **changes)


@asynccontextmanager
async def serving(
    database: Database, tmp_path: Path, on_message: Any = None, **changes: Any
) -> AsyncIterator[tuple[IngestServer, aiohttp.ClientSession]]:
    server = IngestServer(database, settings(tmp_path, **changes), on_message=on_message)
    await server.start()
    try:
        async with aiohttp.ClientSession(server.url) as client:
            yield server, client
    finally:
        await server.stop()


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(scenario())


def body(**fields: Any) -> dict[str, Any]:
    return {"message_id": "m1", "conversation_id": "c1", "text": "where is my order?", **fields}


def test_token_required_and_compared(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as (_server, client):
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
                async with client.post("/v1/messages", json=body(), headers=headers) as r:
                    assert r.status == 401
                    assert r.headers["WWW-Authenticate"] == "Bearer"
                    assert "token" in (await r.json())["error"]
            async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 201

    run(scenario)
    with database.read() as s:
        assert len(s.scalars(select(Message)).all()) == 1


def test_refusals_before_the_body_hang_up(database: Database, tmp_path: Path) -> None:
    """401 and 429 (like 413) close the connection: an unread body is never read or lingered on."""

    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_rate_per_minute=1) as (_server, client):
            async with client.post("/v1/messages", json=body(), headers={}) as r:
                assert r.status == 401 and r.headers["Connection"].lower() == "close"
            async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 201  # the 401 did not use up the token's allowance
            async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 429 and r.headers["Connection"].lower() == "close"

    run(scenario)


def test_idempotent_on_message_id_and_2xx_means_stored(
    database: Database, tmp_path: Path, db_url: str
) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as (_server, client):
            first_body = body(
                ts="2026-03-01T10:00:00+08:00", customer_id="u9", lang="zh", text="我的订单呢？"
            )
            async with client.post("/v1/messages", json=first_body, headers=AUTH) as r:
                assert r.status == 201
                first = await r.json()
            async with client.post("/v1/messages", json=first_body, headers=AUTH) as r:
                assert r.status == 200
                again = await r.json()
            assert first["created"] and not again["created"] and first["message_pk"] == again["message_pk"]
            async with client.post("/v1/messages", json=body(conversation_id="other"), headers=AUTH) as r:
                assert r.status == 409 and (await r.json())["field"] == "conversation_id"

    run(scenario)
    other = Database.open(db_url, run_migrations=False)  # a separate engine sees the committed row
    try:
        with other.read() as s:
            (msg,) = s.scalars(select(Message)).all()
            conv = s.get(Conversation, "c1")
            assert conv is not None
            assert (msg.text, msg.external_id, msg.role, conv.customer_id, conv.lang) == (
                "我的订单呢？",
                "m1",
                "customer",
                "u9",
                "zh",
            )
            assert (msg.ts.hour, msg.ts.minute) == (2, 0)  # stored in UTC
    finally:
        other.close()


async def _raw(url: str, request: bytes, then: bytes = b"") -> tuple[int, dict[str, Any], bytes]:
    """Speak HTTP by hand, to send headers that promise more body than we send."""
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(request)
        await writer.drain()
        if then:
            writer.write(then)
            await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        status = int(head.split(b" ", 2)[1])
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        data = await asyncio.wait_for(reader.readexactly(length), 30)
        return status, json.loads(data), head
    finally:
        writer.close()


def test_oversize_body_refused_before_reading(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_max_body_bytes=1024) as (server, client):
            auth = f"Authorization: Bearer {TOKEN}\r\n".encode()
            # Promises 10 MB and sends 10 bytes: an answer at all proves the body was not awaited.
            head = b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            status, err, _ = await _raw(
                server.url, head + auth + b'Content-Length: 10000000\r\n\r\n{"text": '
            )
            assert status == 413 and "limit is 1024" in err["error"]
            # With Expect: 100-continue the refusal comes instead of "100 Continue".
            status, err, raw_head = await _raw(
                server.url, head + auth + b"Expect: 100-continue\r\nContent-Length: 10000000\r\n\r\n"
            )
            assert status == 413 and b"100 Continue" not in raw_head
            # A chunked body is cut off at the limit too.
            chunk = b"x" * 800
            chunked = head + auth + b"Transfer-Encoding: chunked\r\n\r\n"
            chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n"
            status, err, _ = await _raw(server.url, chunked, chunks)
            assert status == 413
            async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 201  # the server is fine afterwards

    run(scenario)


def test_rate_limited_per_client_with_retry_after(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_rate_per_minute=3) as (_server, client):
            statuses = []
            for i in range(4):
                async with client.post("/v1/messages", json=body(message_id=f"m{i}"), headers=AUTH) as r:
                    statuses.append(r.status)
                    if r.status == 429:
                        assert int(r.headers["Retry-After"]) >= 1
                        assert "too many" in (await r.json())["error"]
            assert statuses == [201, 201, 201, 429]

    run(scenario)


LONG = "x" * (MAX_MESSAGE_CHARS + 1)
DEEP: Any = 1
for _ in range(20):
    DEEP = [DEEP]


@pytest.mark.parametrize(
    ("raw", "status", "field"),
    [
        (json.dumps({"conversation_id": "c", "text": "hi"}), 422, "message_id"),
        (json.dumps(body(message_id=["a"])), 422, "message_id"),
        (json.dumps(body(conversation_id="")), 422, "conversation_id"),
        (json.dumps(body(conversation_id="c" * 201)), 422, "conversation_id"),
        (json.dumps({"message_id": "m", "conversation_id": "c"}), 422, "text"),
        (json.dumps(body(text=42)), 422, "text"),
        (json.dumps(body(text=" \u202e\x00 ")), 422, "text"),
        (json.dumps(body(text=LONG)), 413, "text"),
        (json.dumps(body(ts="yesterday")), 422, "ts"),
        (json.dumps(body(ts=True)), 422, "ts"),
        (json.dumps(body(channel={"a": 1})), 422, "channel"),
        # a JSON-escaped lone surrogate is not storable text: the client's error, never a 503
        (json.dumps(body(text="hi \ud800 there")), 422, "text"),
        (json.dumps(body(message_id="m\udfff")), 422, "message_id"),
        (json.dumps(body(conversation_id="\ud800c")), 422, "conversation_id"),
        (json.dumps(body(lang="e\udc80n")), 422, "lang"),
        (json.dumps(body(lang=5)), 422, "lang"),  # a language is a tag, not a number
        (json.dumps(body(lang="klingon-xx")), 422, "lang"),
        (json.dumps(body(lang="中文")), 422, "lang"),
        (b'{"message_id": "m\xff", "conversation_id": "c", "text": "x"}', 400, None),
        ('{"message_id": "m", ', 400, None),
        ("[1, 2, 3]", 400, None),
        ("", 400, None),
        (json.dumps(body(extra=DEEP)), 400, None),
        ("[" * 50_000 + "]" * 50_000, 413, None),  # over the body limit before any parsing
    ],
)
def test_malformed_requests_get_a_json_error_naming_the_field(
    sqlite_url: str, tmp_path: Path, raw: str | bytes, status: int, field: str | None
) -> None:
    database = Database.open(sqlite_url)

    async def scenario() -> None:
        async with serving(database, tmp_path, ingest_max_body_bytes=64 * 1024) as (_server, client):
            data = raw.encode() if isinstance(raw, str) else raw
            headers = {**AUTH, "Content-Type": "application/json"}
            async with client.post("/v1/messages", data=data, headers=headers) as r:
                assert r.status == status
                err = await r.json()
                assert err["field"] == field and err["error"]

    try:
        run(scenario)
        with database.read() as s:
            assert s.scalars(select(Message)).all() == []
    finally:
        database.close()


def test_on_message_called_after_commit_for_new_messages_only(database: Database, tmp_path: Path) -> None:
    seen: list[tuple[str, bool, bool]] = []
    done = asyncio.Event

    async def scenario() -> None:
        arrived = done()

        async def on_message(msg: IncomingMessage, result: IngestResult) -> None:
            with database.read() as s:
                stored = s.get(Message, result.message_pk) is not None
            seen.append((msg.message_id, result.created, stored))
            arrived.set()

        async with serving(database, tmp_path, on_message=on_message) as (_server, client):
            for _ in range(2):
                async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                    assert r.status in (200, 201)
            await asyncio.wait_for(arrived.wait(), 30)
            async with client.get("/v1/health", headers=AUTH) as r:
                health = await r.json()
                assert r.status == 200
        assert health["status"] == "ok" and health["database"] == "ok" and health["writer_backlog"] == 0
        assert TOKEN not in json.dumps(health)

    run(scenario)
    assert seen == [("m1", True, True)]


LOCKER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
con.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
"""


def test_storage_failure_is_503_and_a_retry_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    database = Database.open(
        f"sqlite:///{path}", writer_options={"give_up_after": 0.0, "sqlite_busy_timeout_ms": 50}
    )

    async def scenario() -> None:
        async with serving(database, tmp_path) as (_server, client):
            locker = subprocess.Popen(
                [sys.executable, "-c", LOCKER, str(path)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert locker.stdout is not None and locker.stdin is not None
            try:
                assert locker.stdout.readline().strip() == "locked"
                async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                    assert r.status == 503
                    assert "storage unavailable" in (await r.json())["error"]
                    assert r.headers["Retry-After"]
                async with client.get("/v1/health", headers=AUTH) as r:
                    assert r.status == 503 and (await r.json())["status"] == "degraded"
            finally:
                locker.stdin.write("\n")
                locker.stdin.flush()
                locker.wait(10)
            async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 201

    try:
        run(scenario)
    finally:
        database.close()


def test_a_write_that_commits_after_its_503_still_reaches_on_message_once(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from assist.sources import ingest

    monkeypatch.setattr(ingest, "STORE_TIMEOUT_S", 0.3)
    database = Database.open(sqlite_url)
    seen: list[tuple[str, bool]] = []
    release = threading.Event()

    async def scenario() -> None:
        async with serving(
            database, tmp_path, on_message=lambda m, r: seen.append((m.message_id, r.created))
        ) as (
            server,
            client,
        ):
            blocker = database.writer.submit(lambda _s: release.wait(30))  # the writer is busy
            try:
                async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                    assert r.status == 503  # timed out; the write stays queued
            finally:
                release.set()
            await asyncio.wrap_future(blocker)
            await asyncio.get_running_loop().run_in_executor(None, database.writer.sync)
            async with client.post("/v1/messages", json=body(), headers=AUTH) as r:
                assert r.status == 200 and (await r.json())["created"] is False  # the late write won
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            assert server.received == 1

    try:
        run(scenario)
        with database.read() as s:
            assert len(s.scalars(select(Message)).all()) == 1
    finally:
        database.close()
    assert seen == [("m1", True)]  # delivered by the late commit, and only once


def test_unknown_route_is_json_404(database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serving(database, tmp_path) as (server, client):
            assert server.url.startswith("http://127.0.0.1:")
            async with client.get("/nope", headers=AUTH) as r:
                assert r.status == 404 and "error" in await r.json()

    run(scenario)


@pytest.mark.parametrize("tag", ["en", "zh", "zh-CN", "zh_Hans", "yue", "en-GB"])
def test_language_tags_are_accepted_as_sent(tag: str) -> None:
    from assist.sources.ingest import parse_message

    msg = parse_message(json.dumps({"message_id": "m", "conversation_id": "c", "text": "hi", "lang": tag}).encode())
    assert msg.lang == tag
