"""The value types that travel between sources, engines, storage and the UI."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any


def utcnow() -> datetime:
    return datetime.now(UTC)


def message_time(value: Any) -> datetime | None:
    """A message's time as a source sends it: ISO 8601 (``Z`` or an offset; naive means UTC) or
    Unix seconds, in UTC. None when it cannot be read or is out of range (before 2000, or more
    than a year ahead: it would pin the conversation's last activity there)."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            ts = datetime.fromtimestamp(float(value), UTC)
        elif isinstance(value, str):
            ts = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            ts = ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    if ts.year < 2000 or ts > utcnow() + timedelta(days=366):
        return None
    return ts


class Role(enum.StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """A customer message as it arrives from the webhook, a replay or an import."""

    message_id: str
    conversation_id: str
    text: str
    customer_id: str | None = None
    channel: str | None = None
    lang: str | None = None
    ts: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of a conversation, as the engines see history."""

    role: Role
    text: str


@dataclass(frozen=True, slots=True)
class IntentScore:
    label: str
    probability: float


@dataclass(frozen=True, slots=True)
class IntentPrediction:
    """The full calibrated ranking for one message (sorted, most likely first).

    Probabilities are the calibrated softmax over the known intents; they are not
    renormalised over the top few. ``out_of_scope`` is the saved OOS rule's verdict.
    """

    ranking: tuple[IntentScore, ...]
    out_of_scope: bool
    model_version: str
    latency_ms: float = 0.0

    @property
    def top(self) -> IntentScore:
        return self.ranking[0]

    def top_k(self, k: int = 3) -> tuple[IntentScore, ...]:
        return self.ranking[:k]


class DraftSource(enum.StrEnum):
    LIBRARY = "library"  # the shop's reply library
    RETRIEVED = "retrieved"  # replies agents sent before
    GENERATED = "generated"  # written by the causal LM


@dataclass(frozen=True, slots=True)
class Draft:
    """One reply suggestion as shown to the agent."""

    text: str
    source: DraftSource
    model_version: str
    score: float = 0.0
    rank: int = 0
    unfilled_slots: tuple[str, ...] = ()
    reference_id: str | None = None  # library template id or source message id
    complete: bool = True  # False while a generated draft is still streaming
    latency_ms: float = 0.0
    # facts a generated draft states that neither the conversation nor its references state
    unsupported_facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftRequest:
    """Everything a draft engine may condition on."""

    conversation_id: str
    message_text: str
    history: tuple[Turn, ...] = ()
    intent: str | None = None
    lang: str | None = None
    k: int = 3
    # what the help desk knows about the customer, for slot filling: ("name", ...), ("email", ...)
    known: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DraftSet:
    """A snapshot of the drafts for one request; ``final`` once nothing more streams."""

    drafts: tuple[Draft, ...]
    final: bool = False
    error: str | None = None  # e.g. "generator unavailable: <why>" (retrieved drafts still served)
