"""Every benchmark runs end to end in --quick mode, so the harness cannot rot.

These check the shape and sanity of the JSON (keys, statuses, positive rates, ordered
percentiles), never speed: speed is what bench/ reports, not what tests assert. A benchmark
whose engine is not built yet reports ``skipped`` with a reason; that passes here too, as
long as it says why.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = [
    "storage",
    "intent-latency",
    "draft-latency",
    "end-to-end",
    "quality",
    "scaling",
    "soak",
    "generation",
    "import",
]
TOP_KEYS = {
    "benchmark",
    "status",
    "quick",
    "machine",
    "settings",
    "figures",
    "targets",
    "skipped",
    "tables",
    "error",
}


def run_bench(name: str, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / f"{name}.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_") or k.startswith("ASSIST_TEST_")}
    env.update(ASSIST_CONFIG_DIR=str(tmp_path / "config"), ASSIST_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.run(
        [sys.executable, "-m", "bench", name, "--quick", "--quiet", "--json", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert out.exists(), f"no JSON from bench {name}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert proc.returncode == 0, f"bench {name} failed: {data.get('error')}\n{proc.stderr[-3000:]}"
    return data


def walk_percentiles(obj: Any) -> None:
    """Every summary {p50, p95, p99} anywhere in the figures is ordered and non-negative."""
    if isinstance(obj, dict):
        if {"p50", "p95", "p99"} <= obj.keys():
            assert 0 <= obj["p50"] <= obj["p95"] <= obj["p99"], obj
        for v in obj.values():
            walk_percentiles(v)
    elif isinstance(obj, list):
        for v in obj:
            walk_percentiles(v)


@pytest.mark.slow
@pytest.mark.parametrize("name", BENCHMARKS)
def test_bench_quick(name: str, tmp_path: Path) -> None:
    data = run_bench(name, tmp_path)
    assert data.keys() >= TOP_KEYS
    assert data["benchmark"] == name and data["quick"] is True
    assert data["status"] in {"ok", "partial", "skipped"}, data.get("error")
    machine = data["machine"]
    assert machine["cpu_cores_logical"] >= 1 and machine["memory_gb"] > 0
    assert "torch" in machine["libraries"]
    for skip in data["skipped"]:
        assert skip["what"] and skip["why"], "a skip must say what and why"
    if data["status"] == "skipped":
        assert data["skipped"], "a skipped benchmark must say why"
        return
    assert data["tables"] and all(t["columns"] for t in data["tables"])
    walk_percentiles(data["figures"])
    for target in data["targets"]:
        assert {"name", "target", "value", "met"} <= target.keys()
    CHECKS.get(name, lambda _f: None)(data["figures"])


def check_import(figures: dict[str, Any]) -> None:
    assert {"csv", "jsonl", "json"} <= figures.keys()  # the JSON array is measured beside the others
    for fmt in ("csv", "jsonl", "json"):
        assert all(v["read_s"] >= 0 and v["import_s"] > 0 for v in figures[fmt].values())


def check_storage(figures: dict[str, Any]) -> None:
    assert "sqlite" in figures
    for backend in figures.values():
        assert backend["sustained"]["events_per_s"] > 0
        assert backend["ingest_events_per_s"] > 0
        assert backend["burst_lag_ms"]["n"] > 0


def check_intent(figures: dict[str, Any]) -> None:
    for batch in ("batch1", "batch8"):
        assert {"pipeline", "torch"} <= figures[batch].keys()
        assert all(v["p50"] > 0 for v in figures[batch].values())
    for acc in figures["accuracy"].values():
        assert 0 <= acc["accuracy"] <= 1


CHECKS = {"storage": check_storage, "intent-latency": check_intent, "import": check_import}
