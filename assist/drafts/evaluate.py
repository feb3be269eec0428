"""Offline evaluation of the draft engine on held-out (message, reference reply) pairs.

For every message the real engine runs once (retrieval, generation, ranking), and four
sets are scored against the agent's actual reply:
- ``ranked``: the final top-3 the agent would see;
- ``generated``: the generator's drafts alone;
- ``retrieved``: the retrieval-only baseline: the same retrieved replies ordered by
  similarity to the message and intent match alone, near-duplicates cut;
- ``first_shown``: what the desk shows before generation ends: the retrieved replies under
  the full ranker (with consensus, without generation). ``ranked`` against ``first_shown``
  is what generation adds; ``first_shown`` against ``retrieved`` is what the ranker adds.
Per set: best-of-3 ROUGE-L, chrF and embedding similarity (how close the best draft gets,
as the agent picks one), averaged over messages, and ``intent_match``, the share of drafts
whose own predicted intent is the message's intent. The request carries the labelled intent,
as an agent-confirmed intent would at the desk, and the conversation's earlier turns (pairs
of one ``conversation_id``, in order). Pairs with the same message and history are one
message with several references; each score is the best over its references.

Honesty of generation: ``hallucinated_entity_rate`` is the share of generated drafts that
state an id, amount, date, e-mail or name found neither in the conversation nor in the
replies retrieved for it (``assist.drafts.entities``), and ``shown_hallucinated_rate`` the
same among generated drafts that reached the shown three; ``generated_shown_rate`` is the
share of messages with a generated draft among the shown three.

What generation adds is reported as paired differences: ``ranked_vs_first_shown`` (and
``generated_vs_retrieved``) hold, per metric, the mean per-message difference and its 95%
bootstrap interval over messages (2,000 resamples); "better" means the interval is above zero.

Generation runs without the desk's wall-clock limit (``timeout_s``, generous by default):
the desk gives up after a few seconds so the agent is never kept waiting, but an evaluation
on a busy machine would then score "no generated drafts" for messages the model can answer.
Every message without generated drafts is counted by reason (``error_kinds``: timeout,
unavailable, failed, ...), with the first error text of each kind (``error_examples``).
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assist.core.records import ReplyPairRecord, pair_histories
from assist.core.types import Draft, DraftRequest, DraftSet, DraftSource, Role, Turn
from assist.drafts.engine import HybridDraftEngine
from assist.drafts.metrics import best_of, chrf, rouge_l

IntentOf = Callable[[Sequence[str]], list[str | None]]
SETS = ("ranked", "generated", "retrieved", "first_shown")
# one scored message: its first pair, its history ((role, text), oldest first), every reference reply
Message = tuple[ReplyPairRecord, tuple[tuple[str, str], ...], tuple[str, ...]]
EVAL_TIMEOUT_S = 600.0  # per message: only a hung generator should ever reach it


def nearest_intent_classifier(engine: HybridDraftEngine) -> IntentOf:
    """Each text's intent = the intent of the most similar reply in the engine's index."""
    items = engine.index.items
    vectors = engine.index.embedder.encode([i.text for i in items])

    def intent_of(texts: Sequence[str]) -> list[str | None]:
        if not texts or not items:
            return [None] * len(texts)
        sims = engine.index.embedder.encode(list(texts)) @ vectors.T
        return [items[int(j)].intent for j in np.argmax(sims, axis=1)]

    return intent_of


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def evaluate_drafts(
    engine: HybridDraftEngine,
    pairs: Sequence[ReplyPairRecord],
    *,
    intent_of: IntentOf | None = None,
    leave_one_out: bool = False,
    progress: Callable[[int, int], None] | None = None,
    timeout_s: float = EVAL_TIMEOUT_S,
    per_message: list[dict[str, Any]] | None = None,
    max_messages: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """The metrics JSON; ``leave_one_out`` hides each pair's own reply from retrieval; ``timeout_s``
    replaces the engine's generation time limit for the run (the engine gets its own back after).
    ``per_message``, when given, receives one row per message with each set's scores and texts
    (for paired comparisons and for reading the failures). ``max_messages`` scores a random sample
    (``seed``) of the messages, each with its whole history and all its references."""
    desk_timeout_s, desk_baseline = engine.timeout_s, engine.score_baseline
    engine.timeout_s, engine.score_baseline = timeout_s, True
    try:
        messages = group_references(pairs)
        if max_messages is not None and max_messages < len(messages):
            keep = sorted(random.Random(seed).sample(range(len(messages)), max_messages))
            messages = [messages[i] for i in keep]
        out = _evaluate(engine, messages, len(pairs), intent_of, leave_one_out, progress, per_message)
    finally:
        engine.timeout_s, engine.score_baseline = desk_timeout_s, desk_baseline
    out["generation_timeout_s"] = timeout_s
    return out


def _evaluate(
    engine: HybridDraftEngine,
    messages: Sequence[Message],
    n_pairs: int,
    intent_of: IntentOf | None,
    leave_one_out: bool,
    progress: Callable[[int, int], None] | None,
    per_message: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    embedder = engine.index.embedder
    classify = intent_of or nearest_intent_classifier(engine)
    own_ids = {item.text: item.id for item in engine.index.items} if leave_one_out else {}
    sums: dict[str, dict[str, list[float]]] = {s: {"rouge_l": [], "chrf": [], "embedding_similarity": [], "intent_match": []} for s in SETS}
    first_retrieved, first_generated, final_ms = [], [], []
    error_kinds: Counter[str] = Counter()
    error_examples: dict[str, str] = {}
    honesty: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    for n, (pair, history, references) in enumerate(messages):
        started = time.monotonic()
        marks: dict[str, float] = {}

        def on_update(snapshot: DraftSet, marks: dict[str, float] = marks, started: float = started) -> None:
            now = (time.monotonic() - started) * 1000
            marks.setdefault("retrieved", now)
            if any(d.source == DraftSource.GENERATED for d in snapshot.drafts):
                marks.setdefault("generated", now)

        turns = tuple(Turn(Role.AGENT if role == "agent" else Role.CUSTOMER, text) for role, text in history)
        request = DraftRequest(conversation_id=f"eval-{n}", message_text=pair.customer, history=turns,
                               intent=pair.intent, lang=pair.lang, k=3)  # fmt: skip
        exclude = tuple(own_ids[r] for r in references if r in own_ids)
        result = engine.suggest_detailed(request, on_update=on_update, exclude_ids=exclude)
        final_ms.append((time.monotonic() - started) * 1000)
        if "retrieved" in marks:
            first_retrieved.append(marks["retrieved"])
        if "generated" in marks:
            first_generated.append(marks["generated"])
        if result.final.error is not None or not result.generated:
            kind = result.error_kind or "no drafts generated"
            error_kinds[kind] += 1
            error_examples.setdefault(kind, result.final.error or "the generator returned no drafts")
        _count_honesty(honesty, result.generated, result.final.drafts)
        sets = {
            "ranked": result.final.drafts,
            "generated": result.generated[:3],
            "retrieved": result.baseline[:3],
            "first_shown": result.retrieved[:3],
        }
        row: dict[str, Any] = {"i": n, "message": pair.customer, "references": list(references), "intent": pair.intent}
        for name, drafts in sets.items():
            texts = [d.text for d in drafts]
            if not texts:
                continue
            vectors = embedder.encode([*references, *texts])
            refs, outs = vectors[: len(references)], vectors[len(references) :]
            scores = {
                "rouge_l": max(best_of([rouge_l(t, r) for t in texts]) for r in references),
                "chrf": max(best_of([chrf(t, r) for t in texts]) for r in references),
                "embedding_similarity": float(np.max(outs @ refs.T)),
                "intent_match": sum(p == pair.intent for p in classify(texts)) / len(texts),
            }
            for metric, value in scores.items():
                sums[name][metric].append(value)
            row[name] = {**scores, "texts": texts, "sources": [d.source.value for d in drafts],
                         "unsupported": [list(d.unsupported_facts) for d in drafts]}  # fmt: skip
        rows.append(row)
        if per_message is not None:
            per_message.append(row)
        if progress is not None:
            progress(n + 1, len(messages))
    out: dict[str, Any] = {"n": len(messages), "n_pairs": n_pairs}
    for name in SETS:
        out[name] = {metric: round(statistics.fmean(v), 4) if v else None for metric, v in sums[name].items()}
        out[name]["n"] = len(sums[name]["rouge_l"])
    out["hallucinated_entity_rate"] = _rate(honesty["generated_unsupported"], honesty["generated"])
    out["shown_hallucinated_rate"] = _rate(honesty["shown_unsupported"], honesty["shown"])
    out["generated_shown_rate"] = _rate(honesty["messages_with_generated_shown"], len(messages))
    out["shown_unsupported_rate_all_sources"] = _rate(honesty["shown_any_unsupported"], honesty["shown_any"])
    out["ranked_vs_first_shown"] = paired_differences(rows, "ranked", "first_shown")
    out["generated_vs_retrieved"] = paired_differences(rows, "generated", "retrieved")
    out["errors"] = sum(error_kinds.values())
    out["error_kinds"] = dict(error_kinds)
    out["error_examples"] = error_examples
    out["latency_ms"] = {
        "first_retrieved_p50": round(_percentile(first_retrieved, 0.5), 1),
        "first_retrieved_p95": round(_percentile(first_retrieved, 0.95), 1),
        "first_generated_p50": round(_percentile(first_generated, 0.5), 1),
        "first_generated_p95": round(_percentile(first_generated, 0.95), 1),
        "all_drafts_p50": round(_percentile(final_ms, 0.5), 1),
        "all_drafts_p95": round(_percentile(final_ms, 0.95), 1),
    }
    out["engine"] = engine.version
    return out


def group_references(pairs: Sequence[ReplyPairRecord]) -> list[Message]:
    """One entry per distinct (message, history): its first pair, the history, every reference reply."""
    grouped: dict[tuple[str, tuple[tuple[str, str], ...]], list[Any]] = {}
    for pair, history in zip(pairs, pair_histories(pairs), strict=True):
        entry = grouped.setdefault((pair.customer, history), [pair, history, []])
        if pair.agent not in entry[2]:
            entry[2].append(pair.agent)
    return [(p, h, tuple(refs)) for p, h, refs in grouped.values()]


def _count_honesty(counts: Counter[str], generated: Sequence[Draft], shown: Sequence[Draft]) -> None:
    counts["generated"] += len(generated)
    counts["generated_unsupported"] += sum(1 for d in generated if d.unsupported_facts)
    shown_generated = [d for d in shown if d.source == DraftSource.GENERATED]
    counts["shown"] += len(shown_generated)
    counts["shown_unsupported"] += sum(1 for d in shown_generated if d.unsupported_facts)
    counts["messages_with_generated_shown"] += 1 if shown_generated else 0
    counts["shown_any"] += len(shown)
    counts["shown_any_unsupported"] += sum(1 for d in shown if d.unsupported_facts)


def paired_differences(
    rows: Sequence[dict[str, Any]], a: str, b: str, *, resamples: int = 2000, seed: int = 0
) -> dict[str, dict[str, float | int | None]]:
    """Per metric: set ``a`` minus set ``b`` on the messages scored in both, the mean and a 95%
    percentile-bootstrap interval over messages."""
    out: dict[str, dict[str, float | int | None]] = {}
    both = [r for r in rows if a in r and b in r]
    rng = np.random.default_rng(seed)
    for metric in ("rouge_l", "chrf", "embedding_similarity"):
        diffs = np.array([r[a][metric] - r[b][metric] for r in both], dtype=np.float64)
        if len(diffs) < 2:
            out[metric] = {"n": len(diffs), "mean": None, "ci_low": None, "ci_high": None}
            continue
        means = diffs[rng.integers(0, len(diffs), size=(resamples, len(diffs)))].mean(axis=1)
        low, high = np.percentile(means, [2.5, 97.5])
        out[metric] = {"n": len(diffs), "mean": round(float(diffs.mean()), 4),
                       "ci_low": round(float(low), 4), "ci_high": round(float(high), 4)}  # fmt: skip
    return out


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
