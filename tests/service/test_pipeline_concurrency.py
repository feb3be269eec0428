"""Stale work is cancelled, order is kept, bursts are batched, engines swap atomically.

The gated engines block until the test releases them, so each property is shown by the
order of events, never by how long something took.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from assist.service import AssistService
from assist.storage.database import Database
from assist.storage.models import IntentPredictionRow, Message, Suggestion

from .conftest import (
    GatedDraftEngine,
    GatedIntentEngine,
    Recorder,
    draft_engine,
    intent_engine,
    message,
    until,
)


def test_newer_message_cancels_stale_generation(db: Database) -> None:
    rec = Recorder()
    drafts = GatedDraftEngine()

    async def scenario() -> None:
        svc = AssistService(db, intent_engine(), drafts, agent_name="lin", listener=rec)
        first = svc.submit(message("m1", "c1", "where is my order"))
        await until(drafts.started.is_set)  # generation for m1 is running
        drafts.started.clear()
        second = svc.submit(message("m2", "c1", "actually cancel it"))
        await until(lambda: drafts.calls[0]["cancelled"])  # m1's token was set by m2's arrival
        drafts.release.set()
        await asyncio.gather(first, second)
        await svc.aclose()

    asyncio.run(scenario())
    assert drafts.calls[0]["cancelled"] and not drafts.calls[1]["cancelled"]
    finals = rec.final_drafts("c1")
    assert len(finals) == 1 and finals[0][3].drafts[1].text == "generated for actually cancel it"
    db.writer.write(lambda s: None)
    with db.read() as s:
        texts = [x.text for x in s.scalars(select(Suggestion))]
        assert texts == ["retrieved for actually cancel it", "generated for actually cancel it"]


def test_stale_prediction_is_logged_but_not_shown(db: Database) -> None:
    rec = Recorder()
    intents = GatedIntentEngine()

    async def scenario() -> None:
        svc = AssistService(db, intents, draft_engine(), agent_name="lin", listener=rec)
        first = svc.submit(message("m1", "c1", "where is my order"))
        await until(intents.started.is_set)
        second = svc.submit(message("m2", "c1", "refund please"))
        await until(lambda: len(rec.of("message")) == 2)
        intents.release.set()
        await asyncio.gather(first, second)
        await svc.aclose()

    asyncio.run(scenario())
    shown = [e[3].top.label for e in rec.of("prediction")]
    assert shown == ["refund"]
    assert len(rec.final_drafts("c1")) == 1
    db.writer.write(lambda s: None)
    with db.read() as s:
        assert sorted(s.scalars(select(IntentPredictionRow.top_label))) == ["order_status", "refund"]


def test_burst_is_batched_and_each_conversation_gets_its_own_result(db: Database) -> None:
    rec = Recorder()
    intents = GatedIntentEngine()

    async def scenario() -> None:
        svc = AssistService(db, intents, draft_engine(), agent_name="lin", listener=rec)
        tasks = [svc.submit(message("m0", "c0", "where is my order"))]
        await until(intents.started.is_set)  # the first call is busy: the rest queue up
        tasks += [svc.submit(message(f"m{i}", f"c{i}", "refund" if i % 2 else "cancel")) for i in range(1, 8)]
        await until(lambda: svc.intents_queued == 7)
        intents.release.set()
        await asyncio.gather(*tasks)
        await svc.aclose()

    asyncio.run(scenario())
    assert [len(b) for b in intents.batches] == [1, 7]
    labels = {e[1]: e[3].top.label for e in rec.of("prediction")}
    assert labels == {
        "c0": "order_status",
        **{f"c{i}": ("refund" if i % 2 else "cancel_order") for i in range(1, 8)},
    }


def test_messages_in_one_conversation_are_stored_in_arrival_order(db: Database) -> None:
    rec = Recorder()

    async def scenario() -> None:
        svc = AssistService(db, intent_engine(), draft_engine(), agent_name="lin", listener=rec)
        for i in range(20):
            svc.submit(message(f"m{i}", "c1", f"message {i}"))
        await svc.wait_idle()
        await svc.aclose()

    asyncio.run(scenario())
    assert [e[2] for e in rec.of("message")] == [f"message {i}" for i in range(20)]
    with db.read() as s:
        stored = list(s.scalars(select(Message.external_id).order_by(Message.id)))
        assert stored == [f"m{i}" for i in range(20)]
    finals = rec.final_drafts("c1")
    assert finals[-1][2] == max(e[2] for e in rec.of("drafts"))  # the newest message's drafts came last


def test_hot_swap_in_flight_work_finishes_on_the_old_engine(db: Database) -> None:
    rec = Recorder()
    old = GatedDraftEngine("drafts-v1")
    new = draft_engine("drafts-v2")

    async def scenario() -> None:
        svc = AssistService(db, intent_engine("intent-v1"), old, agent_name="lin", listener=rec)
        task = svc.submit(message("m1", "c1", "where is my order"))
        await until(old.started.is_set)
        svc.swap_engines(intent=intent_engine("intent-v2"), drafts=new)
        old.release.set()
        await task
        await svc.handle_message(message("m2", "c2", "where is my order"))
        await svc.aclose()

    asyncio.run(scenario())
    (c1,) = rec.final_drafts("c1")
    (c2,) = rec.final_drafts("c2")
    assert {d.model_version for d in c1[3].drafts} == {"drafts-v1"}
    assert {d.model_version for d in c2[3].drafts} == {"drafts-v2"}
    assert rec.of("engines") == [("engines", "intent-v2", "drafts-v2")]
    assert [e[3].model_version for e in rec.of("prediction")] == ["intent-v1", "intent-v2"]
    db.writer.write(lambda s: None)
    with db.read() as s:
        versions = dict(
            s.execute(
                select(Suggestion.conversation_id, func.min(Suggestion.model_version)).group_by(
                    Suggestion.conversation_id
                )
            ).all()
        )
        assert versions == {"c1": "drafts-v1", "c2": "drafts-v2"}


def test_aclose_cancels_pending_work(db: Database) -> None:
    drafts = GatedDraftEngine()

    async def scenario() -> None:
        svc = AssistService(db, intent_engine(), drafts, agent_name="lin")
        task = svc.submit(message("m1", "c1", "where is my order"))
        await until(drafts.started.is_set)
        await svc.aclose()
        assert task.cancelled()
        await until(lambda: drafts.calls[0]["cancelled"])

    asyncio.run(scenario())
