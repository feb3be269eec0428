"""Outbound replies survive a SIGKILL of the sending process in the worst window.

The spine's own test (tests/sources/test_outbox.py) covers a webhook that refuses, times
out and answers 500 before it recovers. This one adds the crash: the receiving webhook
takes reply #4 (the shop now has it) and, before it answers, the test SIGKILLs the process
that sent it, so the outbox row is still ``pending``. A fresh process starts, the webhook
answers 500 for a while and then recovers: every reply reaches the shop exactly once
(the redelivered one carries the same Idempotency-Key, so the receiver drops the repeat),
in order per conversation, and every row ends ``delivered``.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from assist.core.types import IncomingMessage
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import OutboxItem

from .conftest import HERE, PYTHON, child_env

WAIT = 120.0
REPLIES = {"A": ["a1", "a2", "a3"], "B": ["b1", "b2", "b3"], "C": ["c1", "c2", "c3"]}


class Shop:
    """The shop's reply webhook: dedups by Idempotency-Key like a good receiver."""

    def __init__(self, hold_at: int) -> None:
        self.hold_at = hold_at  # the n-th attempt is accepted but not answered until released
        self.fail_next = 0
        self.attempts: list[tuple[str, str, str]] = []  # (key, conversation, text)
        self.accepted: list[tuple[str, str, str]] = []
        self.duplicates = 0
        self.failed = 0
        self.held = threading.Event()
        self.release = threading.Event()
        self.cond = threading.Condition()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def hook(request: web.Request) -> web.Response:
            body = await request.json()
            key = request.headers.get("Idempotency-Key", "")
            assert key and key == body.get("idempotency_key")
            assert request.headers.get("Authorization") == "Bearer hook-token"
            item = (key, body["conversation_id"], body["text"])
            with self.cond:
                self.attempts.append(item)
                n = len(self.attempts)
                if self.fail_next > 0:
                    self.fail_next -= 1
                    self.failed += 1
                    return web.json_response({"error": "busy"}, status=500)
                if any(a[0] == key for a in self.accepted):
                    self.duplicates += 1
                    return web.json_response({"duplicate": True})
                self.accepted.append(item)
                self.cond.notify_all()
            if n == self.hold_at:
                self.held.set()
                await asyncio.get_running_loop().run_in_executor(None, self.release.wait, WAIT)
            return web.json_response({"ok": True})

        async def start() -> None:
            app = web.Application()
            app.router.add_post("/hook", hook)
            self.runner = web.AppRunner(app)
            await self.runner.setup()
            await web.TCPSite(self.runner, "127.0.0.1", 0).start()
            self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}/hook"

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(start())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert ready.wait(30)

    def close(self) -> None:
        self.release.set()
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)


@pytest.fixture
def shop() -> Iterator[Shop]:
    s = Shop(hold_at=4)
    yield s
    s.close()


def _sender(url: str, hook: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [PYTHON, str(HERE / "outbox_child.py"), url, hook], stdout=subprocess.PIPE, text=True, env=child_env()
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    return proc


def _rows(url: str) -> dict[str, Any]:
    db = Database.open(url)
    try:
        with db.read() as s:
            return {
                r.idempotency_key: (r.status, r.conversation_id, r.payload["text"], r.id)
                for r in s.scalars(select(OutboxItem))
            }
    finally:
        db.close()


def test_sigkill_between_acceptance_and_answer_still_delivers_each_reply_once_in_order(
    shop: Shop, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'outbox.sqlite'}"
    db = Database.open(url)
    try:
        for conv, texts in REPLIES.items():
            got = db.writer.write(events.ingest_message(IncomingMessage(f"in-{conv}", conv, "hello")))
            for t in texts:
                db.writer.write(events.send_reply(conv, t, agent_name="amy", reply_to_pk=got.message_pk))
    finally:
        db.close()

    first = _sender(url, shop.url)
    try:
        assert shop.held.wait(WAIT), "the sender never reached the 4th reply"
        first.send_signal(signal.SIGKILL)
        first.wait(WAIT)
    finally:
        first.kill()
    assert first.returncode == -signal.SIGKILL
    held_key = shop.accepted[-1][0]
    rows = _rows(url)
    assert rows[held_key][0] == "pending", "the crash window was not hit: the held reply was already marked"
    shop.release.set()

    with shop.cond:
        shop.fail_next = 3  # the shop's webhook is down for a while after the restart
    second = _sender(url, shop.url)
    try:
        with shop.cond:
            assert shop.cond.wait_for(lambda: len(shop.accepted) == 9 and shop.duplicates >= 1, WAIT), (
                shop.attempts
            )
        deadline = time.monotonic() + WAIT  # an upper bound for the marking to land, not a timing claim
        while any(r[0] != "delivered" for r in _rows(url).values()):
            assert time.monotonic() < deadline, _rows(url)
            time.sleep(0.1)
    finally:
        second.kill()
        second.wait(WAIT)

    rows = _rows(url)
    keys = [a[0] for a in shop.accepted]
    assert len(keys) == len(set(keys)) == len(rows) == 9  # each reply accepted exactly once
    assert sorted((c, t) for _k, c, t in shop.accepted) == sorted(
        (c, t) for c, ts in REPLIES.items() for t in ts
    )
    for conv, texts in REPLIES.items():
        assert [t for _k, c, t in shop.accepted if c == conv] == texts  # in order per conversation
        tried = [rows[k][3] for k, c, _t in shop.attempts if c == conv]
        assert tried == sorted(tried), "a later reply was attempted before an earlier one was accepted"
    assert [k for k, _c, _t in shop.attempts].count(held_key) >= 2  # redelivered with the same key
    assert shop.failed == 3
    assert all(r[0] == "delivered" for r in rows.values())
    print(
        f"\noutbox crash: {len(shop.attempts)} attempts, 9 replies accepted once each, "
        f"{shop.duplicates} duplicate(s) dropped by key, {shop.failed} answered 500"
    )
