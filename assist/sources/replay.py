"""Replay: play the customer turns of a conversation file into the ingest path, in time.

The demo, the load tests and the simulation feed conversations through the same path
real traffic takes. Each customer turn becomes an :class:`IncomingMessage` with the
stable id ``f"{conversation.id}:{turn_index}"`` (so replaying a file twice stores
nothing twice). Turns of one conversation are ``gap_s`` apart; with ``interleave`` the
conversations run side by side (starts spread over one gap), otherwise one after
another. ``speed`` scales time (2.0 = twice as fast; 0 or inf = as fast as delivery
goes). Agent turns are not played: agents (or the simulator) answer.

Delivery targets: :func:`store_deliver` (the writer, in process), :func:`http_deliver`
(a running ingest server), or anything awaitable that takes an ``IncomingMessage``.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.core.errors import AssistError
from assist.core.records import ConversationRecord
from assist.core.types import IncomingMessage, utcnow

Deliver = Callable[[IncomingMessage], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class ReplayReport:
    delivered: int
    conversations: int
    stopped: bool  # the stop event ended it early


def schedule(
    conversations: Sequence[ConversationRecord], *, gap_s: float = 2.0, interleave: bool = True
) -> list[tuple[float, ConversationRecord, int]]:
    """``(seconds from start, conversation, turn index)`` for every customer turn, in play order."""
    plan: list[tuple[float, ConversationRecord, int]] = []
    n = max(1, len(conversations))
    clock = 0.0
    for i, conv in enumerate(conversations):
        for t in range(len(conv.turns)):
            if interleave:
                at = t * gap_s + i * gap_s / n
            else:
                at = clock
                clock += gap_s
            plan.append((at, conv, t))
    plan.sort(key=lambda p: p[0])  # stable: ties keep conversation order
    return plan


def message_for(conv: ConversationRecord, turn_index: int) -> IncomingMessage:
    turn = conv.turns[turn_index]
    return IncomingMessage(
        message_id=f"{conv.id}:{turn_index}",
        conversation_id=conv.id,
        text=turn.customer,
        customer_id=f"replay-{conv.id}",
        channel="replay",
        lang=turn.lang or conv.lang,
        ts=utcnow(),
    )


async def replay(
    conversations: Sequence[ConversationRecord],
    deliver: Deliver,
    *,
    speed: float = 1.0,
    gap_s: float = 2.0,
    interleave: bool = True,
    stop: asyncio.Event | None = None,
) -> ReplayReport:
    """Deliver every customer turn at its time; returns how many were delivered."""
    if speed < 0 or math.isnan(speed):
        raise AssistError(f"replay speed must be positive, got {speed}")
    loop = asyncio.get_running_loop()
    start = loop.time()
    delivered = 0
    for at, conv, t in schedule(conversations, gap_s=gap_s, interleave=interleave):
        if stop is not None and stop.is_set():
            return ReplayReport(delivered, len(conversations), True)
        if speed and not math.isinf(speed):
            wait = start + at / speed - loop.time()
            if wait > 0:
                if stop is None:
                    await asyncio.sleep(wait)
                else:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), wait)
                    if stop.is_set():
                        return ReplayReport(delivered, len(conversations), True)
        await deliver(message_for(conv, t))
        delivered += 1
    return ReplayReport(delivered, len(conversations), False)


async def replay_file(path: str | Path, deliver: Deliver, **kwargs: Any) -> ReplayReport:
    """:func:`replay` a conversation file (the article's JSON shape, JSONL or CSV)."""
    from assist.data.readers import read_conversations

    conversations = await asyncio.get_running_loop().run_in_executor(None, read_conversations, path)
    return await replay(conversations, deliver, **kwargs)


def store_deliver(database: Any, on_message: Callable[..., Awaitable[None] | None] | None = None) -> Deliver:
    """Deliver by storing through the writer (``source="replay"``), then ``on_message(msg, result)``
    for new messages: the path the ingest server takes, without HTTP."""
    from assist.storage import events

    async def deliver(msg: IncomingMessage) -> object:
        result = await asyncio.wrap_future(
            database.writer.submit(events.ingest_message(msg, source="replay"))
        )
        if result.created and on_message is not None:
            maybe = on_message(msg, result)
            if maybe is not None:
                await maybe
        return result

    return deliver


def http_deliver(session: Any, url: str, token: str) -> Deliver:
    """Deliver by POSTing to a running ingest server (``session`` is an ``aiohttp.ClientSession``)."""

    async def deliver(msg: IncomingMessage) -> object:
        body = {
            "message_id": msg.message_id,
            "conversation_id": msg.conversation_id,
            "text": msg.text,
            "customer_id": msg.customer_id,
            "channel": msg.channel,
            "lang": msg.lang,
            "ts": msg.ts.isoformat(),
        }
        async with session.post(
            f"{url.rstrip('/')}/v1/messages", json=body, headers={"Authorization": f"Bearer {token}"}
        ) as resp:
            if resp.status >= 300:
                raise AssistError(f"ingest refused {msg.message_id}: {resp.status} {await resp.text()}")
            return await resp.json()

    return deliver
