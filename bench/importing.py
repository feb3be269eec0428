"""import: reading and importing data files, CSV vs JSONL vs a JSON array, as the rows grow.

Each size is written in the three formats with the same rows (intent examples), then read
(``read_utterances``: parse and validate) and imported (``import_file`` into a fresh SQLite
file, one transaction). The JSON array case guards against a reader that recounts line
numbers from the start of the file for every item (it was quadratic: 80k rows took 118 s
against 0.8 s as JSONL); the target is that reading grows linearly: the time per row at the
largest size stays within 3x of the smallest.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Report

FORMATS = ("csv", "jsonl", "json")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sizes", default="", help="comma-separated row counts (default 20000,40000,80000)")


def _write(path: Path, rows: list[dict[str, str]], fmt: str) -> None:
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    elif fmt == "json":
        path.write_text(
            "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n", "utf-8"
        )
    else:
        body = "".join(f'"{r["text"]}",{r["label"]}\n' for r in rows)
        path.write_text("text,label\n" + body, encoding="utf-8")


def _rows(n: int) -> list[dict[str, str]]:
    labels = ("track_order", "refund", "cancel_order", "change_address", "payment_issue")
    return [
        {"text": f"where is my order number {i}, it has not arrived", "label": labels[i % 5]}
        for i in range(n)
    ]


def run(args: argparse.Namespace, report: Report) -> None:
    from assist.data.importers import import_file
    from assist.data.readers import read_utterances
    from assist.storage.database import Database

    sizes = [int(s) for s in args.sizes.split(",") if s] or (
        [2000, 4000, 8000] if args.quick else [20000, 40000, 80000]
    )
    report.settings.update(sizes=sizes, formats=list(FORMATS), kind="utterances", backend="sqlite")
    table = report.table(
        "read (parse + validate) and import, seconds", ["rows", "format", "read s", "import s"]
    )
    per_row: dict[str, list[float]] = {f: [] for f in FORMATS}
    with tempfile.TemporaryDirectory(prefix="assist-bench-import-") as tmp:
        root = Path(tmp)
        for n in sizes:
            rows = _rows(n)
            for fmt in FORMATS:
                path = root / f"rows{n}.{fmt}"
                _write(path, rows, fmt)
                t0 = time.perf_counter()
                got = read_utterances(path)
                read_s = time.perf_counter() - t0
                assert len(got) == n
                db = Database.open(f"sqlite:///{root / f'{fmt}{n}.sqlite'}")
                try:
                    t0 = time.perf_counter()
                    imported = import_file(db, path, "utterances")
                    import_s = time.perf_counter() - t0
                finally:
                    db.close()
                assert imported.count == n
                per_row[fmt].append(read_s / n)
                report.figures.setdefault(fmt, {})[str(n)] = {
                    "read_s": round(read_s, 3),
                    "import_s": round(import_s, 3),
                }
                table.rows.append([n, fmt, round(read_s, 3), round(import_s, 3)])
                report.log(f"{n} rows as {fmt}: read {read_s:.2f} s, import {import_s:.2f} s")
    for fmt, costs in per_row.items():
        growth: Any = round(costs[-1] / costs[0], 2) if costs and costs[0] > 0 else None
        report.figures.setdefault("per_row_growth", {})[fmt] = growth
        report.target(
            f"{fmt}: read time per row, largest vs smallest size",
            "< 3x (linear)",
            growth,
            None if growth is None else growth < 3,
        )
