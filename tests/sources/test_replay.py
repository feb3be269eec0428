"""Replay plays conversation files into the real ingest path (writer, and the HTTP server)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
from sqlalchemy import select

from assist.config import Settings
from assist.core.records import ConversationRecord, ReplyPairRecord
from assist.core.types import IncomingMessage
from assist.sources.ingest import IngestServer
from assist.sources.replay import http_deliver, replay, replay_file, schedule, store_deliver
from assist.storage.database import Database
from assist.storage.events import IngestResult
from assist.storage.models import Conversation, Message


def conv(cid: str, *customer: str) -> ConversationRecord:
    return ConversationRecord(cid, tuple(ReplyPairRecord(c, f"re: {c}") for c in customer), lang="en")


CONVS = [conv("a", "a0", "a1", "a2"), conv("b", "b0", "b1")]


def test_schedule_interleaves_or_plays_one_after_another() -> None:
    inter = [(c.id, t) for _at, c, t in schedule(CONVS, gap_s=2.0, interleave=True)]
    assert inter == [("a", 0), ("b", 0), ("a", 1), ("b", 1), ("a", 2)]
    seq = [(at, c.id, t) for at, c, t in schedule(CONVS, gap_s=2.0, interleave=False)]
    assert seq == [(0.0, "a", 0), (2.0, "a", 1), (4.0, "a", 2), (6.0, "b", 0), (8.0, "b", 1)]


def test_replay_stores_through_the_writer_once(database: Database) -> None:
    seen: list[IngestResult] = []

    def on_message(msg: IncomingMessage, result: IngestResult) -> None:
        seen.append(result)

    async def scenario() -> None:
        report = await replay(CONVS, store_deliver(database, on_message), speed=0, gap_s=1.0)
        assert (report.delivered, report.conversations, report.stopped) == (5, 2, False)
        again = await replay(CONVS, store_deliver(database, on_message), speed=50.0, gap_s=0.01)
        assert again.delivered == 5

    asyncio.run(scenario())
    assert len(seen) == 5  # the second replay stored nothing new
    with database.read() as s:
        rows = s.execute(select(Message.external_id, Message.text).order_by(Message.id)).all()
        assert [tuple(r) for r in rows] == [
            ("a:0", "a0"),
            ("b:0", "b0"),
            ("a:1", "a1"),
            ("b:1", "b1"),
            ("a:2", "a2"),
        ]
        assert {c.source for c in s.scalars(select(Conversation))} == {"replay"}


def test_stop_event_ends_replay_early(database: Database) -> None:
    async def scenario() -> None:
        stop = asyncio.Event()
        inner = store_deliver(database)

        async def deliver(msg: IncomingMessage) -> object:
            stop.set()  # stop after the first message; the next one is 30 s away
            return await inner(msg)

        report = await replay(CONVS, deliver, speed=1.0, gap_s=60.0, stop=stop)
        assert (report.delivered, report.stopped) == (1, True)

    asyncio.run(scenario())


def test_replay_file_over_http_into_the_ingest_server(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "convs.jsonl"
    f.write_text(
        "\n".join(
            json.dumps(
                {"id": cid, "lang": "zh", "conversations": [{"customer": t, "agent": "好的"} for t in turns]}
            )
            for cid, turns in {"x": ["你好", "订单到哪了"], "y": ["我要退款"]}.items()
        ),
        encoding="utf-8",
    )
    settings = Settings(data_dir=tmp_path, ingest_token="replay-token-0123456789", ingest_port=0)

    async def scenario() -> None:
        server = IngestServer(database, settings)
        await server.start()
        try:
            async with aiohttp.ClientSession() as session:
                report = await replay_file(f, http_deliver(session, server.url, "replay-token-0123456789"), speed=0)
        finally:
            await server.stop()
        assert report.delivered == 3 and server.received == 3

    asyncio.run(scenario())
    with database.read() as s:
        assert sorted(s.scalars(select(Message.external_id))) == ["x:0", "x:1", "y:0"]
        assert {c.lang for c in s.scalars(select(Conversation))} == {"zh"}
