"""A hand-planned desk history written through the real storage events, with its known answer.

``plan_messages(seed)`` decides, message by message, what the model predicted, which drafts
were shown and what the agent did. ``build(database, plan)`` writes it through the real
single writer and ``assist.storage.events``. ``expected_funnel(plan, key)`` computes the
funnel from the *plan* alone (never from the database), so a test that compares it with
``assist.learning.analytics`` checks the SQL against an independent answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from assist.core.types import Draft, DraftSource, IncomingMessage, IntentPrediction, IntentScore, utcnow
from assist.storage import events
from assist.storage.events import ActionKind
from assist.storage.models import AgentAction, IntentCorrection, IntentPredictionRow, Message, Suggestion

INTENTS = ("track_order", "cancel_order", "refund")
AGENTS = ("alice", "bob")
VERSIONS = ("drafts-v1", "drafts-v2")
SOURCES = (DraftSource.LIBRARY, DraftSource.RETRIEVED, DraftSource.GENERATED)
DRAFT = "Thank you for reaching out about your order; we are checking it right now for you."


@dataclass
class Planned:
    conversation_id: str
    message_id: str
    text: str
    days_ago: int
    agent: str
    predicted: str
    probability: float
    corrected: str | None
    version: str
    action: str  # as_is | light_edit | heavy_edit | typed
    rank: int | None  # the inserted draft's rank
    dismissed: tuple[int, ...] = ()
    ignored: bool = False  # logged an ``ignored`` action (only for typed)
    sent_text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def intent(self) -> str:
        return self.corrected or self.predicted


def plan_messages(seed: int = 7, n: int = 40) -> list[Planned]:
    rng = random.Random(seed)
    out: list[Planned] = []
    for i in range(n):
        conv = f"conv-{i // 2:03d}"  # two customer messages per conversation
        predicted = rng.choice(INTENTS)
        corrected = rng.choice([x for x in INTENTS if x != predicted]) if rng.random() < 0.25 else None
        action = rng.choice(["as_is", "as_is", "light_edit", "heavy_edit", "typed"])
        rank = rng.randrange(3) if action != "typed" else None
        if action == "as_is":
            sent = DRAFT
        elif action == "light_edit":
            sent = DRAFT[:-10] + "for you :)"  # distance well under 30% of the draft
        elif action == "heavy_edit":
            sent = "Sorry, please wait."
        else:
            sent = "Let me look into that myself."
        text = f"<b>order</b> question {i}" if i % 5 == 0 else f"Where is my parcel {i}?"
        out.append(
            Planned(
                conversation_id=conv,
                message_id=f"m-{i:03d}",
                text=text,
                days_ago=(i // 2) % 3,
                agent=AGENTS[(i // 2) % 2],
                predicted=predicted,
                probability=rng.choice([0.3, 0.45, 0.7, 0.92]),
                corrected=corrected,
                version=VERSIONS[(i // 2) % 2],
                action=action,
                rank=rank,
                dismissed=tuple(r for r in range(3) if r != rank and rng.random() < 0.2),
                ignored=action == "typed" and rng.random() < 0.7,
                sent_text=sent,
            )
        )
    return out


def build(database: Any, plan: list[Planned]) -> None:
    w = database.writer
    base = utcnow()
    for p in plan:
        ts = base - timedelta(days=p.days_ago)
        stored = w.write(
            events.ingest_message(
                IncomingMessage(p.message_id, p.conversation_id, p.text, ts=ts), source="replay"
            )
        )
        pk = stored.message_pk
        ranking = (
            IntentScore(p.predicted, p.probability),
            *tuple(IntentScore(x, (1 - p.probability) / 2) for x in INTENTS if x != p.predicted),
        )
        pred_id = w.write(
            events.log_prediction(pk, IntentPrediction(ranking, False, "intent-v1", latency_ms=12.0))
        )
        drafts = [
            Draft(
                DRAFT,
                SOURCES[r],
                p.version,
                rank=r,
                latency_ms=100.0 + 10 * r + (50 if p.version == VERSIONS[1] else 0),
            )
            for r in range(3)
        ]
        sids = w.write(
            events.log_suggestions(pk, p.conversation_id, drafts, intent=p.predicted, agent_name=p.agent)
        )
        if p.corrected:
            w.write(
                events.log_correction(
                    pk,
                    to_label=p.corrected,
                    from_label=p.predicted,
                    agent_name=p.agent,
                    prediction_id=pred_id,
                )
            )
        for r in p.dismissed:
            w.write(
                events.log_action(
                    ActionKind.DISMISSED,
                    conversation_id=p.conversation_id,
                    agent_name=p.agent,
                    message_pk=pk,
                    suggestion_id=sids[r],
                )
            )
        if p.rank is not None:
            w.write(
                events.log_action(
                    ActionKind.INSERTED,
                    conversation_id=p.conversation_id,
                    agent_name=p.agent,
                    message_pk=pk,
                    suggestion_id=sids[p.rank],
                )
            )
            w.write(
                events.send_reply(
                    p.conversation_id,
                    p.sent_text,
                    agent_name=p.agent,
                    reply_to_pk=pk,
                    suggestion_id=sids[p.rank],
                    inserted_text=DRAFT,
                )
            )
        else:
            if p.ignored:
                w.write(
                    events.log_action(
                        ActionKind.IGNORED,
                        conversation_id=p.conversation_id,
                        agent_name=p.agent,
                        message_pk=pk,
                    )
                )
            w.write(events.send_reply(p.conversation_id, p.sent_text, agent_name=p.agent, reply_to_pk=pk))
        if p.days_ago:
            delta = timedelta(days=p.days_ago)

            def shift(session: Any, pk: int = pk, delta: timedelta = delta) -> None:
                # ORM objects, not SQL arithmetic: SQLite stores timestamps as text
                rows: list[Any] = [session.get(Message, pk)]
                for model in (Suggestion, IntentPredictionRow, IntentCorrection, AgentAction):
                    rows.extend(session.scalars(select(model).where(model.message_id == pk)))
                for row in rows:
                    row.created_at = row.created_at - delta

            w.write(shift)


def dimension_value(p: Planned, dimension: str | None, rank: int | None = None) -> str:
    if dimension is None:
        return "all"
    if dimension == "intent":
        return p.intent
    if dimension == "agent":
        return p.agent
    if dimension == "model_version":
        return p.version
    if dimension == "day":
        return (utcnow() - timedelta(days=p.days_ago)).date().isoformat()
    if dimension == "source":
        return "typed" if rank is None else SOURCES[rank].value
    if dimension == "rank":
        return "typed" if rank is None else str(rank)
    raise ValueError(dimension)


def expected_funnel(plan: list[Planned], dimension: str | None) -> dict[str, dict[str, Any]]:
    """The funnel per dimension value, from the plan alone."""
    out: dict[str, dict[str, Any]] = {}

    def row(key: str) -> dict[str, Any]:
        return out.setdefault(
            key,
            {
                k: 0
                for k in (
                    "drafts_shown",
                    "inserted",
                    "dismissed",
                    "sent",
                    "sent_as_is",
                    "sent_light_edit",
                    "sent_heavy_edit",
                    "sent_typed",
                    "ignored",
                )
            },
        )

    for p in plan:
        for r in range(3):  # three drafts shown per message
            d = row(dimension_value(p, dimension, r))
            d["drafts_shown"] += 1
            d["inserted"] += int(p.rank == r)
            d["dismissed"] += int(r in p.dismissed)
        d = row(dimension_value(p, dimension, p.rank))
        d["sent"] += 1
        d["sent_" + p.action] += 1
        if p.ignored and dimension not in ("source", "rank"):
            d["ignored"] += 1
    for d in out.values():
        d["acceptance_rate"] = (d["sent"] - d["sent_typed"]) / d["sent"] if d["sent"] else float("nan")
    return out
