"""What an outside review of the ingest server found (issue 17), over real HTTP on loopback
with real databases: opaque ids, huge JSON numbers, timeouts and the connection cap, the
rate limit under a wrong-token flood, JSON answers for parser errors, a token-free health
answer that says nothing more than "alive", and the Content-Type check."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from assist.sources.ingest import IngestServer
from assist.storage.database import Database
from assist.storage.models import Conversation, Message

TOKEN = "hardening-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ServeIngest = Callable[..., AbstractAsyncContextManager[IngestServer]]  # the fixture in conftest.py


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(scenario())


def body(**fields: Any) -> dict[str, Any]:
    return {"message_id": "m1", "conversation_id": "c1", "text": "where is my order?", **fields}


async def _open(server: IngestServer) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    host, port = server.url.removeprefix("http://").rsplit(":", 1)
    return await asyncio.open_connection(host, int(port))


async def _answer(reader: asyncio.StreamReader, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    data = await asyncio.wait_for(reader.readexactly(int(headers.get("content-length", "0"))), timeout)
    return int(lines[0].split(" ", 2)[1]), headers, data


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(), seconds) == b""
    except TimeoutError:
        return False
    except ConnectionError:
        return True


# ----------------------------------------------------------------------------- opaque ids
@pytest.mark.parametrize(
    ("first", "second"),
    [("m-\u00e9", "m-e\u0301"), ("k1", "k1 "), (" k1", "k1"), ("k\u200b1", "k1")],
    ids=["nfc-vs-nfd", "trailing-space", "leading-space", "zero-width"],
)
def test_distinct_message_ids_are_distinct_messages(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path, db_url: str, first: str, second: str
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server, aiohttp.ClientSession(server.url) as c:
            for mid, text in ((first, "first text"), (second, "second text")):
                async with c.post("/v1/messages", json=body(message_id=mid, text=text), headers=AUTH) as r:
                    assert r.status == 201, (mid, await r.text())
            async with c.post("/v1/messages", json=body(message_id=second, text="second text"), headers=AUTH) as r:
                assert r.status == 200  # the same id, byte for byte, with the same text: a retry
            async with c.post("/v1/messages", json=body(message_id=second, text="again"), headers=AUTH) as r:
                assert r.status == 409  # the same id with another text is not a retry: never silently dropped
                assert (await r.json())["field"] == "message_id"

    run(scenario)
    with database.read() as s:
        stored = {m.external_id: m.text for m in s.scalars(select(Message))}
    assert stored == {first: "first text", second: "second text"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("message_id", "id\x00x"),
        ("message_id", "id\u202ex"),
        ("message_id", "id\nx"),
        ("conversation_id", "c\x07"),
        ("customer_id", "u\u2066x"),
    ],
    ids=["nul", "bidi-override", "newline", "bell-in-conversation", "isolate-in-customer"],
)
def test_ids_that_cannot_be_kept_as_sent_are_a_422_naming_the_field(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path, field: str, value: str
) -> None:
    async def scenario() -> None:
        async with (
            serve_ingest(database, TOKEN) as server,
            aiohttp.ClientSession(server.url) as c,
            c.post("/v1/messages", json=body(**{field: value}), headers=AUTH) as r,
        ):
            assert r.status == 422
            assert (await r.json())["field"] == field

    run(scenario)
    with database.read() as s:
        assert s.scalars(select(Message)).all() == []


def test_ids_are_stored_exactly_as_sent(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path
) -> None:
    ids = {"message_id": " m \u00e9 ", "conversation_id": "c-e\u0301", "customer_id": "u 1 "}

    async def scenario() -> None:
        async with (
            serve_ingest(database, TOKEN) as server,
            aiohttp.ClientSession(server.url) as c,
            c.post("/v1/messages", json=body(**ids), headers=AUTH) as r,
        ):
            assert r.status == 201
            assert (await r.json())["conversation_id"] == ids["conversation_id"]

    run(scenario)
    with database.read() as s:
        (msg,) = s.scalars(select(Message)).all()
        conv = s.get(Conversation, ids["conversation_id"])
        assert conv is not None
        assert (msg.external_id, conv.customer_id) == (ids["message_id"], ids["customer_id"])


# ----------------------------------------------------------------------------- bodies
def test_a_json_integer_over_the_digit_limit_is_a_400_not_a_500(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server, aiohttp.ClientSession(server.url) as c:
            raw = json.dumps(body()).replace('"text"', '"n": ' + "7" * 5_000 + ', "text"')
            headers = {**AUTH, "Content-Type": "application/json"}
            async with c.post("/v1/messages", data=raw, headers=headers) as r:
                assert r.status == 400
                assert "too many digits" in (await r.json())["error"]

    run(scenario)


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        (None, 415),
        ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415),
        ("application/jsonx", 415),
        ("application/json", 201),
        ("Application/JSON; charset=utf-8", 201),
    ],
)
def test_only_application_json_is_accepted(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path, content_type: str | None, status: int
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server:
            reader, writer = await _open(server)
            payload = json.dumps(body()).encode()
            ct = f"Content-Type: {content_type}\r\n".encode() if content_type else b""
            writer.write(
                b"POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n" + ct
                + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
                + payload
            )  # fmt: skip
            got, headers, data = await _answer(reader)
            writer.close()
            assert got == status, data
            assert headers["content-type"].startswith("application/json")
            if status == 415:
                assert json.loads(data)["error"].startswith("Content-Type must be application/json")
                assert headers["connection"].lower() == "close"

    run(scenario)


# ----------------------------------------------------------------------------- parser errors
@pytest.mark.parametrize(
    "raw",
    [
        b"GARBAGE-<script>alert(1)</script>\r\n\r\n",
        b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nBad Header <script>: 1\r\n\r\n",
        b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: nope<script>\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello<script>\r\n\r\n",
    ],
    ids=["bad-request-line", "bad-header-name", "bad-content-length", "tls-hello"],
)
def test_parser_level_errors_are_json_and_do_not_echo_the_request(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path, raw: bytes
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server:
            reader, writer = await _open(server)
            writer.write(raw)
            status, headers, data = await _answer(reader)
            writer.close()
            assert status == 400
            assert headers["content-type"].startswith("application/json")
            assert json.loads(data) == {"error": "malformed HTTP request", "field": None}
            assert b"script" not in data

    run(scenario)


# ----------------------------------------------------------------------------- health
def test_health_without_the_token_is_liveness_only(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server, aiohttp.ClientSession(server.url) as c:
            for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}):
                async with c.get("/v1/health", headers=headers) as r:
                    assert r.status == 200 and await r.json() == {"status": "ok"}
            async with c.get("/v1/health", headers=AUTH) as r:
                details = await r.json()
            assert r.status == 200
            assert {"database", "writer_backlog", "received"} <= set(details)

    run(scenario)


# ----------------------------------------------------------------------------- rate limit
def test_a_wrong_token_flood_cannot_starve_the_right_token(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path
) -> None:
    """Every loopback client is 127.0.0.1: 650 wrong-token requests from another local process
    used to use up the allowance, so the real integration got 429."""

    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server, aiohttp.ClientSession(server.url) as c:
            statuses: dict[int, int] = {}
            bad = {"Authorization": "Bearer wrong-token-0123456789"}
            for _ in range(650):
                async with c.post("/v1/messages", json=body(), headers=bad) as r:
                    statuses[r.status] = statuses.get(r.status, 0) + 1
            assert set(statuses) == {401, 429}  # the flood is throttled itself
            for i in range(20):
                async with c.post("/v1/messages", json=body(message_id=f"real-{i}"), headers=AUTH) as r:
                    assert r.status == 201

    run(scenario)


# ----------------------------------------------------------------------------- timeouts
def test_an_idle_connection_is_closed(serve_ingest: ServeIngest, database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN, ingest_idle_timeout_s=0.5) as server:
            reader, writer = await _open(server)
            assert await _closed_within(reader, 10)  # never sent a byte
            writer.close()
            reader, writer = await _open(server)  # idle after an answer, on a kept-alive connection
            writer.write(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert (await _answer(reader))[0] == 200
            assert await _closed_within(reader, 10)
            writer.close()

    run(scenario)


def test_a_trickling_request_head_is_cut_off(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN, ingest_idle_timeout_s=0.5) as server:
            reader, writer = await _open(server)
            writer.write(b"POST /v1/messages HTTP/1.1\r\nHost: x\r\n")
            closed = False
            for _ in range(100):  # one header byte every 0.1 s: 10 s if nobody stops it
                try:
                    writer.write(b"X")
                    await writer.drain()
                except ConnectionError:
                    closed = True
                    break
                if reader.at_eof() or await _closed_within(reader, 0.1):
                    closed = True
                    break
            writer.close()
            assert closed, "a head that never completes held the connection for 10 s"

    run(scenario)


def test_a_slow_body_gets_a_408(serve_ingest: ServeIngest, database: Database, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN, ingest_body_timeout_s=0.5) as server:
            reader, writer = await _open(server)
            payload = json.dumps(body()).encode()
            writer.write(
                b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
                + payload[:5]
            )
            status, headers, data = await _answer(reader, timeout=10)
            writer.close()
            assert status == 408 and "did not arrive" in json.loads(data)["error"]
            assert headers["connection"].lower() == "close"  # the rest of the body is never parsed

    run(scenario)
    with database.read() as s:
        assert s.scalars(select(Message)).all() == []


def test_a_client_that_hangs_up_mid_body_is_one_info_line_not_an_error(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server:
            _reader, writer = await _open(server)
            writer.write(
                b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + f"Authorization: Bearer {TOKEN}\r\nContent-Length: 100\r\n\r\n{{".encode()
            )
            await writer.drain()
            writer.close()  # gone before the body is complete
            await asyncio.sleep(0.5)

    with caplog.at_level(logging.INFO):
        run(scenario)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]
    with database.read() as s:
        assert s.scalars(select(Message)).all() == []


# ----------------------------------------------------------------------------- connection cap
def test_idle_connections_over_the_cap_are_evicted_so_real_clients_get_in(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with serve_ingest(database, TOKEN, ingest_max_connections=8) as server:
            hogs = [await _open(server) for _ in range(30)]
            await asyncio.sleep(0.2)
            assert server._runner is not None and server._runner.server is not None
            assert len(server._runner.server.connections) <= 8
            async with aiohttp.ClientSession(server.url) as c:
                async with c.post("/v1/messages", json=body(), headers=AUTH) as r:
                    assert r.status == 201
                async with c.get("/v1/health", headers=AUTH) as r:
                    assert r.status == 200
            closed = [await _closed_within(reader, 5) for reader, _ in hogs[:20]]
            assert all(closed), "the oldest idle connections were not closed"
            assert server.guard.evicted >= 22
            for _, writer in hogs:
                writer.close()

    run(scenario)


def test_when_every_connection_is_busy_a_new_one_gets_a_503(
    serve_ingest: ServeIngest, tmp_path: Path
) -> None:
    """Two requests stuck in their body hold both slots; a third connection is told to retry."""
    db = Database.open(f"sqlite:///{tmp_path / 'cap.sqlite'}")

    async def scenario() -> None:
        async with serve_ingest(db, TOKEN, ingest_max_connections=2, ingest_body_timeout_s=30) as server:
            busy = []
            for _ in range(2):
                reader, writer = await _open(server)
                writer.write(
                    b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + f"Authorization: Bearer {TOKEN}\r\nContent-Length: 100\r\n\r\n{{".encode()
                )
                busy.append((reader, writer))
            await asyncio.sleep(0.3)
            assert len(server.guard.busy) == 2
            reader, writer = await _open(server)
            status, headers, data = await _answer(reader, timeout=10)
            assert (
                status == 503 and headers["retry-after"] == "1" and "connections" in json.loads(data)["error"]
            )
            assert server.guard.refused == 1
            for _, w in [*busy, (reader, writer)]:
                w.close()

    try:
        run(scenario)
    finally:
        db.close()


def test_a_burst_of_the_same_error_is_logged_once_with_a_count(
    serve_ingest: ServeIngest, database: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario() -> None:
        async with serve_ingest(database, TOKEN) as server:
            server._bursts.window_s = 0.5
            for _ in range(200):
                reader, writer = await _open(server)
                writer.write(b"NOT HTTP AT ALL\r\n\r\n")
                assert (await _answer(reader))[0] == 400
                writer.close()
            await asyncio.sleep(0.6)
            reader, writer = await _open(server)
            writer.write(b"NOT HTTP AT ALL\r\n\r\n")
            await _answer(reader)
            writer.close()

    run(scenario)
    lines = [r.getMessage() for r in caplog.records if "malformed HTTP request" in r.getMessage()]
    assert 2 <= len(lines) <= 10, lines  # 201 refusals, a handful of lines
    assert any("more like it" in line for line in lines), lines
    assert not any(r.exc_info for r in caplog.records if r.name.startswith(("aiohttp", "assist")))
