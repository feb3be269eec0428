"""Units of work the pipeline composes from ``assist.storage.events``.

The agent can insert a draft before the writer has committed the ``suggestions`` rows that
describe it (they may sit in the same batch). So these units resolve the suggestion id inside
the writer's own session at write time, by message, rank and text, instead of waiting on a
future on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.core.types import Role, Turn, utcnow
from assist.storage import events
from assist.storage.events import ActionKind, SentReply
from assist.storage.models import Conversation, ConversationContact, Message, Suggestion


def find_suggestion_id(session: Session, message_pk: int, rank: int, text: str) -> int | None:
    return session.scalar(
        select(Suggestion.id)
        .where(Suggestion.message_id == message_pk, Suggestion.rank == rank, Suggestion.text == text)
        .order_by(Suggestion.id.desc())
        .limit(1)
    )


def action_on_draft(
    kind: ActionKind,
    *,
    conversation_id: str,
    agent_name: str,
    message_pk: int | None,
    rank: int | None,
    draft_text: str | None,
    text: str | None = None,
    edit_distance: int | None = None,
    details: dict[str, Any] | None = None,
) -> Callable[[Session], int]:
    """``log_action`` for an action on a shown draft, with the suggestion id looked up."""

    def work(session: Session) -> int:
        sid = None
        if message_pk is not None and rank is not None and draft_text is not None:
            sid = find_suggestion_id(session, message_pk, rank, draft_text)
        return events.log_action(
            kind,
            conversation_id=conversation_id,
            agent_name=agent_name,
            message_pk=message_pk,
            suggestion_id=sid,
            text=text,
            edit_distance=edit_distance,
            details=details,
        )(session)

    return work


def send_with_draft(
    conversation_id: str,
    text: str,
    *,
    agent_name: str,
    reply_to_pk: int | None,
    suggestion_message_pk: int | None,
    rank: int | None,
    inserted_text: str | None,
    details: dict[str, Any] | None,
) -> Callable[[Session], SentReply]:
    def work(session: Session) -> SentReply:
        sid = None
        if suggestion_message_pk is not None and rank is not None and inserted_text is not None:
            sid = find_suggestion_id(session, suggestion_message_pk, rank, inserted_text)
        return events.send_reply(
            conversation_id,
            text,
            agent_name=agent_name,
            reply_to_pk=reply_to_pk,
            suggestion_id=sid,
            inserted_text=inserted_text,
            details=details,
        )(session)

    return work


def close_conversation(
    conversation_id: str, *, agent_name: str, handling_seconds: float | None
) -> Callable[[Session], int]:
    """Log ``closed`` with the handling time and mark the conversation closed."""

    def work(session: Session) -> int:
        conv = session.get(Conversation, conversation_id)
        if conv is not None:
            conv.status = "closed"
            conv.closed_at = utcnow()
        details = {"handling_seconds": round(handling_seconds, 3)} if handling_seconds is not None else None
        return events.log_action(
            ActionKind.CLOSED, conversation_id=conversation_id, agent_name=agent_name, details=details
        )(session)

    return work


def read_contact(session: Session, conversation_id: str) -> tuple[tuple[str, str], ...]:
    """What the help desk told us about the customer (``("name", ...)``, ``("email", ...)``), for slots."""
    row = session.get(ConversationContact, conversation_id)
    if row is None:
        return ()
    return tuple((kind, value) for kind, value in (("name", row.name), ("email", row.email)) if value)


def read_history(session: Session, conversation_id: str, before_pk: int | None, limit: int) -> list[Turn]:
    """The conversation's last turns before ``before_pk``, oldest first (for a desk restart)."""
    query = select(Message.role, Message.text).where(Message.conversation_id == conversation_id)
    if before_pk is not None:
        query = query.where(Message.id < before_pk)
    rows = session.execute(query.order_by(Message.id.desc()).limit(limit)).all()
    return [
        Turn(Role(role) if role in ("customer", "agent") else Role.CUSTOMER, text)
        for role, text in reversed(rows)
    ]


def correction(
    message_pk: int, *, to_label: str, from_label: str | None, agent_name: str
) -> Callable[[Session], int]:
    """``log_correction`` linked to the newest logged prediction for the message."""
    from assist.storage.models import IntentPredictionRow

    def work(session: Session) -> int:
        pid = session.scalar(
            select(IntentPredictionRow.id)
            .where(IntentPredictionRow.message_id == message_pk)
            .order_by(IntentPredictionRow.id.desc())
            .limit(1)
        )
        return events.log_correction(
            message_pk, to_label=to_label, from_label=from_label, agent_name=agent_name, prediction_id=pid
        )(session)

    return work
