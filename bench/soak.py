"""soak: a shift's worth of messages replayed at high speed through the real pipeline
(``AssistService`` + the single writer on a real SQLite file), watching for leaks and drift.

Samples every ``--sample-s``: process memory (RSS, psutil), the writer's backlog, the service's
pending tasks, queued intents and conversation states, the process's own CPU time (all threads),
the time its threads spent runnable but waiting for a CPU (``/proc/self/task/*/schedstat``, Linux)
and the machine's load average; and per tenth of the run the latency message-in -> intents and
-> first draft, and the CPU and run-queue wait per message.

PASS when memory after the first tenth grows by less than --max-growth-mb, queues drain at the
end, the CPU the process spends per message does not drift (a cost that grows with the database
or with state kept in memory shows up there, whatever else runs on the machine), and the intent
latency p95 does not drift. Drift is the median of the last three tenths over that of tenths
2-4, allowed up to --max-drift. Wall latency is also what other processes make it: when the
run-queue wait per message drifted by more than --max-drift too (the machine got busier, not the
pipeline costlier), a latency drift is reported as the machine's and the verdict rests on the
CPU per message; it still fails if that drifts.

Engines: fakes by default (pipeline + storage cost only, so 20,000 messages fit in minutes);
``--engines real`` uses the ONNX int8 intent model and the retrieval-only draft engine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path
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


def run_queue_wait_s() -> float | None:
    """Seconds this process's threads have spent runnable but waiting for a CPU (Linux
    schedstat: the second field); None where the kernel does not say."""
    total, seen = 0.0, False
    for stat in Path("/proc/self/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1]) / 1e9
            seen = True
        except (OSError, IndexError, ValueError):  # a thread that just ended
            continue
    return total if seen else None


def time_commits(writer: Any) -> list[tuple[float, float]]:
    """(perf_counter at the end, ms) of each batch the writer commits (the ingest write is
    awaited before intents, so a slower commit is a slower message)."""
    commits: list[tuple[float, float]] = []
    commit = writer._commit_batch

    def timed(batch: Any) -> None:
        started = time.perf_counter()
        try:
            commit(batch)
        finally:
            now = time.perf_counter()
            commits.append((now, (now - started) * 1000.0))

    writer._commit_batch = timed  # the writer thread looks it up per batch
    return commits


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
    commits = time_commits(db.writer)
    lat = Latencies()
    service = AssistService(db, intent, drafts, agent_name="soak", listener=lat, source="replay")
    curve: list[dict[str, Any]] = []
    t_start = time.perf_counter()
    done = asyncio.Event()

    cpu0, wait0 = time.process_time(), run_queue_wait_s()

    async def sampler() -> None:
        while not done.is_set():
            wait = run_queue_wait_s()
            curve.append({
                "t_s": round(time.perf_counter() - t_start, 2), "rss_mb": round(proc.memory_info().rss / 2**20, 1),
                "writer_backlog": db.writer.backlog, "pending_tasks": service.pending_tasks,
                "intents_queued": service.intents_queued, "states": len(getattr(service, "_states", {})),
                "cpu_s": round(time.process_time() - cpu0, 3), "load1": round(os.getloadavg()[0], 2),
                "run_queue_wait_s": round(wait - wait0, 3) if wait is not None and wait0 is not None else None,
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
    return {"curve": curve, "latency": lat.samples, "commits": commits, "lag": lag, "offered_s": offered_s, "total_s": total_s,
            "t_start": t_start}  # fmt: skip


def at(curve: list[dict[str, Any]], t_s: float, key: str) -> float | None:
    """The gauge ``key`` at ``t_s`` seconds into the run, interpolated between samples."""
    points = [(c["t_s"], c[key]) for c in curve if c.get(key) is not None]
    if not points:
        return None
    before = [p for p in points if p[0] <= t_s] or points[:1]
    after = [p for p in points if p[0] >= t_s] or points[-1:]
    (t0, v0), (t1, v1) = before[-1], after[0]
    return float(v0 if t1 == t0 else v0 + (v1 - v0) * (t_s - t0) / (t1 - t0))


def per_tenth(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Per tenth of the run (latencies by the time they were measured): latency summaries, messages done, own CPU and run-queue wait per
    message (ms), and the mean 1-minute load average."""
    curve, span = res["curve"], res["offered_s"] / 10  # tenths of the offering; the last one takes the drain
    tenths: list[dict[str, Any]] = []
    for k in range(10):
        lo, hi = k * span, (k + 1) * span if k < 9 else res["total_s"] + 1
        row: dict[str, Any] = {
            name: summarize([ms for (ts, nm, ms) in res["latency"] if nm == name and lo <= ts - res["t_start"] < hi])
            for name in ("intents", "first_draft")
        }  # fmt: skip
        row["commit"] = summarize([ms for (ts, ms) in res["commits"] if lo <= ts - res["t_start"] < hi])
        done = row["intents"].get("n", 0)
        for key, out in (("cpu_s", "cpu_ms_per_msg"), ("run_queue_wait_s", "wait_ms_per_msg")):
            a, b = at(curve, lo, key), at(curve, hi, key)
            row[out] = round((b - a) * 1000 / done, 3) if a is not None and b is not None and done else None
        loads = [c["load1"] for c in curve if lo <= c["t_s"] < hi]
        row["load1"] = round(sum(loads) / len(loads), 2) if loads else None
        tenths.append(row)
    return tenths


