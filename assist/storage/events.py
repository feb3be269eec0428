"""Units of work for everything the app logs. Each function returns ``fn(session)`` for
``Database.writer.submit``; nothing here commits by itself.

    fut = db.writer.submit(events.ingest_message(msg))
    result = fut.result()          # or: await asyncio.wrap_future(fut)
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.core.text import edit_distance as _edit_distance
from assist.core.types import Draft, IncomingMessage, IntentPrediction, Role, utcnow
from assist.storage.models import (
    Agent,
    AgentAction,
    Conversation,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    OutboxItem,
    Suggestion,
)

Work = Callable[[Session], Any]


class ActionKind(enum.StrEnum):
    INSERTED = "inserted"  # a draft was put into the composer
    EDITED = "edited"  # the composer text changed after an insert: the first change, and the final
    # text when it is sent (details {"final": true})
    DISCARDED = "discarded"  # the agent cleared an inserted draft from the reply box (Esc)
    FEEDBACK = "feedback"  # thumbs up/down on a draft card; details {"rating": "up"|"down", "reason": ...}
    SENT = "sent"
    DISMISSED = "dismissed"  # the agent dismissed a draft card
    REGENERATED = "regenerated"  # the agent asked for new drafts
    IGNORED = "ignored"  # drafts were shown and the agent replied without any
    CLOSED = "closed"  # conversation handled; details hold handling_seconds


@dataclass(frozen=True, slots=True)
class IngestResult:
    message_pk: int
    conversation_id: str
    created: bool  # False: this message_id was already stored (an idempotent retry)
    same_text: bool = True  # False: it was stored with another text (not a retry: a conflict)


@dataclass(frozen=True, slots=True)
class SentReply:
    message_pk: int
    outbox_id: int
    idempotency_key: str
    edit_distance: int | None


def agent_id(session: Session, name: str) -> int:
    """The agent's row id, created on first use (cached for the transaction: a batch logs
    hundreds of events for the same agent)."""
    cache: dict[str, int] = session.info.setdefault("assist_agents", {})
    if name in cache:
        return cache[name]
    found = session.scalar(select(Agent.id).where(Agent.name == name))
    if found is None:
        agent = Agent(name=name)
        session.add(agent)
        session.flush()
        found = agent.id
    cache[name] = found
    return found


def as_utc(ts: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored as UTC); PostgreSQL aware ones. Compare as UTC."""
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


def _conversation(session: Session, conversation_id: str) -> Conversation | None:
    """``session.get`` with a strong per-transaction cache: the identity map is weak, and a
    batch of hundreds of messages for a few conversations would otherwise re-select them."""
    cache: dict[str, Conversation] = session.info.setdefault("assist_conversations", {})
    conv = cache.get(conversation_id)
    if conv is None:
        conv = session.get(Conversation, conversation_id)
        if conv is not None:
            cache[conversation_id] = conv
    return conv


def _touch_conversation(session: Session, msg: IncomingMessage, source: str) -> None:
    conv = _conversation(session, msg.conversation_id)
    if conv is None:
        conv = Conversation(
            id=msg.conversation_id,
            customer_id=msg.customer_id,
            channel=msg.channel,
            lang=msg.lang,
            source=source,
            created_at=msg.ts,
            last_message_at=msg.ts,
        )
        session.add(conv)
        session.flush()
        session.info["assist_conversations"][msg.conversation_id] = conv
    else:
        if not conv.last_message_at or as_utc(msg.ts) > as_utc(conv.last_message_at):
            conv.last_message_at = msg.ts
        if conv.status != "open":
            conv.status = "open"
        if msg.lang and not conv.lang:
            conv.lang = msg.lang


def ingest_message(msg: IncomingMessage, *, source: str = "ingest") -> Callable[[Session], IngestResult]:
    """Store a customer message once: a repeated ``message_id`` returns the stored one."""

    msg = replace(msg, ts=as_utc(msg.ts))  # stored as UTC: SQLite keeps no offset

    def work(session: Session) -> IngestResult:
        with session.no_autoflush:  # messages are flushed as they are added; nothing to see pending
            existing = session.execute(
                select(Message.id, Message.conversation_id, Message.text).where(Message.external_id == msg.message_id)
            ).first()
        if existing is not None:
            return IngestResult(existing[0], existing[1], created=False, same_text=existing[2] == msg.text)
        _touch_conversation(session, msg, source)
        row = Message(
            external_id=msg.message_id,
            conversation_id=msg.conversation_id,
            role=Role.CUSTOMER.value,
            text=msg.text,
            ts=msg.ts,
        )
        session.add(row)
        session.flush([row])  # just the message: the conversation update joins the batch's last flush
        return IngestResult(row.id, msg.conversation_id, created=True)

    return work


def log_prediction(message_pk: int, prediction: IntentPrediction) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        row = IntentPredictionRow(
            message_id=message_pk,
            model_version=prediction.model_version,
            ranking=[[s.label, round(s.probability, 6)] for s in prediction.ranking],
            top_label=prediction.top.label,
            top_probability=prediction.top.probability,
            out_of_scope=prediction.out_of_scope,
            latency_ms=prediction.latency_ms,
        )
        session.add(row)
        session.flush()
        return row.id

    return work


