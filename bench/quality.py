"""quality: runs the real CLIs, ``assist eval intent`` and ``assist eval drafts``, on held-out
parts of ../shared/data (BANKING77 and Bitext, split by a hash of the text: see
bench/datasets.py) and reports their tables. The held-out files are written to a temporary
directory, never into the repository. Models: --intent-model / --drafts-model, else the ones
bench/models.py picks (trained on the other, disjoint part of the same split).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.datasets import held_out
from bench.harness import Report
from bench.models import TEAM_DRAFTS_MODEL, TEAM_INTENT_MODEL, drafts_model, intent_model

TEAM_INTENT_SPLIT = Path("/tmp/b77/heldout_oos.csv")  # the intent engineer's held-out part (+ unknowns)
TEAM_DRAFTS_SPLIT = Path("/tmp/bitext_split/test.csv")  # the drafts engineer's held-out part

OPTION_NAMES = {
    "model": ("--model", "--model-dir", "--intent-model", "--drafts-model"),
    "data": ("--data", "--test", "--input", "--file"),
    "json": ("--json",),
    "limit": ("--max-samples", "--max-eval-samples", "--limit", "--max-examples"),
}
INTENT_KEYS = ("n", "accuracy", "macro_f1", "ece", "in_scope_accuracy", "oos_recall", "oos_precision",
               "oos_auroc", "oos_recall_ceiling")  # fmt: skip
DRAFT_KEYS = ("rouge_l", "chrf", "embedding_similarity", "intent_match")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--intent-model", type=Path, help="intent model to evaluate")
    p.add_argument("--drafts-model", type=Path, help="draft model to evaluate")


def assist_cli(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "assist.cli.main", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)  # fmt: skip


def options(kind: str) -> dict[str, str] | str:
    """The option names this CLI takes, or why it cannot be run yet."""
    proc = assist_cli(["eval", kind, "--help"], 120)
    text = proc.stdout + proc.stderr
    if proc.returncode != 0 or "not built yet" in text:
        return f"`assist eval {kind}` is not built yet ({text.strip().splitlines()[-1] if text.strip() else proc.returncode})"
    found = {}
    for role, names in OPTION_NAMES.items():
        hit = next((n for n in names if re.search(rf"{re.escape(n)}\b", text)), None)
        if hit:
            found[role] = hit
    positional = re.search(r"usage:.*?\b(MODEL|DATA)\b", text, re.S)
    if "data" not in found and not positional:
        return f"`assist eval {kind} --help` shows no data option I know ({', '.join(OPTION_NAMES['data'])})"
    return found


def last_json(text: str) -> dict[str, Any] | None:
    start = text.find("{")
    while start != -1:
        try:
            obj = json.loads(text[start:])
            return obj if isinstance(obj, dict) else None
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
    return None


def write_held_out(src: Path, dst: Path, key: str, limit: int) -> int:
    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if held_out(r[key])][:limit]
        fields = reader.fieldnames or []
    with dst.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def evaluate(
    kind: str,
    opts: dict[str, str],
    model: Path,
    data: Path,
    report: Report,
    timeout: float,
    extra: tuple[str, ...] = (),
    label: str = "",
) -> dict[str, Any] | None:
    cmd = ["eval", kind]
    cmd += [opts["model"], str(model)] if "model" in opts else [str(model)]
    cmd += [opts["data"], str(data)] if "data" in opts else [str(data)]
    if "json" in opts:
        cmd.append(opts["json"])
    cmd += list(extra)
    label = label or kind
    report.log("assist " + " ".join(cmd))
    try:
        proc = assist_cli(cmd, timeout)
    except subprocess.TimeoutExpired:
        report.skip(f"eval {label}", f"did not finish within {timeout:.0f} s")
        return None
    result = last_json(proc.stdout)
    if proc.returncode != 0 or result is None:
        why = (proc.stderr or proc.stdout).strip()[-400:]
        report.skip(f"eval {label}", f"exit code {proc.returncode}: {why}")
        return None
    report.settings[f"{label}_command"] = "assist " + " ".join(cmd)
    return result


def run(args: argparse.Namespace, report: Report) -> None:
    b77 = args.data_dir / "banking77" / "train.csv"
    btx = args.data_dir / "bitext" / "customer_support_train.csv"
    if not b77.is_file() or not btx.is_file():
        report.skip("quality", f"real data not available under {args.data_dir}")
        return
    limit = 200 if args.quick else 100_000
    timeout = 300 if args.quick else 540
    with tempfile.TemporaryDirectory(prefix="assist-quality-") as tmp:
        intent_data, drafts_data = Path(tmp) / "banking77_held_out.csv", Path(tmp) / "bitext_held_out.csv"
        n_i = write_held_out(b77, intent_data, "text", limit)
        n_d = write_held_out(btx, drafts_data, "instruction", 6 if args.quick else 100)
        report.settings.update(intent_data=f"BANKING77 train.csv held-out part ({n_i} rows)",
                               drafts_data=f"Bitext held-out part ({n_d} rows)")  # fmt: skip
        opts = options("intent")
        if isinstance(opts, str):
            report.skip("eval intent", opts)
        else:
            model = intent_model(args, report)
            runtimes = {"torch": ("--runtime", "torch")}
            if not args.quick:
                runtimes["onnx-int8"] = ("--runtime", "onnx", "--onnx-file", "model_quantized.onnx")
            t = report.table("assist eval intent (BANKING77 held-out)", ["metric", *runtimes])
            results = {}
            for name, extra in runtimes.items():
                extra = (*extra, "--text-col", "text", "--label-col", "category")
                res = evaluate("intent", opts, model, intent_data, report, timeout, extra, f"intent-{name}")
                if res is not None:
                    results[name] = res
            if (
                not args.quick
                and (TEAM_INTENT_MODEL / "assist.json").is_file()
                and TEAM_INTENT_SPLIT.is_file()
            ):
                extra = ("--text-col", "text", "--label-col", "category", "--oos-label", "oos")
                res = evaluate("intent", opts, TEAM_INTENT_MODEL, TEAM_INTENT_SPLIT, report, timeout, extra,
                               "intent-team")  # fmt: skip
                if res is not None:
                    results["team model"] = res
                    report.notes.append(f"* team model: {TEAM_INTENT_MODEL} on its own held-out file "
                                        f"{TEAM_INTENT_SPLIT} (unknown intents labelled oos)")  # fmt: skip
            report.figures["intent"] = results
            t.columns = ["metric", *(f"{n}*" if n == "team model" else n for n in results)]
            t.rows = [[k, *(results.get(n, {}).get(k) for n in results)] for k in INTENT_KEYS]
        opts = options("drafts")
        if isinstance(opts, str):
            report.skip("eval drafts", opts)
        else:
            extra = ("--customer-col", "instruction", "--agent-col", "response", "--intent-col", "intent")
            if args.quick:
                extra += ("--max-new-tokens", "16")
            model, data = drafts_model(args, report), drafts_data
            if str(model) == str(TEAM_DRAFTS_MODEL) and TEAM_DRAFTS_SPLIT.is_file():
                data = TEAM_DRAFTS_SPLIT  # the team's model is scored on the team's held-out part
                extra += ("--max-samples", "100")
                report.settings["drafts_data"] = (
                    f"{TEAM_DRAFTS_SPLIT} (the draft model's own held-out part), 100 rows"
                )
            res = evaluate("drafts", opts, model, data, report, timeout, extra)
            if res is not None:
                report.figures["drafts"] = res
                t = report.table("assist eval drafts (Bitext held-out), best of 3", ["set", *DRAFT_KEYS])
                for part in ("ranked", "first_shown", "generated", "retrieved"):
                    if isinstance(res.get(part), dict):
                        t.rows.append([part, *(res[part].get(k) for k in DRAFT_KEYS)])
