from __future__ import annotations

from sqlalchemy import func, select

from assist.core.types import Draft, DraftSource, IncomingMessage, IntentPrediction, IntentScore
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import AgentAction, Message, OutboxItem, Suggestion


def test_message_flow_is_logged_once_and_whole(database: Database) -> None:
    w = database.writer
    msg = IncomingMessage(message_id="m1", conversation_id="c1", text="where is my order 123?")
    first = w.write(events.ingest_message(msg))
    again = w.write(events.ingest_message(msg))
    assert first.created and not again.created and again.message_pk == first.message_pk
    pred = IntentPrediction((IntentScore("order_status", 0.9), IntentScore("refund", 0.1)), False, "v1")
    w.write(events.log_prediction(first.message_pk, pred))
    drafts = [Draft("Let me check order 123.", DraftSource.LIBRARY, "lib", rank=0)]
    (sid,) = w.write(events.log_suggestions(first.message_pk, "c1", drafts, intent="order_status"))
    sent = w.write(
        events.send_reply(
            "c1",
            "Let me check order 123 now.",
            agent_name="lin",
            reply_to_pk=first.message_pk,
            suggestion_id=sid,
            inserted_text="Let me check order 123.",
        )
    )
    assert sent.edit_distance == 4
    with database.read() as s:
        assert s.scalar(select(func.count()).select_from(Message)) == 2
        assert s.scalar(select(func.count()).select_from(Suggestion)) == 1
        action = s.scalars(select(AgentAction)).one()
        assert (action.kind, action.suggestion_id, action.edit_distance) == ("sent", sid, 4)
        assert s.scalars(select(OutboxItem)).one().status == "pending"
