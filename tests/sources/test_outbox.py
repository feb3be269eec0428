"""Outbox delivery against a real local webhook that is down, fails, is slow, then recovers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import select

from assist.core.types import IncomingMessage
from assist.learning.jobs import free_port
from assist.sources.outbox import OutboxDelivery
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import OutboxItem


@dataclass
class Webhook:
    """A shop's reply endpoint: fails while told to, dedups by Idempotency-Key like a good receiver."""

    port: int
    fail_next: int = 0  # answer 500 this many times
    slow_next: int = 0  # sleep past the client's timeout this many times
    reject_texts: set[str] = field(default_factory=set)  # answer 400 (a permanent refusal)
    attempts: list[tuple[str, str]] = field(default_factory=list)  # (conversation, key), every POST
    accepted: list[tuple[str, str, str]] = field(default_factory=list)  # (conversation, key, text), once
    runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        key = request.headers["Idempotency-Key"]
        assert request.headers.get("Authorization") == "Bearer hook-token"
        self.attempts.append((body["conversation_id"], key))
        if self.slow_next:
            self.slow_next -= 1
            await asyncio.sleep(2.0)
        if self.fail_next:
            self.fail_next -= 1
            return web.json_response({"error": "boom"}, status=500)
        if body["text"] in self.reject_texts:
            return web.json_response({"error": "unknown conversation"}, status=400)
        if key not in {k for _c, k, _t in self.accepted}:
            self.accepted.append((body["conversation_id"], key, body["text"]))
        return web.json_response({"ok": True})

    async def up(self) -> None:
        app = web.Application()
        app.router.add_post("/replies", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def down(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/replies"


def _conversations(db: Database, texts: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Send replies in an interleaved order; returns (conversation, text) in send order."""
    for cid in texts:
        db.writer.write(events.ingest_message(IncomingMessage(f"in-{cid}", cid, "hello")))
    order: list[tuple[str, str]] = []
    for i in range(max(len(v) for v in texts.values())):
        for cid, replies in texts.items():
            if i < len(replies):
                db.writer.write(events.send_reply(cid, replies[i], agent_name="lin"))
                order.append((cid, replies[i]))
    return order


async def until(condition: Callable[[], bool], step: Callable[[], Awaitable[object]]) -> None:
    for _ in range(400):
        if condition():
            return
        await step()
    raise AssertionError("condition never became true")


def test_down_then_500_then_recovers_delivers_each_once_in_order(database: Database) -> None:
    texts = {"A": ["a1", "a2", "a3"], "B": ["b1", "b2"], "C": ["c1"]}
    sent = _conversations(database, texts)
    hook = Webhook(free_port())

    async def scenario() -> None:
        outbox = OutboxDelivery(database, hook.url, "hook-token", timeout=0.5, backoff=(0.01, 0.05))
        # 1. nobody listens: connection refused, nothing lost, the desk sees why
        assert await outbox.run_once() == 0
        assert outbox.backlog() == 6 and "unreachable" in (outbox.last_error or "")
        # 2. the webhook answers 500 a few times, then once too slowly, then works
        hook.fail_next, hook.slow_next = 4, 1
        await hook.up()
        try:
            await until(lambda: outbox.backlog() == 0, lambda: _pass(outbox))
        finally:
            await hook.down()
            await outbox.stop()
        assert (
            outbox.status.pending == 0 and outbox.status.last_error is None and outbox.status.delivered == 6
        )

    asyncio.run(scenario())
    keys = [k for _c, k, _t in hook.accepted]
    assert len(keys) == len(set(keys)) == 6  # each reply accepted exactly once
    assert len(hook.attempts) > 6  # there were failed attempts, retried
    for cid, replies in texts.items():
        assert [t for c, _k, t in hook.accepted if c == cid] == replies  # in order per conversation
    # no later reply of a conversation was ever attempted before the earlier one was accepted
    with database.read() as s:
        items = {i.idempotency_key: i for i in s.scalars(select(OutboxItem))}
    assert hook.slow_next == 0 and hook.fail_next == 0
    for cid in texts:
        tried = [items[k].id for c, k in hook.attempts if c == cid]
        assert tried == sorted(tried)
    assert all(i.status == "delivered" and i.delivered_at is not None for i in items.values())
    assert len(sent) == 6


async def _pass(outbox: OutboxDelivery) -> None:
    await outbox.run_once()
    await asyncio.sleep(0.02)


def test_background_loop_delivers_when_notified_and_permanent_refusal_is_failed(database: Database) -> None:
    _conversations(database, {"A": ["bad", "after"]})
    hook = Webhook(free_port(), reject_texts={"bad"})

    async def scenario() -> None:
        await hook.up()
        outbox = OutboxDelivery(database, hook.url, "hook-token", backoff=(0.01, 0.05), poll_interval=0.05)
        await outbox.start()
        try:
            await until(lambda: len(hook.accepted) == 1, lambda: asyncio.sleep(0.02))
            database.writer.write(events.send_reply("A", "later", agent_name="lin"))
            outbox.notify()
            await until(lambda: len(hook.accepted) == 2, lambda: asyncio.sleep(0.02))
        finally:
            await outbox.stop()
            await hook.down()
        assert "400" in (outbox.last_error or "") or outbox.last_error is None

    asyncio.run(scenario())
    assert [t for _c, _k, t in hook.accepted] == ["after", "later"]
    with database.read() as s:
        status = {i.payload["text"]: (i.status, i.last_error) for i in s.scalars(select(OutboxItem))}
    assert status["bad"][0] == "failed" and "400" in (status["bad"][1] or "")
    assert status["after"][0] == status["later"][0] == "delivered"


def test_a_permanent_refusal_is_logged_as_a_warning(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Headless (`assist serve`) the log is the only place a refused reply shows: not at INFO."""
    _conversations(database, {"A": ["bad"]})
    hook = Webhook(free_port(), reject_texts={"bad"}, fail_next=1)

    async def scenario() -> None:
        await hook.up()
        outbox = OutboxDelivery(database, hook.url, "hook-token", backoff=(0.01, 0.05))
        try:
            with caplog.at_level(logging.INFO, logger="assist.sources.outbox"):
                for _ in range(50):
                    await outbox.run_once()
                    if outbox.failed:
                        break
                    await asyncio.sleep(0.02)
        finally:
            await outbox.stop()
            await hook.down()

    asyncio.run(scenario())
    levels = [(r.levelno, r.getMessage()) for r in caplog.records if "not delivered" in r.getMessage()]
    assert [lvl for lvl, _m in levels] == [logging.INFO, logging.WARNING], (
        levels
    )  # 500: retried; 400: refused
    assert "400" in levels[-1][1] and "marked failed" in levels[-1][1]


def test_without_a_webhook_replies_stay_local(database: Database, tmp_path: Path) -> None:
    _conversations(database, {"A": ["one", "two"]})

    async def scenario() -> None:
        outbox = OutboxDelivery(database, "")
        assert await outbox.run_once() == 2
        assert outbox.backlog() == 0 and not outbox.status.webhook
        await outbox.stop()

    asyncio.run(scenario())
    with database.read() as s:
        assert {i.status for i in s.scalars(select(OutboxItem))} == {"local"}
