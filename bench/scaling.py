"""scaling: how cost grows with work.

- intent latency vs message length (16-512 tokens) through the real engine (ONNX int8 and
  PyTorch); the engine truncates at the model's max_length, so "tokens used" is reported too;
- draft latency vs history length (turns of conversation before the message);
- retrieval latency vs library size (1k, 10k, 100k replies) in the real ``ReplyIndex``, with
  synthetic random unit vectors as embeddings (MiniLM would take hours to embed 100k texts on
  2 cores): this isolates the index's own search cost; the real query embedding is timed apart.
  numpy's BLAS is held to ``--threads`` too, and each search's CPU time is reported beside its
  wall time (on a loaded machine a niced search waits for the CPU far longer than it uses it);
- storage write rate vs database size (SQLite up to 1M logged events; the database is filled
  with bulk inserts, then the single writer's rate is measured at each size).
"""

from __future__ import annotations

import argparse
import contextlib
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.datasets import messages
from bench.harness import Report, pin_threads, summarize, time_calls


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--intent-model", type=Path)
    p.add_argument("--drafts-model", type=Path)
    p.add_argument("--parts", default="intent,drafts,retrieval,storage", help="comma-separated subset")


def texts_of_length(tok: Any, base: list[str], n_tokens: int) -> list[str]:
    """Real messages glued together and cut to exactly ``n_tokens`` tokens (with [CLS]/[SEP])."""
    words = " ".join(base).split()
    out = []
    for start in range(0, 40 * 5, 40):
        ids = tok(" ".join(words[start:] + words[:start]), add_special_tokens=False)["input_ids"][
            : n_tokens - 2
        ]
        out.append(tok.decode(ids))
    return out


def intent_vs_length(args: argparse.Namespace, report: Report) -> None:
    from transformers import AutoTokenizer

    from assist.intent.loading import load_intent_engine
    from bench.models import INT8, intent_model

    model = intent_model(args, report)
    tok = AutoTokenizer.from_pretrained(model)
    engines = {"onnx-int8": load_intent_engine(model, runtime="onnx", onnx_file=INT8),
               "torch": load_intent_engine(model, runtime="torch", device="cpu")}  # fmt: skip
    pin_threads(args.threads)
    max_len = engines["torch"].meta.max_length  # type: ignore[attr-defined]
    base = messages(args.data_dir, 200, args.seed).texts
    t = report.table(
        "intent latency vs message length, batch 1, ms", ["tokens", "used", "variant", "p50", "p95"]
    )
    out: dict[str, Any] = {}
    for n in (16, 64, 128, 512) if args.quick else (16, 32, 64, 128, 256, 512):
        texts = texts_of_length(tok, base, n)
        for name, eng in engines.items():
            s = summarize(time_calls(lambda i, eng=eng, texts=texts: eng.classify([texts[i % len(texts)]]),
                                     reps=5 if args.quick else 30, warmup=2))  # fmt: skip
            out.setdefault(str(n), {})[name] = s
            t.rows.append([n, min(n, max_len), name, s["p50"], s["p95"]])
    report.figures["intent_vs_tokens"] = out
    report.settings["intent_max_length"] = max_len


def drafts_vs_history(args: argparse.Namespace, report: Report) -> None:
    from assist.core.types import DraftRequest, Role, Turn
    from assist.drafts.loading import build_draft_engine
    from bench.draft_latency import library_and_messages
    from bench.models import drafts_model

    library, msgs = library_and_messages(args, 30 if args.quick else 300, 20)
    engine = build_draft_engine(model_dir=drafts_model(args, report), library=library, generator="local")
    engine.max_new_tokens = 8 if args.quick else 48
    pin_threads(args.threads)
    t = report.table(f"drafts vs history length ({engine.max_new_tokens} new tokens), ms",
                     ["turns", "first draft p50", "all drafts p50", "all drafts p95"])  # fmt: skip
    out: dict[str, Any] = {}
    for turns in (0, 4) if args.quick else (0, 2, 4, 8):
        history = tuple(Turn(Role.CUSTOMER if j % 2 == 0 else Role.AGENT, (msgs.messages + msgs.replies)[j])
                        for j in range(turns))  # fmt: skip
        first, total = [], []
        for i in range(1 if args.quick else 6):
            marks: list[float] = []
            t0 = time.perf_counter()
            engine.suggest(DraftRequest(conversation_id="c", message_text=msgs.messages[i], history=history,
                                        intent=msgs.intents[i], lang="en"),
                           on_update=lambda _s, m=marks, t0=t0: m.append(time.perf_counter() - t0))  # fmt: skip
            total.append((time.perf_counter() - t0) * 1000.0)
            first.append(marks[0] * 1000.0 if marks else total[-1])
        out[str(turns)] = {"first_draft_ms": summarize(first), "all_drafts_ms": summarize(total)}
        t.rows.append([turns, out[str(turns)]["first_draft_ms"]["p50"], out[str(turns)]["all_drafts_ms"]["p50"],
                       out[str(turns)]["all_drafts_ms"]["p95"]])  # fmt: skip
    report.figures["drafts_vs_history_turns"] = out


