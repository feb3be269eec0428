"""The database schema (SQLAlchemy 2.0 typed models).

Every table the desk, the console and the learning loop share lives here. Times are
UTC. JSON columns hold rankings, metrics and free-form details. Schema changes go
through Alembic (``assist/storage/migrations``).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from assist.core.types import utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    PostgreSQL keeps the zone; SQLite stores naive text, so values are normalised to UTC
    on the way in and marked UTC on the way out. Code can then compare any stored time
    with ``utcnow()`` without caring which database it came from.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def pair_hash(dataset: str, customer_text: str, agent_text: str) -> str:
    """The identity of a reply pair within a dataset (a full-text unique index would not
    fit PostgreSQL's btree row limit for long replies)."""
    return hashlib.sha256("\x1f".join((dataset, customer_text, agent_text)).encode("utf-8")).hexdigest()


def _pair_hash_default(context: Any) -> str:
    p = context.get_current_parameters()
    return pair_hash(p["dataset"], p["customer_text"], p["agent_text"])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


def _now() -> datetime:
    return utcnow()


class Agent(Base):
    __tablename__ = "agents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class Conversation(Base):
    __tablename__ = "conversations"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)  # the platform's conversation_id
    customer_id: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(100))
    lang: Mapped[str | None] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(40), default="ingest")  # ingest | replay | import | simulate
    ab_arm: Mapped[str | None] = mapped_column(String(40))  # model version assigned by an A/B split
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    messages: Mapped[list[Message]] = relationship(back_populates="conversation", order_by="Message.id")


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_ts", "conversation_id", "ts"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)  # message_id (idempotency)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))  # customer | agent
    text: Mapped[str] = mapped_column(Text)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    ts: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class IntentPredictionRow(Base):
    __tablename__ = "intent_predictions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    model_version: Mapped[str] = mapped_column(String(200))
    ranking: Mapped[list[Any]] = mapped_column(JSON)  # [[label, probability], ...] full, sorted
    top_label: Mapped[str] = mapped_column(String(200), index=True)
    top_probability: Mapped[float] = mapped_column(Float)
    out_of_scope: Mapped[bool] = mapped_column(Boolean, default=False)
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class Suggestion(Base):
    """A draft shown to the agent."""

    __tablename__ = "suggestions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # library | retrieved | generated
    rank: Mapped[int] = mapped_column(Integer)
    model_version: Mapped[str] = mapped_column(String(200))
    intent: Mapped[str | None] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class AgentAction(Base):
    """One step an agent took: inserted, edited, sent, dismissed, regenerated, ignored."""

    __tablename__ = "agent_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestions.id", ondelete="SET NULL"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    text: Mapped[str | None] = mapped_column(Text)  # final text for sent/edited
    edit_distance: Mapped[int | None] = mapped_column(Integer)  # chars from the inserted suggestion
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now, index=True)


class IntentCorrection(Base):
    __tablename__ = "intent_corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    prediction_id: Mapped[int | None] = mapped_column(ForeignKey("intent_predictions.id", ondelete="SET NULL"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    from_label: Mapped[str | None] = mapped_column(String(200))
    to_label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class ModelVersion(Base):
    __tablename__ = "model_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # intent | drafts
    version: Mapped[str] = mapped_column(String(200), unique=True)
    path: Mapped[str] = mapped_column(Text)
    parent_version: Mapped[str | None] = mapped_column(String(200))
    data_hash: Mapped[str | None] = mapped_column(String(80))
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="candidate")  # candidate | active | retired
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TrainingRun(Base):
    __tablename__ = "training_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # running | done | failed | cancelled | refused (not enough data) | paused (first run, resumes)
    status: Mapped[str] = mapped_column(String(20), default="running")
    progress: Mapped[float | None] = mapped_column(Float)  # 0..1, updated every few seconds while running
    message: Mapped[str | None] = mapped_column(Text)  # the latest progress message
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    candidate_version: Mapped[str | None] = mapped_column(String(200))
    log_path: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """One learning-loop action: train, evaluate, promote, roll back, A/B start/stop, fallback."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str | None] = mapped_column(String(20))  # intent | drafts
    actor: Mapped[str | None] = mapped_column(String(200))
    from_version: Mapped[str | None] = mapped_column(String(200))
    to_version: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(40), default="done")  # done | refused | failed | paused
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now, index=True)


class HeldoutConversation(Base):
    """A logged conversation set aside, once and for good, for the evaluation sets (never trained on)."""

    __tablename__ = "heldout_conversations"
    conversation_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class OutboxItem(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | delivered
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Utterance(Base):
    """An imported intent example (``assist data import --kind utterances``)."""

    __tablename__ = "utterances"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(200), index=True)
    lang: Mapped[str | None] = mapped_column(String(20))
    dataset: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class ReplyPair(Base):
    """A (customer message, agent reply) pair: the reply library and imported pairs."""

    __tablename__ = "reply_pairs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_text: Mapped[str] = mapped_column(Text)
    agent_text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(200), index=True)
    lang: Mapped[str | None] = mapped_column(String(20))
    dataset: Mapped[str] = mapped_column(String(200))
    pair_hash: Mapped[str] = mapped_column(String(64), unique=True, default=_pair_hash_default)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class ConversationContact(Base):
    """Who the customer of a conversation is, as the help desk knows them (name, e-mail)."""

    __tablename__ = "conversation_contacts"
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    external_id: Mapped[str | None] = mapped_column(String(200))  # e.g. "chatwoot:1:contact:42"
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)


class CsatResponse(Base):
    """A customer's satisfaction answer (1-5) for a conversation; a resubmission updates it."""

    __tablename__ = "csat_responses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(200), unique=True)  # the survey message's id
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(40), default="chatwoot")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=_now)
