"""Acceptance analytics: did the drafts help? (Qt-free; reads through a SQLAlchemy session.)

Definitions (the console, the CSV exports and the tests all use these):

* **drafts shown**: ``suggestions`` rows created in the period.
* **inserted**: shown drafts that have at least one ``inserted`` action.
* **sent**: ``sent`` actions in the period (one per reply the agent sent). A sent reply
  *started from a draft* when it carries a ``suggestion_id``; it is then

  - **sent as-is** when its edit distance from the inserted draft is 0,
  - **sent after light edit** when ``edit_distance / len(draft) <= LIGHT_EDIT_MAX`` (0.3),
  - **sent after heavy edit** otherwise;

  a reply without a draft is **typed**. Missing edit distances are recomputed from the
  draft and the sent text.
* **ignored**: ``ignored`` actions (drafts were shown and the agent replied without any).
* **acceptance rate** = sent replies that started from a draft / sent replies.

Each fact is attributed to: the **intent** of the customer message it answers (the
agent's correction when there is one, else the latest prediction, else the draft's
intent), the **agent**, the draft **model version** (for typed replies: the version of
the drafts shown for that message), the draft **source** and **rank** (``typed`` for
typed replies), and the UTC **day**. Facts are read with SQL and grouped in Python,
so every cell can list its example conversations for drill-down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from assist.core.text import edit_distance
from assist.learning.tables import (
    ALL_TIME,
    Period,
    Table,
    add_examples,
    freeze_examples,
    mean_interval,
    ratio,
    utc_day,
    wilson,
)
from assist.storage.models import (
    Agent,
    AgentAction,
    CsatResponse,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    Suggestion,
)

LIGHT_EDIT_MAX = 0.3
NONE = "(none)"
TYPED = "typed"
DIMENSIONS = ("intent", "agent", "model_version", "source", "rank", "day")
FUNNEL_COLUMNS = (
    "drafts_shown",
    "inserted",
    "dismissed",
    "sent",
    "sent_as_is",
    "sent_light_edit",
    "sent_heavy_edit",
    "sent_typed",
    "ignored",
    "acceptance_rate",
)
BUCKETS = ("as_is", "light_edit", "heavy_edit", "typed")


@dataclass(frozen=True, slots=True)
class Fact:
    """One shown draft, sent reply or ignored-drafts event, with its attributes."""

    what: str  # shown | sent | ignored
    conversation_id: str
    day: date
    intent: str
    agent: str
    model_version: str
    source: str
    rank: str
    inserted: bool = False
    dismissed: bool = False
    bucket: str = ""  # for sent: as_is | light_edit | heavy_edit | typed

    def value(self, dimension: str | None) -> str:
        if dimension is None:
            return "all"
        if dimension == "day":
            return self.day.isoformat()
        return str(getattr(self, dimension))


def edit_bucket(distance: int | None, draft_text: str | None, sent_text: str | None) -> str:
    """The edit bucket of a sent reply (see the module docstring)."""
    if draft_text is None:
        return TYPED
    if distance is None:
        distance = edit_distance(draft_text, sent_text or "")
    if distance == 0:
        return "as_is"
    return "light_edit" if distance / max(len(draft_text), 1) <= LIGHT_EDIT_MAX else "heavy_edit"


# --------------------------------------------------------------------------- SQL pieces
def message_intent(message_id: Any) -> ColumnElement[Any]:
    """The agent-confirmed intent of a message: latest correction, else latest prediction."""
    corrected = (
        select(IntentCorrection.to_label)
        .where(IntentCorrection.message_id == message_id)
        .order_by(IntentCorrection.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    predicted = (
        select(IntentPredictionRow.top_label)
        .where(IntentPredictionRow.message_id == message_id)
        .order_by(IntentPredictionRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(corrected, predicted)


def in_period(column: Any, period: Period) -> list[ColumnElement[bool]]:
    start, end = period.bounds()
    out: list[ColumnElement[bool]] = []
    if start is not None:
        out.append(column >= start)
    if end is not None:
        out.append(column < end)
    return out


def _action_exists(kind: str) -> ColumnElement[bool]:
    a = aliased(AgentAction)
    return select(a.id).where(a.suggestion_id == Suggestion.id, a.kind == kind).exists()


def load_facts(session: Session, period: Period = ALL_TIME) -> list[Fact]:
    """Every shown draft, sent reply and ignored event in ``period``."""
    facts: list[Fact] = []
    shown: Select[Any] = (
        select(
            Suggestion.conversation_id,
            Suggestion.created_at,
            func.coalesce(message_intent(Suggestion.message_id), Suggestion.intent),
            Agent.name,
            Suggestion.model_version,
            Suggestion.source,
            Suggestion.rank,
            _action_exists("inserted"),
            _action_exists("dismissed"),
        )
        .outerjoin(Agent, Agent.id == Suggestion.agent_id)
        .where(*in_period(Suggestion.created_at, period))
    )
    for conv, ts, intent, agent, version, source, rank, ins, dis in session.execute(shown):
        facts.append(
            Fact(
                "shown",
                conv,
                utc_day(ts),
                intent or NONE,
                agent or NONE,
                version,
                source,
                str(rank),
                ins,
                dis,
            )
        )

    shown_first = aliased(Suggestion)
    first_shown_version = (
        select(shown_first.model_version)
        .where(shown_first.message_id == AgentAction.message_id)
        .order_by(shown_first.rank, shown_first.id)
        .limit(1)
        .scalar_subquery()
    )
    sent: Select[Any] = (
        select(
            AgentAction.kind,
            AgentAction.conversation_id,
            AgentAction.created_at,
            func.coalesce(message_intent(AgentAction.message_id), Suggestion.intent),
            Agent.name,
            func.coalesce(Suggestion.model_version, first_shown_version),
            Suggestion.source,
            Suggestion.rank,
            Suggestion.text,
            AgentAction.text,
            AgentAction.edit_distance,
        )
        .outerjoin(Suggestion, Suggestion.id == AgentAction.suggestion_id)
        .outerjoin(Agent, Agent.id == AgentAction.agent_id)
        .where(AgentAction.kind.in_(("sent", "ignored")), *in_period(AgentAction.created_at, period))
    )
    for kind, conv, ts, intent, agent, version, source, rank, draft, text, dist in session.execute(sent):
        if kind == "ignored":
            facts.append(
                Fact("ignored", conv, utc_day(ts), intent or NONE, agent or NONE, version or NONE, "", "")
            )
            continue
        bucket = edit_bucket(dist, draft, text)
        facts.append(
            Fact(
                "sent",
                conv,
                utc_day(ts),
                intent or NONE,
                agent or NONE,
                version or NONE,
                source or TYPED,
                TYPED if rank is None else str(rank),
                bucket=bucket,
            )
        )
    return facts


# --------------------------------------------------------------------------- aggregation
def _counts(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    """Facts per funnel column (``acceptance_rate`` is derived)."""
    out: dict[str, list[Fact]] = {c: [] for c in FUNNEL_COLUMNS if c != "acceptance_rate"}
    for f in facts:
        if f.what == "shown":
            out["drafts_shown"].append(f)
            if f.inserted:
                out["inserted"].append(f)
            if f.dismissed:
                out["dismissed"].append(f)
        elif f.what == "sent":
            out["sent"].append(f)
            out["sent_" + f.bucket].append(f)
        else:
            out["ignored"].append(f)
    return out


def breakdown(facts: list[Fact], dimension: str | None = None) -> Table:
    """The funnel per value of ``dimension`` (None: one row, ``all``); rows sorted by key."""
    if dimension is not None and dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; choose from {', '.join(DIMENSIONS)}")
    skip_ignored = dimension in ("source", "rank")  # an ignored event has no draft to attribute
    groups: dict[str, list[Fact]] = {}
    for f in facts:
        if skip_ignored and f.what == "ignored":
            continue
        groups.setdefault(f.value(dimension), []).append(f)
    key_name = dimension or "period"
    table = Table(f"funnel by {key_name}", (key_name, *FUNNEL_COLUMNS))
    examples: dict[tuple[int, str], list[str]] = {}
    for i, key in enumerate(sorted(groups, key=_sort_key)):
        counts = _counts(groups[key])
        sent = len(counts["sent"])
        from_draft = sent - len(counts["sent_typed"])
        row: list[Any] = [key]
        for col in FUNNEL_COLUMNS:
            if col == "acceptance_rate":
                row.append(ratio(from_draft, sent))
                for f in counts["sent"]:
                    if f.bucket != TYPED:
                        add_examples(examples, i, col, f.conversation_id)
            else:
                row.append(len(counts[col]))
                for f in counts[col]:
                    add_examples(examples, i, col, f.conversation_id)
        for f in groups[key]:
            add_examples(examples, i, key_name, f.conversation_id)
        table.rows.append(tuple(row))
    table.examples = freeze_examples(examples)
    return table


def _sort_key(value: str) -> tuple[int, Any]:
    return (0, int(value)) if value.lstrip("-").isdigit() else (1, value)


def funnel(session: Session, period: Period = ALL_TIME) -> Table:
    """The acceptance funnel for the whole period (one row)."""
    return breakdown(load_facts(session, period), None)


def trends(session: Session, period: Period = ALL_TIME) -> Table:
    """The funnel per UTC day."""
    return breakdown(load_facts(session, period), "day")


def all_breakdowns(session: Session, period: Period = ALL_TIME) -> dict[str, Table]:
    """Overall funnel plus one table per dimension, from one read of the facts."""
    facts = load_facts(session, period)
    out = {"funnel": breakdown(facts, None)}
    for dim in DIMENSIONS:
        out[dim] = breakdown(facts, dim)
    return out


# --------------------------------------------------------------------------- customer satisfaction
CSAT_GROUPS = ("unedited draft", "edited draft", "no draft")
CSAT_COLUMNS = (
    "answered_with",
    "rated",
    "mean_rating",
    "rating_ci_low",
    "rating_ci_high",
    "satisfied_rate",
    "ci_low",
    "ci_high",
)
SATISFIED_MIN = 4  # a rating of 4 or 5 (of 5) counts as satisfied, as Chatwoot's reports do


def answered_with(buckets: Iterable[str]) -> str:
    """How a conversation's replies were written: ``edited draft`` when any reply started from
    a draft and was changed, else ``unedited draft`` when any was sent as the draft was, else
    ``no draft`` (every reply typed, or written in the help desk)."""
    seen = set(buckets)
    if seen & {"light_edit", "heavy_edit"}:
        return "edited draft"
    if "as_is" in seen:
        return "unedited draft"
    return "no draft"


def csat_by_draft_use(session: Session, period: Period = ALL_TIME) -> Table:
    """CSAT answers received in ``period`` grouped by how the conversation was answered
    (:func:`answered_with`): how many, the mean rating (1-5) with its 95% t interval, and the
    satisfied share (rating >= 4) with its 95% Wilson interval. One row per group, always."""
    ratings = dict(
        session.execute(
            select(CsatResponse.conversation_id, CsatResponse.rating)
            .where(*in_period(CsatResponse.updated_at, period))
            .order_by(CsatResponse.updated_at, CsatResponse.id)  # a conversation's newest answer wins
        ).tuples().all()
    )
    buckets: dict[str, list[str]] = {c: [] for c in ratings}
    ids = sorted(ratings)
    for i in range(0, len(ids), 500):
        sent = session.execute(
            select(AgentAction.conversation_id, Suggestion.text, AgentAction.text, AgentAction.edit_distance)
            .outerjoin(Suggestion, Suggestion.id == AgentAction.suggestion_id)
            .where(AgentAction.kind == "sent", AgentAction.conversation_id.in_(ids[i : i + 500]))
        )
        for conv, draft, text, dist in sent:
            buckets[conv].append(edit_bucket(dist, draft, text))
    groups: dict[str, list[str]] = {g: [] for g in CSAT_GROUPS}
    for conv in ids:
        groups[answered_with(buckets[conv])].append(conv)
    table = Table("customer satisfaction by draft use", CSAT_COLUMNS)
    examples: dict[tuple[int, str], list[str]] = {}
    for i, group in enumerate(CSAT_GROUPS):
        convs = groups[group]
        values = [float(ratings[c]) for c in convs]
        mean, low, high = mean_interval(values)
        satisfied = [c for c in convs if ratings[c] >= SATISFIED_MIN]
        s_low, s_high = wilson(len(satisfied), len(convs))
        table.rows.append(
            (group, len(convs), mean, low, high, ratio(len(satisfied), len(convs)), s_low, s_high)
        )
        for c in convs:
            add_examples(examples, i, "rated", c)
            add_examples(examples, i, "answered_with", c)
        for c in satisfied:
            add_examples(examples, i, "satisfied_rate", c)
    table.examples = freeze_examples(examples)
    return table


# --------------------------------------------------------------------------- drill-down
@dataclass(frozen=True, slots=True)
class TranscriptLine:
    role: str
    text: str  # customer text: show as plain text only
    ts: Any
    agent: str | None


def transcript(session: Session, conversation_id: str, limit: int = 200) -> list[TranscriptLine]:
    """A conversation's messages in order, for the console's drill-down view."""
    rows = session.execute(
        select(Message.role, Message.text, Message.ts, Agent.name)
        .outerjoin(Agent, Agent.id == Message.agent_id)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.ts, Message.id)
        .limit(limit)
    )
    return [TranscriptLine(role, text, ts, agent) for role, text, ts, agent in rows]


def filter_facts(facts: list[Fact], predicate: Callable[[Fact], bool]) -> list[Fact]:
    return [f for f in facts if predicate(f)]