def log_suggestions(
    message_pk: int,
    conversation_id: str,
    drafts: Sequence[Draft],
    *,
    intent: str | None,
    agent_name: str | None = None,
) -> Callable[[Session], list[int]]:
    """Log the drafts shown for a message; returns their ids in the same order."""

    def work(session: Session) -> list[int]:
        aid = agent_id(session, agent_name) if agent_name else None
        rows = [
            Suggestion(
                message_id=message_pk,
                conversation_id=conversation_id,
                text=d.text,
                source=d.source.value,
                rank=d.rank,
                model_version=d.model_version,
                intent=intent,
                score=d.score,
                latency_ms=d.latency_ms,
                agent_id=aid,
            )
            for d in drafts
        ]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]

    return work


def log_action(
    kind: ActionKind,
    *,
    conversation_id: str,
    agent_name: str | None = None,
    message_pk: int | None = None,
    suggestion_id: int | None = None,
    text: str | None = None,
    edit_distance: int | None = None,
    details: dict[str, Any] | None = None,
) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        row = AgentAction(
            kind=kind.value,
            conversation_id=conversation_id,
            agent_id=agent_id(session, agent_name) if agent_name else None,
            message_id=message_pk,
            suggestion_id=suggestion_id,
            text=text,
            edit_distance=edit_distance,
            details=details,
        )
        session.add(row)
        session.flush()
        return row.id

    return work


def log_correction(
    message_pk: int,
    *,
    to_label: str,
    from_label: str | None,
    agent_name: str | None = None,
    prediction_id: int | None = None,
) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        row = IntentCorrection(
            message_id=message_pk,
            prediction_id=prediction_id,
            agent_id=agent_id(session, agent_name) if agent_name else None,
            from_label=from_label,
            to_label=to_label,
        )
        session.add(row)
        session.flush()
        return row.id

    return work


def send_reply(
    conversation_id: str,
    text: str,
    *,
    agent_name: str,
    reply_to_pk: int | None = None,
    suggestion_id: int | None = None,
    inserted_text: str | None = None,
    details: dict[str, Any] | None = None,
) -> Callable[[Session], SentReply]:
    """One transaction: the agent's message, the ``sent`` action and the outbox item.

    ``edit_distance`` is measured from the inserted draft text (None when typed from scratch).
    """

    def work(session: Session) -> SentReply:
        aid = agent_id(session, agent_name)
        now = utcnow()
        msg = Message(conversation_id=conversation_id, role=Role.AGENT.value, text=text, agent_id=aid, ts=now)
        session.add(msg)
        session.flush()
        dist = _edit_distance(inserted_text, text) if inserted_text is not None else None
        session.add(
            AgentAction(
                kind=ActionKind.SENT.value,
                conversation_id=conversation_id,
                agent_id=aid,
                message_id=reply_to_pk,
                suggestion_id=suggestion_id,
                text=text,
                edit_distance=dist,
                details={**(details or {}), "reply_message_pk": msg.id},
            )
        )
        key = uuid.uuid4().hex
        item = OutboxItem(
            idempotency_key=key,
            conversation_id=conversation_id,
            message_id=msg.id,
            payload={
                "conversation_id": conversation_id,
                "text": text,
                "agent": agent_name,
                "reply_to": reply_to_pk,
                "sent_at": now.isoformat(),
            },
        )
        session.add(item)
        conv = session.get(Conversation, conversation_id)
        if conv is not None:
            conv.last_message_at = now
        session.flush()
        return SentReply(msg.id, item.id, key, dist)

    return work


def outbox_delivered(item_ids: Sequence[int], *, status: str = "delivered") -> Callable[[Session], int]:
    """Mark outbox items delivered (``status="local"`` when no webhook is configured)."""

    def work(session: Session) -> int:
        now = utcnow()
        n = 0
        for item_id in item_ids:
            item = session.get(OutboxItem, item_id)
            if item is not None and item.status == "pending":
                item.status = status
                item.delivered_at = now
                item.attempts += 1 if status == "delivered" else 0
                item.last_error = None
                n += 1
        return n

    return work


IN_FLIGHT = "delivery in flight (if the process stopped during it, the next attempt reads back first)"


def outbox_in_flight(item_id: int) -> Callable[[Session], None]:
    """Mark an item whose delivery is about to be attempted (kept if the process dies during it)."""

    def work(session: Session) -> None:
        item = session.get(OutboxItem, item_id)
        if item is not None and item.status == "pending":
            item.last_error = IN_FLIGHT

    return work


def outbox_attempt_failed(item_id: int, error: str, *, retry_in_s: float | None) -> Callable[[Session], None]:
    """Record a failed delivery: retry after ``retry_in_s``, or give up (``None``: status ``failed``)."""

    def work(session: Session) -> None:
        item = session.get(OutboxItem, item_id)
        if item is None or item.status != "pending":
            return
        item.attempts += 1
        item.last_error = error[:2000]
        if retry_in_s is None:
            item.status = "failed"
        else:
            item.next_attempt_at = utcnow() + timedelta(seconds=retry_in_s)

    return work
