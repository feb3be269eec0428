"""What every benchmark shares: machine facts, timing helpers, the report (table + JSON).

A benchmark module defines ``NAME``, ``DESCRIPTION``, optionally ``add_arguments(parser)``,
and ``run(args, report)``; it fills the :class:`Report` with settings, figures, tables,
targets and skips. ``python -m bench NAME`` prints the tables and writes one JSON object.

This machine is shared and noisy: compare variants in the same run, report medians,
p95/p99 and ratios; absolute CPU times are pessimistic.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
LIBRARIES = (
    "torch", "transformers", "tokenizers", "optimum", "optimum-onnx", "onnxruntime",
    "sentence-transformers", "sqlalchemy", "psycopg", "aiohttp", "pyside6", "qasync", "numpy",
)  # fmt: skip


# ---------------------------------------------------------------------------- machine
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _gpu() -> list[str]:
    """GPU names from torch when it is already imported, else from nvidia-smi (cheap)."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        return [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    if shutil.which("nvidia-smi"):
        try:
            out = subprocess.run(
                ["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
                capture_output=True, text=True, timeout=10, check=False,
            )  # fmt: skip
            return [ln.strip() for ln in out.stdout.splitlines() if ln.strip()]
        except (OSError, subprocess.SubprocessError):
            return []
    return []


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=5
        )
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def machine_info() -> dict[str, Any]:
    import psutil

    versions: dict[str, str | None] = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = None
    mem = psutil.virtual_memory()
    return {
        "cpu_model": _cpu_model(),
        "cpu_cores_logical": psutil.cpu_count(logical=True),
        "cpu_cores_physical": psutil.cpu_count(logical=False),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gb": round(mem.total / 2**30, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "gpu": _gpu(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": _git_commit(),
        "libraries": versions,
    }


# ---------------------------------------------------------------------------- timing
def summarize(samples_ms: Sequence[float]) -> dict[str, float | int]:
    """n, mean, p50, p95, p99, min, max of a list of milliseconds (nearest-rank percentiles)."""
    if not samples_ms:
        return {"n": 0}
    xs = sorted(samples_ms)

    def pct(p: float) -> float:
        return xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))]

    return {
        "n": len(xs),
        "mean": round(statistics.fmean(xs), 3),
        "p50": round(pct(50), 3),
        "p95": round(pct(95), 3),
        "p99": round(pct(99), 3),
        "min": round(xs[0], 3),
        "max": round(xs[-1], 3),
    }


def time_calls(
    fn: Callable[[int], object], *, reps: int, warmup: int = 3, max_seconds: float | None = None
) -> list[float]:
    """Call ``fn(i)`` ``warmup`` times untimed, then up to ``reps`` times; milliseconds each."""
    for i in range(warmup):
        fn(i)
    gc.collect()
    out: list[float] = []
    start = time.perf_counter()
    for i in range(reps):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000.0)
        if max_seconds is not None and time.perf_counter() - start > max_seconds:
            break
    return out


def ratio(slow: float | None, fast: float | None) -> float | None:
    """How many times faster ``fast`` is than ``slow`` (both durations), rounded."""
    if not slow or not fast:
        return None
    return round(slow / fast, 2)


def pin_threads(threads: int | None) -> int | None:
    """Set torch's process-wide intra-op threads again (engines set it when they load)."""
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    if threads:
        torch.set_num_threads(threads)
    return int(torch.get_num_threads())


class LoopLagProbe:
    """A heartbeat task on the running asyncio loop: how late each tick wakes up (ms).

    The same idea as the desk's Qt heartbeat: a timer that should fire every
    ``interval_s``; anything that blocks the loop shows up as lateness.
    """

    def __init__(self, interval_s: float = 0.01) -> None:
        self.interval_s = interval_s
        self.lags_ms: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + self.interval_s
            await asyncio.sleep(self.interval_s)
            self.lags_ms.append(max(0.0, (loop.time() - due) * 1000.0))

    def start(self) -> LoopLagProbe:
        self.lags_ms.clear()
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    async def stop(self) -> list[float]:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        return list(self.lags_ms)


# ---------------------------------------------------------------------------- report
@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def render(self) -> str:
        cells = [[_fmt(c) for c in self.columns]] + [[_fmt(v) for v in row] for row in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = [f"## {self.title}"]
        for n, row in enumerate(cells):
            just = [
                v.ljust(w) if n == 0 or i == 0 else v.rjust(w)
                for i, (v, w) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  ".join(just).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:,.3g}" if abs(v) < 10 else f"{v:,.1f}"
    return str(v)


@dataclass
class Report:
    name: str
    quick: bool
    settings: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    error: str | None = None

    def table(self, title: str, columns: list[str]) -> Table:
        t = Table(title, columns)
        self.tables.append(t)
        return t

    def skip(self, what: str, why: str) -> None:
        self.skipped.append({"what": what, "why": why})
        print(f"[{self.name}] skipped {what}: {why}", file=sys.stderr)

    def target(self, name: str, goal: str, value: float | None, met: bool | None) -> None:
        """A target from the issues, with the measured value (None when not measured)."""
        self.targets.append({"name": name, "target": goal, "value": value, "met": met})

    def log(self, text: str) -> None:
        print(f"[{self.name}] {text}", file=sys.stderr, flush=True)

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        if not self.figures:
            return "skipped"
        return "partial" if self.skipped else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.name,
            "status": self.status,
            "quick": self.quick,
            "started_at": dt.datetime.fromtimestamp(self.started, dt.UTC).isoformat(timespec="seconds"),
            "duration_s": round(time.time() - self.started, 2),
            "machine": machine_info(),
            "settings": self.settings,
            "figures": self.figures,
            "targets": self.targets,
            "skipped": self.skipped,
            "notes": self.notes,
            "error": self.error,
            "tables": [{"title": t.title, "columns": t.columns, "rows": t.rows} for t in self.tables],
        }

    def render(self) -> str:
        parts = [f"# {self.name} ({'quick' if self.quick else 'full'}) — {self.status}"]
        parts += [t.render() for t in self.tables]
        if self.targets:
            tt = Table("targets", ["target", "goal", "measured", "met"])
            tt.rows = [[t["name"], t["target"], t["value"], t["met"]] for t in self.targets]
            parts.append(tt.render())
        parts += [f"skipped: {s['what']} — {s['why']}" for s in self.skipped]
        parts += [f"note: {n}" for n in self.notes]
        if self.error:
            parts.append(f"error: {self.error}")
        return "\n\n".join(parts)


def write_json(data: dict[str, Any], path: str | None) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text + "\n", encoding="utf-8")
