"""Message sources on the desk's loop: the ingest server over real HTTP on loopback, and
replay of a conversation file; plus the one error path for slots."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp

from assist.config import Settings
from assist.storage.database import Database

from .conftest import Driver, start_desk, stop_desk, until


def test_ingest_server_runs_on_the_desk_loop(driver: Driver, settings: Settings, database: Database) -> None:
    desk = start_desk(driver, settings.replace(ingest_port=_free_port()), database, ingest=True)
    w = desk.window
    try:
        assert desk.ingest is not None and desk.ingest.running
        assert w.status.ingest.text().startswith("Ingest 127.0.0.1:")

        async def scenario() -> int:
            body = {"message_id": "h1", "conversation_id": "web-1", "text": "<b>hi</b> where is my order?"}
            headers = {"Authorization": f"Bearer {settings.ingest_token}"}
            async with (
                aiohttp.ClientSession() as http,
                http.post(f"{desk.ingest.url}/v1/messages", json=body, headers=headers) as resp,
            ):
                status = resp.status
            await until(lambda: w.drafts.drafts is not None and w.drafts.drafts.final)
            return status

        assert driver.run(scenario()) == 201
        assert desk.controller.current == "web-1"
        assert w.conversation.bubbles[-1].text() == "<b>hi</b> where is my order?"
    finally:
        stop_desk(driver, desk)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_replay_plays_a_conversation_file_into_the_queue(
    driver: Driver, settings: Settings, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "convs.jsonl"
    rows = [
        {"id": "r1", "lang": "en", "conversations": [{"customer": "hi", "agent": "hello"}]},
        {"id": "r2", "lang": "zh", "conversations": [{"customer": "我的订单到哪了", "agent": "我查一下"}]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    desk = start_desk(driver, settings, database)
    w = desk.window
    try:

        async def scenario() -> None:
            desk.start_replay(path, speed=0)
            await until(lambda: w.queue_model.rowCount() == 2)
            await until(lambda: desk.service.pending_tasks == 0 and not desk.tasks)

        driver.run(scenario())
        assert desk.errors.history == []
        assert w.drafts.drafts is not None and w.drafts.drafts.final
        assert {i.conversation_id for i in w.queue_model.items()} == {"r1", "r2"}
        assert w.queue_model.get("r2").last_preview == "我的订单到哪了"
    finally:
        stop_desk(driver, desk)


def test_a_failing_slot_is_reported_in_the_status_bar(
    driver: Driver, settings: Settings, database: Database
) -> None:
    desk = start_desk(driver, settings, database)
    try:

        def broken() -> None:
            raise RuntimeError("boom in a slot")

        desk.errors.guard("test")(broken)()
        assert desk.window.status.message.text() == "test: RuntimeError: boom in a slot"
        assert desk.errors.history[-1] == "test: RuntimeError: boom in a slot"
    finally:
        stop_desk(driver, desk)
