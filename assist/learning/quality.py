"""Intent quality, model comparison with confidence intervals, and the A/B split.

* **Corrections confusion**: how often agents moved a prediction from one intent to another.
* **Intent health**: per predicted intent, how many predictions, their mean confidence, how
  many were below ``low_confidence``, and how many agents corrected.
* **Model comparison**: per draft model version, acceptance (as in
  :mod:`assist.learning.analytics`) with a 95% Wilson interval and draft latency; per intent
  model version, agent agreement (predictions not corrected) with its interval and latency.
* **A/B split**: :func:`assign_arm` deterministically assigns a conversation to one of the
  versions (a seeded hash, so every desk computes the same arm without coordination);
  :func:`store_arm` records it in ``conversations.ab_arm`` once (the pipeline does this for
  each new conversation while a test runs, see :mod:`assist.service.ab`);
  :func:`ab_comparison` compares acceptance per arm.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assist.learning.analytics import TYPED, in_period, load_facts
from assist.learning.tables import (
    ALL_TIME,
    Period,
    Table,
    add_examples,
    freeze_examples,
    percentile,
    ratio,
    wilson,
)
from assist.storage.events import ActionKind
from assist.storage.models import (
    AgentAction,
    Conversation,
    IntentCorrection,
    IntentPredictionRow,
    Message,
    ModelVersion,
    Suggestion,
)

LOW_CONFIDENCE = 0.5
ARM_WIDTH = 40  # conversations.ab_arm is String(40)


# --------------------------------------------------------------------------- intent quality
def corrections_confusion(session: Session, period: Period = ALL_TIME) -> Table:
    """``from_label -> to_label`` counts of agent corrections, most frequent first."""
    rows = session.execute(
        select(IntentCorrection.from_label, IntentCorrection.to_label, Message.conversation_id)
        .join(Message, Message.id == IntentCorrection.message_id)
        .where(*in_period(IntentCorrection.created_at, period))
    ).all()
    cells: dict[tuple[str, str], list[str]] = {}
    for frm, to, conv in rows:
        cells.setdefault((frm or "(none)", to), []).append(conv)
    table = Table("intent corrections", ("from_label", "to_label", "count"))
    examples: dict[tuple[int, str], list[str]] = {}
    for i, ((frm, to), convs) in enumerate(sorted(cells.items(), key=lambda kv: (-len(kv[1]), kv[0]))):
        table.rows.append((frm, to, len(convs)))
        for c in convs:
            add_examples(examples, i, "count", c)
    table.examples = freeze_examples(examples)
    return table


def intent_health(
    session: Session, period: Period = ALL_TIME, low_confidence: float = LOW_CONFIDENCE
) -> Table:
    """Per predicted intent: predictions, mean confidence, low-confidence and corrected counts."""
    corrected = select(IntentCorrection.id).where(
        IntentCorrection.message_id == IntentPredictionRow.message_id
    )
    rows = session.execute(
        select(
            IntentPredictionRow.top_label,
            IntentPredictionRow.top_probability,
            corrected.exists(),
            Message.conversation_id,
        )
        .join(Message, Message.id == IntentPredictionRow.message_id)
        .where(*in_period(IntentPredictionRow.created_at, period))
    ).all()
    per: dict[str, list[tuple[float, bool, str]]] = {}
    for label, prob, was_corrected, conv in rows:
        per.setdefault(label, []).append((float(prob), bool(was_corrected), conv))
    cols = ("intent", "predictions", "mean_confidence", "low_confidence", "corrected", "correction_rate")
    table = Table("intent health", cols)
    built = []
    for label, items in per.items():
        n = len(items)
        low = [c for p, _, c in items if p < low_confidence]
        corr = [c for _, k, c in items if k]
        built.append(
            ((label, n, sum(p for p, _, _ in items) / n, len(low), len(corr), ratio(len(corr), n)), low, corr)
        )
    built.sort(key=lambda b: (-b[0][5], -b[0][3], b[0][0]))
    examples: dict[tuple[int, str], list[str]] = {}
    for i, (row, low, corr) in enumerate(built):
        table.rows.append(row)
        for c in low:
            add_examples(examples, i, "low_confidence", c)
        for c in corr:
            add_examples(examples, i, "corrected", c)
            add_examples(examples, i, "correction_rate", c)
    table.examples = freeze_examples(examples)
    return table


# --------------------------------------------------------------------------- model comparison
COMPARISON_COLUMNS = (
    "kind",
    "model_version",
    "n",
    "successes",
    "rate",
    "ci_low",
    "ci_high",
    "latency_p50_ms",
    "latency_p95_ms",
)


def model_comparison(session: Session, period: Period = ALL_TIME) -> Table:
    """Acceptance (drafts) and agent agreement (intent) per model version, with 95% intervals.

    Agreement is over the predictions an agent judged: those corrected, and those left as they
    were while the agent answered the conversation after them; latency is over every prediction."""
    table = Table("model comparison", COMPARISON_COLUMNS)
    examples: dict[tuple[int, str], list[str]] = {}
    sent = [f for f in load_facts(session, period) if f.what == "sent"]
    latencies: dict[str, list[float]] = {}
    for version, lat in session.execute(
        select(Suggestion.model_version, Suggestion.latency_ms).where(
            *in_period(Suggestion.created_at, period)
        )
    ):
        latencies.setdefault(version, []).append(float(lat or 0.0))
    by_version: dict[str, list[Any]] = {}
    for f in sent:
        by_version.setdefault(f.model_version, []).append(f)
    for version in sorted(set(by_version) | set(latencies)):
        facts = by_version.get(version, [])
        ok = [f for f in facts if f.bucket != TYPED]
        lo, hi = wilson(len(ok), len(facts))
        lats = latencies.get(version, [])
        i = len(table.rows)
        table.rows.append(
            (
                "drafts",
                version,
                len(facts),
                len(ok),
                ratio(len(ok), len(facts)),
                lo,
                hi,
                percentile(lats, 50),
                percentile(lats, 95),
            )
        )
        for f in ok:
            add_examples(examples, i, "successes", f.conversation_id)
    corrected = select(IntentCorrection.id).where(
        IntentCorrection.message_id == IntentPredictionRow.message_id
    )
    answered = select(AgentAction.id).where(
        AgentAction.conversation_id == Message.conversation_id,
        AgentAction.kind == ActionKind.SENT.value,
        AgentAction.created_at >= IntentPredictionRow.created_at,
    )
    preds: dict[str, list[tuple[bool, float, str]]] = {}  # judged predictions
    intent_latencies: dict[str, list[float]] = {}  # every prediction
    for version, was_corrected, was_answered, lat, conv in session.execute(
        select(
            IntentPredictionRow.model_version,
            corrected.exists(),
            answered.exists(),
            IntentPredictionRow.latency_ms,
            Message.conversation_id,
        )
        .join(Message, Message.id == IntentPredictionRow.message_id)
        .where(*in_period(IntentPredictionRow.created_at, period))
    ):
        intent_latencies.setdefault(version, []).append(float(lat or 0.0))
        if was_corrected or was_answered:
            preds.setdefault(version, []).append((bool(was_corrected), float(lat or 0.0), conv))
    for version in sorted(intent_latencies):
        items = preds.get(version, [])
        agree = [c for k, _, c in items if not k]
        lo, hi = wilson(len(agree), len(items))
        lats = intent_latencies[version]
        i = len(table.rows)
        table.rows.append(
            (
                "intent",
                version,
                len(items),
                len(agree),
                ratio(len(agree), len(items)),
                lo,
                hi,
                percentile(lats, 50),
                percentile(lats, 95),
            )
        )
        for k, _, c in items:
            if k:
                add_examples(examples, i, "n", c)
    table.examples = freeze_examples(examples)
    return table


# --------------------------------------------------------------------------- A/B split
def assign_arm(conversation_id: str, versions: Sequence[str], seed: int = 0) -> str:
    """The arm (one of ``versions``) for a conversation: uniform, deterministic, seed-dependent."""
    if not versions:
        raise ValueError("assign_arm needs at least one version")
    digest = hashlib.sha256(f"{seed}:{conversation_id}".encode()).digest()
    return versions[int.from_bytes(digest[:8], "big") % len(versions)]


def arm_key(version: str) -> str:
    """What ``conversations.ab_arm`` stores for a model version: the version itself when it fits
    in the column, else its head plus a hash (routed demo versions are longer than 40)."""
    if len(version) <= ARM_WIDTH:
        return version
    digest = hashlib.sha256(version.encode()).hexdigest()[:8]
    return f"{version[: ARM_WIDTH - 9]}~{digest}"


def store_arm(
    conversation_id: str,
    versions: Sequence[str],
    seed: int = 0,
    *,
    first_message_pk: int | None = None,
) -> Callable[[Session], str | None]:
    """Unit of work: record the conversation's arm once (an existing arm is kept) and return it.

    With ``first_message_pk`` (the message being handled) a conversation that has no arm yet
    gets one only if it has no earlier message: conversations that began before the test
    stay out of it (None).
    """

    def work(session: Session) -> str | None:
        conv = session.get(Conversation, conversation_id)
        if conv is None:
            return None
        if conv.ab_arm is None:
            if first_message_pk is not None:
                earlier = session.scalar(
                    select(Message.id)
                    .where(Message.conversation_id == conversation_id, Message.id < first_message_pk)
                    .limit(1)
                )
                if earlier is not None:
                    return None
            conv.ab_arm = assign_arm(conversation_id, versions, seed)
        return conv.ab_arm

    return work


def ab_comparison(session: Session, period: Period = ALL_TIME) -> Table:
    """Acceptance per A/B arm (conversations without an arm are left out).

    An arm is shown as its model version (a shortened :func:`arm_key` is expanded when the
    registry knows the version)."""
    rows = session.execute(
        select(Conversation.ab_arm, AgentAction.suggestion_id, AgentAction.conversation_id)
        .join(Conversation, Conversation.id == AgentAction.conversation_id)
        .where(
            AgentAction.kind == "sent",
            Conversation.ab_arm.is_not(None),
            *in_period(AgentAction.created_at, period),
        )
    ).all()
    per: dict[str, list[tuple[bool, str]]] = {}
    for arm, sid, conv in rows:
        per.setdefault(arm, []).append((sid is not None, conv))
    names = {arm_key(v): v for v in session.scalars(select(ModelVersion.version)) if len(v) > ARM_WIDTH}
    table = Table("A/B split", ("arm", "sent", "from_draft", "acceptance_rate", "ci_low", "ci_high"))
    for arm in sorted(per):
        items = per[arm]
        k = sum(1 for ok, _ in items if ok)
        lo, hi = wilson(k, len(items))
        table.rows.append((names.get(arm, arm), len(items), k, ratio(k, len(items)), lo, hi))
    return table
