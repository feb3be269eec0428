"""soak: a shift's worth of messages replayed at high speed through the real pipeline
(``AssistService`` + the single writer on a real SQLite file), watching for leaks and drift.

Samples every ``--sample-s``: process memory (RSS, psutil), the writer's backlog, the service's
pending tasks, queued intents and conversation states; and per tenth of the run the latency
message-in -> intents and -> first draft. PASS when memory after the first tenth grows by less
than --max-growth-mb, queues drain at the end, and the last tenth's p95 is within
--max-drift x that of tenths 2-4 (medians of three). Engines: fakes by default (pipeline + storage cost only, so
20,000 messages fit in minutes); ``--engines real`` uses the ONNX int8 intent model and the
retrieval-only draft engine.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

from bench.databases import database_url
from bench.datasets import messages
from bench.harness import LoopLagProbe, Report, summarize


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--messages", type=int, help="messages to replay (default 20000; quick 400)")
    p.add_argument(
        "--rate", type=float, default=50.0, help="messages/s offered (250/s saturates the writer here)"
    )
    p.add_argument("--conversations", type=int, default=400, help="conversations the messages rotate over")
    p.add_argument("--engines", choices=["fake", "real"], default="fake")
    p.add_argument("--sample-s", type=float, default=1.0)
    p.add_argument("--max-growth-mb", type=float, default=100.0)
    p.add_argument("--max-drift", type=float, default=2.0)


class Latencies:
    def __init__(self) -> None:
        self.samples: list[tuple[float, str, float]] = []  # (time, name, ms)

    def on_latency(self, name: str, ms: float) -> None:
        self.samples.append((time.perf_counter(), name, ms))

    def __getattr__(self, name: str) -> Any:  # the listener's other callbacks: ignore
        if name.startswith("on_"):
            return lambda *a, **k: None
        raise AttributeError(name)


def make_engines(args: argparse.Namespace, report: Report) -> tuple[Any, Any]:
    if args.engines == "fake":
        from assist.drafts.base import FakeDraftEngine
        from assist.intent.base import FakeIntentEngine

        return (FakeIntentEngine({"card": ["card"], "order": ["order"], "refund": ["refund"]}),
                FakeDraftEngine({"card": ["Your card is on its way."]}))  # fmt: skip
    from assist.drafts.loading import build_draft_engine
    from assist.intent.loading import load_intent_engine
    from bench.draft_latency import library_and_messages
    from bench.models import INT8, intent_model

    library, _ = library_and_messages(args, 200, 1)
    return (load_intent_engine(intent_model(args, report), runtime="onnx", onnx_file=INT8),
            build_draft_engine(model_dir=None, library=library, generator="none"))  # fmt: skip


async def replay(args: argparse.Namespace, url: str, n: int, intent: Any, drafts: Any) -> dict[str, Any]:
    import psutil

    from assist.core.types import IncomingMessage
    from assist.service import AssistService
    from assist.storage.database import Database

    proc = psutil.Process()
    texts = messages(args.data_dir, 1000, args.seed).texts
    db = Database.open(url)
    lat = Latencies()
    service = AssistService(db, intent, drafts, agent_name="soak", listener=lat, source="replay")
    curve: list[dict[str, Any]] = []
    t_start = time.perf_counter()
    done = asyncio.Event()

    async def sampler() -> None:
        while not done.is_set():
            curve.append({
                "t_s": round(time.perf_counter() - t_start, 2), "rss_mb": round(proc.memory_info().rss / 2**20, 1),
                "writer_backlog": db.writer.backlog, "pending_tasks": service.pending_tasks,
                "intents_queued": service.intents_queued, "states": len(getattr(service, "_states", {})),
            })  # fmt: skip
            await asyncio.sleep(args.sample_s)

    probe = LoopLagProbe(0.01).start()
    sampling = asyncio.create_task(sampler())
    for i in range(n):
        delay = t_start + i / args.rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        conv = i % args.conversations
        service.submit(IncomingMessage(message_id=f"soak-{i}", conversation_id=f"soak-{conv}",
                                       text=texts[i % len(texts)], lang="en"))  # fmt: skip
    offered_s = time.perf_counter() - t_start
    await asyncio.wait_for(service.wait_idle(), timeout=300)
    while db.writer.backlog:
        await asyncio.sleep(0.05)
    await asyncio.sleep(args.sample_s)
    done.set()
    await sampling
    lag = await probe.stop()
    total_s = time.perf_counter() - t_start
    await service.aclose()
    db.close()
    return {"curve": curve, "latency": lat.samples, "lag": lag, "offered_s": offered_s, "total_s": total_s,
            "t_start": t_start}  # fmt: skip


def run(args: argparse.Namespace, report: Report) -> None:
    n = args.messages or (400 if args.quick else 20_000)
    intent, drafts = make_engines(args, report)
    report.settings.update(messages=n, rate_per_s=args.rate, conversations=args.conversations, engines=args.engines,
                           database="sqlite (fresh file)", max_growth_mb=args.max_growth_mb, max_drift=args.max_drift)  # fmt: skip
    with database_url("sqlite", "", "soak") as url:
        res = asyncio.run(replay(args, url, n, intent, drafts))
    curve = res["curve"]
    report.figures.update(offered_s=round(res["offered_s"], 1), total_s=round(res["total_s"], 1),
                          achieved_rate_per_s=round(n / res["total_s"], 1), loop_lag_ms=summarize(res["lag"]),
                          curve=curve)  # fmt: skip
    tenth = max(1, len(curve) // 10)
    rss_after_warmup = curve[min(tenth, len(curve) - 1)]["rss_mb"]
    growth = round(max(c["rss_mb"] for c in curve) - rss_after_warmup, 1)
    peaks = {
        k: max(c[k] for c in curve) for k in ("writer_backlog", "pending_tasks", "intents_queued", "states")
    }
    end = curve[-1]
    t = report.table("latency per tenth of the run (message-in -> ...), ms", [
        "tenth", "intents n", "intents p50", "intents p95", "first draft p50", "first draft p95"])  # fmt: skip
    span = res["total_s"] / 10
    tenths: list[dict[str, Any]] = []
    for k in range(10):
        lo, hi = res["t_start"] + k * span, res["t_start"] + (k + 1) * span
        row = {name: summarize([ms for (ts, nm, ms) in res["latency"] if nm == name and lo <= ts < hi])
               for name in ("intents", "first_draft")}  # fmt: skip
        tenths.append(row)
        t.rows.append([k + 1, row["intents"].get("n", 0), row["intents"].get("p50"), row["intents"].get("p95"),
                       row["first_draft"].get("p50"), row["first_draft"].get("p95")])  # fmt: skip
    p95s = [r["intents"].get("p95") for r in tenths if r["intents"].get("n")]
    # median p95 of the last three tenths over that of tenths 2-4 (the first tenth is warm-up)
    drift = None
    if len(p95s) >= 7:
        early, late = sorted(p95s[1:4])[1], sorted(p95s[-3:])[1]
        drift = round(late / early, 2) if early else None
    m = report.table("memory and queues", ["gauge", "after first tenth", "peak", "at end"])
    m.rows.append(["rss_mb", rss_after_warmup, max(c["rss_mb"] for c in curve), end["rss_mb"]])
    for k, peak in peaks.items():
        m.rows.append([k, curve[min(tenth, len(curve) - 1)][k], peak, end[k]])
    report.figures.update(
        rss_growth_mb=growth, peaks=peaks, at_end=end, latency_tenths=tenths, p95_drift=drift
    )
    checks = {
        "memory growth": growth < args.max_growth_mb,
        "queues drained": end["writer_backlog"] == 0
        and end["pending_tasks"] == 0
        and end["intents_queued"] == 0,
        "no latency drift": drift is None or drift <= args.max_drift,
    }
    report.figures["checks"] = checks
    report.figures["pass"] = all(checks.values())
    report.target("RSS growth after warm-up, MB", f"< {args.max_growth_mb}", growth, checks["memory growth"])
    report.target("intent latency p95 drift (last 3 tenths / tenths 2-4)", f"<= {args.max_drift}x", drift,
                  checks["no latency drift"])  # fmt: skip
    verdict = "PASS" if report.figures["pass"] else "FAIL"
    report.notes.append(
        f"{verdict}: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in checks.items())
    )
