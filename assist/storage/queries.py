"""Read helpers for the desk and the console: the queue, a conversation's history, the outbox.

Reads run in a short session from any thread (``with database.read() as s:``); nothing
here writes. Each helper issues a handful of set-based queries whatever the number of
conversations, so refreshing the queue stays cheap with thousands of messages. Times come
back as aware UTC datetimes on every database (SQLite hands back naive ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from assist.core.text import preview
from assist.core.types import IntentPrediction, IntentScore, Role
from assist.storage.events import as_utc
from assist.storage.models import Conversation, IntentCorrection, IntentPredictionRow, Message, OutboxItem

PREVIEW_CHARS = 80


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the desk's queue."""

    conversation_id: str
    customer_id: str | None
    unread: int  # customer messages after the last agent message
    waiting_since: datetime | None  # the first unread customer message; None when nothing waits
    last_message_at: datetime
    last_preview: str  # plain text, one line, at most PREVIEW_CHARS
    last_role: str | None  # customer | agent; None for a conversation without messages
    top_intent: str | None  # of the last customer message (the agent's correction when there is one)
    out_of_scope: bool  # the model's "unsure" verdict for that message
    corrected: bool  # top_intent comes from an agent correction
    lang: str | None
    status: str


@dataclass(frozen=True, slots=True)
class HistoryItem:
    message_pk: int
    role: str
    text: str
    ts: datetime


@dataclass(frozen=True, slots=True)
class StoredPrediction:
    """A logged prediction with its row id (needed to log a correction against it)."""

    id: int
    message_pk: int
    prediction: IntentPrediction
    created_at: datetime

    @property
    def top(self) -> IntentScore:
        return self.prediction.top

    @property
    def out_of_scope(self) -> bool:
        return self.prediction.out_of_scope

    @property
    def model_version(self) -> str:
        return self.prediction.model_version


def queue_rows(session: Session, limit: int = 200, *, include_closed: bool = False) -> list[QueueRow]:
    """The ``limit`` most recently active conversations: waiting ones first (longest wait
    first), then the rest by latest activity."""
    conv_q = select(Conversation).order_by(Conversation.last_message_at.desc(), Conversation.id).limit(limit)
    if not include_closed:
        conv_q = conv_q.where(Conversation.status == "open")
    convs = list(session.scalars(conv_q))
    if not convs:
        return []
    ids = [c.id for c in convs]

    agg = (
        select(
            Message.conversation_id.label("cid"),
            func.max(Message.id).label("last_id"),
            func.max(case((Message.role == Role.AGENT.value, Message.id))).label("last_agent"),
            func.max(case((Message.role == Role.CUSTOMER.value, Message.id))).label("last_customer"),
        )
        .where(Message.conversation_id.in_(ids))
        .group_by(Message.conversation_id)
        .subquery()
    )
    per_conv = {r.cid: r for r in session.execute(select(agg))}

    unread_q = (
        select(Message.conversation_id, func.count(), func.min(Message.ts))
        .join(agg, agg.c.cid == Message.conversation_id)
        .where(and_(Message.role == Role.CUSTOMER.value, Message.id > func.coalesce(agg.c.last_agent, 0)))
        .group_by(Message.conversation_id)
    )
    unread = {cid: (int(n), ts) for cid, n, ts in session.execute(unread_q)}

    last_ids = [r.last_id for r in per_conv.values()]
    last_msgs = {
        m.id: m
        for m in session.execute(
            select(Message.id, Message.text, Message.role).where(Message.id.in_(last_ids))
        )
    }
    customer_ids = [r.last_customer for r in per_conv.values() if r.last_customer is not None]
    intents = _latest_intents(session, customer_ids)

    rows: list[QueueRow] = []
    for conv in convs:
        agg_row = per_conv.get(conv.id)
        last = last_msgs.get(agg_row.last_id) if agg_row else None
        n_unread, waiting = unread.get(conv.id, (0, None))
        intent = intents.get(agg_row.last_customer) if agg_row and agg_row.last_customer else None
        rows.append(
            QueueRow(
                conversation_id=conv.id,
                customer_id=conv.customer_id,
                unread=n_unread,
                waiting_since=as_utc(waiting) if waiting is not None else None,
                last_message_at=as_utc(conv.last_message_at),
                last_preview=preview(last.text, PREVIEW_CHARS) if last else "",
                last_role=last.role if last else None,
                top_intent=intent[0] if intent else None,
                out_of_scope=intent[1] if intent else False,
                corrected=intent[2] if intent else False,
                lang=conv.lang,
                status=conv.status,
            )
        )
    waiting_rows = sorted((r for r in rows if r.unread), key=lambda r: r.waiting_since or r.last_message_at)
    idle_rows = [r for r in rows if not r.unread]
    return waiting_rows + idle_rows


def _latest_intents(session: Session, message_pks: Sequence[int]) -> dict[int, tuple[str, bool, bool]]:
    """message pk -> (label, out_of_scope, corrected) from the latest prediction or correction."""
    if not message_pks:
        return {}
    latest_pred = (
        select(func.max(IntentPredictionRow.id))
        .where(IntentPredictionRow.message_id.in_(message_pks))
        .group_by(IntentPredictionRow.message_id)
    )
    out: dict[int, tuple[str, bool, bool]] = {
        mid: (label, bool(oos), False)
        for mid, label, oos in session.execute(
            select(
                IntentPredictionRow.message_id,
                IntentPredictionRow.top_label,
                IntentPredictionRow.out_of_scope,
            ).where(IntentPredictionRow.id.in_(latest_pred))
        )
    }
    latest_fix = (
        select(func.max(IntentCorrection.id))
        .where(IntentCorrection.message_id.in_(message_pks))
        .group_by(IntentCorrection.message_id)
    )
    for mid, label in session.execute(
        select(IntentCorrection.message_id, IntentCorrection.to_label).where(
            IntentCorrection.id.in_(latest_fix)
        )
    ):
        out[mid] = (label, False, True)
    return out


def history(session: Session, conversation_id: str, limit: int = 50) -> list[HistoryItem]:
    """The last ``limit`` messages of a conversation, oldest first."""
    q = (
        select(Message.id, Message.role, Message.text, Message.ts)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.id.desc())
        .limit(limit)
    )
    items = [HistoryItem(mid, role, text, as_utc(ts)) for mid, role, text, ts in session.execute(q)]
    items.reverse()
    return items


def outbox_backlog(session: Session) -> int:
    """Replies written to the outbox and not yet delivered."""
    return int(
        session.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.status == "pending"))
        or 0
    )


def latest_prediction(session: Session, message_pk: int) -> StoredPrediction | None:
    """The most recent prediction logged for a message, rebuilt as an :class:`IntentPrediction`."""
    row = session.scalars(
        select(IntentPredictionRow)
        .where(IntentPredictionRow.message_id == message_pk)
        .order_by(IntentPredictionRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    ranking = tuple(IntentScore(str(label), float(p)) for label, p in row.ranking)
    prediction = IntentPrediction(ranking, bool(row.out_of_scope), row.model_version, float(row.latency_ms))
    return StoredPrediction(row.id, row.message_id, prediction, as_utc(row.created_at))