def drift(values: list[float | None]) -> float | None:
    """Median of the last three tenths over the median of tenths 2-4 (the first is warm-up)."""
    if len(values) < 10 or any(v is None for v in values[1:4] + values[-3:]):
        return None
    early, late = sorted(values[1:4])[1], sorted(values[-3:])[1]  # type: ignore[type-var]
    return round(late / early, 2) if early else None  # type: ignore[operator]


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
    tenths = per_tenth(res)
    t = report.table("per tenth of the run: latency message-in -> ..., ms; own CPU and run-queue wait per message, ms", [
        "tenth", "intents n", "intents p50", "intents p95", "first draft p50", "first draft p95",
        "commit p95", "CPU/msg", "wait/msg", "load"])  # fmt: skip
    for i, row in enumerate(tenths):
        t.rows.append([i + 1, row["intents"].get("n", 0), row["intents"].get("p50"), row["intents"].get("p95"),
                       row["first_draft"].get("p50"), row["first_draft"].get("p95"), row["commit"].get("p95"),
                       row["cpu_ms_per_msg"],
                       row["wait_ms_per_msg"], row["load1"]])  # fmt: skip
    p95_drift = drift([r["intents"].get("p95") for r in tenths])
    cpu_drift = drift([r["cpu_ms_per_msg"] for r in tenths])
    wait_drift = drift([r["wait_ms_per_msg"] for r in tenths])
    m = report.table("memory and queues", ["gauge", "after first tenth", "peak", "at end"])
    m.rows.append(["rss_mb", rss_after_warmup, max(c["rss_mb"] for c in curve), end["rss_mb"]])
    for k, peak in peaks.items():
        m.rows.append([k, curve[min(tenth, len(curve) - 1)][k], peak, end[k]])
    report.figures.update(rss_growth_mb=growth, peaks=peaks, at_end=end, latency_tenths=tenths,
                          p95_drift=p95_drift, cpu_per_msg_drift=cpu_drift, run_queue_wait_drift=wait_drift)  # fmt: skip
    cpu_ok = cpu_drift is None or cpu_drift <= args.max_drift
    latency_ok = p95_drift is None or p95_drift <= args.max_drift
    # a latency drift that comes with a drift in the time spent waiting for a CPU is the machine's
    machine = not latency_ok and wait_drift is not None and wait_drift > args.max_drift
    checks = {
        "memory growth": growth < args.max_growth_mb,
        "queues drained": end["writer_backlog"] == 0 and end["pending_tasks"] == 0 and end["intents_queued"] == 0,
        "no cost drift (CPU per message)": cpu_ok,
        "no latency drift": latency_ok or (machine and cpu_ok),
    }  # fmt: skip
    report.figures["checks"] = checks
    report.figures["latency_drift_basis"] = (
        "cpu per message (machine contention)" if machine else "wall latency"
    )
    report.figures["pass"] = all(checks.values())
    report.target("RSS growth after warm-up, MB", f"< {args.max_growth_mb}", growth, checks["memory growth"])
    report.target(
        "CPU per message drift (last 3 tenths / tenths 2-4)", f"<= {args.max_drift}x", cpu_drift, cpu_ok
    )
    report.target("intent latency p95 drift (last 3 tenths / tenths 2-4)", f"<= {args.max_drift}x", p95_drift,
                  checks["no latency drift"])  # fmt: skip
    if machine:
        report.notes.append(
            f"intent latency p95 drifted {p95_drift}x while this process's run-queue wait per message drifted "
            f"{wait_drift}x (other processes took the CPUs) and its own CPU per message {cpu_drift}x: "
            "the latency drift is the machine's; the check rests on CPU per message"
        )
    verdict = "PASS" if report.figures["pass"] else "FAIL"
    report.notes.append(
        f"{verdict}: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in checks.items())
    )
