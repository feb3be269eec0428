"""Records read from data files and the demo shop, shared by importers, training and eval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LabelledText:
    """An intent example. ``context`` is the previous customer turn, when known; ``weight``
    scales its share of the training loss (0 leaves it out)."""

    text: str
    label: str
    lang: str | None = None
    context: str | None = None
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class ReplyPairRecord:
    """A customer message and the agent's reply (the source article's turn shape); ``weight``
    scales its share of the training loss (0 leaves it out)."""

    customer: str
    agent: str
    intent: str | None = None
    lang: str | None = None
    conversation_id: str | None = None
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A multi-turn conversation: ``{"conversations": [{"customer", "agent"}, ...]}``."""

    id: str
    turns: tuple[ReplyPairRecord, ...]
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class ReplyTemplate:
    """A reply in the shop's library, with placeholders such as ``{{Order Number}}``/``{订单号}``."""

    id: str
    intent: str
    text: str
    lang: str | None = None
    requires: tuple[str, ...] = ()  # conditions the conversation must show (assist.drafts.conditions)
    claims: tuple[str, ...] = ()  # what it asserts, "subject:value"


def pair_histories(pairs: Sequence[ReplyPairRecord]) -> list[tuple[tuple[str, str], ...]]:
    """The earlier turns (``(role, text)``, oldest first) of each pair's conversation; the pairs of
    one conversation are in order, pairs without a conversation id have none."""
    out: list[tuple[tuple[str, str], ...]] = []
    seen: dict[str, list[tuple[str, str]]] = {}
    for p in pairs:
        if p.conversation_id is None:
            out.append(())
            continue
        turns = seen.setdefault(p.conversation_id, [])
        out.append(tuple(turns))
        turns.extend([("customer", p.customer), ("agent", p.agent)])
    return out
