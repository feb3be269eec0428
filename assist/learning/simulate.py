"""``assist simulate``: the end-to-end proof that the loop learns.

1. A labelled corpus (Bitext CSV, or conversations JSONL such as the demo shop's) is
   shuffled and split by conversation into *held-out* and *replay* parts.
2. Deliberately weak "before" models are trained on a small seed slice of the replay part
   (intent: MiniLM with a trained head; drafts: a tiny GPT from scratch), through the real
   retrain jobs (separate processes), registered and promoted.
3. The replay part goes through the real pipeline (:class:`assist.service.AssistService`)
   with a simulated agent: it corrects a wrong intent, sends a draft as-is when it is
   nearly the reference reply (ROUGE-L >= 0.9), inserts and edits it into the reference
   when it is close (>= ``accept_threshold``), and otherwise types the reference. Every
   step is logged, exactly as at a desk.
4. Retrain from those logs (redacted export, head-only intent retrain, short draft
   fine-tune), promote, and measure again.

Held-out figures (the same conversations before and after, never replayed or trained on):
``intent_accuracy`` is top-1 accuracy of the intent model; ``acceptance`` is the share of
held-out messages for which a shown draft (the agent having corrected the intent, as in
the replay) reaches ``accept_threshold`` against the reference reply, i.e. the share the
simulated agent would send from a draft. Draft retrieval indexes the replies the agents
sent (redacted), as the desk does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assist.core.records import ConversationRecord, ReplyPairRecord
from assist.core.redact import redact
from assist.core.types import DraftRequest, IncomingMessage
from assist.learning.jobs import RetrainJob
from assist.learning.registry import Registry

Progress = Callable[[str], None]
AS_IS = 0.9


def _say(message: str) -> None:
    print(f"[simulate] {message}", file=sys.stderr, flush=True)


def load_corpus(path: str, max_conversations: int, seed: int) -> list[ConversationRecord]:
    from assist.data.readers import read_conversations

    convs = [c for c in read_conversations(path) if c.turns and all(t.intent and t.agent for t in c.turns)]
    random.Random(seed).shuffle(convs)
    return convs[:max_conversations]


def similarity(a: str, b: str) -> float:
    from assist.drafts.metrics import rouge_l

    return float(rouge_l(a, b))


def best_draft(drafts: Sequence[Any], reference: str) -> tuple[int, float]:
    scored = [(i, similarity(d.text, reference)) for i, d in enumerate(drafts)]
    return max(scored, key=lambda x: x[1]) if scored else (-1, 0.0)


# --------------------------------------------------------------------------- engines
def load_engines(
    registry: Registry, embedder: Any, replies: Sequence[Any], max_new_tokens: int | None = None
) -> tuple[Any, Any]:
    """The active intent and draft engines, with ``replies`` (IndexedReply) in the retrieval index."""
    from assist.drafts.loading import build_draft_engine
    from assist.intent.loading import load_intent_engine

    intent = registry.active("intent")
    drafts = registry.active("drafts")
    assert intent is not None and drafts is not None
    ie = load_intent_engine(intent.path, device="cpu")
    de = build_draft_engine(
        model_dir=drafts.path, library=[], sent_replies=list(replies), embedder=embedder, device="cpu"
    )
    if max_new_tokens is not None and hasattr(de, "max_new_tokens"):
        de.max_new_tokens = max_new_tokens  # shorter generations keep a CPU simulation affordable
    return ie, de


def indexed(turns: Sequence[tuple[str, ReplyPairRecord]]) -> list[Any]:
    from assist.drafts.retrieval import IndexedReply

    return [
        IndexedReply(
            id=f"{cid}:{i}", text=redact(t.agent or ""), intent=t.intent, lang=t.lang, source="retrieved"
        )
        for i, (cid, t) in enumerate(turns)
    ]


def evaluate(
    intent_engine: Any, draft_engine: Any, held: Sequence[ConversationRecord], threshold: float
) -> dict[str, float]:
    """Held-out intent accuracy and simulated acceptance (see the module docstring)."""
    turns = [(c.id, t) for c in held for t in c.turns]
    preds = []
    for i in range(0, len(turns), 32):
        batch = turns[i : i + 32]
        preds.extend(intent_engine.classify([t.customer for _, t in batch], [None] * len(batch)))
    correct = sum(p.top.label == t.intent for p, (_, t) in zip(preds, turns, strict=True))
    accepted = 0
    for cid, t in turns:
        request = DraftRequest(conversation_id=cid, message_text=t.customer, intent=t.intent, lang=t.lang)
        result = draft_engine.suggest(request, on_update=None, cancel=threading.Event())
        _, score = best_draft(result.drafts, t.agent or "")
        accepted += score >= threshold
    n = max(len(turns), 1)
    return {"intent_accuracy": correct / n, "acceptance": accepted / n, "n": len(turns)}


# --------------------------------------------------------------------------- replay
async def replay(
    service: Any, draft_engine: Any, convs: Sequence[ConversationRecord], threshold: float
) -> dict[str, int]:
    """The simulated agent at the real desk pipeline; returns what it did."""
    from assist.drafts.retrieval import IndexedReply

    counts = {"messages": 0, "corrected": 0, "as_is": 0, "edited": 0, "typed": 0}
    for c in convs:
        for j, turn in enumerate(c.turns):
            msg = IncomingMessage(f"{c.id}-{j}", c.id, turn.customer, lang=turn.lang or c.lang)
            await service.handle_message(msg)
            state = service.conversation(c.id)
            counts["messages"] += 1
            pred = state.prediction if state is not None else None
            if pred is None or pred.top.label != turn.intent:
                await service.correct_intent(c.id, turn.intent)
                counts["corrected"] += 1
            state = service.conversation(c.id)
            drafts = state.drafts.drafts if state is not None and state.drafts is not None else ()
            idx, score = best_draft(drafts, turn.agent or "")
            reference = turn.agent or ""
            if idx >= 0 and score >= threshold:
                text = service.insert_draft(c.id, idx) or reference
                if score >= AS_IS:
                    await service.send(c.id, text)
                    counts["as_is"] += 1
                else:
                    service.note_edit(c.id, reference)
                    await service.send(c.id, reference)
                    counts["edited"] += 1
            else:
                await service.send(c.id, reference)
                counts["typed"] += 1
            add = getattr(draft_engine, "add_replies", None)
            if add is not None:  # the index learns sent replies (redacted), as at a desk
                add([IndexedReply(f"{c.id}-{j}", redact(reference), turn.intent, turn.lang, "retrieved")])
    return counts


# --------------------------------------------------------------------------- the run
def _rows_intents(turns: Sequence[tuple[str, ReplyPairRecord]]) -> list[dict[str, Any]]:
    return [
        {"text": redact(t.customer), "label": t.intent, "lang": t.lang, "context": None} for _, t in turns
    ]


def _rows_pairs(turns: Sequence[tuple[str, ReplyPairRecord]]) -> list[dict[str, Any]]:
    return [
        {
            "customer": redact(t.customer),
            "agent": redact(t.agent or ""),
            "intent": t.intent,
            "lang": t.lang,
            "group": cid,
            "weight": 1.0,
        }
        for cid, t in turns
    ]


async def simulate(
    data: str,
    work_dir: Path,
    *,
    max_conversations: int = 300,
    heldout_fraction: float = 0.3,
    seed_fraction: float = 0.05,
    accept_threshold: float = 0.5,
    drafts_steps: int = 60,
    seed: int = 0,
    gen_tokens: int | None = 48,
    intent_params: dict[str, Any] | None = None,
    say: Progress = _say,
) -> dict[str, Any]:
    from assist.drafts.embedder import SentenceEmbedder
    from assist.service import AssistService
    from assist.storage.database import Database

    convs = load_corpus(data, max_conversations, seed)
    n_held = max(1, round(len(convs) * heldout_fraction))
    held, rest = convs[:n_held], convs[n_held:]
    n_seed = max(8, round(len(rest) * seed_fraction))
    seed_turns = [(c.id, t) for c in rest[:n_seed] for t in c.turns]
    say(f"{len(convs)} conversations: {len(held)} held out, {len(rest)} replayed, {n_seed} in the seed slice")

    work_dir.mkdir(parents=True, exist_ok=True)
    database = Database.open(f"sqlite:///{work_dir / 'simulate.sqlite'}")
    registry = Registry(database, work_dir / "models")
    # head-only MiniLM intents; a higher head learning rate and more epochs than the script's
    # defaults, because the logged sets here are few-shot (a handful of examples per intent)
    ip = {
        "backbone": "minilm",
        "mode": "head",
        "head_lr": 0.03,
        "head_epochs": 200,
        "batch_size": 8,
        "patience": 30,
        **(intent_params or {}),
    }
    dp = {"recipe": "drafts_tiny", "base": "scratch", "max_steps": drafts_steps, "epochs": 50.0, "batch_size": 8}

    def job(kind: str, params: dict[str, Any], extra: dict[str, Any], always: bool = True) -> RetrainJob:
        return RetrainJob(
            kind,
            database,
            registry,
            work_dir,
            params=params,
            promote_always=always,
            include_imported=False,
            extra={"eval_max": 8, **extra},
            requirements=None,  # the simulation picks its own data sizes (seed slice, replay)
        )

    def report(kind: str) -> Callable[[float, str], None]:
        return lambda f, m: say(f"{kind} {f * 100:.0f}% {m}")

    try:
        say("training the weak 'before' models on the seed slice")
        await job("intent", ip, {"extra_intents": _rows_intents(seed_turns)}).run(report("intent"))
        await job("drafts", dp, {"extra_pairs": _rows_pairs(seed_turns)}).run(report("drafts"))
        embedder = SentenceEmbedder()
        ie, de = load_engines(registry, embedder, indexed(seed_turns), gen_tokens)
        before = evaluate(ie, de, held, accept_threshold)
        say(f"before: {before}")

        service = AssistService(database, ie, de, agent_name="simulated-agent", source="simulate")
        counts = await replay(service, de, rest, accept_threshold)
        await service.wait_idle()
        await service.aclose()
        database.writer.write(lambda s: None)  # everything submitted so far is committed
        say(f"replayed: {counts}")

        say("retraining from the logs")
        after_dp = {"max_steps": drafts_steps, "epochs": 50.0, "batch_size": 8, "lr": 1e-3}
        intent_run = await job("intent", ip, {}).run(report("intent"))
        drafts_run = await job("drafts", after_dp, {}).run(report("drafts"))
        sent = [(c.id, t) for c in rest for t in c.turns]
        ie2, de2 = load_engines(registry, embedder, indexed(sent), gen_tokens)
        after = evaluate(ie2, de2, held, accept_threshold)
        say(f"after: {after}")
    finally:
        database.close()
    return {
        "intent_accuracy": {"before": before["intent_accuracy"], "after": after["intent_accuracy"]},
        "acceptance": {"before": before["acceptance"], "after": after["acceptance"]},
        "n_train": sum(len(c.turns) for c in rest),
        "n_heldout": int(before["n"]),
        "n_seed": len(seed_turns),
        "replay": counts,
        "accept_threshold": accept_threshold,
        "versions": {
            "intent": intent_run.candidate.version,
            "drafts": drafts_run.candidate.version,
        },
        "retrain_comparisons": {"intent": intent_run.comparison, "drafts": drafts_run.comparison},
    }


def run_simulate(args: argparse.Namespace) -> int:
    """``assist simulate --data FILE [--max-conversations N] [--json]``."""
    work = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="assist-simulate-"))
    result = asyncio.run(
        simulate(
            args.data,
            work,
            max_conversations=args.max_conversations,
            heldout_fraction=args.heldout_fraction,
            seed_fraction=args.seed_fraction,
            accept_threshold=args.accept_threshold,
            drafts_steps=args.drafts_steps,
            seed=args.seed,
        )
    )
    result["work_dir"] = str(work)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key in ("intent_accuracy", "acceptance"):
            print(f"{key}: {result[key]['before']:.3f} -> {result[key]['after']:.3f}", file=sys.stderr)
        print(json.dumps({k: result[k] for k in ("n_train", "n_heldout")}), file=sys.stderr)
    return 0


__all__ = ["run_simulate", "simulate"]
