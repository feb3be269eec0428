"""The pipeline logs every step of an agent's work, on a real SQLite file through the real writer."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from assist.core.types import Role
from assist.service import AssistService
from assist.storage.database import Database
from assist.storage.models import (
    AgentAction,
    Conversation,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    OutboxItem,
    Suggestion,
)

from .conftest import Recorder, draft_engine, intent_engine, message


def _service(db: Database, rec: Recorder) -> AssistService:
    return AssistService(db, intent_engine(), draft_engine(), agent_name="lin", listener=rec)


def _spied_drafts() -> tuple[Any, list[Any]]:
    """A fake draft engine that records every request it is given."""
    requests: list[Any] = []
    drafts = draft_engine()
    original = drafts.suggest

    def spy(request, **kw):  # type: ignore[no-untyped-def]
        requests.append(request)
        return original(request, **kw)

    drafts.suggest = spy  # type: ignore[method-assign]
    return drafts, requests


def _actions(db: Database) -> list[AgentAction]:
    db.writer.write(lambda s: None)  # everything submitted before is committed after this
    with db.read() as s:
        return list(s.scalars(select(AgentAction).order_by(AgentAction.id)))


def test_message_to_sent_reply_logs_every_step(db: Database) -> None:
    rec = Recorder()

    async def scenario() -> None:
        svc = _service(db, rec)
        await svc.handle_message(message("m1", "c1", "Where is my order 12345?"))
        assert svc.insert_draft("c1", 1) == "Let me check the status of your order."
        assert svc.note_edit("c1", "Let me check the status of your order 12345.") == 6
        svc.note_edit(
            "c1", "Let me check the status of your order 12345 now."
        )  # same burst: not logged again
        sent = await svc.send("c1", "Let me check the status of your order 12345 now.")
        assert sent.edit_distance == len(" 12345 now")
        svc.close_conversation("c1").result(10)
        await svc.aclose()

    asyncio.run(scenario())
    kinds = [e[0] for e in rec.events if e[0] != "latency"]
    assert kinds[:2] == ["message", "prediction"] and kinds[-1] == "drafts"
    assert rec.of("prediction")[0][3].top.label == "order_status"
    assert {e[1] for e in rec.of("latency")} == {"intents", "first_draft", "drafts"}
    with db.read() as s:
        customer = s.scalars(select(Message).where(Message.role == Role.CUSTOMER.value)).one()
        pred = s.scalars(select(IntentPredictionRow)).one()
        assert (pred.message_id, pred.top_label, pred.model_version) == (
            customer.id,
            "order_status",
            "fake-intent-1",
        )
        shown = list(s.scalars(select(Suggestion).order_by(Suggestion.rank)))
        assert [x.rank for x in shown] == [0, 1, 2] and {x.intent for x in shown} == {"order_status"}
        assert shown[1].text == "Let me check the status of your order."
        reply = s.scalars(select(Message).where(Message.role == Role.AGENT.value)).one()
        assert reply.text.endswith("12345 now.")
        assert s.scalars(select(OutboxItem)).one().message_id == reply.id
        assert s.get(Conversation, "c1").status == "closed"
    acts = _actions(db)
    assert [a.kind for a in acts] == ["inserted", "edited", "edited", "sent", "closed"]
    inserted, edited, final_edit, sent_row, closed = acts
    assert inserted.suggestion_id == shown[1].id and inserted.details["source"] == "library"
    assert edited.edit_distance == 6 and edited.suggestion_id == shown[1].id
    assert final_edit.edit_distance == 10 and final_edit.details == {"final": True}
    assert sent_row.suggestion_id == shown[1].id and sent_row.edit_distance == 10
    assert sent_row.details["draft_rank"] == 1 and sent_row.details["intent"] == "order_status"
    assert closed.details["handling_seconds"] >= 0


def test_reply_without_drafts_is_logged_as_ignored(db: Database) -> None:
    async def scenario() -> None:
        svc = _service(db, Recorder())
        await svc.handle_message(message("m1", "c1", "I want a refund"))
        sent = await svc.send("c1", "Typed by hand.")
        assert sent.edit_distance is None
        await svc.aclose()

    asyncio.run(scenario())
    acts = _actions(db)
    assert [a.kind for a in acts] == ["ignored", "sent"]
    assert acts[0].details == {"shown": 3} and acts[1].suggestion_id is None


def test_dismiss_and_regenerate_are_logged_and_redraw(db: Database) -> None:
    rec = Recorder()

    async def scenario() -> None:
        svc = _service(db, rec)
        await svc.handle_message(message("m1", "c1", "please refund me"))
        svc.dismiss("c1", 2)
        svc.dismiss("c1", 2)  # twice: logged once
        svc.dismiss("c1", 7)  # no such draft: ignored, no crash
        await svc.regenerate("c1")
        await svc.aclose()

    asyncio.run(scenario())
    assert len(rec.final_drafts("c1")) == 2
    acts = _actions(db)
    assert [a.kind for a in acts] == ["dismissed", "regenerated"]
    with db.read() as s:
        first_three = list(s.scalars(select(Suggestion).order_by(Suggestion.id)))[:3]
        assert acts[0].suggestion_id == first_three[2].id
        assert len(list(s.scalars(select(Suggestion)))) == 6  # the regenerated set is logged too


def test_correction_is_logged_and_drafts_follow_the_corrected_intent(db: Database) -> None:
    rec = Recorder()

    async def scenario() -> None:
        svc = _service(db, rec)
        await svc.handle_message(message("m1", "c1", "where is my money back for order 9"))
        assert rec.of("prediction")[-1][3].top.label == "order_status"
        await svc.correct_intent("c1", "refund")
        await svc.aclose()

    asyncio.run(scenario())
    before, after = rec.final_drafts("c1")
    assert before[3].drafts[0].text.startswith("Your order")
    assert [d.text for d in after[3].drafts] == [
        "Your refund has been issued.",
        "Refunds take 3-5 working days.",
        "I have started the refund for you.",
    ]
    db.writer.write(lambda s: None)
    with db.read() as s:
        corr = s.scalars(select(IntentCorrection)).one()
        pred = s.scalars(select(IntentPredictionRow)).one()
        assert (corr.from_label, corr.to_label, corr.prediction_id) == ("order_status", "refund", pred.id)
        assert {x.intent for x in s.scalars(select(Suggestion))} == {"order_status", "refund"}


def test_duplicate_message_is_handled_once_and_history_gives_context(db: Database) -> None:
    seen: list[tuple[list[str], list[str | None]]] = []
    engine = intent_engine()
    original = engine.classify

    def spy(texts, contexts=None):  # type: ignore[no-untyped-def]
        seen.append((list(texts), list(contexts or [])))
        return original(texts, contexts)

    engine.classify = spy  # type: ignore[method-assign]

    async def scenario() -> None:
        svc = AssistService(db, engine, draft_engine(), agent_name="lin")
        await svc.handle_message(message("m1", "c1", "hello"))
        await svc.handle_message(message("m1", "c1", "hello"))  # an idempotent retry
        await svc.handle_message(message("m2", "c1", "cancel it please"))
        await svc.aclose()

    asyncio.run(scenario())
    assert seen == [(["hello"], [None]), (["cancel it please"], ["hello"])]


def test_history_is_read_back_after_a_restart(db: Database) -> None:
    async def first_desk() -> None:
        svc = AssistService(db, intent_engine(), draft_engine(), agent_name="lin")
        await svc.handle_message(message("m1", "c1", "my order is late"))
        await svc.send("c1", "Sorry, checking.")
        await svc.aclose()

    drafts, requests = _spied_drafts()

    async def second_desk() -> None:
        svc = AssistService(db, intent_engine(), drafts, agent_name="lin")
        await svc.handle_message(message("m2", "c1", "any news?"))
        await svc.aclose()

    asyncio.run(first_desk())
    asyncio.run(second_desk())
    (req,) = requests
    assert [(t.role.value, t.text) for t in req.history] == [
        ("customer", "my order is late"),
        ("agent", "Sorry, checking."),
    ]


def test_engine_failure_reports_and_the_next_message_works(db: Database) -> None:
    rec = Recorder()

    class Broken:
        version = "broken"
        labels = ("x",)

        def classify(self, texts, contexts=None):  # type: ignore[no-untyped-def]
            raise RuntimeError("CUDA out of memory")

    async def scenario() -> None:
        svc = AssistService(db, Broken(), draft_engine(), agent_name="lin", listener=rec)
        await svc.handle_message(message("m1", "c1", "where is my order"))
        svc.swap_engines(intent=intent_engine())
        await svc.handle_message(message("m2", "c1", "where is my order"))
        await svc.aclose()

    asyncio.run(scenario())
    errors = rec.of("error")
    assert errors[0][1] == "intent" and "out of memory" in str(errors[0][2])
    assert len(rec.final_drafts("c1")) == 2  # drafts still came for the first message, without an intent
    assert rec.of("prediction")[-1][3].top.label == "order_status"


def test_the_help_desk_contact_reaches_the_drafts_for_slot_filling(db: Database) -> None:
    from assist.storage import helpdesk

    msg = message("cw-1", "chatwoot:1:5", "hello, any news on my order?")
    contact = helpdesk.ContactValues("chatwoot:1:contact:42", "Mei Chen", "mei@example.com")
    stored = db.writer.submit(helpdesk.store_customer_message(msg, contact, source="chatwoot")).result(10)
    drafts, requests = _spied_drafts()

    async def desk() -> None:
        svc = AssistService(db, intent_engine(), drafts, agent_name="lin")
        await svc.handle_message(msg, stored)
        await svc.aclose()

    asyncio.run(desk())
    (req,) = requests
    assert req.known == (("name", "Mei Chen"), ("email", "mei@example.com"))
