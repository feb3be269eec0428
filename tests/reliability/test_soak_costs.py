"""What the soak (``python -m bench soak``) watches for, asserted as behaviour instead of timing:
the SQL the pipeline runs per message stays indexed as the database grows, and what the service
keeps in memory is bounded by the conversations, not by the messages."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from sqlalchemy import event

from assist.core.types import IncomingMessage
from assist.drafts.base import FakeDraftEngine
from assist.intent.base import FakeIntentEngine
from assist.service import AssistService
from assist.service.batching import IntentBatcher
from assist.storage.database import Database

TEXTS = ["where is my card", "I want a refund", "my order has not arrived", "card declined, refund please"]


def _engines() -> tuple[FakeIntentEngine, FakeDraftEngine]:
    return (
        FakeIntentEngine({"card": ["card"], "order": ["order"], "refund": ["refund"]}),
        FakeDraftEngine({"card": ["Your card is on its way."]}),
    )


async def _replay(db: Database, messages: int, conversations: int) -> AssistService:
    intent, drafts = _engines()
    service = AssistService(db, intent, drafts, agent_name="soak", source="replay")
    for i in range(messages):
        service.submit(IncomingMessage(f"m-{i}", f"c-{i % conversations}", TEXTS[i % len(TEXTS)], lang="en"))
        if i % 20 == 19:
            await service.wait_idle()
    await service.wait_idle()
    await asyncio.wrap_future(db.writer.submit(lambda _s: None))
    return service


def test_every_query_the_pipeline_runs_per_message_uses_an_index(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'soak.sqlite'}")
    statements: dict[str, Any] = {}

    @event.listens_for(db.engine, "before_cursor_execute")
    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            statements.setdefault(statement, params[0] if many else params)

    try:
        service = asyncio.run(_replay(db, 200, 20))
        assert statements, "no SQL captured"
        with db.engine.connect() as conn:
            plans = {
                stmt: [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)]
                for stmt, params in statements.items()
            }
        scans = {stmt: plan for stmt, plan in plans.items() if any(p.startswith("SCAN") for p in plan)}
        assert scans == {}, scans  # a full table scan costs more with every message stored
        asyncio.run(service.aclose())
    finally:
        db.close()


def test_service_state_is_bounded_by_conversations_not_messages(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'state.sqlite'}")
    try:
        service = asyncio.run(_replay(db, 150, 25))
        assert len(service._states) == 25
        for state in service._states.values():
            assert len(state.history) <= (state.history.maxlen or 0)
        assert all(len(service.latency.samples(n)) <= 2000 for n in service.latency.names())
        asyncio.run(service.aclose())
    finally:
        db.close()


def test_intent_batcher_keeps_only_recent_batch_sizes() -> None:
    intent, _ = _engines()

    async def classify_many(n: int) -> IntentBatcher:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            batcher = IntentBatcher(lambda: intent, pool)
            for i in range(n):
                await batcher.classify(TEXTS[i % len(TEXTS)], None)  # one at a time: one batch each
            return batcher

    batcher = asyncio.run(classify_many(1100))
    assert 0 < len(batcher.batch_sizes) <= 1000
    assert list(batcher.batch_sizes)[-1] == 1


def test_closed_conversations_are_forgotten_beyond_the_cap_and_come_back_from_the_database(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'forget.sqlite'}")

    async def scenario() -> None:
        intent, drafts = _engines()
        service = AssistService(db, intent, drafts, agent_name="cap", source="replay")
        service.max_states = 4
        for i in range(6):  # six conversations, the agent answers and closes the first five
            service.submit(IncomingMessage(f"a-{i}", f"c-{i}", f"where is my card {i}", lang="en"))
            await service.wait_idle()
            if i < 5:
                await service.send(f"c-{i}", f"Your card {i} is on its way.")
                await asyncio.wrap_future(service.close_conversation(f"c-{i}"))
        for i in range(6, 9):  # three more, left open
            service.submit(IncomingMessage(f"a-{i}", f"c-{i}", "my order has not arrived", lang="en"))
            await service.wait_idle()
        kept = set(service._states)
        assert len(kept) == 4
        assert {"c-5", "c-6", "c-7", "c-8"} == kept  # the open ones stay, the closed ones went first
        # a forgotten conversation gets a new message: its history comes back from the database
        service.submit(IncomingMessage("a-again", "c-0", "and my refund?", lang="en"))
        await service.wait_idle()
        state = service.conversation("c-0")
        assert state is not None and [t.text for t in state.history] == [
            "where is my card 0", "Your card 0 is on its way.", "and my refund?",
        ]  # fmt: skip
        assert state.prediction is not None and state.drafts is not None
        assert "c-5" in service._states and len(service._states) == 5  # nothing open is ever dropped
        await service.aclose()

    try:
        asyncio.run(scenario())
    finally:
        db.close()
