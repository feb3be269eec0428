"""Reads the desk needs (run them off the event loop): open conversations and their turns.

Kept here, Qt-free, so the headless server and tests can use the same queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assist.storage.models import (
    Conversation,
    ConversationContact,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    OutboxItem,
)


@dataclass(frozen=True, slots=True)
class StoredTurn:
    message_pk: int
    role: str
    text: str
    ts: datetime | None


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    conversation_id: str
    customer_id: str | None
    lang: str | None
    status: str
    last_message_at: datetime | None
    turns: tuple[StoredTurn, ...]
    top_intent: str | None
    out_of_scope: bool
    awaiting_reply: bool  # the newest turn is the customer's
    email: str | None = None  # the help desk's contact e-mail (Chatwoot), for the customer panel


def open_conversations(session: Session, *, limit: int = 50, turns: int = 30) -> list[ConversationSummary]:
    """The newest open conversations, each with its last turns, oldest turn first."""
    convs = session.scalars(
        select(Conversation)
        .where(Conversation.status == "open")
        .order_by(Conversation.last_message_at.desc())
        .limit(limit)
    ).all()
    out = []
    for conv in reversed(convs):
        rows = session.scalars(
            select(Message).where(Message.conversation_id == conv.id).order_by(Message.id.desc()).limit(turns)
        ).all()
        stored = tuple(StoredTurn(m.id, m.role, m.text, m.ts) for m in reversed(rows))
        last_customer = next((t for t in reversed(stored) if t.role == "customer"), None)
        pred = None
        corrected: str | None = None  # the agent's correction wins over the model's guess
        if last_customer is not None:
            pred = session.scalars(
                select(IntentPredictionRow)
                .where(IntentPredictionRow.message_id == last_customer.message_pk)
                .order_by(IntentPredictionRow.id.desc())
                .limit(1)
            ).first()
            corrected = session.scalars(
                select(IntentCorrection.to_label)
                .where(IntentCorrection.message_id == last_customer.message_pk)
                .order_by(IntentCorrection.id.desc())
                .limit(1)
            ).first()
        contact = session.get(ConversationContact, conv.id)
        out.append(
            ConversationSummary(
                conversation_id=conv.id,
                customer_id=conv.customer_id,
                lang=conv.lang,
                status=conv.status,
                last_message_at=conv.last_message_at,
                turns=stored,
                top_intent=corrected or (pred.top_label if pred is not None else None),
                out_of_scope=bool(pred.out_of_scope) and corrected is None if pred is not None else False,
                awaiting_reply=bool(stored) and stored[-1].role == "customer",
                email=contact.email if contact is not None else None,
            )
        )
    return out


def conversation_turns(session: Session, conversation_id: str, *, limit: int = 200) -> list[StoredTurn]:
    rows = session.scalars(
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.id.desc())
        .limit(limit)
    ).all()
    return [StoredTurn(m.id, m.role, m.text, m.ts) for m in reversed(rows)]


def outbox_backlog(session: Session) -> tuple[int, str | None]:
    """Replies not yet delivered, and the newest delivery error among them."""
    pending = session.scalar(
        select(func.count()).select_from(OutboxItem).where(OutboxItem.status == "pending")
    )
    error = session.scalar(
        select(OutboxItem.last_error)
        .where(OutboxItem.status == "pending", OutboxItem.last_error.is_not(None))
        .order_by(OutboxItem.id.desc())
        .limit(1)
    )
    return int(pending or 0), error
