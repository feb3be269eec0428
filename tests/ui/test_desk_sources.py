"""Message sources on the desk's loop: the ingest server over real HTTP on loopback, and
replay of a conversation file; plus the one error path for slots."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp

from assist.config import Settings
from assist.learning.jobs import free_port
from assist.storage.database import Database

from .conftest import Driver, start_desk, stop_desk, until


def test_ingest_server_runs_on_the_desk_loop(driver: Driver, settings: Settings, database: Database) -> None:
    desk = start_desk(driver, settings.replace(ingest_port=free_port()), database, ingest=True)
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


def test_a_chatwoot_contact_shows_in_the_customer_panel(
    driver: Driver, settings: Settings, database: Database
) -> None:
    """Posted as Chatwoot posts it (signed, over loopback): the panel shows the contact's e-mail,
    live and again after a restart (read back from the database); a customer without one has no
    e-mail row."""
    import time

    from assist.sources.chatwoot import PATH
    from tests.sources import chatwoot_fixtures as fx

    secret = "webhook-signing-secret"
    configured = settings.replace(
        ingest_port=free_port(), chatwoot_url="http://127.0.0.1:9", chatwoot_account_id=1,
        chatwoot_api_token="api-token", chatwoot_webhook_secret=secret,
    )  # fmt: skip
    desk = start_desk(driver, configured, database, ingest=True)
    w = desk.window
    try:
        assert desk.ingest is not None

        async def post(payload: dict) -> int:
            body = json.dumps(payload).encode()
            headers = fx.signed_headers(secret, body, int(time.time()))
            async with (
                aiohttp.ClientSession() as http,
                http.post(desk.ingest.url + PATH, data=body, headers=headers) as r,
            ):
                return r.status

        async def first() -> int:
            status = await post(fx.message_event(501, "Hi, my order #LL20260412 has not arrived"))
            await until(lambda: w.info.values["email"].text() == "mei@example.com")
            return status

        assert driver.run(first()) == 200
        assert desk.controller.current == "chatwoot:1:1042"
        assert w.info.values["customer"].text() == "Mei Chen"
        assert w.info.form.isRowVisible(w.info.values["email"])

        async def anonymous() -> None:
            event = fx.message_event(
                601, "hello?", display_id=1043, sender=fx.contact_data(43, "Visitor", None)
            )
            event["conversation"]["meta"]["sender"] = fx.contact_push_data(43, "Visitor", None)
            assert await post(event) == 200
            await until(lambda: "chatwoot:1:1043" in desk.controller.bubbles)

        driver.run(anonymous())
        desk.controller.select("chatwoot:1:1043")
        assert not w.info.form.isRowVisible(w.info.values["email"])
    finally:
        stop_desk(driver, desk)

    again = start_desk(driver, configured.replace(ingest_port=free_port()), database)
    try:
        again.controller.select("chatwoot:1:1042")
        assert again.window.info.values["email"].text() == "mei@example.com"
    finally:
        stop_desk(driver, again)
