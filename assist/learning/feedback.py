"""Agents' thumbs up / down on drafts: the console's figures and the training data's negatives.

The desk logs each rating as a ``feedback`` agent action on the suggestion it rates, with
``details = {"rating": "up" | "down", "reason": <one of REASONS> | None}``. An agent may rate
the same draft again: the latest rating of a suggestion is the one that counts.

A draft rated down for **wrong facts** is a negative example: it is exported as such
(``negatives.*.jsonl``), and a reply that sent it unchanged is no reply pair to learn from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from assist.core.redact import find_pii, redact
from assist.core.text import guess_lang
from assist.learning.analytics import in_period, message_intent
from assist.learning.tables import ALL_TIME, Period, Table
from assist.storage.models import AgentAction, Conversation, Message, Suggestion

RATINGS = ("up", "down")
REASONS = ("wrong_intent", "wrong_facts", "wrong_tone", "wrong_language", "too_long")
NEGATIVE_REASON = "wrong_facts"
FEEDBACK_COLUMNS = ("source", "rated", "thumbs_up", "thumbs_down", *REASONS)


@dataclass(frozen=True, slots=True)
class Rating:
    suggestion_id: int
    conversation_id: str
    source: str
    rating: str
    reason: str | None


def latest_ratings(session: Session, period: Period = ALL_TIME) -> list[Rating]:
    """The latest rating of each rated suggestion in ``period`` (oldest first)."""
    rows = session.execute(
        select(AgentAction.suggestion_id, AgentAction.conversation_id, Suggestion.source, AgentAction.details)
        .join(Suggestion, Suggestion.id == AgentAction.suggestion_id)
        .where(AgentAction.kind == "feedback", *in_period(AgentAction.created_at, period))
        .order_by(AgentAction.id)
    ).all()
    latest: dict[int, Rating] = {}
    for sid, conv, source, details in rows:
        info: dict[str, Any] = details or {}
        rating = info.get("rating")
        if rating not in RATINGS:
            continue
        reason = info.get("reason") if rating == "down" and info.get("reason") in REASONS else None
        latest.pop(sid, None)  # re-insert: dict order follows the latest rating
        latest[sid] = Rating(sid, conv, str(source), str(rating), reason)
    return list(latest.values())


def feedback_table(session: Session, period: Period = ALL_TIME) -> Table:
    """Ratings by draft source (plus an "all" row): how many rated, up, down, and why down."""
    ratings = latest_ratings(session, period)
    table = Table("feedback", FEEDBACK_COLUMNS)
    sources = sorted({r.source for r in ratings})
    for key in ([*sources, "all"] if ratings else []):
        mine = [r for r in ratings if key in ("all", r.source)]
        down = [r for r in mine if r.rating == "down"]
        cells: dict[str, list[Rating]] = {
            "rated": mine,
            "thumbs_up": [r for r in mine if r.rating == "up"],
            "thumbs_down": down,
            **{reason: [r for r in down if r.reason == reason] for reason in REASONS},
        }
        row = len(table.rows)
        table.rows.append((key, *(len(cells[c]) for c in FEEDBACK_COLUMNS[1:])))
        for column, which in cells.items():
            if which:
                table.examples[(row, column)] = tuple(dict.fromkeys(r.conversation_id for r in which))[:20]
    return table


def negative_suggestion_ids(session: Session, period: Period = ALL_TIME) -> set[int]:
    return {r.suggestion_id for r in latest_ratings(session, period) if r.reason == NEGATIVE_REASON}


@dataclass(frozen=True, slots=True)
class NegativeExample:
    customer: str
    draft: str  # what not to write
    reason: str
    intent: str | None
    lang: str | None
    conversation_id: str  # grouped and hashed by the exporter


def negative_examples(session: Session, period: Period = ALL_TIME) -> list[NegativeExample]:
    """Drafts rated down for wrong facts, with the customer message they answered (redacted)."""
    ids = negative_suggestion_ids(session, period)
    if not ids:
        return []
    customer = aliased(Message)
    rows = session.execute(
        select(
            Suggestion.id,
            customer.text,
            Suggestion.text,
            message_intent(Suggestion.message_id),
            Conversation.lang,
            Conversation.id,
        )
        .join(customer, customer.id == Suggestion.message_id)
        .join(Conversation, Conversation.id == customer.conversation_id)
        .where(Suggestion.id.in_(sorted(ids)))
        .order_by(Suggestion.id)
    ).all()
    out = []
    for _sid, cust, draft, intent, lang, conv in rows:
        known = find_pii(cust)
        out.append(
            NegativeExample(
                redact(cust, known), redact(draft, known), NEGATIVE_REASON, intent, lang or guess_lang(cust), conv
            )
        )
    return out
