"""Render benchmark JSON files as Markdown for bench/README.md.

    python -m bench.report_md out/bench/*.json > results.md

Each file may hold one benchmark object or the ``all`` object (``{"benchmarks": {...}}``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.harness import _fmt


def md_table(columns: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render(data: dict[str, Any]) -> str:
    mode = "quick" if data.get("quick") else "full"
    out = [f"### {data['benchmark']} ({mode}, {data.get('status')}, {data.get('duration_s')} s)"]
    settings = data.get("settings", {})
    if settings:
        shown = ", ".join(f"{k}={v}" for k, v in settings.items() if not isinstance(v, dict | list))
        out.append(f"Settings: {shown}")
    for table in data.get("tables", []):
        if table["rows"]:
            out.append(f"**{table['title']}**\n\n" + md_table(table["columns"], table["rows"]))
    if data.get("targets"):
        rows = [[t["name"], t["target"], t["value"], t["met"]] for t in data["targets"]]
        out.append("**targets**\n\n" + md_table(["target", "goal", "measured", "met"], rows))
    out += [f"- skipped {s['what']}: {s['why']}" for s in data.get("skipped", [])]
    out += [f"- note: {n}" for n in data.get("notes", [])]
    if data.get("error"):
        out.append(f"- error: {data['error']}")
    return "\n\n".join(out)


def main(paths: list[str]) -> int:
    machine = None
    parts = []
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        items = list(data["benchmarks"].values()) if "benchmarks" in data else [data]
        for item in items:
            machine = machine or item.get("machine")
            parts.append(render(item))
    if machine:
        libs = ", ".join(f"{k} {v}" for k, v in machine.get("libraries", {}).items() if v)
        parts.insert(0, f"Machine: {machine.get('cpu_model')}, {machine.get('cpu_cores_logical')} logical cores, "
                        f"{machine.get('memory_gb')} GB, GPU: {machine.get('gpu') or 'none'}, Python "
                        f"{machine.get('python')}, commit {machine.get('git_commit')}, load average at the end "
                        f"{machine.get('load_average')}.\nLibraries: {libs}.")  # fmt: skip
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
