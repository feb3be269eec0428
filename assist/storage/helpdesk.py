"""Units of work for conversations mirrored from a help desk (Chatwoot): who the customer is,
replies agents wrote in the desk's own UI, status changes, CSAT answers, delivered replies.

Like :mod:`assist.storage.events`, each function returns ``fn(session)`` for
``Database.writer.submit``; the values come from :mod:`assist.sources.chatwoot_payload`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.core.text import clean_text
from assist.core.types import IncomingMessage, Role, utcnow
from assist.storage import events
from assist.storage.events import ActionKind, IngestResult, agent_id, as_utc
from assist.storage.models import (
    AgentAction,
    Conversation,
    ConversationContact,
    CsatResponse,
    Message,
    OutboxItem,
)

ECHO_CANDIDATES = 200  # our replies in a conversation not yet linked to the help desk's id


@dataclass(frozen=True, slots=True)
class ContactValues:
    external_id: str | None
    name: str | None
    email: str | None


class ReplyOutcome(enum.StrEnum):
    STORED = "stored"  # a reply an agent wrote in the help desk
    DUPLICATE = "duplicate"  # this message id was stored before
    ECHO = "echo"  # the help desk telling us about a reply Assist sent


def _keep_contact(session: Session, conversation_id: str, contact: ContactValues | None) -> None:
    if contact is None or not (contact.name or contact.email or contact.external_id):
        return
    row = session.get(ConversationContact, conversation_id)
    if row is None:
        row = ConversationContact(conversation_id=conversation_id)
        session.add(row)
    row.external_id = contact.external_id or row.external_id
    row.name = contact.name or row.name
    row.email = contact.email or row.email
    row.updated_at = utcnow()


def store_customer_message(
    msg: IncomingMessage, contact: ContactValues | None, *, source: str
) -> Callable[[Session], IngestResult]:
    """``events.ingest_message`` (idempotent by ``msg.message_id``) and the contact, in one transaction."""
    ingest = events.ingest_message(msg, source=source)

    def work(session: Session) -> IngestResult:
        result = ingest(session)
        if result.conversation_id == msg.conversation_id:
            _keep_contact(session, msg.conversation_id, contact)
            session.flush()
        return result

    return work


def _ensure_conversation(
    session: Session, conversation_id: str, *, customer: str | None, channel: str, source: str, ts: datetime
) -> Conversation:
    conv = session.get(Conversation, conversation_id)
    if conv is None:
        conv = Conversation(
            id=conversation_id,
            customer_id=customer,
            channel=channel,
            source=source,
            created_at=ts,
            last_message_at=ts,
        )
        session.add(conv)
        session.flush()
    return conv


def store_agent_reply(
    conversation_id: str,
    *,
    external_id: str,
    text: str,
    agent_name: str,
    ts: datetime,
    contact: ContactValues | None,
    channel: str,
) -> Callable[[Session], ReplyOutcome]:
    """A reply written inside the help desk, stored as the agent's message with a ``sent`` action
    (a typed reply answering the conversation's latest customer message), so analytics and the
    learning loop see it. A reply Assist itself sent comes back the same way: it is recognised
    (same conversation and text as one of our replies not yet matched) and only linked."""
    ts = as_utc(ts)

    def work(session: Session) -> ReplyOutcome:
        if session.scalar(select(Message.id).where(Message.external_id == external_id)) is not None:
            return ReplyOutcome.DUPLICATE
        # the help desk echoes the text we sent; ``text`` was cleaned (NFC, no invisible
        # controls, trimmed) on the way in, so our replies are compared cleaned the same way
        ours = next(
            (
                row
                for row in session.execute(
                    select(Message, OutboxItem)
                    .join(OutboxItem, OutboxItem.message_id == Message.id)
                    .where(
                        Message.conversation_id == conversation_id,
                        Message.role == Role.AGENT.value,
                        Message.external_id.is_(None),
                        OutboxItem.status.in_(("pending", "delivered")),
                    )
                    .order_by(Message.id)
                    .limit(ECHO_CANDIDATES)
                ).all()
                if clean_text(row[0].text).strip() == text
            ),
            None,
        )
        if ours is not None:
            message, item = ours
            message.external_id = external_id
            if item.status != "delivered":  # the answer to our POST was lost: it did arrive
                item.status = "delivered"
                item.delivered_at = utcnow()
                item.last_error = None
            return ReplyOutcome.ECHO
        customer = contact.name or contact.email if contact is not None else None
        conv = _ensure_conversation(
            session, conversation_id, customer=customer, channel=channel, source=channel, ts=ts
        )
        _keep_contact(session, conversation_id, contact)
        aid = agent_id(session, agent_name)
        row = Message(
            external_id=external_id,
            conversation_id=conversation_id,
            role=Role.AGENT.value,
            text=text,
            agent_id=aid,
            ts=ts,
        )
        session.add(row)
        session.flush()
        answered = session.scalar(
            select(Message.id)
            .where(Message.conversation_id == conversation_id, Message.role == Role.CUSTOMER.value)
            .order_by(Message.id.desc())
            .limit(1)
        )
        session.add(
            AgentAction(
                kind=ActionKind.SENT.value,
                conversation_id=conversation_id,
                agent_id=aid,
                message_id=answered,
                text=text,
                details={"reply_message_pk": row.id, "written_in": channel},
            )
        )
        if as_utc(conv.last_message_at) < ts:
            conv.last_message_at = ts
        session.flush()
        return ReplyOutcome.STORED

    return work


def set_conversation_status(conversation_id: str, status: str) -> Callable[[Session], bool]:
    """``resolved`` marks the conversation handled (closed); ``open`` reopens it. False: unknown."""

    def work(session: Session) -> bool:
        conv = session.get(Conversation, conversation_id)
        if conv is None:
            return False
        if status == "resolved" and conv.status != "closed":
            conv.status = "closed"
            conv.closed_at = utcnow()
            session.add(
                AgentAction(
                    kind=ActionKind.CLOSED.value,
                    conversation_id=conversation_id,
                    details={"resolved_in": conv.channel or "help desk"},
                )
            )
        elif status == "open" and conv.status != "open":
            conv.status = "open"
            conv.closed_at = None  # reopened: it is waiting again, not handled
        session.flush()
        return True

    return work


def store_csat(
    conversation_id: str, *, external_id: str, rating: int, feedback: str | None, source: str
) -> Callable[[Session], bool]:
    """Record (or update: a customer may change their answer) a CSAT rating. False: unknown conversation."""

    def work(session: Session) -> bool:
        if session.get(Conversation, conversation_id) is None:
            return False
        row = session.scalar(select(CsatResponse).where(CsatResponse.external_id == external_id))
        if row is None:
            row = CsatResponse(external_id=external_id, conversation_id=conversation_id, source=source)
            session.add(row)
        row.rating, row.feedback, row.updated_at = rating, feedback, utcnow()
        session.flush()
        return True

    return work


def delivered_as(item_id: int, external_id: str | None) -> Callable[[Session], int]:
    """Mark an outbox item delivered and give its message the help desk's id (so the desk's
    echo of that reply is recognised as ours)."""
    mark = events.outbox_delivered([item_id])

    def work(session: Session) -> int:
        done = mark(session)
        item = session.get(OutboxItem, item_id)
        if external_id and item is not None and item.message_id is not None:
            taken = session.scalar(select(Message.id).where(Message.external_id == external_id))
            message = session.get(Message, item.message_id)
            if taken is None and message is not None and message.external_id is None:
                message.external_id = external_id
        return done

    return work