class RandomEmbedder:
    """Synthetic unit vectors (384 wide, like MiniLM): index cost without model cost."""

    def __init__(self, dim: int = 384, seed: int = 0) -> None:
        self.dim = dim
        self.rng = np.random.default_rng(seed)

    def encode(self, texts: Any) -> np.ndarray:
        v = self.rng.standard_normal((len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def wall_and_cpu(fn: Any, reps: int, warmup: int = 3) -> tuple[dict[str, Any], dict[str, Any]]:
    """Summaries of ``fn(i)``'s wall time and of this thread's CPU time, both in ms."""
    for i in range(warmup):
        fn(i)
    wall, cpu = [], []
    for i in range(reps):
        t0, c0 = time.perf_counter(), time.thread_time()
        fn(i)
        wall.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.thread_time() - c0) * 1000.0)
    return summarize(wall), summarize(cpu)


def blas_threads(threads: int | None) -> Any:
    """Hold numpy's BLAS to ``threads`` (the index's matrix-vector product runs there), if threadpoolctl is installed."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(threads) if threads else contextlib.nullcontext()


def retrieval_vs_size(args: argparse.Namespace, report: Report) -> None:
    from assist.drafts.embedder import SentenceEmbedder
    from assist.drafts.retrieval import IndexedReply, ReplyIndex

    real = SentenceEmbedder()
    pin_threads(args.threads)
    q = summarize(time_calls(lambda i: real.encode([f"where is my order number {i}?"]), reps=20, warmup=3))
    report.figures["query_embedding_ms"] = q
    t = report.table("retrieval (ReplyIndex.search, k=10) vs library size, ms", [
        "replies", "p50", "p95", "cpu p50", "p50 with intent filter", "cpu p50 with intent", "index build s"])  # fmt: skip
    out: dict[str, Any] = {}
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    with blas_threads(args.threads):
        for n in sizes:
            index = ReplyIndex(RandomEmbedder())
            t0 = time.perf_counter()
            index.add([IndexedReply(id=f"r{i}", text=f"reply {i}", intent=f"intent{i % 50}", lang="en",
                                    source="library") for i in range(n)])  # fmt: skip
            build = time.perf_counter() - t0
            plain, plain_cpu = wall_and_cpu(lambda i, ix=index: ix.search(f"q{i}", k=10), reps=30)
            filt, filt_cpu = wall_and_cpu(
                lambda i, ix=index: ix.search(f"q{i}", intent="intent7", lang="en", k=10), reps=30
            )
            out[str(n)] = {"search_ms": plain, "search_cpu_ms": plain_cpu, "search_with_intent_ms": filt,
                           "search_with_intent_cpu_ms": filt_cpu, "build_s": round(build, 2)}  # fmt: skip
            t.rows.append([n, plain["p50"], plain["p95"], plain_cpu["p50"], filt["p50"], filt_cpu["p50"],
                           round(build, 2)])  # fmt: skip
    report.figures["retrieval_vs_library_size"] = out
    report.notes.append(f"retrieval uses synthetic unit-vector embeddings; one real MiniLM query embedding "
                        f"costs p50 {q['p50']} ms on top (figures.query_embedding_ms)")  # fmt: skip


def storage_vs_size(args: argparse.Namespace, report: Report) -> None:
    from sqlalchemy import insert

    from assist.storage.database import Database
    from assist.storage.models import AgentAction, Conversation
    from bench.databases import sqlite_file
    from bench.storage import event_mix, seed_messages, sustained

    levels = (0, 5_000, 20_000) if args.quick else (0, 10_000, 100_000, 1_000_000)
    n_measure = 500 if args.quick else 3000
    t = report.table("SQLite write rate vs database size (agent_actions rows)", ["rows before", "events/s"])
    out: dict[str, Any] = {}
    with sqlite_file("scaling") as url:
        db = Database.open(url)
        try:
            msgs, _ = seed_messages(db, max(20, n_measure // 5))
            now = datetime.now(UTC)
            with db.sessions.begin() as s:
                s.execute(insert(Conversation), [{"id": f"fill{i}", "created_at": now, "last_message_at": now}
                                                 for i in range(1000)])  # fmt: skip
            filled = 0
            for level in levels:
                while filled < level:
                    chunk = min(50_000, level - filled)
                    with db.sessions.begin() as s:
                        s.execute(insert(AgentAction), [
                            {"kind": "inserted", "conversation_id": f"fill{(filled + j) % 1000}", "created_at": now}
                            for j in range(chunk)])  # fmt: skip
                    filled += chunk
                works = event_mix(msgs)
                res = sustained(db, (works * (n_measure // len(works) + 1))[:n_measure])
                out[str(level)] = res
                t.rows.append([level, res["events_per_s"]])
        finally:
            db.close()
    report.figures["storage_rate_vs_rows"] = out
    report.notes.append(
        "storage scaling on SQLite only; rows were bulk-inserted, then the app's event mix timed"
    )


PARTS = {"intent": intent_vs_length, "drafts": drafts_vs_history, "retrieval": retrieval_vs_size,
         "storage": storage_vs_size}  # fmt: skip


def run(args: argparse.Namespace, report: Report) -> None:
    for part in [p.strip() for p in args.parts.split(",") if p.strip()]:
        report.log(f"part {part}")
        try:
            PARTS[part](args, report)
        except Exception as exc:  # noqa: BLE001 - one part failing leaves the others' figures
            report.skip(part, f"{type(exc).__name__}: {exc}")
