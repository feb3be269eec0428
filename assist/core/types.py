"""The value types that travel between sources, engines, storage and the UI."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


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


@dataclass(frozen=True, slots=True)
class DraftRequest:
    """Everything a draft engine may condition on."""

    conversation_id: str
    message_text: str
    history: tuple[Turn, ...] = ()
    intent: str | None = None
    lang: str | None = None
    k: int = 3
    known: tuple[tuple[str, str], ...] = ()  # slot values from the customer record, e.g. ("customer", "Maya")


@dataclass(frozen=True, slots=True)
class DraftSet:
    """A snapshot of the drafts for one request; ``final`` once nothing more streams."""

    drafts: tuple[Draft, ...]
    final: bool = False
    error: str | None = None  # e.g. "generator unavailable: <why>" (retrieved drafts still served)
